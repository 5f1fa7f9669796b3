"""Template helpers of the portal and the back office: audit events in words, the care-mode switch."""
from django import template
from django.apps import apps
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.models import AuditEvent

register = template.Library()


def _target_words(event: AuditEvent) -> str:
    """Return what the event was about in words: the model's Chinese name and the object's own name."""
    try:
        model = apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return _("其他对象")
    name = str(model._meta.verbose_name)
    obj = model._default_manager.filter(pk=event.target_id).first() if event.target_id.isdigit() else None
    return f"{name}：{obj}" if obj is not None else name


@register.filter
def describe_event(event):
    """Return audit.describe() of a stored event (a dict passes through), with ``target`` in words."""
    if isinstance(event, dict):
        return event
    words = audit.describe(event)
    words["target"] = _target_words(event)
    return words


@register.inclusion_tag("includes/guide_panel.html", takes_context=True)
def guide_dashboard(context):
    """The 政府信息公开指南 panel of the office dashboard: only for those who keep a guide."""
    from gongkai.organisations.permissions import Action, organisations_where

    from ..models import DisclosureGuide

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"rows": []}
    guides = {g.organisation_id: g for g in DisclosureGuide.objects.filter(
        organisation__in=organisations_where(user, Action.GUIDE_EDIT))}
    rows = [{"org": org, "guide": guides.get(org.pk)}
            for org in organisations_where(user, Action.GUIDE_EDIT).order_by("path")]
    return {"rows": rows}
