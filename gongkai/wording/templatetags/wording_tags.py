"""The office dashboard's panel of the wording check: the way to the rules."""
from django import template

from ..selectors import visible_organisations

register = template.Library()


@register.inclusion_tag("wording/_dashboard.html", takes_context=True)
def wording_dashboard(context):
    orgs = list(visible_organisations(context["request"].user)[:6])
    return {"show": bool(orgs), "orgs": orgs}
