"""The oversight panel of the office dashboard, and small display filters."""
from django import template
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.organisations.permissions import Action, organisations_where

from .. import selectors

register = template.Library()


@register.filter
def duration(value):
    """A timedelta as “X小时Y分钟”."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    return _("%(h)d小时%(m)d分钟") % {"h": minutes // 60, "m": minutes % 60}


@register.filter
def number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def target_text(indicator) -> str:
    """An indicator's full-score standard in words: a rate as a percentage ("≥30%"), a count as a number."""
    value = float(indicator.target)
    shown = f"{value * 100:g}%" if indicator.base_metric else f"{value:g}"
    if indicator.higher_is_better:
        return f"≥{shown}"
    return _("%(target)s及以上扣完分值") % {"target": shown}


@register.filter
def target(indicator):
    return target_text(indicator)


@register.inclusion_tag("oversight/_dashboard.html", takes_context=True)
def oversight_dashboard(context):
    user = context["request"].user
    now = clock.now()
    own = organisations_where(user, Action.OVERSIGHT_EDIT)
    supervised = organisations_where(user, Action.OVERSIGHT_REVIEW).filter(role_assignments__user=user).distinct()
    late_own = []
    for org in own:
        late_own.extend(selectors.late_reposts_of(org, now)[:20])
    late_below = []
    for org in supervised:
        late_below.extend(selectors.late_reposts_below(org, now)[:20])
    return {
        "late_own": late_own, "late_below": late_below, "supervised": supervised,
        "awaiting": list(selectors.progress_awaiting_review(user)[:20]),
        "show": bool(own.exists() or supervised.exists()),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
