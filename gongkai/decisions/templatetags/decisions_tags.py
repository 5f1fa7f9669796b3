from django import template

register = template.Library()


@register.inclusion_tag("decisions/dashboard_widget.html", takes_context=True)
def decisions_dashboard(context):
    """The office dashboard's 双公示 queue (decisions waiting to be published, overdue first)."""
    from ..selectors import dashboard

    user = context.get("user") or getattr(context.get("request"), "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return {"show": False}
    return dashboard(user)
