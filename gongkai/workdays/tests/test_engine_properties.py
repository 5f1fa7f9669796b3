"""Property tests: add/between are monotone, consistent and agree with chinese_calendar."""
import datetime as dt

import chinese_calendar
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import engine
from gongkai.workdays.engine import CaseClock, Pause

CAL = engine.WorkdayCalendar.from_library()
library_days = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 9, 30))
any_days = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2034, 12, 31))
counts = st.integers(min_value=1, max_value=60)


@settings(max_examples=300, deadline=None)
@given(any_days, counts)
def test_between_inverts_add(day, n):
    due = CAL.add_working_days(day, n)
    assert CAL.working_days_between(day, due) == n
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(day, due - dt.timedelta(days=1)) == n - 1


@settings(max_examples=300, deadline=None)
@given(any_days, any_days, counts)
def test_add_is_monotone_in_the_start(a, b, n):
    a, b = min(a, b), max(a, b)
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)


@settings(max_examples=300, deadline=None)
@given(any_days, counts, counts)
def test_add_is_strictly_monotone_in_n_and_composes(day, m, n):
    assert CAL.add_working_days(day, m + n) == CAL.add_working_days(CAL.add_working_days(day, m), n)
    if m < n:
        assert CAL.add_working_days(day, m) < CAL.add_working_days(day, n)


@settings(max_examples=300, deadline=None)
@given(any_days, any_days, any_days)
def test_between_is_additive(a, b, c):
    assert CAL.working_days_between(a, b) + CAL.working_days_between(b, c) == CAL.working_days_between(a, c)


@settings(max_examples=200, deadline=None)
@given(library_days, counts)
def test_add_agrees_with_chinese_calendar(day, n):
    due = CAL.add_working_days(day, n)
    expected = chinese_calendar.get_workdays(day + dt.timedelta(days=1), due)
    assert len(expected) == n and expected[-1] == due


@settings(max_examples=200, deadline=None)
@given(library_days, st.integers(0, 40), st.integers(0, 30), counts)
def test_pause_never_shortens_and_matches_naive_count(day, offset, length, n):
    start = day + dt.timedelta(days=offset)
    pause = Pause(start, start + dt.timedelta(days=length))
    paused = CaseClock(day, n, pauses=(pause,)).due_date(CAL)
    plain = CaseClock(day, n).due_date(CAL)
    assert paused >= plain
    # Naive: walk day by day, counting working days outside (pause.start, pause.end].
    counted, current = 0, day
    while counted < n:
        current += dt.timedelta(days=1)
        if CAL.is_working_day(current) and not (pause.start < current <= pause.end):
            counted += 1
    assert paused == current
