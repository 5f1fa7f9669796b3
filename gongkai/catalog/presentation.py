"""How catalog items are laid out on a page: grouped by first-level item, elements as ■/□ boxes.

Shared by the public catalog pages (portal) and the catalog's back office.
"""
from __future__ import annotations

from collections import OrderedDict

from .constants import AUDIENCES, CHANNELS, LEVELS, MODES
from .timelimits import describe_rule


def group_items(items) -> OrderedDict[str, list]:
    """Return the items grouped by their first-level item, in the order given."""
    groups: OrderedDict[str, list] = OrderedDict()
    for item in items:
        groups.setdefault(item.first_level, []).append(item)
    return groups


def item_boxes(item) -> dict:
    """Return the official ■/□ rendering of an item's elements."""
    def boxes(options, chosen):
        return [(o, chosen is not None and o in chosen) for o in options]

    return {
        "channels": boxes(CHANNELS, item.channels),
        "audience": boxes(AUDIENCES, item.audience),
        "mode": boxes(MODES, item.mode),
        "level": boxes(LEVELS, item.level),
        "rule": describe_rule(item.time_limit_rule or {}),
    }
