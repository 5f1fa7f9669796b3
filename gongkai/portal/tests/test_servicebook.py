"""办事一本通 (seed 000 二(二)): compiled from the organisation's current catalog items, its published 办事指南
records and its guide; a public page (page-cached) and a printable PDF with a table of contents and the
date of compilation; kept current because nothing is stored."""
import pytest
from django.core.cache import caches
from django.test import Client

from gongkai.portal import servicebook
from gongkai.records.tests import factories as rf


@pytest.fixture
def w(tree, seed_templates):
    w = rf.world(tree)
    w.guide_item = next(i for i in w.items if i.key == "公共服务/4")
    w.item = w.guide_item
    return w


def _guide_record(w, title="危险化学品经营许可证核发办事指南", body="一、设定依据：《危险化学品安全管理条例》。"):
    return rf.publish(w, rf.create_record(w, title=title, body=body, doc_number=""))


def test_the_book_assembles_service_items_records_and_contacts(w):
    record = _guide_record(w)
    book = servicebook.compile_book(w.org)
    titles = [e.title for e in book.services]
    assert titles[0] == "主要业务办事指南" and "行政许可" in titles and "法律法规" not in titles
    assert book.services[0].records == [record]
    labels = [label for label, _ in book.services[0].elements]
    assert "公开内容" in labels and "一级事项" not in labels
    assert [t for _a, t in book.toc()][:3] == ["一、办事机构与联系方式", "二、办事事项", "（1） 主要业务办事指南"]
    assert book.data_as_of == record.published_at and book.compiled_at is not None


def test_a_withdrawn_or_new_record_shows_at_once(w):
    _guide_record(w)
    client = Client()
    assert "危险化学品经营许可证核发办事指南" in client.get("/org/sx-jc-yc/servicebook/").content.decode()
    _guide_record(w, title="自然灾害生活救助申请办事指南")
    assert "自然灾害生活救助申请办事指南" in client.get("/org/sx-jc-yc/servicebook/").content.decode()


def test_an_organisation_without_catalog_gets_an_honest_page(tree):
    html = Client().get("/org/sx-jc-zz/servicebook/").content.decode()
    assert "本机关尚未发布含办事服务事项的标准目录。" in html
    assert Client().get("/org/nope/servicebook/").status_code == 404


def test_the_pdf_has_a_table_of_contents_and_the_compilation_date(w):
    import io

    from pypdf import PdfReader

    _guide_record(w)
    r = Client().get("/org/sx-jc-yc/servicebook.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "目录" in text and "编制日期" in text and "危险化学品经营许可证核发办事指南" in text


def test_the_page_is_page_cached_and_renewed_by_a_publication(w, settings, django_capture_on_commit_callbacks):
    settings.GONGKAI_PAGE_CACHE = True
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _guide_record(w)
        client = Client()
        client.get("/org/sx-jc-yc/servicebook/")
        assert client.get("/org/sx-jc-yc/servicebook/")["X-Page-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            _guide_record(w, title="第二份办事指南")
        assert "第二份办事指南" in client.get("/org/sx-jc-yc/servicebook/").content.decode()
    finally:
        caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
