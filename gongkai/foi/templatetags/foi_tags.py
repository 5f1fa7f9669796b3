"""`{% foi_dashboard %}`: overdue and due-soon requests of the user's organisations, for the office dashboard."""
from django import template

from gongkai.organisations.permissions import Action, organisations_where

register = template.Library()

LIMIT = 20


@register.inclusion_tag("foi/dashboard_widget.html", takes_context=True)
def foi_dashboard(context):
    from ..selectors import attention

    user = context.get("user") or getattr(context.get("request"), "user", None)
    orgs = organisations_where(user, Action.FOI_VIEW) if user is not None else None
    if orgs is None or not orgs.exists():
        return {"show": False}
    work = attention(orgs)
    return {"show": True, "work": work, "limit": LIMIT,
            "can_handle": organisations_where(user, Action.FOI_HANDLE).exists()}
