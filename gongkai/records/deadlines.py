"""The publication deadline of a record, from its catalog item's structured rule.

条例第二十六条: proactive information is published "自该政府信息形成或者变更之日起20个工作日内";
the catalog item's rule says which count applies (gongkai.catalog.timelimits). The computed date
and its explanation are stored when the record is created or its formation date changes, and
recomputed when an administrator enters a holiday year (registered in apps.py).
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils.translation import gettext as _

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


# 条例第二十六条: 20 working days is the longest a proactive record may wait, whatever its item's wording.
ART26_WORKING_DAYS = 20
# Items whose time limit has no fixed count of days: "按进展情况及时公开" (no_fixed_limit), "活动前…"
# (the record holds no event date) and "征求意见公布的时限内" (no announced period on the record).
BACKSTOP_KINDS = frozenset({"no_fixed_limit", "days_before_event", "consultation_period"})


def item_target(record) -> int | None:
    """Return the organisation's own target (working days) for the record's catalog item, if set."""
    from .models import ItemTarget

    return (ItemTarget.objects.filter(organisation_id=record.organisation_id, catalog_key=record.catalog_key)
            .values_list("working_days", flat=True).first())


def _backstop(record, rule: dict) -> tuple[dt.date | None, bool, dict]:
    """Deadline of an item without a fixed count: the organisation's stricter target, else art. 26's 20 days."""
    target = item_target(record)
    days = target if target is not None and target < ART26_WORKING_DAYS else ART26_WORKING_DAYS
    source = rule.get("text") or rule.get("kind")
    if days < ART26_WORKING_DAYS:
        note = (f"该事项公开时限为“{source}”，无固定天数；按本机关为该事项设定的目标{days}个工作日计算"
                f"（严于《条例》第二十六条的{ART26_WORKING_DAYS}个工作日）。")
    else:
        note = (f"该事项公开时限为“{source}”，无固定天数；以《条例》第二十六条“自该政府信息形成或者变更之日起"
                f"{ART26_WORKING_DAYS}个工作日内”为最迟期限。")
    working = {"kind": "working_days", "days": days, "from": "formation_or_change", "text": source}
    try:
        deadline = calendar.deadline_for_rule(working, start=start_date(record))
    except DomainError as exc:
        return None, False, {"kind": rule.get("kind"), "due_date": None, "provisional": False,
                             "provisional_reasons": [], "explanation": {"lines": [note, exc.message], "due_date": None}}
    data = deadline.as_dict()
    data["kind"] = rule.get("kind")
    data["backstop"] = {"working_days": days, "organisation_target": target}
    data["explanation"]["lines"].insert(0, note)
    return deadline.due_date, deadline.provisional, data


def compute(record) -> tuple[dt.date | None, bool, dict]:
    """Return (due date or None, provisional, explanation dict) for a record."""
    rule = record.catalog_item.time_limit_rule or {"kind": "manual"}
    if rule.get("kind") in BACKSTOP_KINDS:
        return _backstop(record, rule)
    try:
        deadline = calendar.deadline_for_rule(rule, start=start_date(record))
    except DomainError as exc:
        explanation = {"lines": [f"计算规则：{rule.get('text') or rule.get('kind')}。", exc.message] + list(exc.problems),
                       "due_date": None}
        return None, False, {"kind": rule.get("kind"), "due_date": None, "provisional": False,
                             "provisional_reasons": [], "explanation": explanation}
    return deadline.due_date, deadline.provisional, deadline.as_dict()


def apply(record) -> None:
    """Set the record's stored deadline fields (the caller saves).

    Only proactive information has a publication deadline (条例第二十六条). A 依申请公开 or 不予公开
    record is not published on the organisation's initiative, so it carries none (issue 21 item 5);
    it gets one from the day it is converted to proactive (``start_date``).
    """
    if record.attribute != Attribute.PROACTIVE:
        record.publication_due, record.due_provisional, record.due_explanation = None, False, {
            "kind": "not_proactive", "due_date": None, "provisional": False, "provisional_reasons": [],
            "explanation": {"lines": [str(_("%(attribute)s的政府信息不主动公开，没有主动公开期限。")
                                          % {"attribute": record.get_attribute_display()})], "due_date": None}}
        return
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
    from .workflow import RecordEvent

    changed = 0
    candidates = Record.objects.filter(status__in=OPEN_STATUSES, attribute=Attribute.PROACTIVE).filter(
        formation_date__year__in=[year - 1, year]
    ).select_related("catalog_item", "organisation")
    for record in candidates:
        before = (record.publication_due, record.due_provisional)
        apply(record)
        if (record.publication_due, record.due_provisional) != before:
            record.save(update_fields=["publication_due", "due_provisional", "due_explanation", "updated_at"])
            audit.record(RecordEvent.DUE_RECOMPUTED, actor=actor, organisation=record.organisation, target=record,
                         before={"due": before[0].isoformat() if before[0] else None, "provisional": before[1]},
                         after={"due": record.publication_due.isoformat() if record.publication_due else None,
                                "provisional": record.due_provisional},
                         reason=f"{year}年节假日安排已录入")
            changed += 1
    return changed
