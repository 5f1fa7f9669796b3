"""The statutory clock of a request, built from its stored fields with the workdays engine.

Conventions (docs/workdays.md; 条例第三十条、第三十二条、第三十三条, FACTS.md §1, §9):
* 20 working days from the date of receipt (第三十三条); the receipt day is not counted,
  counting starts on the next working day.
* A correction (补正) restarts the count from the day the corrected application arrives
  (第三十条 "答复期限自行政机关收到补正的申请之日起计算"); the notice itself is due within
  7 working days of receipt.
* A third-party consultation pauses the clock (第三十三条第三款); the third party has 15 working
  days from receiving the letter (第三十二条), so a pause never excludes more than that: while it
  is open the stored due date is the latest possible one (reply on the 15th working day), and a
  reply recorded later is capped at that day.
* An extension adds at most 20 working days with the office head's approval (第三十三条第二款).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.engine import CaseClock, Deadline, Extension, Pause, PauseKind

ANSWER_WORKING_DAYS = 20
CORRECTION_NOTICE_WORKING_DAYS = 7
THIRD_PARTY_WORKING_DAYS = 15
MAX_EXTENSION_WORKING_DAYS = 20
ANSWER_RULE = "自收到申请之日起20个工作日内答复（《政府信息公开条例》第三十三条）"

_d = dt.date.fromisoformat


def correction_notice_due(received_on: dt.date) -> dt.date:
    """Return the last day to send the correction notice (7 working days, 第三十条)."""
    return get_calendar().add_working_days(received_on, CORRECTION_NOTICE_WORKING_DAYS)


def third_party_reply_due(sent_on: dt.date) -> dt.date:
    """Return the last day of the third party's 15 working days (第三十二条)."""
    return get_calendar().add_working_days(sent_on, THIRD_PARTY_WORKING_DAYS)


def build_clock(request, *, assume_open_pause_ends: bool = True) -> tuple[CaseClock, list[str]]:
    """Return the case clock of `request` and notes on any assumption it makes."""
    pauses: list[Pause] = []
    notes: list[str] = []
    for p in request.pauses:
        kind = PauseKind(p["kind"])
        end = _d(p["end"]) if p.get("end") else None
        if kind is PauseKind.THIRD_PARTY:
            cap = _d(p["reply_due"])
            if end is None and assume_open_pause_ends:
                end = cap
                notes.append(
                    f"征求第三方意见尚未收回：按第三方答复期限届满日（{cap.isoformat()}）恢复计时，"
                    f"截止日期为最迟日期，意见提前收回后将相应提前（《条例》第三十二条）。"
                )
            elif end is not None and end > cap:
                notes.append(
                    f"第三方意见于{end.isoformat()}收回，晚于15个工作日答复期限（{cap.isoformat()}），"
                    f"暂停计时只计至期限届满日（《条例》第三十二条）。"
                )
                end = cap
        pauses.append(Pause(_d(p["start"]), end, kind, p.get("note", "")))
    extension = None
    if request.extension_days:
        extension = Extension(
            request.extension_days, request.extension_approver_name or "政府信息公开工作机构负责人",
            request.extension_reason, request.extension_approved_on,
        )
    clock = CaseClock(
        received=request.received_on, working_days=ANSWER_WORKING_DAYS, pauses=tuple(pauses),
        extension=extension, max_extension=MAX_EXTENSION_WORKING_DAYS, rule=ANSWER_RULE,
        start_label="收到申请之日",
    )
    return clock, notes


def compute(request) -> Deadline:
    """Return the answer deadline of `request` with its explanation (due None while awaiting correction)."""
    clock, notes = build_clock(request)
    deadline = clock.deadline(get_calendar())
    if notes:
        deadline = replace(deadline, explanation=replace(
            deadline.explanation, notes=deadline.explanation.notes + tuple(notes)))
    return deadline


def apply(request) -> bool:
    """Recompute and store due_date/deadline on `request` (unsaved); return True when the date changed."""
    deadline = compute(request)
    changed = request.due_date != deadline.due_date
    request.due_date = deadline.due_date
    request.deadline = deadline.as_dict()
    request.deadline_provisional = deadline.provisional
    return changed
