"""Finding links in published text, hostile input included."""
import pytest

from gongkai.links.extract import MAX_LINKS_PER_PAGE, MAX_URL_LENGTH, classify, find_links


def urls(text, base="/records/3/"):
    return [(l.url, l.kind, l.reason) for l in find_links(text, base)]


def test_bare_addresses_end_at_chinese_punctuation():
    got = urls("详见应急管理部网站http://www.mem.gov.cn/xw/，以及www.shanxi.gov.cn。")
    assert got == [("http://www.mem.gov.cn/xw/", "external", ""), ("http://www.shanxi.gov.cn", "external", "")]


def test_site_paths_written_out_are_internal_but_dates_and_slashes_are_not():
    got = urls("详见 /records/12/ ；日期2026/11/30，和/或，a/b/c")
    assert got == [("/records/12/", "internal", "")]


@pytest.mark.parametrize("raw,reason", [
    ("javascript:alert(1)", "scheme"), ("JaVaScRiPt:alert(1)", "scheme"), ("data:text/html;base64,PHNjcmlwdD4=", "scheme"),
    ("vbscript:msgbox", "scheme"), ("file:///etc/passwd", "scheme"), ("ftp://example.org/a", "scheme"),
    ("http://[::1", "malformed"), ("http://example.org:99999/", "malformed"), ("http:///nohost", "malformed"),
])
def test_unusable_addresses_are_invalid_not_fetched(raw, reason):
    link = classify(raw, "/records/1/")
    assert (link.kind, link.reason) == ("invalid", reason)


@pytest.mark.parametrize("raw", ["#top", "#", "mailto:office@example.org", "tel:0356-1234567", "", "   "])
def test_fragments_and_contact_links_are_not_pages(raw):
    assert classify(raw, "/records/1/") is None


def test_relative_and_protocol_relative_addresses():
    got = urls('<a href="../7/">上一篇</a> <a href="attachments/2/">附件</a> <img src="//cdn.example.org/a.png">')
    assert got == [("/records/7/", "internal", ""), ("/records/3/attachments/2/", "internal", ""),
                   ("https://cdn.example.org/a.png", "external", "")]


def test_huge_address_is_invalid_and_truncated():
    link = classify("http://example.org/" + "a" * 10_000, "/")
    assert link.kind == "invalid" and link.reason == "too_long" and len(link.url) == MAX_URL_LENGTH


def test_unicode_fullwidth_and_invisible_characters():
    got = urls("网址：https://例子.中国/路径?查询=是 和 http://exa\u200bmple.org/ｘ，ｈｔｔｐ://not.a.link/")
    # A full-width scheme is no address a browser follows; full-width letters inside one are folded (NFKC).
    assert got == [("https://例子.中国/路径?查询=是", "external", ""), ("http://example.org/x", "external", "")]


def test_fragment_is_dropped_and_duplicates_counted_once():
    got = urls("http://example.org/a#x http://example.org/a#y http://example.org/a")
    assert got == [("http://example.org/a", "external", "")]


def test_site_host_absolute_addresses_are_internal(settings):
    settings.GONGKAI_SITE_URL = "https://gk.example.gov.cn"
    settings.GONGKAI_LINKS_SITE_HOSTS = ["www.example.gov.cn"]
    assert urls("https://gk.example.gov.cn/records/5/?a=1 http://www.example.gov.cn/reports/") == [
        ("/records/5/?a=1", "internal", ""), ("/reports/", "internal", "")]


def test_number_of_links_is_bounded_and_big_text_is_fine():
    text = " ".join(f"http://h{i}.example.org/" for i in range(MAX_LINKS_PER_PAGE + 50))
    assert len(find_links(text * 3)) == MAX_LINKS_PER_PAGE
    assert find_links("隐患排查" * 1_000_000) == []  # 4 MB of text without links


def test_attribute_and_bare_address_are_not_counted_twice():
    assert urls('<a href="http://example.org/p">http://example.org/p</a>') == [("http://example.org/p", "external", "")]


def test_wrong_types_are_nothing():
    assert find_links(None) == [] and find_links("") == []
