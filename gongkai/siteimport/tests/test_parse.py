"""Reading saved pages of each CMS family (fixtures written for these tests, not copied from real sites)."""
import datetime as dt

import pytest

from gongkai.siteimport.parse import decode, parse_date, parse_html
from gongkai.siteimport.parse.decode import UndecodablePage
from gongkai.siteimport.parse.fields import read_header

from .conftest import fixture_bytes

D = dt.date


def parse(name, **kw):
    return parse_html(fixture_bytes(name), path=name, **kw)


@pytest.mark.parametrize("text, expected", [
    ("2024-03-05", D(2024, 3, 5)), ("2024年3月5日", D(2024, 3, 5)), ("2024/3/5", D(2024, 3, 5)),
    ("二〇二四年三月五日", D(2024, 3, 5)), ("二〇二四年十二月三十一日", D(2024, 12, 31)),
    ("二〇二四年二月二十日", D(2024, 2, 20)), ("发布时间：2024.03.05 10:21", D(2024, 3, 5)),
    ("２０２４－０３－０５", D(2024, 3, 5)), ("20240305", D(2024, 3, 5)),
    ("2024-02-30", None), ("无", None), ("", None), (None, None), ("1900-01-01", None),
])
def test_dates_normalised(text, expected):
    assert parse_date(text) == expected


def test_trs_page_meta_header_table_body_and_attachments():
    page = parse("trs_article.html", url="http://www.example.gov.cn/xxgk/tzgg/202403/t20240305_1.html")
    assert page.profile == "trs" and page.body_from == "trs"
    assert page.title == "示例县应急管理局关于做好2024年汛期安全防范工作的通知"
    assert (page.publish_date, page.written_date) == (D(2024, 3, 5), D(2024, 3, 1))
    assert page.index_number == "EX0001/2024-00012"
    assert page.document_number == "示应急发〔2024〕3号"
    assert page.issuer == "示例县应急管理局"
    assert (page.validity, page.document_type, page.topic, page.column) == ("valid", "normative", "安全生产", "通知公告")
    assert page.body_text.splitlines() == ["各乡镇人民政府，县直各有关单位：", "为做好今年汛期安全防范工作，现将有关事项通知如下。",
                                           "乡镇\t值班电话", "城关镇\t0356-0000001", "特此通知。"]
    # sanitised HTML keeps the table, drops scripts, event handlers and styles
    assert "<table" in page.body_html and "<td>城关镇</td>" in page.body_html
    assert "onerror" not in page.body_html and "onclick" not in page.body_html and "style=" not in page.body_html
    # relative links resolved against the page's URL; the "返回" link is no attachment
    assert [(a["url"], a["text"], a["kind"]) for a in page.attachments] == [
        ("http://www.example.gov.cn/xxgk/tzgg/202403/P020240305_1.pdf", "1.汛期值班表.pdf", "pdf"),
        ("http://www.example.gov.cn/xxgk/tzgg/202403/P020240305_2.docx", "2.应急预案（修订稿）", "docx"),
        ("http://www.example.gov.cn/xxgk/tzgg/202403/W020240305_1.png", "汛期示意图", "image"),
    ]
    assert 'src="http://www.example.gov.cn/xxgk/tzgg/202403/W020240305_1.png"' in page.body_html
    assert page.problems == [] and page.is_article


def test_jcms_gbk_page_with_spaced_labels_and_chinese_numeral_date():
    page = parse("jcms_article_gbk.html")
    assert page.encoding == "gb18030"  # declared gb2312, read as its superset
    assert page.profile == "jcms" and page.body_from == "jcms:marker"
    assert page.index_number == "EX0001/2024-00020"  # label "索　引　号" without a colon
    assert page.issuer == "示例县人民政府办公室"  # 发文机关
    assert page.written_date == D(2024, 2, 20)  # 二〇二四年二月二十日
    assert page.publish_date == D(2024, 3, 5)  # 2024/3/5
    assert page.document_number == "示政办发〔2024〕7号"  # 发文字号
    assert page.title == "示例县防汛抗旱应急预案"  # from the header's 标题 row
    assert "镕（GBK字）" in page.body_text  # a GBK-only character decoded
    assert [(a["kind"], a["text"]) for a in page.attachments] == [("xls", "预案附表.xls"), ("wps", "预案说明.wps")]


def test_kaipuyun_list_layout_and_no_document_number():
    page = parse("kaipuyun_article.html")
    assert page.profile == "kaipuyun"
    assert (page.index_number, page.issuer, page.written_date) == ("EX0001/2024-00003", "示例县应急管理局", D(2024, 1, 12))
    assert page.document_number is None  # "无" is no number
    assert (page.validity, page.validity_label) == ("valid", "现行有效")
    assert [a["kind"] for a in page.attachments] == ["ofd", "zip", "pdf"]
    assert page.body_text.startswith("现将检查结果公告如下：")


def test_epoint_label_blocks_detected_gb18030_without_declaration():
    data = fixture_bytes("epoint_article_gb18030.html")
    assert b"charset" not in data
    page = parse_html(data, path="x")
    assert page.encoding == "gb18030" and page.profile == "epoint"
    assert page.title == "示例县应急管理局2024年第一季度救灾资金发放情况公示"  # h3.ewb-article-tt
    assert (page.index_number, page.document_number, page.publish_date) == (
        "EX0001/2024-00031", "示应急〔2024〕12号", D(2024, 4, 2))


