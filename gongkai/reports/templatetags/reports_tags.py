"""The annual-report panel of the office dashboard: each year's report, its 31 January deadline."""
from django import template

from gongkai.core import clock
from gongkai.organisations.permissions import Action, organisations_where

from ..models import AnnualReport

register = template.Library()


@register.inclusion_tag("reports/_dashboard.html", takes_context=True)
def reports_dashboard(context):
    user = context["request"].user
    orgs = organisations_where(user, Action.REPORT_VIEW_UNPUBLISHED).filter(role_assignments__user=user).distinct()
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
    return {"rows": rows}
