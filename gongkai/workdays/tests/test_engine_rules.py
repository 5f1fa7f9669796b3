"""deadline_for_rule(): every kind of catalog time-limit rule."""
import datetime as dt

import chinese_calendar
import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.workdays.engine import deadline_for_rule

D = dt.date


def test_working_days_from_formation(cal):
    result = deadline_for_rule({"kind": "working_days", "days": 20, "from": "formation_or_change"}, start=D(2026, 9, 24), calendar=cal)
    assert result.due_date == chinese_calendar.find_workday(20, D(2026, 9, 24)) == D(2026, 10, 29)
    assert result.kind == "working_days"
    assert "自信息形成或者变更之日起20个工作日内（《政府信息公开条例》第二十六条）" in result.text
    assert "信息形成或者变更之日：2026年9月24日" in result.text


def test_working_days_strict_raises_for_2027(cal):
    from gongkai.workdays.engine import MissingYearError

    with pytest.raises(MissingYearError):
        deadline_for_rule({"kind": "working_days", "days": 20}, start=D(2026, 12, 20), strict=True, calendar=cal)


def test_yearly_rule_is_next_year(cal):
    result = deadline_for_rule({"kind": "yearly", "month": 1, "day": 31}, start=D(2026, 5, 6), calendar=cal)
    assert result.due_date == D(2027, 1, 31)
    assert result.provisional is False


def test_yearly_rule_notes_a_non_working_last_day(cal):
    # 2026-01-31 is a Saturday in the published calendar.
    assert not chinese_calendar.is_workday(D(2026, 1, 31))
    result = deadline_for_rule({"kind": "yearly", "month": 1, "day": 31}, start=D(2025, 3, 1), calendar=cal)
    assert result.due_date == D(2026, 1, 31)
    assert "截止日期为非工作日" in result.text


def test_days_before_event(cal):
    result = deadline_for_rule({"kind": "days_before_event", "days": 7}, event_date=D(2026, 10, 15), calendar=cal)
    assert result.due_date == D(2026, 10, 8)
    assert "活动日前7个自然日" in result.text


def test_consultation_period():
    result = deadline_for_rule({"kind": "consultation_period"}, period_end=D(2026, 12, 20))
    assert result.due_date == D(2026, 12, 20)


def test_no_fixed_limit_without_target_has_no_date():
    result = deadline_for_rule({"kind": "no_fixed_limit", "note": "按进展情况及时公开"}, start=D(2026, 3, 2))
    assert result.due_date is None
    assert "无法定时限：按进展情况及时公开" in result.text
    assert "截止日期：无法定日期。" in result.text


def test_no_fixed_limit_with_organisation_target(cal):
    result = deadline_for_rule({"kind": "no_fixed_limit"}, start=D(2026, 9, 24), org_target_working_days=5, calendar=cal)
    assert result.due_date == chinese_calendar.find_workday(5, D(2026, 9, 24))
    assert "本机构自定目标" in result.text


def test_manual_rule_is_flagged():
    result = deadline_for_rule({"kind": "manual", "text": "按照中央有关要求公开"})
    assert result.due_date is None
    assert "期限表述需人工判断：按照中央有关要求公开" in result.text


@pytest.mark.parametrize(
    "rule, kwargs",
    [
        ({"kind": "working_days", "days": 20}, {}),
        ({"kind": "working_days", "days": 0}, {"start": D(2026, 1, 5)}),
        ({"kind": "yearly", "month": 2, "day": 30}, {"start": D(2026, 1, 5)}),
        ({"kind": "days_before_event", "days": 7}, {}),
        ({"kind": "consultation_period"}, {}),
        ({"kind": "weekly"}, {}),
        ({"days": 3}, {}),
    ],
)
def test_bad_rules_or_missing_inputs_raise(rule, kwargs):
    with pytest.raises(ValidationFailed):
        deadline_for_rule(rule, **kwargs)


@pytest.mark.parametrize("rule", [
    {"kind": "working_days", "days": 0},
    {"kind": "working_days", "days": "20"},
    {"kind": "days_before_event", "days": -1},
    {"kind": "days_before_event", "days": 1.5},
])
def test_day_counts_must_be_whole_and_in_range(rule):
    """Guard-sampling survivors: a rule with a bad day count is refused, never computed."""
    with pytest.raises(ValidationFailed) as info:
        deadline_for_rule(rule, start=D(2026, 3, 2), event_date=D(2026, 6, 1))
    assert info.value.problems and "days" in info.value.problems[0]
