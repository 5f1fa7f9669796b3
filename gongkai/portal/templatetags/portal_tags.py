"""Template helpers of the portal and the back office: audit events in words, the care-mode switch."""
from django import template
from django.conf import settings
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
    """The column checklist (指南 first) for offices, and the organisations lacking a 指南 for supervisors."""
    from .. import readiness

    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return {"rows": [], "lacking": []}
    return {"rows": readiness.office_rows(user), "lacking": readiness.lacking_guides(user)}


@register.inclusion_tag("includes/demo_banner.html")
def demo_banner():
    """The banner every page shows while demonstration data is loaded (the flag ``load_portal_demo`` sets)."""
    from .. import demo

    return {"show": demo.is_demo(), "text": demo.banner_text()}


@register.inclusion_tag("includes/site_identity.html")
def site_identity():
    """The footer's 主办单位, 网站标识码, ICP备案号 and 政府网站找错 link: each only when set (settings)."""
    return {"sponsor": settings.SITE_SPONSOR, "code": settings.SITE_CODE, "icp": settings.SITE_ICP,
            "error_url": settings.SITE_ERROR_REPORT_URL}
