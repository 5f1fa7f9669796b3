"""Publication deadlines: 20 working days from formation (条例第二十六条), stored, explained, recomputed."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.records import selectors, services
from gongkai.records.deadlines import as_deadline
from gongkai.workdays import recompute
from gongkai.workdays.services import holiday_year_enter

from .factories import create_record, publish, record_data


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


def _item_of_kind(w, kind):
    return next(i for i in w.items if (i.time_limit_rule or {}).get("kind") == kind)


def test_an_item_without_a_fixed_count_gets_art26s_20_working_days_as_a_backstop(w, pinned):
    """条例第二十六条: 20 working days from formation, even for "按进展情况及时公开" items (issue 10 item 3).

    Formed Monday 2026-03-02; counting from 3-03: 3-03…3-06 (4), 3-09…3-13 (9), 3-16…3-20 (14),
    3-23…3-27 (19), 3-30 (20) → due 2026-03-30. Before, such a record had no due date at all.
    """
    item = _item_of_kind(w, "no_fixed_limit")
    record = services.record_create(organisation=w.org, catalog_item=item, actor=w.users["yc_drafter"],
                                    data=record_data(formation_date=dt.date(2026, 3, 2)))
    assert record.publication_due == dt.date(2026, 3, 30)
    lines = as_deadline(record).explanation.lines
    assert "第二十六条" in lines[0] and "最迟期限" in lines[0]


def test_the_organisations_stricter_target_for_the_item_wins_and_moves_open_records(w, pinned):
    """A target of 5 working days: 3-03, 3-04, 3-05, 3-06, 3-09 → due 2026-03-09 (stricter than art. 26)."""
    item = _item_of_kind(w, "no_fixed_limit")
    record = services.record_create(organisation=w.org, catalog_item=item, actor=w.users["yc_drafter"],
                                    data=record_data(formation_date=dt.date(2026, 3, 2)))
    with pytest.raises(PermissionDenied):
        services.item_target_set(organisation=w.org, item=item, actor=w.users["yc_drafter"], working_days=5)
    with pytest.raises(ValidationFailed):  # not stricter than the statutory 20 days
        services.item_target_set(organisation=w.org, item=item, actor=w.users["yc_office"], working_days=20)
    with pytest.raises(ValidationFailed):  # an item with a fixed count takes no target
        services.item_target_set(organisation=w.org, item=w.item, actor=w.users["yc_office"], working_days=5)
    services.item_target_set(organisation=w.org, item=item, actor=w.users["yc_office"], working_days=5)
    record.refresh_from_db()
    assert record.publication_due == dt.date(2026, 3, 9)
    assert "目标5个工作日" in as_deadline(record).explanation.lines[0]
    services.item_target_set(organisation=w.org, item=item, actor=w.users["yc_office"], working_days=None)
    record.refresh_from_db()
    assert record.publication_due == dt.date(2026, 3, 30)


def test_a_self_check_conversion_runs_its_20_working_days_from_the_decision(w, pinned):
    """条例第二十六条 "形成或者变更之日起": the conversion on 2026-03-10 changes the disclosure status.

    Counting from 3-11: 3-11…3-13 (3), 3-16…3-20 (8), 3-23…3-27 (13), 3-30…4-03 (18), 4-06 is
    清明节 (skipped), 4-07 (19), 4-08 (20) → due 2026-04-08 — not 2025's formation date + 20 days,
    which made the record overdue the moment it was converted (issue 10 item 4).
    """
    record = create_record(w, attribute="on_request", attribute_reason="事故调查中。", formation_date=dt.date(2025, 6, 2))
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    record = services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True)
    check = services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_office"])
    services.self_check_decide(entry=check.entries.get(), actor=w.users["yc_office"], decision="convert",
                               reason="调查已结束，可以主动公开。")
    record.refresh_from_db()
    assert record.converted_on == dt.date(2026, 3, 10)
    assert record.publication_due == dt.date(2026, 4, 8)
    assert record not in selectors.overdue(w.users["yc_office"])


def test_the_office_sets_an_item_target_on_its_page(w, pinned, client):
    item = _item_of_kind(w, "no_fixed_limit")
    record = services.record_create(organisation=w.org, catalog_item=item, actor=w.users["yc_drafter"],
                                    data=record_data(formation_date=dt.date(2026, 3, 2)))
    client.force_login(w.users["yc_drafter"])
    assert client.get("/office/records/item-targets/").status_code == 403
    client.force_login(w.users["yc_office"])
    page = client.get("/office/records/item-targets/").content.decode()
    assert item.second_level in page and "第二十六条" in page and w.item.second_level not in page
    for bad in ("abc", "-3", "9" * 20, "25"):
        client.post("/office/records/item-targets/", {"org": w.org.code, "item": item.pk, "working_days": bad})
        record.refresh_from_db()
        assert record.publication_due == dt.date(2026, 3, 30), bad
    client.post("/office/records/item-targets/", {"org": w.org.code, "item": item.pk, "working_days": "5"})
    record.refresh_from_db()
    assert record.publication_due == dt.date(2026, 3, 9)
    assert "本机关目标 5 个工作日" in client.get("/office/records/item-targets/").content.decode()


def test_the_catalog_item_page_shows_the_backstop_and_the_organisations_target(w, client):
    """条例第二十六条: an item without a fixed count shows the 20 working days, or the organisation's
    stricter target once set (the setting is shown in the catalog, not only on records)."""
    from gongkai.records import services

    item = next(i for i in w.items if (i.time_limit_rule or {}).get("kind") == "no_fixed_limit")
    url = f"/catalogs/{item.version.catalog_id}/items/{item.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "最迟自信息形成或变更之日起 20 个工作日内公开" in page.content.decode()
    services.item_target_set(organisation=w.org, item=item, actor=w.users["yc_office"], working_days=5,
                             note="按县政府要求")
    html = client.get(url).content.decode()
    assert "本机关发布时限目标：自信息形成或变更之日起 5 个工作日内" in html and "按县政府要求" in html
    fixed = next(i for i in w.items if (i.time_limit_rule or {}).get("kind") == "working_days")
    assert 'id="item-target"' not in client.get(f"/catalogs/{fixed.version.catalog_id}/items/{fixed.pk}/").content.decode()


# -- issue 21 item 5: only proactive information has a publication deadline ---------------------

def test_an_on_request_record_carries_no_publication_deadline(w):
    from gongkai.records import services
    from gongkai.records.models import Record

    from .factories import create_record

    on_request = create_record(w, attribute="on_request", attribute_reason="涉及第三方。")
    assert on_request.publication_due is None and not on_request.due_provisional
    assert "没有主动公开期限" in " ".join(on_request.due_explanation["explanation"]["lines"])
    not_disclosed = create_record(w, attribute="not_disclosed", attribute_reason="国家秘密。",
                                  legal_basis=services.common.LegalBasis.objects.first())
    assert not_disclosed.publication_due is None
    proactive = create_record(w)
    assert proactive.publication_due is not None
    # an edit that turns it into 依申请公开 drops the deadline; back to proactive brings it back
    services.record_update(record=proactive, actor=w.users["yc_drafter"],
                           data={"attribute": "on_request", "attribute_reason": "涉及第三方。"})
    assert Record.objects.get(pk=proactive.pk).publication_due is None
    services.record_update(record=proactive, actor=w.users["yc_drafter"], data={"attribute": "proactive"})
    assert Record.objects.get(pk=proactive.pk).publication_due is not None
    # the attribute review correcting 依申请公开 to proactive gives it a deadline
    submitted = services.record_submit(record=on_request, actor=w.users["yc_drafter"])
    reviewed = services.record_attribute_review(record=submitted, actor=w.users["yc_office"], approve=True,
                                                attribute="proactive")
    assert reviewed.publication_due is not None
    assert Record.objects.filter(attribute="proactive", publication_due=None).count() == 0
