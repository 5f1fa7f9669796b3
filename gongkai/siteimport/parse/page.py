"""One saved page → a ParsedPage: the fields a reader sees, or why the page is not an article."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from . import body as bodymod
from .dates import parse_date
from .decode import UndecodablePage, decode
from .fields import clean, read_header, read_meta

# Why a page is not imported (skipped) and why an article is held: codes with Chinese messages.
SKIP_NOT_HTML = "not_html"
SKIP_ENCODING = "unknown_encoding"
SKIP_ERROR_PAGE = "error_page"
SKIP_LOGIN = "login_wall"
SKIP_LIST = "list_page"
SKIP_EMPTY = "empty_page"
PROBLEM_NO_TITLE = "no_title"
PROBLEM_NO_DATE = "no_date"
PROBLEM_NO_BODY = "no_body"

MESSAGES = {
    SKIP_NOT_HTML: "不是网页文件",
    SKIP_ENCODING: "无法识别网页编码，未导入",
    SKIP_ERROR_PAGE: "错误页面（如404页面不存在），未导入",
    SKIP_LOGIN: "需要登录的页面，未导入",
    SKIP_LIST: "栏目列表页，不是文章页，未导入",
    SKIP_EMPTY: "空白页面，未导入",
    PROBLEM_NO_TITLE: "页面上找不到标题，需人工补充",
    PROBLEM_NO_DATE: "页面上找不到发布日期，需人工补充",
    PROBLEM_NO_BODY: "页面上找不到正文",
}

VALIDITY_WORDS = (("废止", "repealed"), ("失效", "expired"), ("有效", "valid"))
DOCUMENT_TYPES = (("规章", "rule"), ("规范性文件", "normative"))
_ERROR_WORDS = ("404", "页面不存在", "页面未找到", "找不到页面", "页面找不到", "not found", "页面已删除", "访问的页面不存在",
                "无法找到该页", "500 internal", "服务器错误")
_LOGIN_WORDS = ("请登录", "用户登录", "登录后", "统一身份认证", "请先登录")
_LIST_DATE = re.compile(r"(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_PAGER = re.compile(r"下一页|尾页|共\s*\d+\s*页|第\s*\d+\s*/\s*\d+\s*页")


@dataclass
class ParsedPage:
    path: str
    url: str | None = None
    encoding: str | None = None
    profile: str | None = None
    body_from: str | None = None
    title: str | None = None
    publish_date: dt.date | None = None
    index_number: str | None = None
    document_number: str | None = None
    issuer: str | None = None
    written_date: dt.date | None = None
    validity: str | None = None
    validity_label: str | None = None
    document_type: str | None = None
    topic: str | None = None
    column: str | None = None
    source: str | None = None
    body_text: str = ""
    body_html: str = ""
    attachments: list[dict] = field(default_factory=list)
    skipped: str | None = None  # a SKIP_* code: not an article
    problems: list[str] = field(default_factory=list)  # PROBLEM_* codes: an article held for a person

    @property
    def is_article(self) -> bool:
        return self.skipped is None


def _none(value: str | None) -> str | None:
    value = clean(value)
    return value or None


def _validity(text: str | None) -> tuple[str | None, str | None]:
    text = clean(text)
    for word, code in VALIDITY_WORDS:
        if word in text:
            return code, text
    return None, (text or None)


def _document_type(text: str | None) -> str | None:
    for word, code in DOCUMENT_TYPES:
        if text and word in text:
            return code
    return None


_TITLE_CANDIDATES = ("h1", "h2", "h3", "[class*=title]", "[id*=title]", "[class*=Title]", "td.biaoti", ".bt")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|－|—|\||｜|\s-\s)\s*")


def _title_from(doc, profile, body, site_name: str | None) -> str | None:
    """The profile's title element; else the longest heading the <title> also names; else <title> without the site."""
    skip = set(body.iter()) if body is not None else set()
    for selector in profile.title:
        for el in bodymod.select(doc, selector):
            if el not in skip and clean(el.text_content()):
                return clean(el.text_content())
    title_el = doc.find(".//title")
    page_title = clean(title_el.text_content()) if title_el is not None else ""
    best = ""
    for selector in _TITLE_CANDIDATES:
        for el in bodymod.select(doc, selector):
            text = clean(el.text_content())
            if 4 <= len(text) <= 200 and text in page_title and len(text) > len(best):
                best = text
    if best:
        return best
    parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p]
    if len(parts) > 1:
        site_like = [p for p in parts if (site_name and p == site_name) or re.search(r"政府|门户|网站|首页|官网", p)]
        rest = [p for p in parts if p not in site_like]
        if site_like and rest:
            return max(rest, key=len)
    return page_title or None


