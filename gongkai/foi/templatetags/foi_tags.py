"""`{% foi_dashboard %}`: the disclosure-request work queues of the office dashboard.

Each queue (new unassigned requests, extension requests to approve, due soon, overdue) is shown
only to users who can act on it (selectors.QUEUE_ACTIONS), with its count linking to the filtered
list; handlers also see the individual cases needing attention.
"""
from django import template

from gongkai.organisations.permissions import Action, organisations_where

register = template.Library()

LIMIT = 20


@register.inclusion_tag("foi/office/dashboard_panel.html", takes_context=True)
def foi_dashboard(context):
    from ..selectors import attention, work_queues

    user = context.get("user") or getattr(context.get("request"), "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return {"show": False}
    queues = work_queues(user)
    if not queues:
        return {"show": False}
    handled = organisations_where(user, Action.FOI_HANDLE)
    work = attention(handled) if handled.exists() else None
    return {"show": True, "queues": queues, "work": work, "limit": LIMIT}
