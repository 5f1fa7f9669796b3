"""The article body region per CMS family, its clean text and sanitised HTML, and its attachments."""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import nh3
from lxml import etree
from lxml.cssselect import CSSSelector

from .fields import clean

# Layout profiles: how each CMS family marks the page (``detect``) and where it puts the body
# (``body``: CSS selectors tried in order). Comment markers are tried before selectors.
@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    detect: tuple[str, ...]  # lower-case substrings of the page source
    body: tuple[str, ...]
    title: tuple[str, ...] = ()
    markers: tuple[tuple[str, str], ...] = ()


PROFILES = (
    Profile("trs", "TRS WCM", ("trs_editor", "trs_ueditor", "trs_paragraph", "<!--<$[", "trswcm"),
            ("div.TRS_Editor", "div.trs_editor_view", "div.TRS_UEDITOR", ".trs_paragraph", "#zoom"),
            ("div.article-title h1", "h1.title", "td.title")),
    Profile("jcms", "大汉 JCMS", ("zjeg_rss", "/jcms/", "jcms_files", "hanweb"),
            ("#zoom", "div.bt_content", "#barrierfree_container .article", "div.main-txt"),
            ("td.title", "div.title", "h1"),
            (("<!--ZJEG_RSS.content.begin-->", "<!--ZJEG_RSS.content.end-->"),)),
    Profile("kaipuyun", "开普云", ("ucap-content", "ucap", "kaipuyun"),
            ("#UCAP-CONTENT", "div.ucap-content", "div.article-content"), ("h1.article-title", "h1")),
    Profile("epoint", "新点", ("ewb-", "epoint"),
            ("div.ewb-article-info", "#mainContent", "div.ewb-info-bd", "div.article-info"),
            ("h3.ewb-article-tt", "div.ewb-article-tt", "h1")),
    Profile("static", "静态页面", (),
            ("article .content", "div.article-content", "#zoom", "#Zoom", "div.zoom", "#fontzoom", "div.pages_content",
             "#mainText", "div.article-con", "div.news_content", "div.con_text", "div.wzy_nr", "#js_content",
             "#content", "div.content", "article", "div.article", "div.main-content", "div.detail"),
            ("article h1", "h1")),
)

ATTACHMENT_KINDS = {
    "pdf": "pdf", "doc": "doc", "docx": "docx", "wps": "wps", "xls": "xls", "xlsx": "xlsx", "et": "xls",
    "ofd": "ofd", "zip": "zip", "rar": "rar", "7z": "7z", "jpg": "image", "jpeg": "image", "png": "image",
    "gif": "image", "bmp": "image", "txt": "txt",
}
_EXT_RE = re.compile(r"\.([A-Za-z0-9]{1,5})$")
KEEP_TAGS = {"p", "br", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col", "ul",
             "ol", "li", "strong", "b", "em", "i", "u", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "span", "div",
             "sub", "sup", "blockquote", "pre", "hr"}
KEEP_ATTRS = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "a": {"href", "title"},
              "img": {"src", "alt", "width", "height"}, "col": {"span"}, "colgroup": {"span"}}
_LINE_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "section",
              "dd", "dt", "pre", "hr"}


def detect_profile(source: str) -> Profile:
    low = source.lower()
    for profile in PROFILES:
        if profile.detect and any(mark in low for mark in profile.detect):
            return profile
    return PROFILES[-1]


def _by_markers(source: str, profile: Profile):
    for begin, end in profile.markers:
        i, j = source.find(begin), source.find(end)
        if 0 <= i < j:
            return lxml.html.fragment_fromstring(source[i + len(begin):j], create_parent="div")
    return None


@functools.lru_cache(maxsize=256)
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def select(doc, selector: str):
    """doc.cssselect(selector) with the selector compiled once per process."""
    return _compiled(selector)(doc)


def _first(doc, selectors):
    for selector in selectors:
        for el in select(doc, selector):
            if clean(el.text_content()) or el.find(".//img") is not None or el.find(".//table") is not None:
                return el
    return None


def find_body(doc, source: str, profile: Profile):
    """(element, how) for the body region: the profile's markers/selectors, any profile's, then readability."""
    el = _by_markers(source, profile)
    if el is not None:
        return el, f"{profile.name}:marker"
    el = _first(doc, profile.body)
    if el is not None:
        return el, profile.name
    for other in PROFILES:
        el = _first(doc, other.body)
        if el is not None:
            return el, other.name
    return _readability(source), "readability"


def _readability(source: str):
    from readability import Document

    try:
        summary = Document(source).summary(html_partial=True)
    except Exception:  # readability gives up on empty or broken pages
        return None
    el = lxml.html.fragment_fromstring(summary, create_parent="div")
    return el if clean(el.text_content()) else None


def body_text(el) -> str:
    """Readable text: one line per paragraph, table row or list item, cells separated by a tab."""
    if el is None:
        return ""
    lines = []
    for line in _itertext_lines(el).split("\n"):
        line = re.sub(r"[ \u3000\xa0\t]+", lambda m: "\t" if "\t" in m.group(0) else " ", line).strip(" \t")
        if line:
            lines.append(line)
    return "\n".join(lines)


def _itertext_lines(el) -> str:
    out: list[str] = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style") or not tag:
            return
        if tag in _LINE_TAGS:
            out.append("\n")
        elif tag in ("td", "th"):
            out.append("\t")
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if tag in _LINE_TAGS:
            out.append("\n")

    walk(el)
    return "".join(out)


def body_html(el) -> str:
    if el is None:
        return ""
    raw = etree.tostring(el, encoding="unicode", method="html")
    return nh3.clean(raw, tags=KEEP_TAGS, attributes=KEEP_ATTRS, url_schemes={"http", "https"},
                     link_rel="noopener noreferrer").strip()


def attachment_kind(url: str, text: str) -> str | None:
    path = unquote(urlsplit(url).path)
    for candidate in (posixpath.basename(path), clean(text)):
        m = _EXT_RE.search(candidate)
        if m and m.group(1).lower() in ATTACHMENT_KINDS:
            return ATTACHMENT_KINDS[m.group(1).lower()]
    query = unquote(urlsplit(url).query)
    m = re.search(r"\.([A-Za-z0-9]{1,5})(?:&|$)", query)
    if m and m.group(1).lower() in ATTACHMENT_KINDS:
        return ATTACHMENT_KINDS[m.group(1).lower()]
    return None


def attachments(doc, body, base_url: str | None) -> list[dict]:
    """Linked files of the page (anywhere: offices list them under the body) and images of the body."""
    found: list[dict] = []
    seen: set[str] = set()
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = clean(a.text_content()) or clean(a.get("title"))
        kind = attachment_kind(href, text)
        if not kind:
            continue
        url = urljoin(base_url, href) if base_url else href
        if url in seen:
            continue
        seen.add(url)
        found.append({"url": url, "href": href, "text": text, "kind": kind, "inline": False})
    if body is not None:
        for img in body.iter("img"):
            src = (img.get("src") or "").strip()
            if not src or src.startswith("data:"):
                continue
            url = urljoin(base_url, src) if base_url else src
            if url in seen:
                continue
            seen.add(url)
            found.append({"url": url, "href": src, "text": clean(img.get("alt")), "kind": "image", "inline": True})
    return found