def _not_article(doc, text: str, meta: dict, header: dict, body, trusted_body: bool) -> str | None:
    """Why the page is not an article (error page, login wall, list page), or None.

    Article pages carry login boxes and "related articles" lists too: the body region decides —
    a login wall or a list has little text of its own in it.
    """
    page_title = clean(doc.findtext(".//title") or "").lower()
    h1 = " ".join(clean(h.text_content()) for h in doc.iter("h1", "h2")).lower()
    if not text.strip():
        return SKIP_EMPTY
    region = body if body is not None else doc
    own_text = len(clean(region.text_content())) - sum(len(clean(a.text_content())) for a in region.iter("a"))
    if "title" not in meta and any(w in page_title or w in h1 for w in _ERROR_WORDS) and len(text) < 3000:
        return SKIP_ERROR_PAGE
    # a login box in the page's header is no wall; a password field where the body should be is
    has_password = any((i.get("type") or "").lower() == "password" for i in region.iter("input"))
    if has_password and "index_number" not in header and own_text < 1000:
        return SKIP_LOGIN
    if "title" not in meta and "index_number" not in header and "document_number" not in header:
        dated_items = sum(1 for li in region.iter("li", "tr") if li.find(".//a") is not None
                          and _LIST_DATE.search(li.text_content() or ""))
        if body is None or not trusted_body:  # no layout-profile body: the whole page's lists count
            dated_items = sum(1 for li in doc.iter("li", "tr") if li.find(".//a") is not None
                              and _LIST_DATE.search(li.text_content() or ""))
        if (dated_items >= 5 or (dated_items >= 2 and _PAGER.search(text))) and own_text < 40 * dated_items + 300:
            return SKIP_LIST
    return None


def parse_html(data: bytes, *, path: str, url: str | None = None, content_type: str | None = None) -> ParsedPage:
    page = ParsedPage(path=path, url=url)
    try:
        source, page.encoding = decode(data, content_type)
    except UndecodablePage:
        page.skipped = SKIP_ENCODING
        return page
    source = source.replace("\x00", "")
    if "<" not in source[:4096]:
        page.skipped = SKIP_NOT_HTML
        return page
    try:
        doc = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        page.skipped = SKIP_NOT_HTML
        return page
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    meta = read_meta(doc)
    base = doc.find(".//base")
    page.url = url or (base.get("href") if base is not None and base.get("href") else None) or meta.get("url")
    if page.url and page.url.startswith(("http://", "https://")):
        doc.make_links_absolute(page.url, resolve_base_href=True, handle_failures="ignore")
    profile = bodymod.detect_profile(source)
    page.profile = profile.name
    body, page.body_from = bodymod.find_body(doc, source, profile)
    header = read_header(doc, stop=body)
    text = clean(doc.text_content())
    page.skipped = _not_article(doc, text, meta, header, body, page.body_from != "readability")
    if page.skipped:
        return page

    page.title = _none(meta.get("title")) or _none(header.get("title")) or _title_from(doc, profile, body, meta.get("site_name"))
    page.publish_date = parse_date(meta.get("publish_date")) or parse_date(header.get("publish_date"))
    if page.publish_date is None and body is not None:  # a template that puts the date line inside the body
        page.publish_date = parse_date(read_header(body).get("publish_date"))
    page.index_number = _none(header.get("index_number"))
    page.document_number = _none(header.get("document_number"))
    if page.document_number in ("无", "-", "—", "/"):
        page.document_number = None
    page.issuer = _none(header.get("issuer")) or _none(meta.get("source"))
    page.written_date = parse_date(header.get("written_date"))
    page.validity, page.validity_label = _validity(header.get("validity"))
    page.document_type = _document_type(header.get("document_type"))
    page.topic = _none(header.get("topic"))
    page.column = _none(meta.get("column"))
    page.source = _none(meta.get("source"))
    page.body_text = bodymod.body_text(body)
    page.body_html = bodymod.body_html(body)
    page.attachments = bodymod.attachments(doc, body, page.url)
    if not page.title:
        page.problems.append(PROBLEM_NO_TITLE)
    if not page.publish_date:
        page.problems.append(PROBLEM_NO_DATE)
    if not page.body_text and not page.attachments:
        page.problems.append(PROBLEM_NO_BODY)
    return page
