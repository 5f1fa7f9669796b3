"""Chinese working-day calendar, deadline counting, case clocks and hour limits (pure Python).

Counting convention (the one every function here implements):

* A period "自收到申请之日起N个工作日内" (条例第三十三条) or "自该政府信息形成或者变更之日起
  20个工作日内" (第二十六条) does not count the start day itself: counting starts on the first
  working day after the start date (民法典第二百零一条 "开始的当日不计入，自下一日开始计算",
  FACTS.md §9 — recalled, and the reading local rules on 依申请公开 commonly state). The due
  date is the N-th working day after the start date. A start on a non-working day therefore
  also counts from the next working day.
* Working days: Monday–Friday, minus statutory holidays, plus make-up working days (调休补班)
  as arranged by the State Council for that year. Because the last day is always a working day,
  民法典第二百零三条 (a period ending on a holiday ends on the next day) is satisfied by
  construction.
* A pause from date P to date R (waiting for a third party's opinion, 第三十二条/第三十三条第二款)
  excludes the working days in (P, R]: the clock ran on day P, and the day the reply arrives is
  treated like a day of receipt — not counted, counting resumes on the next working day.
* A correction (补正, 第三十条) restarts the count: "答复期限自行政机关收到补正的申请之日起
  计算", so the resume date R becomes the new start date and earlier days are discarded.
* An extension adds working days to the limit (第三十三条: at most 20, approved by the head of
  the disclosure office).

Years come from YearSchedule objects: the maintained chinese_calendar data (2004–2026), years an
administrator entered (which replace the library's), and — for years with no announced
arrangement — a provisional schedule built from the statutory holidays alone (no make-up days),
which marks every deadline touching it as provisional. In strict mode a provisional year raises
MissingYearError instead.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from zoneinfo import ZoneInfo

from gongkai.core.errors import DomainError, ValidationFailed

from . import lunar

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc

# 国办发〔2016〕61号: respond to 政务舆情 within 48 hours; press conference for 特别重大、重大
# 突发事件 at the latest within 24 hours. 国办发〔2016〕80号: authoritative information within
# 5 hours at the latest. (FACTS.md §5.)
OPINION_RESPONSE_HOURS = 48
OPINION_PRESS_CONFERENCE_HOURS = 24
OPINION_AUTHORITATIVE_INFO_HOURS = 5

RECEIPT_RULE_TEXT = (
    "起算日当日不计入，自其后第一个工作日开始计算（《民法典》第二百零一条；"
    "“自收到申请之日起”按收到之日的次一工作日起算）"
)

_WEEKDAYS = "一二三四五六日"

LIBRARY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class MissingYearError(DomainError):
    """A computation needs a year whose holiday arrangement is not available."""

    def __init__(self, year: int, *, reason: str = ""):
        self.year = year
        message = (
            f"{year}年的节假日安排尚未录入，无法精确计算期限。"
            f"请系统管理员依据国务院办公厅关于{year}年部分节假日安排的通知，"
            f"在后台“工作日历 › 节假日年度”中录入，或运行 "
            f"python manage.py import_holidays <文件> --year {year} --source \"通知文号\"。"
        )
        if reason:
            message = f"{message}（{reason}）"
        super().__init__(message)


class DayKind(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


class PauseKind(StrEnum):
    THIRD_PARTY = "third_party"  # 征求第三方或其他机关意见 (第三十二、三十三、三十四条)
    CORRECTION = "correction"  # 补正 (第三十条): restarts the count on resume
    OTHER = "other"


PAUSE_LABELS = {
    PauseKind.THIRD_PARTY: "征求第三方或其他机关意见",
    PauseKind.CORRECTION: "等待申请人补正",
    PauseKind.OTHER: "依法中止计算",
}


def format_date(day: dt.date) -> str:
    """Return a date the way a clerk writes it: 2026年10月29日（星期四）."""
    return f"{day.year}年{day.month}月{day.day}日（星期{_WEEKDAYS[day.weekday()]}）"


def _short(day: dt.date, base_year: int | None = None) -> str:
    prefix = "" if day.year == base_year else f"{day.year}年"
    return f"{prefix}{day.month}月{day.day}日"


@dataclass(frozen=True)
class YearSchedule:
    """The days off and make-up working days of one year, with where they come from."""

    year: int
    holidays: Mapping[dt.date, str]
    makeup_workdays: Mapping[dt.date, str] = field(default_factory=dict)
    source: str = ""
    provisional: bool = False

    def kind(self, day: dt.date) -> DayKind:
        """Return the kind of `day` (which must lie in this year)."""
        if day in self.makeup_workdays:
            return DayKind.MAKEUP_WORKDAY
        if day in self.holidays:
            return DayKind.HOLIDAY
        return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY


def library_schedules() -> dict[int, YearSchedule]:
    """Return the years chinese_calendar covers, as schedules (its data, Chinese names)."""
    import chinese_calendar

    holidays: dict[int, dict[dt.date, str]] = {}
    workdays: dict[int, dict[dt.date, str]] = {}
    for day, name in chinese_calendar.holidays.items():
        holidays.setdefault(day.year, {})[day] = LIBRARY_NAMES.get(str(name), str(name))
    for day, name in chinese_calendar.workdays.items():
        workdays.setdefault(day.year, {})[day] = LIBRARY_NAMES.get(str(name), str(name)) + "调休上班"
    source = f"chinese_calendar {getattr(chinese_calendar, '__version__', '')}".strip()
    return {
        year: YearSchedule(year, holidays[year], workdays.get(year, {}), source=source)
        for year in sorted(holidays)
    }


def provisional_schedule(year: int) -> YearSchedule | None:
    """Return weekends + statutory holidays for a year with no announced arrangement, or None."""
    days = lunar.statutory_holidays(year)
    if days is None:
        return None
    return YearSchedule(
        year, days, {},
        source=f"法定节假日（{lunar.SOURCE}），未含国务院调休安排",
        provisional=True,
    )


def provisional_reason(year: int) -> str:
    """Return the sentence that explains why a year is provisional."""
    return (
        f"{year}年国务院节假日安排尚未录入：暂按周末和法定节假日计算，未含调休和补班，"
        f"安排公布并录入后将重新计算。"
    )


@dataclass(frozen=True)
class Pause:
    """An interval in which the clock does not run; `end` None while still paused."""

    start: dt.date
    end: dt.date | None = None
    kind: PauseKind = PauseKind.THIRD_PARTY
    note: str = ""


@dataclass(frozen=True)
class Extension:
    """Extra working days granted, and who approved them."""

    working_days: int
    approved_by: str
    reason: str = ""
    approved_on: dt.date | None = None


@dataclass(frozen=True)
class DayNote:
    day: dt.date
    name: str


@dataclass(frozen=True)
class PauseNote:
    start: dt.date
    end: dt.date | None
    kind: str
    excluded_working_days: int
    restarted: bool = False


@dataclass(frozen=True)
class Explanation:
    """How a deadline was computed, structured for any UI and rendered as Chinese text."""

    rule: str
    start: dt.date | None = None
    start_label: str = "起算日"
    receipt_rule: str = ""
    working_days: int | None = None
    counted_from: dt.date | None = None
    due_date: dt.date | None = None
    skipped_holidays: tuple[DayNote, ...] = ()
    skipped_weekends: tuple[dt.date, ...] = ()
    makeup_workdays: tuple[DayNote, ...] = ()
    pauses: tuple[PauseNote, ...] = ()
    extension: Extension | None = None
    provisional_reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Return the explanation as Chinese sentences, one per step."""
        out: list[str] = []
        year = self.start.year if self.start else None
        if self.start is not None:
            out.append(f"{self.start_label}：{format_date(self.start)}。")
        out.append(f"计算规则：{self.rule}。")
        if self.receipt_rule:
            out.append(f"起算方式：{self.receipt_rule}。")
        if self.counted_from is not None:
            out.append(f"第一个计入的工作日：{format_date(self.counted_from)}。")
        for group_name, first, last, count in _group_holidays(self.skipped_holidays):
            span = _short(first, year) if first == last else f"{_short(first, year)}至{_short(last, year)}"
            out.append(f"跳过法定节假日：{group_name} {span}（{count}天）。")
        if self.skipped_weekends:
            days = "、".join(_short(d, year) for d in self.skipped_weekends)
            out.append(f"跳过周末：{days}（共{len(self.skipped_weekends)}天）。")
        for note in self.makeup_workdays:
            out.append(f"计入调休上班日：{format_date(note.day)}，{note.name}。")
        for p in self.pauses:
            end = format_date(p.end) if p.end else "尚未恢复"
            if p.restarted:
                out.append(
                    f"{p.kind}：{format_date(p.start)}至{end}；依《条例》第三十条，"
                    f"自收到补正申请之日重新起算。"
                )
            else:
                out.append(
                    f"暂停计时（{p.kind}）：{format_date(p.start)}至{end}，"
                    f"其间{p.excluded_working_days}个工作日不计入期限（暂停开始当日照常计入，"
                    f"恢复当日不计入）。"
                )
        if self.extension is not None:
            ext = self.extension
            text = f"延长期限：{ext.working_days}个工作日，经{ext.approved_by}同意"
            if ext.approved_on:
                text += f"（{format_date(ext.approved_on)}）"
            if ext.reason:
                text += f"，理由：{ext.reason}"
            out.append(text + "。")
        out.extend(self.notes)
        if self.due_date is not None:
            out.append(f"截止日期：{format_date(self.due_date)}。")
        else:
            out.append("截止日期：无法定日期。")
        for reason in self.provisional_reasons:
            out.append(f"临时（provisional）：{reason}")
        return out

    @property
    def text(self) -> str:
        return "\n".join(self.lines())

    def as_dict(self) -> dict:
        """Return a JSON-ready dict (ISO dates)."""
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "rule": self.rule,
            "start": iso(self.start),
            "start_label": self.start_label,
            "receipt_rule": self.receipt_rule,
            "working_days": self.working_days,
            "counted_from": iso(self.counted_from),
            "due_date": iso(self.due_date),
            "skipped_holidays": [{"date": n.day.isoformat(), "name": n.name} for n in self.skipped_holidays],
            "skipped_weekends": [d.isoformat() for d in self.skipped_weekends],
            "makeup_workdays": [{"date": n.day.isoformat(), "name": n.name} for n in self.makeup_workdays],
            "pauses": [
                {"start": iso(p.start), "end": iso(p.end), "kind": p.kind,
                 "excluded_working_days": p.excluded_working_days, "restarted": p.restarted}
                for p in self.pauses
            ],
            "extension": None if self.extension is None else {
                "working_days": self.extension.working_days,
                "approved_by": self.extension.approved_by,
                "reason": self.extension.reason,
                "approved_on": iso(self.extension.approved_on),
            },
            "provisional_reasons": list(self.provisional_reasons),
            "notes": list(self.notes),
            "lines": self.lines(),
            "text": self.text,
        }


