"""The annual-report panel of the office dashboard: reports waiting for this person's approval,
and (for the office that compiles them) each year's report with its 31 January deadline."""
from django import template

from gongkai.core import clock
from gongkai.organisations.permissions import Action, organisations_where

from ..models import AnnualReport
from ..states import ReportStatus

register = template.Library()


@register.inclusion_tag("reports/_dashboard.html", takes_context=True)
def reports_dashboard(context):
    user = context["request"].user
    to_approve = list(AnnualReport.objects.filter(
        status=ReportStatus.SUBMITTED, organisation__in=organisations_where(user, Action.REPORT_APPROVE),
    ).select_related("organisation").order_by("year"))
    # Only the organisations whose report this person compiles: a leader or a supervisor has
    # nothing to do with a report still being written.
    orgs = organisations_where(user, Action.REPORT_EDIT).filter(role_assignments__user=user).distinct()
    today = clock.today()
    rows = []
    for org in orgs:
        # Last year's report (due 31 January of this year) and this year's (due next 31 January).
        for year in (today.year - 1, today.year):
            report = AnnualReport.objects.filter(organisation=org, year=year).first()
            due = AnnualReport(organisation=org, year=year).due_date
            if year < today.year and report is not None and report.is_published:
                continue  # done; nothing to remind of
            rows.append({
                "organisation": org, "year": year, "report": report, "due": due, "days_left": (due - today).days,
                "late": today > due and not (report and report.is_published),
            })
    return {"rows": rows, "to_approve": to_approve}
