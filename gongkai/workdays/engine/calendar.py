"""The working-day calendar: counting N working days from a start date over year schedules."""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping



from .base import DayKind, MissingYearError, YearSchedule, library_schedules, provisional_schedule
from .explanation import DayNote


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
        self.check_years(day.year, day.year, strict)
        return self._schedules[day.year].kind(day)

    def day_name(self, day: dt.date) -> str:
        """Return the holiday or make-up day name of `day`, or "" for ordinary days."""
        s = self.schedule(day.year)
        return s.makeup_workdays.get(day) or s.holidays.get(day) or ""

    def is_working_day(self, day: dt.date, *, strict: bool = False) -> bool:
        """Return True when `day` is a working day (weekday not off, or a make-up workday)."""
        return self.day_kind(day, strict=strict) in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)

    # -- counting ------------------------------------------------------------------------

    def check_years(self, first: int, last: int, strict: bool) -> tuple[int, ...]:
        """Return the provisional years among `first`..`last`; raise MissingYearError outside the data
        (or, when `strict`, for a provisional year)."""
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

    def add_ordinal(self, ordinal: int, n: int) -> int:
        """Return the ordinal of the n-th working day after date ordinal `ordinal` (n<0 goes back)."""
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
        result = dt.date.fromordinal(self.add_ordinal(start.toordinal(), n))
        self.check_years(min(start, result).year, max(start, result).year, strict)
        return result

    def working_days_between(self, start: dt.date, end: dt.date, *, strict: bool = False) -> int:
        """Return the number of working days in (start, end]; negative when end < start."""
        self.check_years(min(start, end).year, max(start, end).year, strict)
        if end < start:
            return -self.working_days_between(end, start)
        return bisect.bisect_right(self._ords, end.toordinal()) - bisect.bisect_right(
            self._ords, start.toordinal()
        )

    def working_days_between_ordinals(self, a: int, b: int) -> int:
        """Return the number of working days in (a, b] for date ordinals a <= b (no year check)."""
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
        return self.add_ordinal(cursor, remaining)

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

