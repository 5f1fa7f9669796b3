"""Constants, enums, year schedules and the pause/extension records the engine shares."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from gongkai.core.errors import DomainError

from .. import lunar



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

