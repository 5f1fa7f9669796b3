"""The catalog's panels of the office dashboard."""
from django import template

from gongkai.organisations.permissions import Action, organisations_where

from .. import selectors

register = template.Library()


@register.inclusion_tag("catalog/office/dashboard_panel.html", takes_context=True)
def catalog_dashboard(context):
    """Versions waiting for the user's review and the catalogs the user drafts, by organisation."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "to_review": list(selectors.versions_to_review(user)),
        "workspaces": selectors.workspaces(user),
    }


@register.inclusion_tag("catalog/office/overview_link.html", takes_context=True)
def catalog_overview_link(context):
    """The link to the catalogs' progress overview, for those who supervise it."""
    user = getattr(context.get("request"), "user", None)
    return {"can_overview": bool(user and user.is_authenticated
                                 and organisations_where(user, Action.CATALOG_OVERVIEW).exists())}
