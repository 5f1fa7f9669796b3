"""Sources never reach outside what was given, and every cap is a report entry."""
import zipfile

import pytest

from gongkai.siteimport.sources import SourceIssue, SourcePage, open_source

from .conftest import fixture_bytes


def _only(source):
    return list(source.pages())


def test_folder_attachment_links_cannot_leave_the_folder(tmp_path):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_bytes(fixture_bytes("trs_article.html"))
    source = open_source(str(site))
    page = _only(source)[0]
    with pytest.raises(SourceIssue) as raised:
        source.fetch(page, "../secret.pdf")
    assert raised.value.code == "missing"
    with pytest.raises(SourceIssue):
        source.fetch(page, "/../secret.pdf")


def test_zip_attachment_links_cannot_leave_the_archive(tmp_path):
    path = tmp_path / "s.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("s/a.html", fixture_bytes("trs_article.html"))
        archive.writestr("../evil.pdf", b"%PDF-1.4")
    source = open_source(str(path))
    page = _only(source)[0]
    with pytest.raises(SourceIssue):
        source.fetch(page, "../../evil.pdf")


def test_page_over_the_cap_and_archive_over_its_expanded_cap(tmp_path, settings):
    settings.SITEIMPORT_MAX_PAGE_BYTES = 2000
    (tmp_path / "big.html").write_bytes(b"<html>" + b"x" * 3000)
    (tmp_path / "ok.html").write_bytes(b"<html>" + b"x" * 100)
    pages = {p.path.rsplit("/", 1)[-1]: p for p in _only(open_source(str(tmp_path)))}
    assert pages["big.html"].issue.code == "too_large" and pages["big.html"].data is None
    assert pages["ok.html"].issue is None
    settings.SITEIMPORT_MAX_PAGE_BYTES = 5 * 1024 * 1024
    settings.SITEIMPORT_MAX_ARCHIVE_EXPANDED_BYTES = 5000
    path = tmp_path / "s.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(4):
            archive.writestr(f"p{i}.html", b"<html>" + bytes(range(256)) * 8)
    codes = [p.issue.code if p.issue else None for p in _only(open_source(str(path)))]
    assert codes == [None, None, "archive_too_large", "archive_too_large"]


def test_damaged_archives_are_entries(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "bad.warc").write_bytes(b"WARC/1.0\r\nnonsense")
    assert _only(open_source(str(tmp_path / "bad.zip")))[0].issue.code == "bad_archive"
    assert _only(open_source(str(tmp_path / "bad.warc")))[0].issue.code == "bad_archive"


def test_crawl_redirect_to_another_host_is_reported():
    from gongkai.siteimport.crawl import CrawlSource

    source = CrawlSource("http://127.0.0.1:9/", delay=0)
    source._robots = type("R", (), {"can_fetch": lambda self, agent, url: True})()
    source._get = lambda url, cap: (302, {"Location": "http://elsewhere.example/x"}, b"")
    with pytest.raises(SourceIssue) as raised:
        source.fetch(SourcePage("p", None, url="http://127.0.0.1:9/a.html"), "b.html")
    assert raised.value.code == "other_host" and raised.value.message == "附件位于其他网站（elsewhere.example），未下载"
