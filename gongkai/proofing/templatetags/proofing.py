"""``{% wording_panel obj %}``: the wording findings of a draft, in place, on its back-office page."""
from django import template

from .. import registry, selectors

register = template.Library()


@register.inclusion_tag("proofing/_panel.html", takes_context=True)
def wording_panel(context, obj, title=""):
    request = context.get("request")
    if obj is None or getattr(obj, "pk", None) is None or request is None or not registry.is_registered(obj):
        return {"shown": False}
    return {"shown": True, "title": title, "next": request.get_full_path(), "csrf_token": context.get("csrf_token"),
            "uid": f"{obj._meta.model_name}{obj.pk}", **selectors.panel(obj, request.user)}
