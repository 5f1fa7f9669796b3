"""The spreadsheet way in: the template's rows, attachments from the same .zip, the template download."""
import io
import json
import zipfile

import openpyxl
import pytest
from django.core.management import call_command

from gongkai.siteimport.spreadsheet import COLUMNS, is_template, template_bytes

from .conftest import tiny_pdf
from .test_import import w  # noqa: F401


def _sheet(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([label for label, _f in COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ROWS = [
    ["示例县2023年度政府信息公开工作年度报告", "EX0001/2024-00001", "", "示例县应急管理局", "2024-01-20",
     "2024年1月25日", "", "", "年度报告", "根据条例第五十条，编制本报告。", "年报.pdf；附表.xlsx", ""],
    ["无日期的通知", "", "", "", "", "", "", "", "通知公告", "正文", "", ""],
]


def _run(*paths):
    out = io.StringIO()
    call_command("import_pages", "--organisation", "sx-jc-yc", "--dry-run", "--json", *map(str, paths), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_rows_with_attachments_from_the_zip(tree, tmp_path):
    path = tmp_path / "records.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("导入/模板.xlsx", _sheet(ROWS))
        archive.writestr("导入/年报.pdf", tiny_pdf())
    pages = _run(path)["pages"]
    report, undated = pages
    assert report["title"] == "示例县2023年度政府信息公开工作年度报告" and report["publish_date"] == "2024-01-25"
    assert (report["written_date"], report["index_number"], report["column"]) == ("2024-01-20", "EX0001/2024-00001",
                                                                                 "年度报告")
    assert report["attachments"][0]["size"] == len(tiny_pdf())
    assert report["attachments"][1]["problem"] == "在导入的文件中找不到该附件"
    assert undated["problems"][0]["code"] == "no_date" and undated["path"].endswith("第3行")


@pytest.mark.django_db
def test_rows_become_records(w, tmp_path, django_capture_on_commit_callbacks):  # noqa: F811
    from gongkai.records.models import Record
    from gongkai.siteimport import services

    services.mapping_confirm(organisation=w.org, actor=w.office, column="年度报告", catalog_key=w.item.key)
    (tmp_path / "t.xlsx").write_bytes(_sheet(ROWS))
    (tmp_path / "年报.pdf").write_bytes(tiny_pdf())
    with django_capture_on_commit_callbacks(execute=True):
        services.import_pages(organisation=w.org, actor=w.office, dry_run=False, source_label="t",
                              items_by_source=services.sources_from_paths([tmp_path]))
    record = Record.objects.get(index_number="EX0001/2024-00001")
    assert record.formation_date.isoformat() == "2024-01-20" and record.attachments.get().kind == "pdf"


@pytest.mark.django_db
def test_a_bare_xlsx_and_dates_typed_as_dates(tree, tmp_path):
    import datetime as dt

    path = tmp_path / "t.xlsx"
    path.write_bytes(_sheet([["标题甲", "", "", "", dt.date(2024, 2, 1), dt.datetime(2024, 2, 3, 10, 0), "失效", "规章",
                              "", "正文", "", ""]]))
    page = _run(path)["pages"][0]
    assert (page["written_date"], page["publish_date"], page["validity"]) == ("2024-02-01", "2024-02-03", "expired")


def test_template_download_is_recognised_and_attachment_workbooks_are_not():
    assert is_template(template_bytes())
    assert is_template(_sheet([]))  # the header row alone makes the template
    book = openpyxl.Workbook()
    book.active.append(["乡镇", "值班电话"])
    out = io.BytesIO()
    book.save(out)
    assert not is_template(out.getvalue())


@pytest.mark.django_db
def test_office_offers_the_template(w, client):  # noqa: F811
    client.force_login(w.office)
    assert "下载导入模板" in client.get("/office/import/").content.decode()
    answer = client.get("/office/import/template.xlsx")
    header = next(openpyxl.load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert list(header) == [label for label, _f in COLUMNS]
    client.force_login(w.users["yc_drafter"])
    assert client.get("/office/import/template.xlsx").status_code == 403