def _group_holidays(notes: Iterable[DayNote]):
    groups: list[list] = []
    for note in notes:
        last = groups[-1] if groups else None
        if last and last[0] == note.name and (note.day - last[2]).days == 1:
            last[2] = note.day
            last[3] += 1
        else:
            groups.append([note.name, note.day, note.day, 1])
    return [tuple(g) for g in groups]


@dataclass(frozen=True)
class Deadline:
    """A computed deadline: the date (None when the rule has none), its status and explanation."""

    due_date: dt.date | None
    explanation: Explanation
    provisional: bool = False
    kind: str = "working_days"

    @property
    def provisional_reasons(self) -> tuple[str, ...]:
        return self.explanation.provisional_reasons

    @property
    def text(self) -> str:
        return self.explanation.text

    def as_dict(self) -> dict:
        """Return a JSON-ready dict with due_date, provisional and explanation."""
        return {
            "kind": self.kind,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "provisional": self.provisional,
            "provisional_reasons": list(self.provisional_reasons),
            "explanation": self.explanation.as_dict(),
        }


class WorkdayCalendar:
    """Working days over a contiguous span of years, answered by bisecting workday ordinals."""

    def __init__(
        self,
        schedules: Mapping[int, YearSchedule],
        *,
        provisional: Callable[[int], YearSchedule | None] | None = provisional_schedule,
    ):
        years = dict(schedules)
        if not years:
            raise ValueError("a calendar needs at least one year")
        if provisional is not None:
            year = max(years) + 1
            while (schedule := provisional(year)) is not None:
                years[year] = schedule
                year += 1
            # A gap between entered years (e.g. an administrator entered 2028 but not 2027).
            for year in range(min(years), max(years)):
                if year not in years and (schedule := provisional(year)) is not None:
                    years[year] = schedule
        first, last = min(years), max(years)
        missing = [y for y in range(first, last + 1) if y not in years]
        if missing:
            # Keep the span contiguous: stop before the first hole.
            last = missing[0] - 1
        self._schedules = {y: years[y] for y in range(first, last + 1)}
        self.first_year, self.last_year = first, last
        self._first_ord = dt.date(first, 1, 1).toordinal()
        self._last_ord = dt.date(last, 12, 31).toordinal()
        ords: list[int] = []
        day = dt.date(first, 1, 1)
        one = dt.timedelta(days=1)
        while day.year <= last:
            if self._schedules[day.year].kind(day) in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY):
                ords.append(day.toordinal())
            day += one
        self._ords = ords
        self._provisional_years = frozenset(y for y, s in self._schedules.items() if s.provisional)

    @classmethod
    def from_library(cls, overrides: Mapping[int, YearSchedule] | None = None, **kwargs) -> WorkdayCalendar:
        """Build from chinese_calendar's data, with `overrides` replacing whole years."""
        schedules = library_schedules()
        schedules.update(overrides or {})
        return cls(schedules, **kwargs)

    # -- one day -------------------------------------------------------------------------

    def schedule(self, year: int) -> YearSchedule:
        """Return the schedule used for `year`, or raise MissingYearError."""
        try:
            return self._schedules[year]
        except KeyError:
            raise MissingYearError(year, reason="超出可计算的年份范围") from None

    def is_provisional_year(self, year: int) -> bool:
        return year in self._provisional_years

    @property
    def provisional_years(self) -> frozenset[int]:
        return self._provisional_years

    def day_kind(self, day: dt.date, *, strict: bool = False) -> DayKind:
        """Return whether `day` is a workday, weekend, holiday or make-up workday."""
        self._check_years(day.year, day.year, strict)
        return self._schedules[day.year].kind(day)

    def day_name(self, day: dt.date) -> str:
        """Return the holiday or make-up day name of `day`, or "" for ordinary days."""
        s = self.schedule(day.year)
        return s.makeup_workdays.get(day) or s.holidays.get(day) or ""

    def is_working_day(self, day: dt.date, *, strict: bool = False) -> bool:
        """Return True when `day` is a working day (weekday not off, or a make-up workday)."""
        return self.day_kind(day, strict=strict) in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)

    # -- counting ------------------------------------------------------------------------

    def _check_years(self, first: int, last: int, strict: bool) -> tuple[int, ...]:
        if first < self.first_year:
            raise MissingYearError(first, reason=f"日历数据从{self.first_year}年开始")
        if last > self.last_year:
            raise MissingYearError(self.last_year + 1, reason="超出可计算的年份范围")
        touched = tuple(y for y in range(first, last + 1) if y in self._provisional_years)
        if touched and strict:
            raise MissingYearError(touched[0])
        return touched

    def _ord_after(self, ordinal: int) -> int:
        if ordinal < self._first_ord or ordinal > self._last_ord:
            raise MissingYearError(dt.date.fromordinal(ordinal).year, reason="超出可计算的年份范围")
        return bisect.bisect_right(self._ords, ordinal)

    def _add_ord(self, ordinal: int, n: int) -> int:
        if n == 0:
            return ordinal
        if n > 0:
            index = self._ord_after(ordinal) + n - 1
            if index >= len(self._ords):
                raise MissingYearError(self.last_year + 1, reason="超出可计算的年份范围")
            return self._ords[index]
        index = bisect.bisect_left(self._ords, ordinal) + n
        if index < 0:
            raise MissingYearError(self.first_year - 1, reason="超出可计算的年份范围")
        return self._ords[index]

    def add_working_days(self, start: dt.date, n: int, *, strict: bool = False) -> dt.date:
        """Return the n-th working day after `start` (start itself not counted); n<0 goes back.

        n == 0 returns `start` unchanged.
        """
        result = dt.date.fromordinal(self._add_ord(start.toordinal(), n))
        self._check_years(min(start, result).year, max(start, result).year, strict)
        return result

    def working_days_between(self, start: dt.date, end: dt.date, *, strict: bool = False) -> int:
        """Return the number of working days in (start, end]; negative when end < start."""
        self._check_years(min(start, end).year, max(start, end).year, strict)
        if end < start:
            return -self.working_days_between(end, start)
        return bisect.bisect_right(self._ords, end.toordinal()) - bisect.bisect_right(
            self._ords, start.toordinal()
        )

    def _between_ord(self, a: int, b: int) -> int:
        return bisect.bisect_right(self._ords, b) - bisect.bisect_right(self._ords, a)

    def due_ordinal(self, start: int, total: int, pauses: Iterable[tuple[int, int | None]] = ()) -> int | None:
        """Return the due ordinal of `total` working days from ordinal `start` skipping pauses.

        `pauses` are (start, end) ordinals sorted by start, with no correction restarts; an
        open pause (end None) that begins before the due date makes the result None. This is
        the fast path (no explanation) used for bulk computation.
        """
        remaining = total
        cursor = start
        ords = self._ords
        for p_start, p_end in pauses:
            if p_end is not None and p_end <= cursor:
                continue
            if p_start > cursor:
                counted = bisect.bisect_right(ords, p_start) - bisect.bisect_right(ords, cursor)
                if counted >= remaining:
                    break
                remaining -= counted
            if p_end is None:
                return None
            cursor = max(cursor, p_end)
        return self._add_ord(cursor, remaining)

    def deadline(
        self,
        start: dt.date,
        working_days: int,
        *,
        pauses: Iterable[Pause] = (),
        extension: Extension | None = None,
        strict: bool = False,
        rule: str = "",
        start_label: str = "起算日",
    ) -> Deadline:
        """Return the deadline of `working_days` from `start`, with pauses and extension explained."""
        return CaseClock(
            received=start, working_days=working_days, pauses=tuple(pauses), extension=extension,
            max_extension=extension.working_days if extension else 0, rule=rule, start_label=start_label,
        ).deadline(self, strict=strict)

    def explain_span(self, start: dt.date, end: dt.date, *, excluded: Iterable[tuple[dt.date, dt.date]] = ()):
        """Return (holidays, weekends, make-up workdays) met in (start, end], outside `excluded`."""
        holidays: list[DayNote] = []
        weekends: list[dt.date] = []
        makeups: list[DayNote] = []
        excluded = list(excluded)
        day = start + dt.timedelta(days=1)
        while day <= end:
            if not any(a < day <= b for a, b in excluded):
                schedule = self._schedules[day.year]
                kind = schedule.kind(day)
                if kind is DayKind.HOLIDAY:
                    holidays.append(DayNote(day, schedule.holidays[day]))
                elif kind is DayKind.WEEKEND:
                    weekends.append(day)
                elif kind is DayKind.MAKEUP_WORKDAY:
                    makeups.append(DayNote(day, schedule.makeup_workdays[day]))
            day += dt.timedelta(days=1)
        return tuple(holidays), tuple(weekends), tuple(makeups)


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
        calendar._check_years(start.year, due.year, strict)
        return due

    def deadline(self, calendar: WorkdayCalendar, *, strict: bool = False) -> Deadline:
        """Return the deadline with its explanation (due_date None while paused)."""
        start, pauses, open_correction = self._effective()
        due = None if open_correction else self.due_date(calendar, strict=strict)
        horizon = due or max([start] + [p.start for p in self.pauses])
        provisional_years = calendar._check_years(self.received.year, horizon.year, strict)
        excluded = [(p.start, p.end or horizon) for p in pauses]
        holidays, weekends, makeups = calendar.explain_span(start, horizon, excluded=excluded)
        notes = []
        for p in self.pauses:
            restarted = p.kind is PauseKind.CORRECTION
            excluded_days = 0
            if not restarted and p in pauses and (due is None or p.start < due):
                excluded_days = calendar._between_ord(p.start.toordinal(), (p.end or horizon).toordinal())
            notes.append(PauseNote(p.start, p.end, PAUSE_LABELS[p.kind], excluded_days, restarted))
        extra = []
        if open_correction is not None or (self.is_paused and due is None):
            extra.append("计时暂停中：恢复计时后才能确定截止日期。")
        rule = self.rule or f"{self.working_days}个工作日"
        if self.extension:
            rule += f"，延长{self.extension.working_days}个工作日，共{self.total_working_days}个工作日"
        first_counted = dt.date.fromordinal(calendar._add_ord(start.toordinal(), 1))
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
            used = calendar._between_ord(start.toordinal(), at.toordinal())
            for p in pauses:
                if p.start >= at:
                    continue
                end = min(p.end or at, at)
                used -= calendar._between_ord(p.start.toordinal(), end.toordinal())
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


