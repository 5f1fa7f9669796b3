"""`{% newmedia_dashboard %}` for the office dashboard."""
from django import template

register = template.Library()


@register.inclusion_tag("newmedia/dashboard_widget.html", takes_context=True)
def newmedia_dashboard(context):
    from ..selectors import dashboard

    user = context.get("user") or getattr(context.get("request"), "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return {"show": False}
    return dashboard(user)
