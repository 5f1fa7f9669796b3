"""`{% engagement_dashboard %}` for the office dashboard, and the countdown filter."""
from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("engagement/dashboard_widget.html", takes_context=True)
def engagement_dashboard(context):
    from ..selectors import dashboard

    user = context.get("user") or getattr(context.get("request"), "user", None)
    if user is None:
        return {"show": False}
    return dashboard(user)


@register.filter
def countdown(delta) -> str:
    """Render a timedelta as 剩余 X小时Y分 / 已超时 X小时Y分."""
    seconds = int(delta.total_seconds())
    minutes = abs(seconds) // 60
    hours, minutes = divmod(minutes, 60)
    text = _("%(h)d小时%(m)d分") % {"h": hours, "m": minutes}
    return (_("剩余%(t)s") if seconds >= 0 else _("已超时%(t)s")) % {"t": text}
