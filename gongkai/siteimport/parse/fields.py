"""The page's own metadata: ``<meta>`` tags and the 信息公开目录 header (table, list or label/value blocks)."""
from __future__ import annotations

import re

# The standard government-site metadata (政府网站网页元数据) and a few common extras, lower-cased.
META_NAMES = {
    "articletitle": "title", "pubdate": "publish_date", "contentsource": "source", "columnname": "column",
    "columntype": "column_type", "sitename": "site_name", "url": "url", "keywords": "keywords",
    "description": "description", "author": "author", "firstpublishedtime": "publish_date",
    "og:title": "og_title", "og:url": "url",
}

# Header labels as offices write them; the first spelling of each field is the canonical one.
LABELS = {
    "index_number": ("索引号", "索取号", "信息索引号", "索 引 号"),
    "issuer": ("发布机构", "发文机关", "发文单位", "发布单位", "发文机构", "公开机构", "制发机关", "信息来源", "来源"),
    "document_number": ("文号", "发文字号", "发文文号", "文件编号", "文件字号"),
    "written_date": ("成文日期", "成文时间", "生成日期", "形成日期", "发文日期", "印发日期"),
    "publish_date": ("发布日期", "发布时间", "公开日期", "公开时间", "发文时间", "发表时间", "日期", "时间"),
    "validity": ("有效性", "效力状态", "时效性", "是否有效", "有效状态"),
    "topic": ("主题分类", "信息分类", "分类", "所属主题", "主题"),
    "keywords_label": ("主题词", "关键词"),
    "title": ("标题", "名称", "文件名称", "信息名称"),
    "document_type": ("文件类型", "公文种类", "文种"),
    "validity_date": ("失效日期", "废止日期", "有效期"),
    # Not fields: words that end the value before them ("来源：县应急局 作者：… 浏览次数：…").
    None: ("作者", "浏览次数", "点击数", "点击量", "阅读次数", "访问量", "字号", "责任编辑", "编辑", "审核", "打印",
           "关闭窗口", "分享到", "【打印】", "扫一扫"),
}
_WS = r"[\s\u3000\xa0]*"
_LABEL_OF: dict[str, tuple[str, int]] = {}
_alternatives = []
for _field, _names in LABELS.items():
    for _rank, _name in enumerate(_names):
        _key = re.sub(r"\s", "", _name)
        _LABEL_OF.setdefault(_key, (_field, _rank) if _field else (None, 0))
        _alternatives.append(_key)
_alternatives.sort(key=len, reverse=True)
_LABEL_RE = "|".join(_WS.join(re.escape(ch) for ch in name) for name in _alternatives)
# A label: at the start of the text (colon optional) or anywhere else followed by a colon.
LABEL_AT_START = re.compile(rf"^{_WS}(?:【|\[)?({_LABEL_RE}){_WS}(?:】|\])?{_WS}[:：]?{_WS}")
LABEL_WITH_COLON = re.compile(rf"(?:^|(?<=[\s\u3000\xa0|｜;；,，]))({_LABEL_RE}){_WS}[:：]{_WS}")

_BLOCKS = {"td", "th", "li", "p", "div", "dd", "dt", "table", "ul", "ol", "tr", "tbody", "dl", "section", "article",
           "h1", "h2", "h3", "h4", "form"}
_CANDIDATES = _BLOCKS | {"span", "label", "b", "strong", "em", "font"}
MAX_LABEL_BLOCK = 400


def clean(text: str | None) -> str:
    return re.sub(r"[\s\u3000\xa0]+", " ", text or "").strip()


def field_of(label: str) -> tuple[str, int] | tuple[None, int]:
    """(field, rank of this spelling): 发布机构 outranks 来源 for the issuer."""
    return _LABEL_OF.get(re.sub(r"[\s\u3000\xa0]", "", label), (None, 0))


def read_meta(doc) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in doc.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        key = META_NAMES.get(name)
        value = clean(meta.get("content"))
        if key and value and key not in found:
            found[key] = value
    return found


def _is_leaf(el) -> bool:
    return not any(child.tag in _BLOCKS for child in el.iterdescendants() if isinstance(child.tag, str))


def _next_value(el) -> str:
    """The value written after a bare label: the tail text, else the next sibling element's text."""
    tail = clean(el.tail)
    if tail:
        return tail
    sibling = el.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    if sibling is None:
        return ""
    text = clean(sibling.text_content())
    return "" if LABEL_AT_START.match(text) and not LABEL_AT_START.sub("", text) else text


def _split(text: str) -> list[tuple[str | None, int, str]]:
    """'索引号：X 发布机构：Y' → [(index_number, X), (issuer, Y)]."""
    marks: list[tuple[int, int, str]] = []
    first = LABEL_AT_START.match(text)
    if first:
        marks.append((first.start(1), first.end(), first.group(1)))
    for m in LABEL_WITH_COLON.finditer(text):
        if not marks or m.start(1) >= marks[-1][1]:
            marks.append((m.start(1), m.end(), m.group(1)))
    pairs = []
    for i, (_, value_start, label) in enumerate(marks):
        value_end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        pairs.append((*field_of(label), clean(text[value_start:value_end])))
    return pairs


def read_header(doc, stop=None) -> dict[str, str]:
    """Label → value pairs of the header: the best-ranked spelling wins, then the first occurrence.

    ``stop`` is the body element: labels inside the article body are the body's words, not the header.
    """
    found: dict[str, tuple[int, str]] = {}
    skip = set(stop.iter()) if stop is not None else set()
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag not in _CANDIDATES or el in skip or not _is_leaf(el):
            continue
        text = clean(el.text_content())
        if not text or len(text) > MAX_LABEL_BLOCK:
            continue
        for field, rank, value in _split(text):
            if not field or (field in found and found[field][0] <= rank):
                continue
            if not value:
                value = _next_value(el)
            if value:
                found[field] = (rank, value)
    return {key: value for key, (_, value) in found.items()}