# -- structured time-limit rules (catalog `time_limit_rule`) ---------------------------------

_FROM_LABELS = {
    "formation_or_change": ("信息形成或者变更之日", "《政府信息公开条例》第二十六条"),
    "receipt": ("收到申请之日", "《政府信息公开条例》第三十三条"),
}


def deadline_for_rule(
    rule: dict,
    *,
    start: dt.date | None = None,
    event_date: dt.date | None = None,
    period_end: dt.date | None = None,
    org_target_working_days: int | None = None,
    strict: bool = False,
    calendar: WorkdayCalendar | None = None,
) -> Deadline:
    """Return the deadline of a structured time-limit rule (due_date None when it has no date).

    Rule kinds: working_days, yearly, days_before_event, consultation_period, no_fixed_limit,
    manual (see docs/workdays.md). Missing inputs raise ValidationFailed.
    """
    if not isinstance(rule, dict) or "kind" not in rule:
        raise ValidationFailed("期限规则格式无效。", problems=["规则必须是含 kind 字段的对象。"])
    kind = rule["kind"]
    cal = calendar
    if kind in ("working_days", "no_fixed_limit") and cal is None:
        cal = default_calendar()

    def need(value, name):
        if value is None:
            raise ValidationFailed("计算期限缺少必要信息。", problems=[f"规则 {kind} 需要 {name}。"])
        return value

    if kind == "working_days":
        days = rule.get("days")
        if not isinstance(days, int) or days < 1:
            raise ValidationFailed("期限规则格式无效。", problems=["days 必须是正整数。"])
        label, citation = _FROM_LABELS.get(rule.get("from", ""), ("起算日", ""))
        text = f"自{label}起{days}个工作日内" + (f"（{citation}）" if citation else "")
        result = cal.deadline(need(start, "start"), days, strict=strict, rule=text, start_label=label)
        return replace(result, kind=kind)
    if kind == "yearly":
        month, day = rule.get("month"), rule.get("day")
        base = need(start or event_date, "start")
        try:
            due = dt.date(base.year + 1, month, day)
        except (TypeError, ValueError):
            raise ValidationFailed("期限规则格式无效。", problems=["month/day 不是有效日期。"]) from None
        explanation = Explanation(
            rule=f"每年{month}月{day}日前（{base.year}年度事项于次年{month}月{day}日前完成）",
            start=base, start_label="事项所属日期", due_date=due,
            notes=_non_working_note(due, calendar),
        )
        return Deadline(due, explanation, kind=kind)
    if kind == "days_before_event":
        days = rule.get("days")
        if not isinstance(days, int) or days < 0:
            raise ValidationFailed("期限规则格式无效。", problems=["days 必须是非负整数。"])
        event = need(event_date, "event_date")
        due = event - dt.timedelta(days=days)
        explanation = Explanation(
            rule=f"活动日前{days}个自然日（一周按7天计）", start=event, start_label="活动日期",
            due_date=due, notes=_non_working_note(due, calendar),
        )
        return Deadline(due, explanation, kind=kind)
    if kind == "consultation_period":
        end = need(period_end, "period_end")
        explanation = Explanation(
            rule="征求意见时对外公布的时限内", due_date=end,
            notes=("截止日期为征求意见公告载明的期限届满日。",),
        )
        return Deadline(end, explanation, kind=kind)
    if kind == "no_fixed_limit":
        note = rule.get("note", "")
        if org_target_working_days is not None and start is not None:
            result = cal.deadline(
                start, org_target_working_days, strict=strict,
                rule=f"无法定时限，按本机构自定目标{org_target_working_days}个工作日",
            )
            extra = ("法规未规定具体天数" + (f"（{note}）" if note else "") + "，此日期为本机构自定目标。",)
            return replace(result, kind=kind, explanation=replace(result.explanation, notes=result.explanation.notes + extra))
        explanation = Explanation(
            rule="无法定时限" + (f"：{note}" if note else ""),
            notes=("法规未规定具体天数，由本机构自定目标；未设定目标时不计算截止日期。",),
        )
        return Deadline(None, explanation, kind=kind)
    if kind == "manual":
        text = rule.get("text", "")
        explanation = Explanation(
            rule="需人工确定", notes=(f"期限表述需人工判断：{text}" if text else "期限表述需人工判断。",),
        )
        return Deadline(None, explanation, kind=kind)
    raise ValidationFailed("期限规则格式无效。", problems=[f"未知的规则类型：{kind}。"])


