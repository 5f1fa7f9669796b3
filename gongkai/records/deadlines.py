"""The publication deadline of a record, from its catalog item's structured rule.

条例第二十六条: proactive information is published "自该政府信息形成或者变更之日起20个工作日内";
the catalog item's rule says which count applies (gongkai.catalog.timelimits). The computed date
and its explanation are stored when the record is created or its formation date changes, and
recomputed when an administrator enters a holiday year (registered in apps.py).
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.workdays import calendar

from .states import Attribute, RecordStatus


def start_date(record) -> dt.date:
    """Return the day the publication period runs from (条例第二十六条 "形成或者变更之日").

    A record converted to proactive in the yearly self-check changed its disclosure status on
    the day of that decision; its period runs from then, not from its original formation date.
    """
    return record.converted_on or record.formation_date


def compute(record) -> tuple[dt.date | None, bool, dict]:
    """Return (due date or None, provisional, explanation dict) for a record."""
    rule = record.catalog_item.time_limit_rule or {"kind": "manual"}
    try:
        deadline = calendar.deadline_for_rule(rule, start=start_date(record))
    except DomainError as exc:
        explanation = {"lines": [f"计算规则：{rule.get('text') or rule.get('kind')}。", exc.message] + list(exc.problems),
                       "due_date": None}
        return None, False, {"kind": rule.get("kind"), "due_date": None, "provisional": False,
                             "provisional_reasons": [], "explanation": explanation}
    return deadline.due_date, deadline.provisional, deadline.as_dict()


def apply(record) -> None:
    """Set the record's stored deadline fields (the caller saves)."""
    record.publication_due, record.due_provisional, record.due_explanation = compute(record)


def as_deadline(record):
    """Return an object the template workdays/deadline_explanation.html can render."""
    data = record.due_explanation or {}
    explanation = data.get("explanation") or {}
    return SimpleNamespace(
        due_date=record.publication_due,
        provisional=record.due_provisional,
        provisional_reasons=data.get("provisional_reasons", []),
        explanation=SimpleNamespace(lines=explanation.get("lines", [])),
    )


OPEN_STATUSES = [s for s in RecordStatus.values if s not in (RecordStatus.PUBLISHED, RecordStatus.WITHDRAWN,
                                                               RecordStatus.DECIDED)]


def recompute_year(year: int, *, actor) -> int:
    """Recompute the stored deadline of every unpublished proactive record touching `year`."""
    from .models import Record

    changed = 0
    candidates = Record.objects.filter(status__in=OPEN_STATUSES, attribute=Attribute.PROACTIVE).filter(
        formation_date__year__in=[year - 1, year]
    ).select_related("catalog_item", "organisation")
    for record in candidates:
        before = (record.publication_due, record.due_provisional)
        apply(record)
        if (record.publication_due, record.due_provisional) != before:
            record.save(update_fields=["publication_due", "due_provisional", "due_explanation", "updated_at"])
            audit.record("record.due_recomputed", actor=actor, organisation=record.organisation, target=record,
                         before={"due": before[0].isoformat() if before[0] else None, "provisional": before[1]},
                         after={"due": record.publication_due.isoformat() if record.publication_due else None,
                                "provisional": record.due_provisional},
                         reason=f"{year}年节假日安排已录入")
            changed += 1
    return changed
