"""Section 二 (条例第二十条第（一）、（五）、（六）项): every cell comes from a source that means what the
cell means, the report shows each cell's source, and a cell with no source blocks publication."""
import datetime as dt

import pytest

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed
from gongkai.records.models import Record
from gongkai.records.states import DocumentType, Validity
from gongkai.records.tests.factories import create_record, publish, world
from gongkai.reports import services

from .test_services import AFTER_2025, fill_required
from .test_transitions import COMPLETE

BEIJING = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def county(tree, seed_templates):
    w = world(tree)
    item = next(i for i in w.items if i.key == "政策文件/2")
    w.item = item

    def rule(title, formed, *, issued_here, document_type=DocumentType.RULE, validity="", changed_on=None):
        clock.pin(dt.datetime.combine(formed, dt.time(10), tzinfo=BEIJING))
        record = publish(w, create_record(w, title=title, formation_date=formed))
        Record.objects.filter(pk=record.pk).update(document_type=document_type, issued_here=issued_here,
                                                   validity=validity, validity_changed_on=changed_on)
        return record

    w.rule = rule
    return w


def test_only_documents_issued_by_the_organisation_count_as_issued(county):
    w = county
    own = county.rule("阳城县安全生产监督管理办法", dt.date(2025, 4, 1), issued_here=True)
    county.rule("应急管理部关于修改部分规章的决定（转发）", dt.date(2025, 5, 6), issued_here=False)
    county.rule("阳城县应急物资储备管理规定", dt.date(2025, 6, 2), issued_here=True,
                document_type=DocumentType.NORMATIVE)
    clock.pin(AFTER_2025)
    report = services.report_open(organisation=w.org, year=2025, actor=w.users["yc_office"])
    tables = services.live_tables(report)
    cell = tables.cell("s2.art20_1.rules.issued")
    assert (cell.value, cell.source) == (1, "records")  # the republished ministry rule is not counted
    assert "本机关制发" in cell.source_text and "不含转发" in cell.source_text
    assert tables.cell("s2.art20_1.normative.issued").value == 1
    records = services.live_tables(report)  # the drill-down lists exactly the counted record
    from gongkai.records.statistics import records_behind

    assert list(records_behind(w.org, 2025, measure="issued_in_year", document_type="rule")) == [own]
    assert records.cell("s2.art20_1.rules.in_force").value == 1


def test_repealed_and_in_force_follow_the_validity_marks(county):
    w = county
    county.rule("规章甲", dt.date(2023, 3, 1), issued_here=True)
    county.rule("规章乙", dt.date(2024, 3, 1), issued_here=True, validity=Validity.REPEALED,
                changed_on=dt.date(2025, 9, 1))
    county.rule("规章丙", dt.date(2024, 4, 1), issued_here=True, validity=Validity.EXPIRED,
                changed_on=dt.date(2024, 12, 31))
    county.rule("规章丁", dt.date(2024, 5, 6), issued_here=True, validity=Validity.REPEALED,
                changed_on=dt.date(2026, 2, 1))  # repealed after the report's year: still in force on 31 Dec
    clock.pin(AFTER_2025)
    report = services.report_open(organisation=w.org, year=2025, actor=w.users["yc_office"])
    tables = services.live_tables(report)
    assert tables.cell("s2.art20_1.rules.repealed").value == 1
    assert tables.cell("s2.art20_1.rules.in_force").value == 2  # 甲 and 丁
    assert tables.cell("s2.art20_1.rules.issued").value == 0


def test_decisions_are_counted_from_the_register_never_from_guides_and_staff_may_override(county):
    """许可/处罚 本年处理决定数量 come from the 双公示 register (gongkai.decisions: decisions dated in the year),
    never from published 办事指南; a figure entered by staff with its source still overrides the count."""
    from gongkai.decisions import services as decision_services
    from gongkai.decisions.demo import demo_credit_code

    w = county
    w.item = next(i for i in w.items if i.key == "依法行政/1")
    clock.pin(dt.datetime(2025, 3, 3, 10, tzinfo=BEIJING))
    publish(w, create_record(w, title="行政许可办事指南", formation_date=dt.date(2025, 3, 3)))
    office, leader = w.users["yc_office"], w.users["yc_leader"]
    decision_services.decision_create(organisation=w.org, actor=office, data={
        "kind": "penalty", "document_number": "阳应急罚〔2025〕1号", "title": "未按规定开展安全培训",
        "category": "罚款", "subject_type": "legal", "subject_name": "某化工有限公司",
        "credit_code": demo_credit_code("140522", 99), "basis": "《中华人民共和国安全生产法》第九十七条",
        "content": "罚款二万元", "decided_on": "2025-03-03"})
    clock.pin(AFTER_2025)
    report = services.report_open(organisation=w.org, year=2025, actor=office)
    tables = services.live_tables(report)
    licensing = tables.cell("s2.art20_5.licensing.decisions")
    assert (licensing.value, licensing.source) == (0, "decisions")  # the guide is no decision
    assert "双公示" in licensing.source_text
    assert (tables.cell("s2.art20_6.penalty.decisions").value, tables.cell("s2.art20_6.penalty.decisions").source) \
        == (1, "decisions")
    services.report_update_narrative(report=report, actor=office, data=COMPLETE)
    with pytest.raises(ValidationFailed) as info:  # 行政强制 is still held by no system
        services.report_submit(report=report, actor=office)
    assert any("行政强制" in p for p in info.value.problems)
    fill_required(report, office)
    services.report_set_figure(report=report, actor=office, key="s2.art20_5.licensing.decisions", value="12",
                               note="行政审批系统导出，2026年1月4日")
    report.refresh_from_db()
    cell = services.live_tables(report).cell("s2.art20_5.licensing.decisions")
    assert (cell.value, cell.source, cell.source_text) == ("12", "manual", "人工填报：行政审批系统导出，2026年1月4日")
    services.report_submit(report=report, actor=office)
    services.report_publish(report=report, actor=leader)
    report.refresh_from_db()
    sources = {s["key"]: s for s in report.snapshot["sources"]}
    assert sources["s2.art20_5.licensing.decisions"]["source"] == "人工填报：行政审批系统导出，2026年1月4日"
    assert sources["s2.art20_6.penalty.decisions"]["kind"] == "decisions"
    assert sources["s2.art20_1.rules.issued"]["kind"] == "records"


def test_the_report_pages_show_each_cells_source(county, client):
    w = county
    clock.pin(AFTER_2025)
    office = w.users["yc_office"]
    report = services.report_open(organisation=w.org, year=2025, actor=office)
    client.force_login(office)
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert "本部分各项数据的来源" in page
    assert "系统统计：本机关制发、成文日期在本年的规章" in page
    assert "来源未知" in page
    drill = client.get(f"/office/reports/{report.pk}/cell/s2.art20_1.rules.issued/")
    assert drill.status_code == 200
    drill = client.get(f"/office/reports/{report.pk}/cell/s2.art20_5.licensing.decisions/")  # the register's list
    assert drill.status_code == 302 and drill["Location"].endswith(f"?org={w.org.pk}&year=2025&kind=licensing")
    assert client.get(f"/office/reports/{report.pk}/cell/s2.nope/").status_code == 404
