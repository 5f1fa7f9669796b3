"""An 索引号 or 文号 query finds its record first (issue 21 item 16), on SQLite and PostgreSQL."""
import pytest
from django.test import Client

from gongkai.records.search import codes
from gongkai.records.search.query import search

from .factories import create_record, publish


@pytest.fixture
def shelf(w):
    """Several published notices that all mention 防汛 and cite each other's numbers in their text."""
    target = publish(w, create_record(w, title="关于做好2026年防汛工作的通知", doc_number="阳应急〔2026〕12号",
                                      body="各乡镇：做好防汛工作。"))
    others = [publish(w, create_record(w, title=f"防汛值班安排（第{n}期）", doc_number=f"阳应急〔2026〕{n + 20}号",
                                       body="依据阳应急〔2026〕12号文件，安排防汛值班。索引号见附件。"))
              for n in range(3)]
    return target, others


def _first(query, **kw):
    hits = search(query, **kw).hits
    return hits[0].document.record_id if hits else None


@pytest.mark.parametrize("written", ["阳应急〔2026〕12号", "阳应急[2026]12号", "阳应急（2026）12号", "阳应急【2026】12",
                                     " 阳应急 〔2026〕 12号 ", "阳应急［２０２６］１２号"])
def test_a_document_number_finds_its_record_first(shelf, written):
    target, others = shelf
    assert _first(written) == target.pk  # other notices cite it in their text, yet it comes first
    assert _first(written, order="relevance") == target.pk


def test_an_index_number_finds_its_record_first_in_any_case_and_width(shelf, w):
    target, others = shelf
    number = others[1].index_number
    for written in (number, number.upper(), f" {number} ", number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))):
        results = search(written)
        assert results.hits and results.hits[0].document.record_id == others[1].pk, written
    assert _first(target.index_number, organisation_id=w.orgs["sx-jc-zz"].pk) is None  # filters still apply


def test_an_unpublished_record_is_never_found_by_its_number(w):
    draft = create_record(w, title="未发布的通知", doc_number="阳应急〔2026〕99号")
    assert _first("阳应急〔2026〕99号") is None
    assert draft.index_number == ""


def test_ordinary_words_are_not_taken_for_numbers():
    assert codes.doc_number_keys("防汛工作") == [] and codes.index_number_keys("防汛工作") == []
    assert codes.doc_number_keys("〔2026〕12号") == []  # no issuer: too vague to be one document
    assert codes.index_number_keys("abc") == []


def test_the_search_page_puts_the_record_first_and_the_empty_page_says_what_to_do(shelf, w):
    target, _others = shelf
    page = Client().get("/records/search/", {"q": "阳应急〔2026〕12号"}).content.decode()
    assert page.index(target.get_absolute_url()) < page.index("防汛值班安排")
    empty = Client().get("/records/search/", {"q": "完全不存在的词语组合", "org": w.org.code}).content.decode()
    assert "没有找到相关信息" in empty
    assert "减少关键词" in empty
    assert f"/records/?org={w.org.code}" in empty  # browse by item
    assert 'href="/requests/"' in empty  # ask by request
    assert "去掉机构、事项和年度筛选重新检索" in empty
