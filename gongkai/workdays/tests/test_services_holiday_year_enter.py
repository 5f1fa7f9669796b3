"""Entering a year: stored days, calendar in force, recompute hooks, audit, permissions."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.organisations.models import Role
from gongkai.workdays import calendar, recompute, selectors
from gongkai.workdays.formats import DayEntry, parse_day_list
from gongkai.workdays.models import CalendarDay, HolidayYear
from gongkai.workdays.services import holiday_year_enter

from . import factories

D = dt.date

# An arrangement for the tests, not the State Council's (not yet published for 2027).
ARRANGEMENT_2027 = parse_day_list(
    "2027-01-01..2027-01-03 holiday 元旦\n"
    "2027-02-05..2027-02-12 holiday 春节\n"
    "2027-02-20 workday 春节调休上班\n"
).days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def only_test_hooks(monkeypatch):
    """Run each test with an empty hook registry: apps (e.g. gongkai.foi) register their own hooks."""
    monkeypatch.setattr(recompute, "_hooks", [])


def test_entering_2027_makes_it_official_and_recomputes_the_deadline():
    admin = factories.calendar_admin()
    before = calendar.deadline(D(2026, 12, 10), 20)
    assert before.provisional and before.due_date == D(2027, 1, 8)

    year = holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=admin)

    assert year.days.count() == 12
    assert CalendarDay.objects.get(date=D(2027, 2, 20)).kind == "makeup_workday"
    after = calendar.deadline(D(2026, 12, 10), 20)
    assert not after.provisional
    # 2027-01-01..03 off (01-02/03 are a weekend anyway): same count, now official.
    assert after.due_date == D(2027, 1, 8)
    assert calendar.is_working_day(D(2027, 2, 20))
    assert not calendar.is_working_day(D(2027, 2, 10))
    assert calendar.add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 15)
    cal = calendar.get_calendar()
    assert not cal.is_provisional_year(2027) and cal.is_provisional_year(2028)
    assert calendar.deadline(D(2026, 12, 10), 20, strict=True).due_date == D(2027, 1, 8)


def test_audit_row_records_before_and_after():
    admin = factories.calendar_admin()
    year = holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=admin)
    event = AuditEvent.objects.get(action="workdays.year_entered")
    assert event.actor == admin
    assert event.target_id == str(year.pk)
    assert event.before["provisional"] is True
    assert event.after["provisional"] is False
    assert "2027-02-20" in event.after["makeup_workdays"]


def test_reentering_replaces_the_year_and_is_audited_as_replaced():
    admin = factories.calendar_admin()
    holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=admin)
    holiday_year_enter(year=2027, days=ARRANGEMENT_2027[:3], source="测试安排（更正）", actor=admin, reason="更正")
    assert HolidayYear.objects.get(year=2027).days.count() == 3
    assert calendar.is_working_day(D(2027, 2, 10))
    event = AuditEvent.objects.get(action="workdays.year_replaced")
    assert len(event.before["holidays"]) == 11 and len(event.after["holidays"]) == 3
    assert event.reason == "更正"


def test_overriding_a_library_year():
    holiday_year_enter(
        year=2026, days=[DayEntry(D(2026, 11, 23), "holiday", "测试假日")], source="测试覆盖", actor=None,
        trusted=True,
    )
    assert not calendar.is_working_day(D(2026, 11, 23))
    # The entered year replaces the library's whole year: 2026-10-01 is now an ordinary Thursday.
    assert calendar.is_working_day(D(2026, 10, 1))


def test_recompute_hook_runs_inside_the_transaction_with_the_new_calendar():
    calls = []

    def hook(year, *, actor):
        calls.append((year, actor, calendar.get_calendar().is_provisional_year(year), HolidayYear.objects.filter(year=year).exists()))
        return 4

    recompute.register(hook)
    try:
        admin = factories.calendar_admin()
        holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=admin)
    finally:
        recompute.unregister(hook)
    assert calls == [(2027, admin, False, True)]
    event = AuditEvent.objects.get(action="workdays.year_entered")
    assert list(event.after["recomputed"].values()) == [4]


def test_failing_hook_rolls_the_entry_back():
    def hook(year, *, actor):
        raise RuntimeError("stored deadline could not be recomputed")

    recompute.register(hook)
    try:
        with pytest.raises(RuntimeError):
            holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=None, trusted=True)
    finally:
        recompute.unregister(hook)
    assert not HolidayYear.objects.exists()
    assert not AuditEvent.objects.exists()
    assert calendar.get_calendar().is_provisional_year(2027)


def test_register_is_idempotent():
    def hook(year, *, actor):
        return None

    recompute.register(hook)
    recompute.register(hook)
    try:
        assert recompute.run(2027, actor=None) == {f"{hook.__module__}.{hook.__qualname__}": None}
    finally:
        recompute.unregister(hook)


def test_only_calendar_administrators_may_enter():
    office = factories.user(role=Role.OFFICE)
    with pytest.raises(PermissionDenied):
        holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=office)
    with pytest.raises(PermissionDenied):  # no actor is not a way past the check: only trusted=True is
        holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=None)
    assert not HolidayYear.objects.exists()
    superuser = factories.user(is_superuser=True)
    holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=superuser)
    assert HolidayYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize(
    "days, source, problem",
    [
        ([DayEntry(D(2028, 1, 1), "holiday", "")], "x", "不属于"),
        ([DayEntry(D(2027, 2, 10), "makeup_workday", "")], "x", "不能登记为调休上班日"),
        ([DayEntry(D(2027, 1, 1), "holiday", "")], " ", "请填写依据"),
        ([], "x", "至少需要"),
    ],
)
def test_invalid_entries_are_refused(days, source, problem):
    with pytest.raises(ValidationFailed) as info:
        holiday_year_enter(year=2027, days=days, source=source, actor=None, trusted=True)
    assert any(problem in p for p in info.value.problems)
    assert not HolidayYear.objects.exists()


@pytest.mark.parametrize(
    "year, days, problem",
    [
        (1899, [DayEntry(D(1899, 1, 2), "holiday", "")], "年份超出范围"),
        (2101, [DayEntry(D(2101, 1, 3), "holiday", "")], "年份超出范围"),
        (2027, [DayEntry(D(2027, 1, 1), "holiday", ""), DayEntry(D(2027, 1, 1), "holiday", "元旦")], "同一日期出现多次"),
    ],
)
def test_out_of_range_years_and_repeated_dates_are_refused(year, days, problem):
    with pytest.raises(ValidationFailed) as info:
        holiday_year_enter(year=year, days=days, source="测试安排", actor=None, trusted=True)
    assert any(problem in p for p in info.value.problems)
    assert not HolidayYear.objects.exists()


def test_coverage_selector_lists_sources():
    holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=None, trusted=True)
    rows = {r["year"]: r for r in selectors.calendar_coverage()}
    assert rows[2026]["source"].startswith("chinese_calendar")
    assert rows[2027] == {"year": 2027, "source": "测试安排", "provisional": False}
    assert rows[2028]["provisional"] is True
    assert [y.year for y in selectors.holiday_years()] == [2027]


def test_a_change_made_by_another_process_is_seen_without_invalidate():
    """The per-process calendar is keyed by a fingerprint of the tables (one query): a day removed
    or added elsewhere (another server, the admin) changes the calendar in force on the next call."""
    admin = factories.calendar_admin()
    year = holiday_year_enter(year=2027, days=ARRANGEMENT_2027, source="测试安排", actor=admin)
    assert calendar.is_working_day(D(2027, 2, 20))
    CalendarDay.objects.filter(date=D(2027, 2, 20)).delete()  # not through the service: no invalidate()
    assert not calendar.is_working_day(D(2027, 2, 20))  # a Saturday again
    CalendarDay.objects.create(holiday_year=year, date=D(2027, 2, 20), kind="makeup_workday", name="调休上班")
    assert calendar.is_working_day(D(2027, 2, 20))
    # One day swapped for another elsewhere: the same count, a new row.
    CalendarDay.objects.filter(date=D(2027, 2, 20)).delete()
    CalendarDay.objects.create(holiday_year=year, date=D(2027, 2, 27), kind="makeup_workday", name="调休上班")
    assert not calendar.is_working_day(D(2027, 2, 20)) and calendar.is_working_day(D(2027, 2, 27))
