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
    # The report of the year just ended is due on 31 January; from 1 January it is the one to work on.
    year = today.year - 1
    rows = []
    for org in orgs:
        report = AnnualReport.objects.filter(organisation=org, year=year).first()
        due = report.due_date if report else AnnualReport(organisation=org, year=year).due_date
        rows.append({
            "organisation": org, "report": report, "due": due, "days_left": (due - today).days,
            "late": today > due and not (report and report.is_published),
        })
    return {"rows": rows, "year": year}
