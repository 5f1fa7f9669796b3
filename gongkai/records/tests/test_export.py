"""The office records list as .xlsx and CSV, with the current filters, formula-safe (issue 21 item 19)."""
import csv
import io

from django.test import Client
from openpyxl import load_workbook

from gongkai.organisations.models import User
from gongkai.records import services

from .factories import create_record, publish


def login(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_list_offers_both_exports_with_its_filters(w):
    page = login("yc_office").get("/office/records/?status=published").content.decode()
    assert "/office/records/export/xlsx/?status=published" in page
    assert "/office/records/export/csv/?status=published" in page
    assert "导出 Excel" in page and "导出 CSV" in page


def test_exports_honour_the_filter_and_neutralise_formulas(w):
    draft = create_record(w, title="=HYPERLINK(\"http://evil.example\",\"点此\")")
    published = publish(w, create_record(w, title="关于做好防汛工作的通知", doc_number="阳应急〔2026〕3号"))
    office = login("yc_office")
    rows = _csv(office.get("/office/records/export/csv/"))
    assert rows[0][:3] == ["索引号", "标题", "文号"]
    titles = [r[1] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\",\"点此\")" in titles  # neutralised
    assert published.title in titles
    only_published = _csv(office.get("/office/records/export/csv/?status=published"))
    assert [r[1] for r in only_published[1:]] == [published.title]
    assert only_published[1][0] == published.index_number and only_published[1][2] == "阳应急〔2026〕3号"
    response = office.get("/office/records/export/xlsx/?status=draft")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[2]][1] == draft.title and ws.cell(row=2, column=2).quotePrefix
    assert ws.max_row == 2  # the draft only
    assert office.get("/office/records/export/pdf/").status_code == 404


def test_an_export_holds_only_what_the_user_may_see(w):
    create_record(w, title="阳城县的未发布文件")
    rows = _csv(login("zz_office").get("/office/records/export/csv/"))
    assert all("阳城县的未发布文件" != r[1] for r in rows[1:])
    assert Client().get("/office/records/export/csv/").status_code == 302  # login first
