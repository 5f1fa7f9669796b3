"""Exports: the JSON document against its schema, the xlsx table cell by cell, the PDF's text."""
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator
from openpyxl import load_workbook

from gongkai.catalog import services
from gongkai.catalog.constants import AUDIENCES, CHANNELS, DOMAIN_RELIEF, DOMAIN_SAFETY, LEVELS, MARK_COLUMNS, MODES
from gongkai.catalog.exports import (
    catalog_document, catalog_json, catalog_pdf, catalog_xlsx, load_schema, validate_document,
)
from gongkai.catalog.exports.table import TABLE_NOTE
from gongkai.organisations.models import Role, User

from .factories import import_templates, make_org, make_user

HEADER_ROW_2 = ["公开事项", None, None, "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                "公开对象", None, "公开方式", None, "公开层级", None]
HEADER_ROW_3 = ["一级事项", "二级事项", None, None, None, None, None, None,
                "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
HEADER_MERGES = {"A1:N1", "A2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:J2", "K2:L2", "M2:N2", "B3:C3"}


@pytest.fixture
def templates(db):
    return import_templates()


@pytest.fixture
def derived(templates):
    """A county's relief catalog derived from the template, with one item retired."""
    org = make_org("xa", "西安县应急管理局")
    office = make_user("xa_office", org, Role.OFFICE)
    catalog = services.catalog_derive(organisation=org, template=templates[DOMAIN_RELIEF], actor=office)
    version = catalog.latest_version
    retired = version.items.get(key="款物管理/2")
    services.catalog_item_retire(item=retired, actor=office, reason="本县年度款物使用情况并入年度报告公开")
    return catalog, version


def template_version(templates, domain):
    catalog = templates[domain]
    return catalog, catalog.published_version


def workbook(catalog, version):
    return load_workbook(io.BytesIO(catalog_xlsx(catalog, version))).active


def row_values(ws, r):
    return [ws.cell(row=r, column=c).value for c in range(1, 15)]


# ---------------------------------------------------------------- schema and JSON document

def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_vocabularies_are_the_official_labels():
    item = load_schema()["$defs"]["item"]["properties"]
    assert item["channels"]["oneOf"][1]["items"]["enum"] == list(CHANNELS)
    assert item["audience"]["oneOf"][1]["items"]["enum"] == list(AUDIENCES)
    assert item["mode"]["oneOf"][1]["items"]["enum"] == list(MODES)
    assert item["level"]["oneOf"][1]["items"]["enum"] == list(LEVELS)


@pytest.mark.parametrize("domain", [DOMAIN_SAFETY, DOMAIN_RELIEF])
def test_both_templates_validate_against_the_schema(templates, domain):
    catalog, version = template_version(templates, domain)
    document = catalog_document(catalog, version)
    assert list(Draft202012Validator(load_schema()).iter_errors(document)) == []
    assert validate_document(document) == []
    assert json.loads(catalog_json(catalog, version)) == document


@pytest.mark.parametrize("domain", [DOMAIN_SAFETY, DOMAIN_RELIEF])
def test_the_template_document_holds_every_element_of_every_item(templates, domain):
    catalog, version = template_version(templates, domain)
    document = catalog_document(catalog, version)
    assert document["schema"] == "gongkai.catalog/1"
    assert (document["is_template"], document["organisation"], document["template_id"]) == (True, None, None)
    assert document["version"]["status"] == "published" and document["version"]["published_at"]
    assert document["anomalies"] == catalog.anomalies
    items = list(version.items.order_by("position"))
    assert [d["key"] for d in document["items"]] == [i.key for i in items]
    for data, item in zip(document["items"], items):
        for name in ("first_level", "second_level", "number", "content", "basis", "time_limit_text",
                     "time_limit_rule", "subject", "channels", "audience", "mode", "level", "anomalies", "source"):
            assert data[name] == getattr(item, name), (item.key, name)


def test_undetermined_elements_are_null_in_the_document(templates):
    document = catalog_document(*template_version(templates, DOMAIN_RELIEF))
    row = next(d for d in document["items"] if d["key"] == "灾后救助/1")
    assert (row["audience"], row["mode"], row["level"]) == (None, None, None)
    assert [a["code"] for a in row["anomalies"]] == ["extra_cells", "marks_shifted"]
    relief_count = document["anomalies"][0]
    assert relief_count["code"] == "item_count"


def test_a_derived_document_names_its_organisation_and_keeps_retired_items(derived, templates):
    catalog, version = derived
    document = catalog_document(catalog, version)
    assert validate_document(document) == []
    assert document["organisation"] == {"code": "xa", "name": "西安县应急管理局"}
    assert document["template_id"] == templates[DOMAIN_RELIEF].pk
    assert document["version"] == {"number": 1, "status": "draft", "published_at": None}
    retired = next(d for d in document["items"] if d["key"] == "款物管理/2")
    assert retired["retired"] is True and retired["retired_reason"] == "本县年度款物使用情况并入年度报告公开"


def test_validation_reports_every_problem_with_its_path(templates):
    document = catalog_document(*template_version(templates, DOMAIN_SAFETY))
    document["schema"] = "gongkai.catalog/0"
    document["domain"] = "flood"
    document["surplus"] = 1
    items = document["items"]
    items[0]["channels"] = ["政府网站", "微博"]
    items[1]["key"] = items[0]["key"]
    items[2]["number"] = items[3]["number"]
    items[4]["retired"] = True
    items[5]["audience"] = "全社会"
    del items[6]["content"]
    items[7]["time_limit_rule"] = {"kind": "yearly", "text": items[7]["time_limit_text"], "days": 3}
    items[8]["mode"] = ["主动", "主动"]
    items[9]["second_level"] = ""
    problems = validate_document(document)
    expected = [
        "$：含有不允许的字段“surplus”。",
        "$.schema：值应为",
        "$.domain：值 \"flood\" 不在允许的取值中（safety、relief）。",
        "$.items[0].channels[1]：值 \"微博\" 不在允许的取值中",
        "$.items[1].key：事项标识“政策文件/1”重复（与 $.items[0] 相同）。",
        "$.items[3].number：一级事项“政策文件”下序号 4 重复（与 $.items[2] 相同）。",
        "$.items[4].retired_reason：停用事项必须填写停用理由。",
        "$.items[5].audience：类型应为null或数组，实为字符串。",
        "$.items[6]：缺少必填字段“content”。",
        "$.items[7].time_limit_rule.days：该字段不适用于此类时限规则（kind）。",
        "$.items[7].time_limit_rule：缺少必填字段“month”。",
        "$.items[7].time_limit_rule：缺少必填字段“day”。",
        "$.items[7].time_limit_rule：与公开时限文本不符",
        "$.items[8].mode：含有重复的值。",
        "$.items[9].second_level：不能为空。",
    ]
    for start in expected:
        assert sum(p.startswith(start) for p in problems) == 1, (start, problems)
    assert len(problems) == len(expected), problems


def test_validation_of_something_that_is_not_a_document():
    assert validate_document([]) == ["$：类型应为对象，实为数组。"]
    problems = validate_document({})
    assert "$：缺少必填字段“items”。" in problems and len(problems) == 11


def test_a_published_at_without_offset_is_refused(templates):
    document = catalog_document(*template_version(templates, DOMAIN_SAFETY))
    document["version"]["published_at"] = "2020-09-15T10:00:00"
    assert validate_document(document) == ["$.version.published_at：\"2020-09-15T10:00:00\" 不是带时区的 ISO 8601 日期时间。"]


def test_a_time_limit_rule_must_follow_its_text(templates):
    document = catalog_document(*template_version(templates, DOMAIN_SAFETY))
    document["items"][0]["time_limit_rule"] = {"kind": "working_days", "days": 5, "from": "formation_or_change",
                                               "text": document["items"][0]["time_limit_text"]}
    assert validate_document(document) == [
        '$.items[0].time_limit_rule：与公开时限文本不符，按文本应为 {"kind": "working_days", "days": 20}。'
    ]


# ---------------------------------------------------------------- xlsx

def test_the_table_note_is_the_seed_text():
    seed = (Path(settings.SEEDS_DIR) / "000_88ec8d416793215e.txt").read_text(encoding="utf-8")
    assert TABLE_NOTE in seed


@pytest.mark.parametrize("domain", [DOMAIN_SAFETY, DOMAIN_RELIEF])
def test_xlsx_matches_the_database_cell_by_cell(templates, domain):
    catalog, version = template_version(templates, domain)
    ws = workbook(catalog, version)
    items = list(version.items.filter(retired=False).order_by("position"))

    assert ws["A1"].value == catalog.title
    assert row_values(ws, 2) == HEADER_ROW_2
    assert row_values(ws, 3) == HEADER_ROW_3

    first_level_merges = set()
    start = 0
    while start < len(items):
        end = start
        while end + 1 < len(items) and items[end + 1].first_level == items[start].first_level:
            end += 1
        if end > start:
            first_level_merges.add(f"A{start + 4}:A{end + 4}")
        start = end + 1
    note_row = 4 + len(items)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged == HEADER_MERGES | first_level_merges | {f"A{note_row}:N{note_row}"}

    previous_l1 = None
    for n, item in enumerate(items):
        r = 4 + n
        values = row_values(ws, r)
        assert values[0] == (item.first_level if item.first_level != previous_l1 else None), item.key
        previous_l1 = item.first_level
        assert values[1:7] == [item.number, item.second_level, item.content, item.basis,
                               item.time_limit_text, item.subject], item.key
        channel_cell = values[7]
        if item.channels is None:
            assert channel_cell is None, item.key
        else:
            boxes = re.findall(r"([■□])(\S+)", channel_cell)
            assert [label for _, label in boxes] == list(CHANNELS), item.key
            assert [label for mark, label in boxes if mark == "■"] == item.channels, item.key
            assert len(channel_cell.split("\n")) == 7
        for (field_name, label), value in zip(MARK_COLUMNS, values[8:]):
            chosen = getattr(item, field_name)
            assert value == ("√" if chosen and label in chosen else None), (item.key, label)
    assert ws.cell(row=note_row, column=1).value == TABLE_NOTE
    assert ws.max_row == note_row


def test_xlsx_leaves_undetermined_elements_empty(templates):
    ws = workbook(*template_version(templates, DOMAIN_SAFETY))
    for r in range(4, 12):  # 政策文件 1–8
        if ws.cell(row=r, column=2).value in (2, 3, 4):
            assert ws.cell(row=r, column=8).value is None
    ws = workbook(*template_version(templates, DOMAIN_RELIEF))
    shifted = [r for r in range(4, ws.max_row) if ws.cell(row=r, column=3).value in ("灾情核定信息", "救助审定信息")]
    assert len(shifted) == 2
    for r in shifted:
        assert [ws.cell(row=r, column=c).value for c in range(9, 15)] == [None] * 6
        assert ws.cell(row=r, column=8).value.startswith("■政府网站   □政府公报")


def test_xlsx_of_the_policy_laws_row_reads_like_the_source(templates):
    ws = workbook(*template_version(templates, DOMAIN_SAFETY))
    assert ws["H4"].value == (
        "■政府网站   □政府公报\n■两微一端   □发布会\n□广播电视   □纸质媒体\n■公开查阅点   ■政务服务中心\n"
        "□便民服务站   □入户/现场\n□社区/企事业单位、村公示栏（电子屏）\n□精准推送   □其他"
    )
    assert [ws.cell(row=4, column=c).value for c in range(9, 15)] == ["√", None, "√", None, "√", "√"]


def test_xlsx_excludes_retired_items(derived):
    catalog, version = derived
    ws = workbook(catalog, version)
    names = [ws.cell(row=r, column=3).value for r in range(4, ws.max_row)]
    assert "年度款物使用情况" not in names
    assert len(names) == 18
    assert ws.cell(row=ws.max_row, column=1).value == TABLE_NOTE


def test_xlsx_print_setup_and_styles(templates):
    ws = workbook(*template_version(templates, DOMAIN_RELIEF))
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$2:$3"
    assert ws.freeze_panes == "A4"
    assert ws["A1"].font.name == "宋体" and ws["A1"].font.b
    assert ws["D4"].font.name == "宋体" and ws["D4"].alignment.wrap_text
    assert ws["H4"].border.left.style == "thin" and ws["N4"].border.bottom.style == "thin"
    assert ws.column_dimensions["D"].width > ws.column_dimensions["I"].width


# ---------------------------------------------------------------- PDF

def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "catalog.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


pytestmark_pdf = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytestmark_pdf
@pytest.mark.parametrize("domain", [DOMAIN_SAFETY, DOMAIN_RELIEF])
def test_pdf_holds_the_title_and_every_item(templates, domain, tmp_path):
    catalog, version = template_version(templates, domain)
    data = catalog_pdf(catalog, version)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    assert catalog.title in text
    assert "第1版（已发布）" in text and "国家标准目录模板" in text
    for item in version.items.all():
        assert item.second_level in text, item.key
    assert re.sub(r"\s+", "", TABLE_NOTE) in text
    assert "公开渠道和载体" in text and "■政府网站" in text


@pytestmark_pdf
def test_pdf_of_a_derived_catalog_names_the_organisation_and_leaves_out_retired_items(derived, tmp_path):
    catalog, version = derived
    text = pdf_text(catalog_pdf(catalog, version), tmp_path)
    assert "西安县应急管理局" in text and "第1版（编制中）" in text and "未发布" in text
    assert "年度款物使用情况" not in text
    assert "捐赠款物信息" in text


def test_the_example_in_the_documentation_is_valid():
    text = (Path(settings.BASE_DIR) / "docs" / "catalog-schema.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)\n```", text, re.S).group(1)
    assert validate_document(json.loads(example)) == []


FORMULA_TEXTS = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
                 "＝1+1", "＋1", "－1", "＠SUM(A1)", " =1+1"]


def test_text_that_looks_like_a_formula_is_written_as_text(derived):
    """Issue 11, item 12: item text starting with =, +, -, @ (tab, CR, full-width) never becomes a formula."""
    catalog, version = derived
    office = User.objects.get(username="xa_office")
    items = list(version.items.filter(retired=False).order_by("position"))[: len(FORMULA_TEXTS)]
    for item, text in zip(items, FORMULA_TEXTS):
        services.catalog_item_update(item=item, actor=office, data={"content": text, "basis": text, "subject": text})
    data = catalog_xlsx(catalog, version)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere
    ws = load_workbook(io.BytesIO(data)).active
    for offset, text in enumerate(FORMULA_TEXTS):
        row = 4 + offset
        for column in (4, 5, 7):
            cell = ws.cell(row=row, column=column)
            assert cell.value == text and cell.data_type == "s"
            assert cell.quotePrefix, (row, column, text)
    # Ordinary text keeps its ordinary style.
    plain = ws.cell(row=4 + len(FORMULA_TEXTS), column=4)
    assert plain.data_type == "s" and not plain.quotePrefix
