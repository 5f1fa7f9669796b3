import datetime as dt

import chinese_calendar
import pytest

from gongkai.workdays import calendar as calendar_adapter
from gongkai.workdays import engine


@pytest.fixture(scope="session")
def cal() -> engine.WorkdayCalendar:
    """The library-only calendar (no entered years)."""
    return engine.WorkdayCalendar.from_library()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    calendar_adapter.invalidate()
    yield
    calendar_adapter.invalidate()


def nth_workday_after(day: dt.date, n: int) -> dt.date:
    """Return the n-th working day strictly after `day`, read from chinese_calendar only."""
    return chinese_calendar.get_workdays(day + dt.timedelta(days=1), day + dt.timedelta(days=n * 3 + 30))[n - 1]
