"""Reference test: the seed's 2020 request table, regenerated from cases built through the services."""
import pytest

from gongkai.catalog.tests.factories import make_org, make_user
from gongkai.core import clock
from gongkai.foi import letters
from gongkai.organisations.models import Level, Role
from gongkai.reports.checks import failures, run_checks
from gongkai.reports.figures import key_figures
from gongkai.reports.formats import get_format
from gongkai.reports.statistics import compute_tables

from .reference_2020 import COLUMNS, SEED_SECTION_THREE, build_cases


@pytest.fixture
def ministry(db, monkeypatch):
    # Reply letters are rendered and checked in gongkai.foi's own tests; here only their existence matters.
    monkeypatch.setattr(letters, "render_pdf", lambda letter: b"%PDF-1.4 reference test")
    monkeypatch.setattr(letters, "render_docx", lambda letter: b"PK reference test")
    org = make_org("mem", "应急管理部", Level.MINISTRY)
    office = make_user("mem_office", org, Role.OFFICE)
    build_cases(org, office)
    yield org
    clock.pin(None)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_section_three_equals_the_seed_cell_by_cell(ministry, version):
    tables = compute_tables(ministry, 2020, get_format(version))
    rows = {row.key: row for row in tables.requests}
    for key, expected in SEED_SECTION_THREE.items():
        if key == "other" and version == "2021":
            # The 2021 format splits 其他处理 into three rows; all are zero here.
            for sub in ("other.uncorrected", "other.unpaid", "other.other"):
                assert [rows[sub].cells[c].value for c in COLUMNS] == [0] * 7
            continue
        assert [rows[key].cells[c].value for c in COLUMNS] == expected, key


def test_section_four_is_all_zero_as_in_the_seed(ministry):
    tables = compute_tables(ministry, 2020, get_format("2019"))
    assert len(tables.appeals) == 15 and all(cell.value == 0 for cell in tables.appeals.values())


def test_narrative_key_figures_follow_from_the_cases(ministry):
    figures = key_figures(ministry, 2020)
    # "全年共收到有效申请公开件87件，其中网络申请68件，信函申请19件。46件予以公开，13件部分公开，3件不予公开，25件无法提供。"
    assert figures.effective == 87
    assert figures.by_channel["网络申请"] == 68 and figures.by_channel["信函申请"] == 19
    assert figures.by_outcome == {"予以公开": 46, "部分公开": 13, "不予公开": 3, "无法提供": 25}
    # "予以公开和部分公开的信息占比近70%，不予公开占比仅3.4%。"
    assert 65 <= figures.disclosed_share < 70
    assert str(figures.withheld_share) == "3.4"
    assert figures.new == 101 and figures.carried_in == 1 and figures.closed == 98 and figures.carried_out == 4
    assert figures.fees_yuan == 0  # "未向申请人收取任何费用"
    assert "全年共收到有效申请公开件87件，其中网络申请68件，信函申请19件" in figures.sentences()[0]


def test_carried_over_requests_count_in_both_years(ministry):
    next_year = compute_tables(ministry, 2021, get_format("2021"))
    rows = {row.key: row for row in next_year.requests}
    assert rows["carried_in"].cells["natural"].value == 4
    assert rows["new"].cells["total"].value == 0
    assert rows["carried_out"].cells["natural"].value == 4
    previous = compute_tables(ministry, 2019, get_format("2019"))
    assert {row.key: row for row in previous.requests}["carried_out"].cells["commercial"].value == 1


SECTION_THREE_CHECKS = ("balance.", "results_sum", "unclassified")


def test_section_three_checks_pass(ministry):
    tables = compute_tables(ministry, 2020, get_format("2019"))
    assert not [f for f in failures(run_checks(tables)) if f.code.startswith(SECTION_THREE_CHECKS)]


# Section 二 of the seed: (cell key, printed figure).
SEED_SECTION_TWO = {
    "s2.art20_1.rules.made": "1件", "s2.art20_1.rules.published": "1件", "s2.art20_1.rules.total": "4件",
    "s2.art20_1.normative.made": "34件", "s2.art20_1.normative.published": "34件", "s2.art20_1.normative.total": "72件",
    "s2.art20_5.licensing.previous": "四类", "s2.art20_5.licensing.change": "0类", "s2.art20_5.licensing.decisions": "179件",
    "s2.art20_5.other_services.previous": "无", "s2.art20_5.other_services.change": "无", "s2.art20_5.other_services.decisions": "无",
    "s2.art20_6.penalty.previous": "0件", "s2.art20_6.penalty.change": "0件", "s2.art20_6.penalty.decisions": "0件",
    "s2.art20_6.coercion.previous": "0件", "s2.art20_6.coercion.change": "0件", "s2.art20_6.coercion.decisions": "0件",
    "s2.art20_8.fees.previous": "0", "s2.art20_8.fees.change": "0",
    "s2.art20_9.procurement.projects": "619个", "s2.art20_9.procurement.amount": "31268.04万元",
}
# Counted from records: 规章 and 规范性文件 issued by the organisation itself. The decisions of
# section 二 (许可/处罚/强制) are not held by the system: staff enter them with a source note.
COUNTED = {k for k in SEED_SECTION_TWO if k.startswith("s2.art20_1.")}


def test_section_two_equals_the_seed(tree, seed_templates):
    import datetime as dt

    from gongkai.catalog.models import CatalogItem
    from gongkai.foi.tests.factories import pin
    from gongkai.records.models import Record
    from gongkai.records.tests.factories import create_record, publish, world
    from gongkai.reports import services

    w = world(tree)
    items = {i.key: i for i in CatalogItem.objects.filter(version__catalog__organisation=w.org, version__status="published")}

    def published_record(key, formed: dt.date, serial: int):
        pin(formed)
        w.item = items[key]
        record = create_record(w, title=f"测试文件{serial}", doc_number=f"测试〔{formed.year}〕{serial}号", formation_date=formed)
        Record.objects.filter(pk=record.pk).update(document_type=DOCUMENT_TYPES[key], issued_here=True)
        return publish(w, record)

    DOCUMENT_TYPES = {"政策文件/2": "rule", "政策文件/3": "normative"}
    serial = 0
    for key, earlier, this_year in (("政策文件/2", 3, 1), ("政策文件/3", 38, 34)):
        for n in range(earlier):
            serial += 1
            published_record(key, dt.date(2019, 3, 1) + dt.timedelta(days=n * 3), serial)
        for n in range(this_year):
            serial += 1
            published_record(key, dt.date(2020, 3, 2) + dt.timedelta(days=n * 3), serial)
    clock.pin(None)
    report = services.report_open(organisation=w.org, year=2020, actor=w.users["yc_office"])
    for key, printed in SEED_SECTION_TWO.items():
        if key not in COUNTED:
            services.report_set_figure(report=report, actor=w.users["yc_office"], key=key, value=printed,
                                       note="据本局行政审批系统和财务台账（测试数据）")
    report.refresh_from_db()
    tables = services.live_tables(report)
    for key, printed in SEED_SECTION_TWO.items():
        cell = tables.cell(key)
        assert cell.display == printed, key
        assert cell.source == ("records" if key in COUNTED else "manual"), key
    assert not [f for f in failures(run_checks(tables)) if f.code.startswith("missing.")]
