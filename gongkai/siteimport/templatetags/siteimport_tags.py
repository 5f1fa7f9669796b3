"""The office dashboard's panel of the site import: the way in, and the latest jobs."""
from django import template

from gongkai.organisations.permissions import Action, organisations_where

from ..models import ImportJob

register = template.Library()


@register.inclusion_tag("siteimport/_dashboard.html", takes_context=True)
def siteimport_dashboard(context):
    orgs = organisations_where(context["request"].user, Action.SITE_IMPORT)
    if not orgs.exists():
        return {"show": False}
    jobs = list(ImportJob.objects.filter(organisation__in=orgs).select_related("organisation")[:3])
    return {"show": True, "jobs": jobs}
