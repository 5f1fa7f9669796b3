from django import template

from gongkai.core import clock

from .. import selectors

register = template.Library()


@register.inclusion_tag("outreach/office/dashboard_widget.html", takes_context=True)
def outreach_dashboard(context):
    """The work-bench panel: per visible organisation, the outreach duties overdue this year."""
    user = context["request"].user
    if not selectors.visible_organisations(user).exists():
        return {"shown": False}
    today = clock.today()
    rows = selectors.overview(user, today.year, today)
    return {"shown": True, "year": today.year, "rows": [r for r in rows if r["missing"]][:10],
            "missing": sum(r["missing"] for r in rows)}
