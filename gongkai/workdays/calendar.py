"""The database adapter: the engine calendar with administrator-entered years loaded.

The engine stays DB-free; this module reads HolidayYear/CalendarDay rows, builds a
WorkdayCalendar with them overriding the library, and caches it per process. The cache key is
a cheap fingerprint of the table (count and latest change), so a year entered in another
process is picked up on the next call, and `invalidate()` drops it at once in this one.
"""
import datetime as dt

from django.db.models import Count, Max

from . import engine
from .models import DayKind, HolidayYear

_cached: tuple[tuple, engine.WorkdayCalendar] | None = None


def _fingerprint() -> tuple:
    """Return (entered years, their latest change, entered days, the newest day row): one query, run
    on every deadline computation (a request's submission among them). A day deleted changes the
    count; a day added, even in place of a deleted one, changes the newest row."""
    agg = HolidayYear.objects.aggregate(n=Count("id", distinct=True), changed=Max("updated_at"), day_rows=Count("days"),
                                        newest=Max("days__id"))
    return (agg["n"], agg["changed"], agg["day_rows"], agg["newest"])


def entered_schedules() -> dict[int, engine.YearSchedule]:
    """Return the administrator-entered years as engine schedules."""
    schedules: dict[int, engine.YearSchedule] = {}
    for year in HolidayYear.objects.prefetch_related("days"):
        days = list(year.days.all())
        schedules[year.year] = engine.YearSchedule(
            year.year,
            {d.date: d.name or "节假日" for d in days if d.kind == DayKind.HOLIDAY},
            {d.date: d.name or "调休上班" for d in days if d.kind == DayKind.MAKEUP_WORKDAY},
            source=year.source,
        )
    return schedules


def get_calendar() -> engine.WorkdayCalendar:
    """Return the calendar in force: library years, overridden by entered years, then provisional."""
    global _cached
    key = _fingerprint()
    if _cached is None or _cached[0] != key:
        _cached = (key, engine.WorkdayCalendar.from_library(entered_schedules()))
    return _cached[1]


def invalidate() -> None:
    """Drop the cached calendar (called when a year is entered)."""
    global _cached
    _cached = None


def is_working_day(day: dt.date, *, strict: bool = False) -> bool:
    """Return True when `day` is a working day in the calendar in force."""
    return get_calendar().is_working_day(day, strict=strict)


def add_working_days(start: dt.date, n: int, *, strict: bool = False) -> dt.date:
    """Return the n-th working day after `start` in the calendar in force."""
    return get_calendar().add_working_days(start, n, strict=strict)


def working_days_between(start: dt.date, end: dt.date, *, strict: bool = False) -> int:
    """Return the working days in (start, end] in the calendar in force."""
    return get_calendar().working_days_between(start, end, strict=strict)


def deadline(start: dt.date, working_days: int, **kwargs) -> engine.Deadline:
    """Return the explained deadline of `working_days` from `start` (see engine.clock.deadline)."""
    return engine.clock_deadline(get_calendar(), start, working_days, **kwargs)


def deadline_for_rule(rule: dict, **kwargs) -> engine.Deadline:
    """Return engine.deadline_for_rule() computed with the calendar in force."""
    return engine.deadline_for_rule(rule, calendar=get_calendar(), **kwargs)
