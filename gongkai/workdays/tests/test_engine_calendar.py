"""Working days, adding and counting — checked against chinese_calendar and published schedules."""
import datetime as dt

import chinese_calendar
import pytest

from gongkai.workdays import engine

from .conftest import nth_workday_after

D = dt.date


def test_every_library_day_matches_chinese_calendar(cal):
    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        assert cal.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_spring_festival_2026_published_schedule(cal):
    # 国务院办公厅 2026 arrangement: 春节 2/15–2/23 off, 2/14 (Sat) and 2/28 (Sat) working.
    for offset in range(9):
        day = D(2026, 2, 15) + dt.timedelta(days=offset)
        assert cal.day_kind(day) == engine.DayKind.HOLIDAY
        assert cal.day_name(day) == "春节"
    assert cal.day_kind(D(2026, 2, 14)) == engine.DayKind.MAKEUP_WORKDAY
    assert cal.day_kind(D(2026, 2, 28)) == engine.DayKind.MAKEUP_WORKDAY
    assert cal.is_working_day(D(2026, 2, 14)) and cal.is_working_day(D(2026, 2, 28))
    assert not cal.is_working_day(D(2026, 2, 21))  # an ordinary Saturday inside the holiday


def test_national_day_2026_published_schedule(cal):
    assert all(not cal.is_working_day(D(2026, 10, d)) for d in range(1, 8))
    assert cal.is_working_day(D(2026, 9, 20))  # Sunday make-up day
    assert cal.is_working_day(D(2026, 10, 10))  # Saturday make-up day
    assert not cal.is_working_day(D(2026, 10, 11))


def test_twenty_working_days_over_national_day_2026(cal):
    assert chinese_calendar.find_workday(20, D(2026, 9, 24)) == D(2026, 10, 29)
    assert cal.add_working_days(D(2026, 9, 24), 20) == D(2026, 10, 29)


def test_deadline_across_spring_festival_2026(cal):
    start = D(2026, 2, 6)
    expected = nth_workday_after(start, 20)
    # 2/9–13 (5), 2/14 (6), 2/24–27 (10), 2/28 (11), 3/2–6 (16), 3/9–12 (20)
    assert expected == D(2026, 3, 12)
    result = engine.clock_deadline(cal, start, 20)
    assert result.due_date == expected
    names = {n.day for n in result.explanation.makeup_workdays}
    assert names == {D(2026, 2, 14), D(2026, 2, 28)}
    assert len([n for n in result.explanation.skipped_holidays if n.name == "春节"]) == 9


def test_deadline_crossing_new_year_2026(cal):
    start = D(2025, 12, 15)
    expected = nth_workday_after(start, 20)
    assert expected == chinese_calendar.find_workday(20, start)
    # 12/16–19 (4), 12/22–26 (9), 12/29–31 (12), Sunday 1/4 (13), 1/5–9 (18), 1/12–13 (20)
    assert expected == D(2026, 1, 13)
    result = engine.clock_deadline(cal, start, 20)
    assert result.due_date == expected
    assert [n.day for n in result.explanation.makeup_workdays] == [D(2026, 1, 4)]
    assert not result.provisional
    assert "跳过法定节假日：元旦 2026年1月1日至2026年1月3日（3天）。" in result.text


def test_receipt_day_is_not_counted(cal):
    # Received Monday 2026-03-02: day 1 is Tuesday 03-03.
    assert cal.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert engine.clock_deadline(cal, D(2026, 3, 2), 1).explanation.counted_from == D(2026, 3, 3)


def test_receipt_on_a_weekend_counts_from_next_working_day(cal):
    # Received Saturday 2026-03-07: day 1 is Monday 03-09, day 20 is the 20th working day after it.
    start = D(2026, 3, 7)
    expected = nth_workday_after(start, 20)
    assert chinese_calendar.get_workdays(D(2026, 3, 9), expected).__len__() == 20
    assert cal.add_working_days(start, 20) == expected
    result = engine.clock_deadline(cal, start, 20)
    assert result.explanation.counted_from == D(2026, 3, 9)
    assert "起算日当日不计入" in result.text


def test_receipt_on_a_makeup_saturday_counts_from_the_next_working_day(cal):
    # 2026-02-14 is itself a working day; receipt then means day 1 is the next working day, 02-24.
    assert cal.add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)


def test_receipt_on_a_holiday(cal):
    assert cal.add_working_days(D(2026, 10, 3), 1) == D(2026, 10, 8)


def test_working_days_between_counts_half_open_interval(cal):
    assert cal.working_days_between(D(2026, 9, 24), D(2026, 10, 29)) == 20
    assert cal.working_days_between(D(2026, 10, 29), D(2026, 9, 24)) == -20
    assert cal.working_days_between(D(2026, 10, 1), D(2026, 10, 7)) == 0
    assert cal.working_days_between(D(2026, 10, 7), D(2026, 10, 10)) == 3  # 8, 9, Saturday 10


def test_add_zero_and_negative(cal):
    assert cal.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 3)
    assert cal.add_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)
    assert cal.add_working_days(D(2026, 10, 8), -1) == chinese_calendar.find_workday(-1, D(2026, 10, 8))


def test_before_the_first_year_is_missing(cal):
    with pytest.raises(engine.MissingYearError) as info:
        cal.is_working_day(D(2003, 6, 1))
    assert info.value.year == 2003


def test_explanation_text_names_everything(cal):
    text = engine.clock_deadline(cal, D(2026, 9, 24), 20).text
    assert "起算日：2026年9月24日（星期四）。" in text
    assert "跳过法定节假日：国庆节 10月1日至10月7日（7天）。" in text
    assert "计入调休上班日：2026年10月10日（星期六），国庆节调休上班。" in text
    assert text.endswith("截止日期：2026年10月29日（星期四）。")


def test_engine_imports_no_django():
    import pathlib
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parents[3]
    code = "import sys, gongkai.workdays.engine; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=root, env={"PYTHONPATH": str(root)}).returncode == 0


def test_counting_past_the_last_year_raises_missing_year(cal):
    last = D(cal.last_year, 12, 31)
    with pytest.raises(engine.MissingYearError):
        cal.working_days_between(D(cal.last_year, 1, 2), last + dt.timedelta(days=400))
    with pytest.raises(engine.MissingYearError):
        cal.check_years(cal.last_year, cal.last_year + 1, strict=False)