def test_static_one_line_header_and_repealed_validity():
    page = parse("static_article.html")
    assert page.profile == "static"
    assert (page.index_number, page.issuer, page.publish_date) == ("EX0001/2019-00005", "示例县应急管理局", D(2019, 6, 10))
    assert page.document_number == "示应急规〔2019〕1号"
    assert page.validity == "repealed"
    assert page.title == "示例县安全生产管理暂行办法"  # the article's h1, not the <title> with its suffix
    assert page.attachments[0]["kind"] == "docx"  # upper-case extension


def test_unknown_layout_falls_back_to_readability():
    page = parse("readability_article.html")
    assert page.body_from == "readability"
    assert page.body_text.startswith("5月12日") and "首页" not in page.body_text and "版权所有" not in page.body_text


@pytest.mark.parametrize("name, reason", [
    ("list_page.html", "list_page"), ("not_found.html", "error_page"), ("login.html", "login_wall"),
])
def test_non_articles_skipped_with_reason(name, reason):
    page = parse(name)
    assert page.skipped == reason and not page.is_article and page.title is None


def test_page_without_date_is_held_not_guessed():
    page = parse("no_date_article.html")
    assert page.is_article and page.problems == ["no_date"] and page.publish_date is None


def test_page_without_title_is_held():
    page = parse_html("<html><body><div class='TRS_Editor'><p>发布日期：2024-01-02</p><p>正文内容</p></div></body></html>"
                      .encode(), path="x")
    assert "no_title" in page.problems and page.title is None


def test_header_labels_variants():
    import lxml.html

    doc = lxml.html.document_fromstring(
        "<div><dl><dt>索引号:</dt><dd>A/1</dd></dl><p>【文号】示〔2024〕1号</p>"
        "<table><tr><th>成文日期</th><td>2024-01-01</td></tr></table>"
        "<div class='x'><span>来源：</span>县应急局</div><div>发布机构：县政府　发布日期：2024-01-02</div></div>")
    header = read_header(doc)
    assert header["index_number"] == "A/1"
    assert header["document_number"] == "示〔2024〕1号"
    assert header["written_date"] == "2024-01-01"
    assert header["issuer"] == "县政府"  # 发布机构 outranks 来源 wherever it stands
    assert header["publish_date"] == "2024-01-02"


def test_decoding_order_bom_then_declaration_then_detection():
    assert decode("\ufeff<p>公开</p>".encode("utf-8")) == ("<p>公开</p>", "utf-8")
    # a wrong declaration (utf-8 declared, GBK written) is detected, not trusted
    text, enc = decode('<meta charset="utf-8"><p>政府信息公开目录：关于做好安全生产工作的通知</p>'.encode("gbk"))
    assert "政府信息公开" in text and enc == "gb18030"


def test_unknown_encoding_is_reported_not_guessed():
    garbage = bytes(range(128, 256)) * 40
    with pytest.raises(UndecodablePage):
        decode(garbage)
    page = parse_html(garbage, path="x")
    assert page.skipped == "unknown_encoding"


NEWS = """<html><head><meta charset="utf-8"><title>县应急管理局开展汛前检查_示例县人民政府门户网站</title></head><body>
<div class="top"><form><span>用户登录</span><input name="u"><input type="password" name="p"></form></div>
<div class="main"><h2 class="nav-title">工作动态</h2><div class="art-title">县应急管理局开展汛前检查</div>
<p class="info">来源：县应急管理局　作者：王某（测试）　发布时间：2024-04-08 09:12　浏览次数：35</p>
<div class="pages_content"><p>4月8日，县应急管理局组织开展汛前安全检查，重点检查了全县各乡镇的防汛物资储备、应急值守和隐患排查整改情况。</p>
<p>检查组要求各乡镇压实责任，完善预案，做好人员转移准备，确保安全度汛。检查中发现的问题已当场反馈并限期整改。</p></div>
<div class="related"><h3>相关新闻</h3><ul>""" + "".join(
    f'<li><a href="/n{i}.html">相关新闻{i}</a><span>2024-04-0{i}</span></li>' for i in range(1, 8)) + """</ul></div>
</div></body></html>"""


def test_news_article_with_login_box_and_related_list_is_an_article():
    page = parse_html(NEWS.encode(), path="x")
    assert page.is_article, page.skipped
    assert page.title == "县应急管理局开展汛前检查"  # the heading the <title> names, not the column heading
    assert page.publish_date == D(2024, 4, 8)
    assert page.issuer == "县应急管理局"  # "作者：…" ends the value
    assert page.body_text.startswith("4月8日") and "相关新闻" not in page.body_text


def test_title_without_any_heading_drops_the_site_name():
    page = parse_html("<html><head><title>关于做好防汛工作的通知 - 示例县人民政府</title></head><body>"
                      "<div class='content'><p>日期：2024-05-06</p><p>正文内容若干。</p></div></body></html>".encode(),
                      path="x")
    assert page.title == "关于做好防汛工作的通知" and page.publish_date == D(2024, 5, 6)
