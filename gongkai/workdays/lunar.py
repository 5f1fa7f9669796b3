"""Gregorian dates of the statutory lunar festivals, kept as data for provisional calendars.

chinese_calendar has no lunar conversion, so the dates are a table. Source: computed with the
`lunardate` package 0.3.0 (PyPI, Hong Kong Observatory based tables) for 春节 (正月初一),
端午 (五月初五) and 中秋 (八月十五); 清明 is the solar term from `chinese_calendar.get_solar_terms`.
The years 2004–2026 are cross-checked by the tests against chinese_calendar's published holiday
data; 2027–2035 are what a provisional calendar needs.
"""
import datetime as dt

SOURCE = "lunardate 0.3.0（农历换算）与 chinese_calendar 节气数据"

# year: (春节 正月初一, 清明, 端午 五月初五, 中秋 八月十五)
_TABLE: dict[int, tuple[str, str, str, str]] = {
    2004: ("2004-01-22", "2004-04-04", "2004-06-22", "2004-09-28"),
    2005: ("2005-02-09", "2005-04-05", "2005-06-11", "2005-09-18"),
    2006: ("2006-01-29", "2006-04-05", "2006-05-31", "2006-10-06"),
    2007: ("2007-02-18", "2007-04-05", "2007-06-19", "2007-09-25"),
    2008: ("2008-02-07", "2008-04-04", "2008-06-08", "2008-09-14"),
    2009: ("2009-01-26", "2009-04-04", "2009-05-28", "2009-10-03"),
    2010: ("2010-02-14", "2010-04-05", "2010-06-16", "2010-09-22"),
    2011: ("2011-02-03", "2011-04-05", "2011-06-06", "2011-09-12"),
    2012: ("2012-01-23", "2012-04-04", "2012-06-23", "2012-09-30"),
    2013: ("2013-02-10", "2013-04-04", "2013-06-12", "2013-09-19"),
    2014: ("2014-01-31", "2014-04-05", "2014-06-02", "2014-09-08"),
    2015: ("2015-02-19", "2015-04-05", "2015-06-20", "2015-09-27"),
    2016: ("2016-02-08", "2016-04-04", "2016-06-09", "2016-09-15"),
    2017: ("2017-01-28", "2017-04-04", "2017-05-30", "2017-10-04"),
    2018: ("2018-02-16", "2018-04-05", "2018-06-18", "2018-09-24"),
    2019: ("2019-02-05", "2019-04-05", "2019-06-07", "2019-09-13"),
    2020: ("2020-01-25", "2020-04-04", "2020-06-25", "2020-10-01"),
    2021: ("2021-02-12", "2021-04-04", "2021-06-14", "2021-09-21"),
    2022: ("2022-02-01", "2022-04-05", "2022-06-03", "2022-09-10"),
    2023: ("2023-01-22", "2023-04-05", "2023-06-22", "2023-09-29"),
    2024: ("2024-02-10", "2024-04-04", "2024-06-10", "2024-09-17"),
    2025: ("2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06"),
    2026: ("2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25"),
    2027: ("2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15"),
    2028: ("2028-01-26", "2028-04-04", "2028-05-28", "2028-10-03"),
    2029: ("2029-02-13", "2029-04-04", "2029-06-16", "2029-09-22"),
    2030: ("2030-02-03", "2030-04-05", "2030-06-05", "2030-09-12"),
    2031: ("2031-01-23", "2031-04-05", "2031-06-24", "2031-10-01"),
    2032: ("2032-02-11", "2032-04-04", "2032-06-12", "2032-09-19"),
    2033: ("2033-01-31", "2033-04-04", "2033-06-01", "2033-09-08"),
    2034: ("2034-02-19", "2034-04-05", "2034-06-20", "2034-09-27"),
    2035: ("2035-02-08", "2035-04-05", "2035-06-10", "2035-09-16"),
}

FIRST_YEAR = min(_TABLE)
LAST_YEAR = max(_TABLE)


def festival_dates(year: int) -> dict[str, dt.date] | None:
    """Return {春节, 清明, 端午, 中秋: date} for `year`, or None outside the table."""
    row = _TABLE.get(year)
    if row is None:
        return None
    names = ("春节", "清明节", "端午节", "中秋节")
    return {name: dt.date.fromisoformat(value) for name, value in zip(names, row)}


def statutory_holidays(year: int) -> dict[dt.date, str] | None:
    """Return the statutory days off fixed by law for `year` (no State Council arrangement).

    Per 《全国年节及纪念日放假办法》 as revised by 国务院令第795号 (2024-11-10, in force
    2025-01-01): 元旦 1 day; 春节 4 days (除夕 and 正月初一至初三); 清明 1 day; 劳动节 2 days
    (5月1日、2日); 端午 1 day; 中秋 1 day; 国庆节 3 days (10月1日至3日). The day counts are
    cross-checked by the tests against chinese_calendar's 2025 and 2026 data (every one of these
    days is a holiday there). Returns None outside the lunar table.
    """
    festivals = festival_dates(year)
    if festivals is None:
        return None
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    spring = festivals["春节"]
    for offset in range(-1, 3):
        days[spring + dt.timedelta(days=offset)] = "春节"
    days[festivals["清明节"]] = "清明节"
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = "劳动节"
    days[festivals["端午节"]] = "端午节"
    # 中秋 can fall on 1–3 October; the law does not add a day then, 国庆节 simply covers it.
    days.setdefault(festivals["中秋节"], "中秋节")
    for d in (1, 2, 3):
        days[dt.date(year, 10, d)] = "国庆节"
    return days
