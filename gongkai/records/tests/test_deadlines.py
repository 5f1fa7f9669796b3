"""Publication deadlines: 20 working days from formation (条例第二十六条), stored, explained, recomputed."""
import datetime as dt

from gongkai.records import selectors, services
from gongkai.records.deadlines import as_deadline
from gongkai.workdays import recompute
from gongkai.workdays.services import holiday_year_enter

from .factories import create_record, publish


def test_due_date_is_20_working_days_after_formation_with_the_explanation(w, pinned):
    record = create_record(w, formation_date=dt.date(2026, 3, 2))
    assert record.publication_due == dt.date(2026, 3, 30)
    lines = as_deadline(record).explanation.lines
    assert any("20个工作日" in line for line in lines)
    assert lines[-1].startswith("截止日期：2026年3月30日")


def test_holidays_are_skipped(w, pinned):
    # 劳动节 2026: 5/1–5/5 off; 5/9 (Saturday) is a make-up working day (chinese_calendar data).
    record = create_record(w, formation_date=dt.date(2026, 4, 20))
    assert record.publication_due == dt.date(2026, 5, 20)


def test_overdue_and_due_soon_are_selectors_on_the_pinned_clock(w, pinned):
    late = create_record(w, title="逾期", formation_date=dt.date(2026, 2, 2))  # due 2026-03-09 (春节 skipped)
    soon = create_record(w, title="将到期", formation_date=dt.date(2026, 2, 10))
    later = create_record(w, title="未到期", formation_date=dt.date(2026, 3, 9))
    office = w.users["yc_office"]
    assert late.publication_due < dt.date(2026, 3, 10)
    assert list(selectors.overdue(office)) == [late]
    assert soon in selectors.due_soon(office) and later not in selectors.due_soon(office)
    publish(w, late)
    assert list(selectors.overdue(office)) == []


def test_other_organisations_do_not_see_the_deadlines(w, pinned):
    create_record(w, formation_date=dt.date(2026, 1, 5))
    assert list(selectors.overdue(w.users["zz_office"])) == []
    assert len(selectors.overdue(w.users["jc_supervisor"])) == 1


def test_changing_the_formation_date_recomputes(w, pinned):
    record = create_record(w, formation_date=dt.date(2026, 3, 2))
    record = services.record_update(record=record, actor=w.users["yc_drafter"],
                                    data={"formation_date": dt.date(2026, 3, 3)})
    assert record.publication_due == dt.date(2026, 3, 31)


def test_entering_a_holiday_year_recomputes_provisional_deadlines(w, pinned, monkeypatch):
    from gongkai.records.deadlines import recompute_year
    from gongkai.workdays.formats import DayEntry

    monkeypatch.setattr(recompute, "_hooks", [recompute_year])  # only this app's hook
    record = create_record(w, formation_date=dt.date(2026, 12, 21))
    assert record.due_provisional  # 2027 has no announced arrangement yet
    before = record.publication_due
    # The State Council adds a make-up working day on Sunday 2027-01-10 (synthetic schedule for the test).
    holiday_year_enter(year=2027, days=[DayEntry(dt.date(2027, 1, 1), "holiday", "元旦"),
                                        DayEntry(dt.date(2027, 1, 10), "makeup_workday", "调休上班")],
                       source="测试用安排", actor=w.users["sx_admin"])
    record.refresh_from_db()
    assert not record.due_provisional
    assert record.publication_due < before
