"""The case clock: a disclosure request's deadline with pauses, corrections and extensions."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from gongkai.core.errors import ValidationFailed


from .base import Extension, PAUSE_LABELS, Pause, PauseKind, RECEIPT_RULE_TEXT, provisional_reason
from .explanation import Deadline, Explanation, PauseNote
from .calendar import WorkdayCalendar


@dataclass(frozen=True)
class ClockStatus:
    """A case clock read at one date."""

    at: dt.date
    due_date: dt.date | None
    working_days_total: int
    working_days_used: int
    working_days_left: int
    overdue: bool
    paused: bool
    provisional: bool
    deadline: Deadline

    def as_dict(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "working_days_total": self.working_days_total,
            "working_days_used": self.working_days_used,
            "working_days_left": self.working_days_left,
            "overdue": self.overdue,
            "paused": self.paused,
            "provisional": self.provisional,
            "deadline": self.deadline.as_dict(),
        }


@dataclass(frozen=True)
class CaseClock:
    """A working-day clock for one case: received date, limit, pauses and an extension.

    Immutable: `pause()`, `resume()` and `extend()` return a new clock, so a stored case can
    keep the clock's fields and rebuild it.
    """

    received: dt.date
    working_days: int
    pauses: tuple[Pause, ...] = ()
    extension: Extension | None = None
    max_extension: int = 0
    rule: str = ""
    start_label: str = "收到申请之日"

    def __post_init__(self):
        problems = []
        if self.working_days < 1:
            problems.append("期限必须至少为1个工作日。")
        previous_end: dt.date | None = self.received
        for index, p in enumerate(self.pauses):
            if previous_end is None:
                problems.append("上一次暂停尚未恢复，不能再次暂停。")
            elif p.start < previous_end:
                problems.append(f"暂停开始日期 {p.start} 早于起算日或上一次恢复日期。")
            if p.end is not None and p.end < p.start:
                problems.append(f"恢复日期 {p.end} 早于暂停日期 {p.start}。")
            previous_end = p.end
        if self.extension is not None:
            if self.extension.working_days < 1:
                problems.append("延长天数必须至少为1个工作日。")
            if self.extension.working_days > self.max_extension:
                problems.append(f"延长不得超过{self.max_extension}个工作日。")
            if not self.extension.approved_by.strip():
                problems.append("延长期限必须写明批准人。")
        if problems:
            raise ValidationFailed("期限计时参数无效。", problems=problems)

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].end is None

    def pause(self, on: dt.date, *, kind: PauseKind = PauseKind.THIRD_PARTY, note: str = "") -> CaseClock:
        """Return the clock paused from `on` (a day that still counts)."""
        if self.is_paused:
            raise ValidationFailed("计时已暂停。", problems=["请先恢复计时。"])
        return replace(self, pauses=self.pauses + (Pause(on, None, PauseKind(kind), note),))

    def resume(self, on: dt.date) -> CaseClock:
        """Return the clock resumed on `on` (that day does not count; counting resumes after it)."""
        if not self.is_paused:
            raise ValidationFailed("计时未暂停，无法恢复。", problems=[])
        last = self.pauses[-1]
        return replace(self, pauses=self.pauses[:-1] + (replace(last, end=on),))

    def extend(self, working_days: int, *, approved_by: str, reason: str = "", approved_on: dt.date | None = None) -> CaseClock:
        """Return the clock extended by `working_days` (replacing any earlier extension)."""
        return replace(self, extension=Extension(working_days, approved_by, reason, approved_on))

    @property
    def total_working_days(self) -> int:
        return self.working_days + (self.extension.working_days if self.extension else 0)

    def _effective(self) -> tuple[dt.date, tuple[Pause, ...], Pause | None]:
        """Return (start, pauses after the last correction restart, open correction or None)."""
        start, pauses = self.received, []
        for p in self.pauses:
            if p.kind is PauseKind.CORRECTION:
                if p.end is None:
                    return start, tuple(pauses), p
                start, pauses = p.end, []
            else:
                pauses.append(p)
        return start, tuple(pauses), None

    def due_date(self, calendar: WorkdayCalendar, *, strict: bool = False) -> dt.date | None:
        """Return the due date, or None while paused before reaching it (fast, no explanation)."""
        start, pauses, open_correction = self._effective()
        if open_correction is not None:
            return None
        ordinal = calendar.due_ordinal(
            start.toordinal(), self.total_working_days,
            [(p.start.toordinal(), p.end.toordinal() if p.end else None) for p in pauses],
        )
        if ordinal is None:
            return None
        due = dt.date.fromordinal(ordinal)
        calendar.check_years(start.year, due.year, strict)
        return due

    def deadline(self, calendar: WorkdayCalendar, *, strict: bool = False) -> Deadline:
        """Return the deadline with its explanation (due_date None while paused)."""
        start, pauses, open_correction = self._effective()
        due = None if open_correction else self.due_date(calendar, strict=strict)
        horizon = due or max([start] + [p.start for p in self.pauses])
        provisional_years = calendar.check_years(self.received.year, horizon.year, strict)
        excluded = [(p.start, p.end or horizon) for p in pauses]
        holidays, weekends, makeups = calendar.explain_span(start, horizon, excluded=excluded)
        notes = []
        for p in self.pauses:
            restarted = p.kind is PauseKind.CORRECTION
            excluded_days = 0
            if not restarted and p in pauses and (due is None or p.start < due):
                excluded_days = calendar.working_days_between_ordinals(p.start.toordinal(), (p.end or horizon).toordinal())
            notes.append(PauseNote(p.start, p.end, PAUSE_LABELS[p.kind], excluded_days, restarted))
        extra = []
        if open_correction is not None or (self.is_paused and due is None):
            extra.append("计时暂停中：恢复计时后才能确定截止日期。")
        rule = self.rule or f"{self.working_days}个工作日"
        if self.extension:
            rule += f"，延长{self.extension.working_days}个工作日，共{self.total_working_days}个工作日"
        first_counted = dt.date.fromordinal(calendar.add_ordinal(start.toordinal(), 1))
        explanation = Explanation(
            rule=rule,
            start=self.received,
            start_label=self.start_label,
            receipt_rule=RECEIPT_RULE_TEXT,
            working_days=self.total_working_days,
            counted_from=first_counted if (due is None or first_counted <= due) else None,
            due_date=due,
            skipped_holidays=holidays,
            skipped_weekends=weekends,
            makeup_workdays=makeups,
            pauses=tuple(notes),
            extension=self.extension,
            provisional_reasons=tuple(provisional_reason(y) for y in provisional_years),
            notes=tuple(extra),
        )
        return Deadline(due, explanation, provisional=bool(provisional_years))

    def status(self, calendar: WorkdayCalendar, at: dt.date, *, strict: bool = False) -> ClockStatus:
        """Return due date, working days used and left, overdue and paused at date `at`."""
        deadline = self.deadline(calendar, strict=strict)
        start, pauses, open_correction = self._effective()
        used = 0
        if open_correction is None and at > start:
            used = calendar.working_days_between_ordinals(start.toordinal(), at.toordinal())
            for p in pauses:
                if p.start >= at:
                    continue
                end = min(p.end or at, at)
                used -= calendar.working_days_between_ordinals(p.start.toordinal(), end.toordinal())
        total = self.total_working_days
        paused = self.is_paused and self.pauses[-1].start <= at
        provisional = deadline.provisional or calendar.is_provisional_year(at.year)
        return ClockStatus(
            at=at,
            due_date=deadline.due_date,
            working_days_total=total,
            working_days_used=used,
            working_days_left=max(total - used, 0),
            overdue=deadline.due_date is not None and at > deadline.due_date,
            paused=paused,
            provisional=provisional,
            deadline=deadline,
        )


def deadline(
    calendar: WorkdayCalendar,
    start: dt.date,
    working_days: int,
    *,
    pauses: Iterable[Pause] = (),
    extension: Extension | None = None,
    strict: bool = False,
    rule: str = "",
    start_label: str = "起算日",
) -> Deadline:
    """Return the deadline of `working_days` from `start` on `calendar`, with pauses and extension explained."""
    return CaseClock(
        received=start, working_days=working_days, pauses=tuple(pauses), extension=extension,
        max_extension=extension.working_days if extension else 0, rule=rule, start_label=start_label,
    ).deadline(calendar, strict=strict)
