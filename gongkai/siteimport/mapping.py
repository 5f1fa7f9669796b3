"""Old site column → catalog item: a proposal by rule (names), confirmed once by the office."""
from __future__ import annotations

from gongkai.catalog.selectors import active_items

from .models import ColumnMapping


def _norm(text: str) -> str:
    return "".join((text or "").split()).replace("（", "(").replace("）", ")")


def propose(organisation, column: str, items=None) -> str:
    """The key of the catalog item whose name best matches the column name, or "" (no rule fits)."""
    col = _norm(column)
    if not col:
        return ""
    items = list(items if items is not None else active_items(organisation))
    for rule in (lambda i: _norm(i.second_level) == col,
                 lambda i: _norm(i.second_level) and (_norm(i.second_level) in col or col in _norm(i.second_level)),
                 lambda i: _norm(i.first_level) == col or col in _norm(i.first_level)):
        for item in items:
            if rule(item):
                return item.key
    return ""


class Mappings:
    """The organisation's mappings, read once per batch; unknown columns get a proposal row when written."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.rows = {m.column: m for m in ColumnMapping.objects.filter(organisation=organisation)}
        self.items = {i.key: i for i in active_items(organisation)}

    def item_for(self, column: str):
        row = self.rows.get(column or "")
        if row is not None and row.confirmed:
            return self.items.get(row.catalog_key)
        return None

    def proposal(self, column: str) -> str:
        row = self.rows.get(column or "")
        if row is not None:
            return row.catalog_key
        return propose(self.organisation, column, self.items.values())

    def ensure(self, column: str) -> ColumnMapping:
        row = self.rows.get(column or "")
        if row is None:
            row = ColumnMapping.objects.create(organisation=self.organisation, column=column or "",
                                               catalog_key=self.proposal(column))
            self.rows[row.column] = row
        return row
