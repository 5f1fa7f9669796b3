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


@register.inclusion_tag("engagement/office/_to_message.html", takes_context=True)
def request_to_message(context, req):
    """Offer "turn into a message" on an open disclosure request that is really a 信访/投诉 (条例第三十九条)."""
    from gongkai.organisations.permissions import Action, can

    from ..models import Message

    user = context.get("user") or getattr(context.get("request"), "user", None)
    show = (user is not None and req.is_open and can(user, Action.FOI_HANDLE, req.organisation)
            and can(user, Action.ENGAGEMENT_EDIT, req.organisation)
            and not Message.objects.filter(source_request=req).exists())
    return {"show": show, "req": req}
