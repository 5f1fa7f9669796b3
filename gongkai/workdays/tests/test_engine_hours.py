"""Hour-based limits: aware in, aware UTC out, Asia/Shanghai text."""
import datetime as dt

import pytest

from gongkai.workdays import engine

SH = engine.SHANGHAI


def test_48_hours_over_a_holiday_is_natural_hours():
    start = dt.datetime(2026, 9, 30, 22, 15, tzinfo=SH)
    result = engine.opinion_response_deadline(start)
    assert result.due == dt.datetime(2026, 10, 2, 14, 15, tzinfo=dt.timezone.utc)
    assert result.due.tzinfo == dt.timezone.utc
    assert "2026年10月02日 22:15（北京时间）" in result.text
    assert "国办发〔2016〕61号" in result.text


def test_five_and_twenty_four_hours():
    start = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.timezone.utc)
    assert engine.authoritative_info_deadline(start).due == start + dt.timedelta(hours=5)
    assert engine.press_conference_deadline(start).due == start + dt.timedelta(hours=24)
    assert engine.authoritative_info_deadline(start).hours == 5


def test_overdue_and_remaining_at_the_boundary():
    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=SH)
    result = engine.add_hours(start, 24)
    assert not result.is_overdue(result.due)
    assert result.is_overdue(result.due + dt.timedelta(seconds=1))
    assert result.remaining(start) == dt.timedelta(hours=24)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        engine.add_hours(dt.datetime(2026, 11, 23, 9, 0), 24)
    result = engine.add_hours(dt.datetime(2026, 11, 23, 9, 0, tzinfo=SH), 24)
    with pytest.raises(ValueError):
        result.is_overdue(dt.datetime(2026, 11, 23, 9, 0))
