"""``import_pages --dry-run --json``: the report's shape, every source kind, bad input — and nothing written."""
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import FIXTURES, fixture_bytes, row_counts

ORG = "sx-jc-yc"
PAGE_KEYS = {"path", "url", "title", "publish_date", "index_number", "document_number", "issuer", "written_date",
             "validity", "column", "body_text", "attachments", "findings", "problems"}


def tiny_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=100, height=100)
    writer.write(out)
    return out.getvalue()


def run(*args):
    out = io.StringIO()
    call_command("import_pages", "--organisation", ORG, "--dry-run", "--json", *map(str, args), stdout=out)
    return json.loads(out.getvalue())


def by_name(result):
    return {p["path"].rsplit("/", 1)[-1].rsplit(":", 1)[-1]: p for p in result["pages"]}


@pytest.mark.django_db
def test_dry_run_report_of_a_folder_writes_nothing(tree):
    before = row_counts()
    result = run(FIXTURES)
    assert row_counts() == before
    pages = by_name(result)
    assert all(set(p) == PAGE_KEYS for p in result["pages"])
    trs = pages["trs_article.html"]
    assert trs["publish_date"] == "2024-03-05" and trs["written_date"] == "2024-03-01"
    assert trs["index_number"] == "EX0001/2024-00012" and trs["validity"] == "valid" and trs["column"] == "通知公告"
    assert pages["kaipuyun_article.html"]["document_number"] is None  # absent → null
    assert pages["list_page.html"]["problems"][0]["code"] == "list_page"
    assert pages["not_found.html"]["problems"][0]["code"] == "error_page"
    assert pages["login.html"]["problems"][0]["code"] == "login_wall"
    assert pages["no_date_article.html"]["problems"] == [{"code": "no_date", "message": "页面上找不到发布日期，需人工补充"}]
    # the relief notice names a person's ID number: found, shown masked, the page goes to review
    finding = pages["epoint_article_gb18030.html"]["findings"][0]
    assert finding["kind"] == "id_number" and finding["field"] == "body" and finding["value"] == "1405**********123X"
    assert "14052219850615123X" not in json.dumps(finding)  # the finding itself never repeats the number
    s = result["summary"]
    assert (s["pages"], s["import"], s["review"], s["held"], s["skipped"], s["duplicate"]) == (10, 5, 1, 1, 3, 0)
    assert s["dry_run"] is True


@pytest.mark.django_db
def test_attachments_read_from_the_saved_site_with_hash_and_problems(tree, tmp_path, settings):
    site = tmp_path / "site" / "xxgk"
    site.mkdir(parents=True)
    (site / "a.html").write_bytes(fixture_bytes("trs_article.html"))
    (site / "P020240305_1.pdf").write_bytes(tiny_pdf())
    (site / "P020240305_2.docx").write_bytes(b"x" * 3000)  # over the cap below
    settings.SITEIMPORT_MAX_ATTACHMENT_BYTES = 2000
    page = run(tmp_path / "site")["pages"][0]
    pdf, docx, png = page["attachments"]
    assert pdf["size"] == len(tiny_pdf()) and len(pdf["sha256"]) == 64 and pdf["problem"] is None
    (site / "P020240305_1.pdf").write_bytes(b"%PDF-1.4 damaged")
    assert run(tmp_path / "site")["pages"][0]["attachments"][0]["problem"] == "附件内容无法读取：无法读取附件内容。"
    assert docx["problem"].startswith("文件超过大小上限") and docx["sha256"] is None
    assert png["problem"] == "在导入的文件中找不到该附件"


@pytest.mark.django_db
def test_other_host_attachment_not_fetched(tree):
    page = by_name(run(FIXTURES / "kaipuyun_article.html"))["kaipuyun_article.html"]
    external = page["attachments"][2]
    assert external["problem"] == "附件位于其他网站（cdn.example.net），未下载"


@pytest.mark.django_db
def test_zip_with_zip_bomb_and_duplicates(tree, tmp_path):
    path = tmp_path / "backup.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("s/a.html", fixture_bytes("static_article.html"))
        archive.writestr("s/copy/a.html", fixture_bytes("static_article.html"))  # same page saved twice
        archive.writestr("s/bomb.html", b"<html>" + b" " * (20 * 1024 * 1024))
        archive.writestr("uploads/2019/banfa.DOCX", b"\0" * (8 * 1024 * 1024))  # an attachment that is a bomb
    before = row_counts()
    pages = run(path)["pages"]
    assert row_counts() == before
    first, bomb, copy = sorted(pages, key=lambda p: p["path"])[0], None, None
    named = {p["path"]: p for p in pages}
    bomb = named["backup.zip:s/bomb.html"]
    assert bomb["problems"][0]["code"] == "zip_bomb" and bomb["title"] is None
    copy = named["backup.zip:s/copy/a.html"]
    assert copy["problems"][0]["code"] == "duplicate" and "索引号" in copy["problems"][0]["message"]
    original = named["backup.zip:s/a.html"]
    assert original["problems"] == []
    assert original["attachments"][0]["problem"] == "压缩包成员解压后异常膨胀（疑似压缩炸弹），未读取"


def _warc(path, records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        for url, status, headers, body in records:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


@pytest.mark.django_db
def test_warc_pages_redirects_and_loop(tree, tmp_path):
    path = tmp_path / "site.warc"
    html = [("Content-Type", "text/html; charset=utf-8")]
    _warc(path, [
        ("http://www.example.gov.cn/xxgk/a.html", "200 OK", html, fixture_bytes("trs_article.html")),
        ("http://www.example.gov.cn/xxgk/P020240305_1.pdf", "200 OK", [("Content-Type", "application/pdf")],
         b"%PDF-1.4 warc"),
        ("http://www.example.gov.cn/old.html", "301 Moved", [("Location", "/xxgk/a.html")] + html, b""),
        ("http://www.example.gov.cn/loop1.html", "302 Found", [("Location", "/loop2.html")] + html, b""),
        ("http://www.example.gov.cn/loop2.html", "302 Found", [("Location", "/loop1.html")] + html, b""),
        ("http://www.example.gov.cn/b.html", "200 OK", [("Content-Type", "text/html; charset=gbk")],
         fixture_bytes("jcms_article_gbk.html")),
    ])
    result = run(path)
    named = {p["path"]: p for p in result["pages"]}
    a = named["http://www.example.gov.cn/xxgk/a.html"]
    assert a["url"] == "http://www.example.gov.cn/xxgk/a.html" and a["index_number"] == "EX0001/2024-00012"
    assert a["attachments"][0]["size"] == 13
    assert "http://www.example.gov.cn/old.html" not in named  # a redirect to a page already reported
    assert named["http://www.example.gov.cn/loop1.html"]["problems"][0]["code"] == "redirect_loop"
    assert named["http://www.example.gov.cn/b.html"]["issuer"] == "示例县人民政府办公室"


@pytest.mark.django_db
def test_unknown_encoding_and_missing_path_are_entries_not_failures(tree, tmp_path):
    (tmp_path / "bad.html").write_bytes(b"<html>" + bytes(range(128, 256)) * 40)
    result = run(tmp_path / "bad.html", tmp_path / "nowhere")
    codes = [p["problems"][0]["code"] for p in result["pages"]]
    assert codes == ["unknown_encoding", "not_found"]


@pytest.mark.django_db
def test_unknown_organisation_is_a_clear_error(tree):
    with pytest.raises(CommandError, match="找不到机构代码"):
        call_command("import_pages", "--organisation", "nope", "--dry-run", str(FIXTURES), stdout=io.StringIO())
