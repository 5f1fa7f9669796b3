"""The one export helper: .xlsx and CSV from a header and rows, formula-safe (issue 21 item 19)."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gongkai.core import exports

DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
             "\n=1", "＝1+1", " =1+1", "\u3000+1"]
SAFE = ["普通文字", "1+1", "a=b", "2026-00001", "", "sx/2026-00001"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_recognised(text):
    assert exports.is_formula_like(text)


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_text_is_not_formula_like(text):
    assert not exports.is_formula_like(text)


def _csv_rows(data: bytes):
    assert data.startswith("\ufeff".encode())  # Excel on Chinese Windows needs the BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8")[1:])))


def test_csv_neutralises_formulas_and_keeps_values():
    rows = [[t, 5, None, dt.date(2026, 3, 1), True, Decimal("1.50")] for t in DANGEROUS + SAFE]
    parsed = _csv_rows(exports.csv_bytes(["标题", "数", "空", "日期", "是否", "金额"], rows))
    assert parsed[0] == ["标题", "数", "空", "日期", "是否", "金额"]
    for text, row in zip(DANGEROUS + SAFE, parsed[1:]):
        if text in DANGEROUS:
            assert row[0] == "'" + text
        else:
            assert row[0] == text
        assert row[1:] == ["5", "", "2026-03-01", "是", "1.50"]


def test_xlsx_stores_formula_like_text_as_text():
    rows = [[t, 7] for t in DANGEROUS + SAFE]
    data = exports.xlsx_bytes(["标题", "数"], rows, title="政府信息[列表]")
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    assert ws.title == "政府信息 列表 "
    assert [c.value for c in ws[1]] == ["标题", "数"]
    for r, text in enumerate(DANGEROUS + SAFE, start=2):
        cell = ws.cell(row=r, column=1)
        assert cell.data_type == "s" if text else cell.value is None
        if text:
            assert cell.value == text  # nothing added to the value
        assert bool(cell.quotePrefix) == (text in DANGEROUS)
        assert ws.cell(row=r, column=2).value == 7
    with io.BytesIO(data) as fh:
        import zipfile
        sheet = zipfile.ZipFile(fh).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_responses_are_downloads_with_the_chinese_name():
    response = exports.export_response("csv", "政府信息列表", ["a"], [["=1"]])
    assert response["Content-Type"] == exports.CSV_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''%E6%94%BF" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(".csv")
    response = exports.export_response("xlsx", "政府信息列表", ["a"], [["x"]])
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].endswith(".xlsx")
    assert load_workbook(io.BytesIO(response.content)).active["A2"].value == "x"
    assert exports.export_response("pdf", "x", ["a"], []) is None