def _non_working_note(day: dt.date, calendar: WorkdayCalendar | None) -> tuple[str, ...]:
    cal = calendar or default_calendar()
    try:
        kind = cal.day_kind(day)
    except MissingYearError:
        return ()
    if kind in (DayKind.WEEKEND, DayKind.HOLIDAY):
        name = cal.day_name(day) or "周末"
        return (f"注意：截止日期为非工作日（{name}），请提前完成。",)
    return ()


_DEFAULT: WorkdayCalendar | None = None


def default_calendar() -> WorkdayCalendar:
    """Return the library-only calendar (no administrator-entered years), built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = WorkdayCalendar.from_library()
    return _DEFAULT


# -- hour limits ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HourDeadline:
    """A limit counted in natural hours; datetimes are aware UTC."""

    start: dt.datetime
    due: dt.datetime
    hours: int
    basis: str = ""

    def is_overdue(self, at: dt.datetime) -> bool:
        """Return True when the aware moment `at` is after the due moment."""
        _require_aware(at)
        return at > self.due

    def remaining(self, at: dt.datetime) -> dt.timedelta:
        """Return the time left at `at` (negative when overdue)."""
        _require_aware(at)
        return self.due - at

    @property
    def text(self) -> str:
        fmt = "%Y年%m月%d日 %H:%M"
        local_start = self.start.astimezone(SHANGHAI).strftime(fmt)
        local_due = self.due.astimezone(SHANGHAI).strftime(fmt)
        text = (
            f"起算时间：{local_start}（北京时间）。按自然小时连续计算{self.hours}小时，"
            f"夜间和节假日不中断。截止时间：{local_due}（北京时间）。"
        )
        return text + (f"依据：{self.basis}。" if self.basis else "")

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(), "due": self.due.isoformat(),
            "hours": self.hours, "basis": self.basis, "text": self.text,
        }


def _require_aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an aware datetime is required")


def add_hours(start: dt.datetime, hours: int, *, basis: str = "") -> HourDeadline:
    """Return the deadline `hours` natural hours after the aware `start`, in UTC."""
    _require_aware(start)
    if hours < 1:
        raise ValueError("hours must be positive")
    start_utc = start.astimezone(UTC)
    return HourDeadline(start_utc, start_utc + dt.timedelta(hours=hours), hours, basis)


def opinion_response_deadline(start: dt.datetime) -> HourDeadline:
    """Return the 48-hour response deadline for 政务舆情 (国办发〔2016〕61号)."""
    return add_hours(start, OPINION_RESPONSE_HOURS, basis="国办发〔2016〕61号：其他政务舆情应在48小时内予以回应")


def press_conference_deadline(start: dt.datetime) -> HourDeadline:
    """Return the 24-hour press-conference deadline (国办发〔2016〕61号、80号)."""
    return add_hours(start, OPINION_PRESS_CONFERENCE_HOURS, basis="国办发〔2016〕61号、80号：最迟在24小时内举行新闻发布会")


def authoritative_info_deadline(start: dt.datetime) -> HourDeadline:
    """Return the 5-hour deadline for authoritative information (国办发〔2016〕80号)."""
    return add_hours(start, OPINION_AUTHORITATIVE_INFO_HOURS, basis="国办发〔2016〕80号：最迟要在5小时内发布权威信息")
