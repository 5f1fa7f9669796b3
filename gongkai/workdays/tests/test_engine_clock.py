"""The case clock: pauses, correction restarts, extensions and status at a date."""
import datetime as dt

import chinese_calendar
import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.workdays import engine
from gongkai.workdays.engine import CaseClock, PauseKind

from .conftest import nth_workday_after

D = dt.date


def clock(**kwargs):
    defaults = {"received": D(2026, 3, 2), "working_days": 20, "max_extension": 20}
    defaults.update(kwargs)
    return CaseClock(**defaults)


def test_plain_clock_matches_calendar(cal):
    c = clock()
    assert c.due_date(cal) == nth_workday_after(D(2026, 3, 2), 20)


def test_third_party_pause_excludes_working_days_after_start_to_resume(cal):
    # Paused Wednesday 03-04 (counts), resumed Friday 03-13 (does not count): 03-05..03-13 are
    # 7 working days not counted, so the due date moves 7 working days later.
    c = clock().pause(D(2026, 3, 4)).resume(D(2026, 3, 13))
    plain = nth_workday_after(D(2026, 3, 2), 20)
    expected = nth_workday_after(plain, 7)
    assert len(chinese_calendar.get_workdays(D(2026, 3, 5), D(2026, 3, 13))) == 7
    assert c.due_date(cal) == expected
    deadline = c.deadline(cal)
    assert deadline.due_date == expected
    assert deadline.explanation.pauses[0].excluded_working_days == 7
    assert "其间7个工作日不计入期限" in deadline.text


def test_two_pauses_and_a_pause_on_the_receipt_day(cal):
    c = clock().pause(D(2026, 3, 2)).resume(D(2026, 3, 6)).pause(D(2026, 3, 20)).resume(D(2026, 3, 24))
    # Excluded: 03-03..03-06 (4) and 03-23..03-24 (2).
    expected = nth_workday_after(nth_workday_after(D(2026, 3, 2), 20), 6)
    assert c.due_date(cal) == expected
    assert c.deadline(cal).due_date == expected


def test_open_pause_before_due_has_no_due_date(cal):
    c = clock().pause(D(2026, 3, 10))
    assert c.due_date(cal) is None
    deadline = c.deadline(cal)
    assert deadline.due_date is None
    assert "计时暂停中" in deadline.text
    status = c.status(cal, D(2026, 3, 20))
    assert status.paused and not status.overdue
    # Working days 03-03..03-10 counted = 6; frozen while paused.
    assert status.working_days_used == 6
    assert status.working_days_left == 14


def test_pause_after_due_date_does_not_move_it(cal):
    plain = nth_workday_after(D(2026, 3, 2), 20)
    c = clock().pause(plain + dt.timedelta(days=3)).resume(plain + dt.timedelta(days=10))
    assert c.due_date(cal) == plain
    assert c.deadline(cal).explanation.pauses[0].excluded_working_days == 0


def test_correction_restarts_the_count_from_the_corrected_receipt(cal):
    # 第三十条: 答复期限自行政机关收到补正的申请之日起计算.
    c = clock().pause(D(2026, 3, 5), kind=PauseKind.CORRECTION).resume(D(2026, 3, 16))
    assert c.due_date(cal) == nth_workday_after(D(2026, 3, 16), 20)
    deadline = c.deadline(cal)
    assert deadline.explanation.pauses[0].restarted
    assert "重新起算" in deadline.text
    assert c.pause(D(2026, 3, 17), kind=PauseKind.CORRECTION).due_date(cal) is None


def test_extension_adds_working_days_and_names_the_approver(cal):
    c = clock().extend(20, approved_by="政务公开办主任王某", reason="需调取档案", approved_on=D(2026, 3, 20))
    assert c.due_date(cal) == nth_workday_after(D(2026, 3, 2), 40)
    text = c.deadline(cal).text
    assert "延长期限：20个工作日，经政务公开办主任王某同意（2026年3月20日（星期五）），理由：需调取档案。" in text


def test_extension_beyond_the_maximum_is_refused():
    with pytest.raises(ValidationFailed) as info:
        clock().extend(21, approved_by="王某")
    assert "延长不得超过20个工作日。" in info.value.problems


def test_extension_needs_an_approver():
    with pytest.raises(ValidationFailed):
        clock().extend(5, approved_by=" ")


def test_pause_validation():
    with pytest.raises(ValidationFailed):
        clock().pause(D(2026, 3, 1))  # before receipt
    with pytest.raises(ValidationFailed):
        clock().pause(D(2026, 3, 4)).pause(D(2026, 3, 5))
    with pytest.raises(ValidationFailed):
        clock().resume(D(2026, 3, 5))
    with pytest.raises(ValidationFailed):
        clock().pause(D(2026, 3, 10)).resume(D(2026, 3, 9))


def test_status_used_left_and_overdue(cal):
    c = clock()
    due = c.due_date(cal)
    on_due = c.status(cal, due)
    assert (on_due.working_days_used, on_due.working_days_left, on_due.overdue) == (20, 0, False)
    after = c.status(cal, due + dt.timedelta(days=1))
    assert after.overdue
    mid = c.status(cal, D(2026, 3, 6))
    assert (mid.working_days_used, mid.working_days_left) == (4, 16)
    assert c.status(cal, D(2026, 3, 2)).working_days_used == 0


def test_status_with_finished_pause(cal):
    c = clock().pause(D(2026, 3, 4)).resume(D(2026, 3, 13))
    status = c.status(cal, D(2026, 3, 16))
    # counted: 03-03, 03-04, then 03-16 → 3
    assert status.working_days_used == 3
    assert status.as_dict()["working_days_left"] == 17


def test_clock_as_dict_is_json_ready(cal):
    import json

    data = clock().pause(D(2026, 3, 4)).resume(D(2026, 3, 13)).deadline(cal).as_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False))["explanation"]["pauses"][0]["end"] == "2026-03-13"
    assert data["provisional"] is False


def test_calendar_deadline_shortcut_equals_clock(cal):
    pauses = [engine.Pause(D(2026, 9, 28), D(2026, 10, 9))]
    assert engine.clock_deadline(cal, D(2026, 9, 24), 20, pauses=pauses).due_date == CaseClock(
        D(2026, 9, 24), 20, pauses=tuple(pauses)
    ).due_date(cal)


def test_a_paused_clock_cannot_be_paused_again():
    paused = clock().pause(D(2026, 3, 4))
    with pytest.raises(ValidationFailed) as info:
        paused.pause(D(2026, 3, 6))
    assert info.value.message == "计时已暂停。"
