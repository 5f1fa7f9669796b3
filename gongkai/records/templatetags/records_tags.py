from django import template

from gongkai.core import clock
from gongkai.organisations.permissions import is_staff_user

from .. import deadlines, selectors

register = template.Library()


@register.inclusion_tag("records/office/dashboard_panel.html", takes_context=True)
def records_dashboard(context):
    """Records due soon and overdue for publication, with each deadline's explanation."""
    user = context["request"].user
    if not is_staff_user(user):
        return {"show": False}
    today = clock.today()
    overdue = list(selectors.overdue(user, today)[:20])
    due_soon = list(selectors.due_soon(user, today)[:20])
    for record in overdue + due_soon:
        record.deadline = deadlines.as_deadline(record)
    return {
        "show": True, "overdue": overdue, "due_soon": due_soon, "today": today,
        "awaiting": selectors.awaiting(user), "reading_room": selectors.reading_room_pending(user)[:20],
        "days": selectors.DUE_SOON_WORKING_DAYS,
    }


@register.inclusion_tag("records/portal/item_records_list.html")
def item_records(item, organisation):
    """The records published under one catalog item of an organisation (newest first)."""
    if organisation is None:
        return {"records": [], "item": item, "organisation": None}
    records = selectors.published().filter(organisation=organisation, catalog_key=item.key).order_by("-published_at")
    return {"records": list(records[:20]), "more": records.count() > 20, "item": item, "organisation": organisation}


@register.filter
def person(user) -> str:
    """The name staff know a person by (display name, else full name), as history pages show it."""
    from gongkai.core import audit

    return audit.actor_name(user)
