"""Years without an announced arrangement: strict errors, provisional marking, lunar data."""
import datetime as dt

import chinese_calendar
import pytest

from gongkai.workdays import engine, lunar

D = dt.date


def test_twenty_days_from_december_2026_runs_into_provisional_2027(cal):
    result = engine.clock_deadline(cal, D(2026, 12, 10), 20)
    assert result.provisional
    assert any("2027年国务院节假日安排尚未录入" in r for r in result.provisional_reasons)
    assert "暂定：" in result.text and "provisional" not in result.text
    # Provisional 2027: weekends and 元旦 off; 12/11 .. counted in order.
    expected, day, n = None, D(2026, 12, 10), 0
    while n < 20:
        day += dt.timedelta(days=1)
        working = chinese_calendar.is_workday(day) if day.year == 2026 else (day.weekday() < 5 and day != D(2027, 1, 1))
        n += working
    expected = day
    assert result.due_date == expected == D(2027, 1, 8)


def test_strict_mode_raises_with_the_missing_year_and_how_to_add_it(cal):
    with pytest.raises(engine.MissingYearError) as info:
        engine.clock_deadline(cal, D(2026, 12, 10), 20, strict=True)
    assert info.value.year == 2027
    assert "import_holidays" in info.value.message
    assert "2027年的节假日安排尚未录入" in info.value.message
    with pytest.raises(engine.MissingYearError):
        cal.add_working_days(D(2026, 12, 10), 20, strict=True)
    with pytest.raises(engine.MissingYearError):
        cal.is_working_day(D(2027, 3, 1), strict=True)


def test_deadline_inside_2026_is_not_provisional_even_in_strict_mode(cal):
    assert engine.clock_deadline(cal, D(2026, 11, 23), 20, strict=True).due_date == chinese_calendar.find_workday(20, D(2026, 11, 23))


def test_beyond_the_lunar_table_is_missing_even_when_lenient(cal):
    with pytest.raises(engine.MissingYearError) as info:
        cal.add_working_days(D(2035, 12, 20), 20)
    assert info.value.year == 2036


def test_provisional_2027_uses_statutory_holidays_only(cal):
    assert cal.is_provisional_year(2027)
    # 春节 2027: 正月初一 is 2027-02-06 (Saturday); 除夕 02-05 to 初三 02-08 off.
    for day in (D(2027, 2, 5), D(2027, 2, 8)):
        assert not cal.is_working_day(day)
        assert cal.day_name(day) == "春节"
    assert cal.is_working_day(D(2027, 2, 9))
    assert not cal.is_working_day(D(2027, 10, 1))
    assert cal.is_working_day(D(2027, 10, 4))  # no State Council arrangement yet
    assert not cal.is_working_day(D(2027, 5, 1)) and not cal.is_working_day(D(2027, 5, 2))
    assert cal.schedule(2027).makeup_workdays == {}


@pytest.mark.parametrize("year", range(2004, 2027))
def test_lunar_table_matches_chinese_calendar_holidays(year):
    festivals = lunar.festival_dates(year)
    expected_names = {
        "春节": "Spring Festival", "清明节": "Tomb-sweeping Day",
        "端午节": "Dragon Boat Festival", "中秋节": "Mid-autumn Festival",
    }
    for name, day in festivals.items():
        if name != "春节" and year < 2008:
            continue  # 清明、端午、中秋 became days off in 2008
        assert chinese_calendar.is_holiday(day), (name, day)
        # 中秋 2020-10-01 and 2025-10-06 (within 国庆) carry the National Day name in the library.
        # The library names only weekday holidays in some years (2012 端午 is Saturday 06-23),
        # so look at the festival day and its neighbours.
        nearby = {chinese_calendar.get_holiday_detail(day + dt.timedelta(days=k))[1] for k in (-1, 0, 1)}
        assert nearby & {expected_names[name], "National Day"}, (name, day)


@pytest.mark.parametrize("year", range(2004, 2036))
def test_qingming_in_table_is_the_solar_term(year):
    terms = dict(chinese_calendar.get_solar_terms(D(year, 4, 1), D(year, 4, 10)))
    assert lunar.festival_dates(year)["清明节"] in terms


@pytest.mark.parametrize("year", range(2004, 2036))
def test_lunar_festival_spacing(year):
    f = lunar.festival_dates(year)
    assert D(year, 1, 21) <= f["春节"] <= D(year, 2, 20)
    # 五月初五 is 4 lunar months + 4 days after 正月初一 (≈122 days, ≈152 with a leap month);
    # 八月十五 is 3 months + 10 days after 五月初五 (≈98, ≈128 with a leap month).
    assert (f["端午节"] - f["春节"]).days in range(120, 124) or (f["端午节"] - f["春节"]).days in range(150, 154)
    assert (f["中秋节"] - f["端午节"]).days in range(96, 101) or (f["中秋节"] - f["端午节"]).days in range(126, 131)
    assert D(year, 9, 7) <= f["中秋节"] <= D(year, 10, 8)


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_are_holidays_in_the_published_schedules(year):
    # The 2025 law revision (春节 incl. 除夕, 劳动节 2 days) is what 2025 and 2026 follow.
    days = lunar.statutory_holidays(year)
    assert len(days) == 13
    for day in days:
        assert chinese_calendar.is_holiday(day), day
        assert chinese_calendar.get_holiday_detail(day)[1] is not None, day


def test_gap_year_between_entered_years_is_provisional():
    schedules = engine.library_schedules()
    schedules[2028] = engine.YearSchedule(2028, {D(2028, 1, 1): "元旦"}, {}, source="test")
    cal = engine.WorkdayCalendar(schedules)
    assert cal.is_provisional_year(2027)
    assert not cal.is_provisional_year(2028)
    assert cal.is_provisional_year(2029)
