"""Find the links in published text and sort them: internal, external, or not a usable address at all.

Published bodies are plain text (the portal escapes them), so a link is a bare ``http(s)://`` or ``www.``
address, a site path written out (``/records/12/``), or an ``href``/``src`` attribute in text imported
from an old site's HTML. Hostile input is
expected: ``javascript:``/``data:``/``vbscript:`` addresses are *invalid* (a reader cannot follow them and
no checker fetches them), fragment-only and ``mailto:``/``tel:`` links are not pages to check, relative
addresses are resolved against the page's own address, and the number and length of links are bounded.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_URL_LENGTH = 2000
MAX_LINKS_PER_PAGE = 300

_ATTR = re.compile(r"""(?:href|src)\s*=\s*(?:"([^"]{0,4000})"|'([^']{0,4000})')""", re.IGNORECASE)
# A bare address ends at whitespace, quotes, angle brackets or CJK punctuation (full-width too).
_STOP = r"""\s<>"'，。；、：！？（）【】《》「」“”‘’\u3000"""
_BARE = re.compile(rf"(?:https?://|www\.)[^{_STOP}]{{1,4000}}", re.IGNORECASE)
# A site path written out in the text ("详见 /records/12/"): a slash, an ASCII word, a slash — so that
# "和/或" or a date like 2026/11/30 is not taken for one.
_PATH = re.compile(rf"(?<![\w:/.\-])/[A-Za-z][A-Za-z0-9_-]{{0,40}}/[^{_STOP}]{{0,2000}}")
_TRAILING = ".,;:!?)]}"
_UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file", "about", "blob", "filesystem"}
_IGNORED_SCHEMES = {"mailto", "tel", "sms"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


@dataclass(frozen=True)
class Link:
    url: str  # absolute (external) or site path (internal), normalised
    kind: str  # "internal" | "external" | "invalid"
    reason: str = ""


def site_hosts() -> set[str]:
    hosts = {h.lower().lstrip(".") for h in getattr(settings, "GONGKAI_LINKS_SITE_HOSTS", ()) if h}
    site = getattr(settings, "GONGKAI_SITE_URL", "")
    if site:
        hosts.add((urlsplit(site).hostname or "").lower())
    return hosts - {"", "*"}


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw.translate(_INVISIBLE)).strip()
    while text and text[-1] in _TRAILING:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    return text


def classify(raw: str, base: str = "/") -> Link | None:
    """Sort one address found on the page at `base`; None when it is not a page to check."""
    url = _clean(raw)
    if not url or url.startswith("#"):
        return None  # fragment-only: the same page
    scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
    if scheme in _IGNORED_SCHEMES:
        return None
    if len(url) > MAX_URL_LENGTH:
        return Link(url[:MAX_URL_LENGTH], "invalid", "too_long")
    if scheme in _UNSAFE_SCHEMES:
        return Link(url[:200], "invalid", "scheme")
    if url.lower().startswith("www."):
        url, scheme = "http://" + url, "http"
    if scheme and scheme not in ("http", "https"):
        return Link(url, "invalid", "scheme")
    if not scheme:
        if url.startswith("//"):
            url, scheme = "https:" + url, "https"
        else:
            url = urljoin(base, url)  # relative to the page
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return Link(url, "invalid", "malformed")
    if not scheme:
        return Link(parts.path or "/", "internal") if not parts.query else Link(f"{parts.path}?{parts.query}", "internal")
    if not host:
        return Link(url, "invalid", "malformed")
    if host in site_hosts():
        path = parts.path or "/"
        return Link(f"{path}?{parts.query}" if parts.query else path, "internal")
    return Link(url.split("#", 1)[0], "external")


def find_links(text: str, base: str = "/") -> list[Link]:
    """The distinct links in `text` (attributes and bare addresses), in order, at most MAX_LINKS_PER_PAGE."""
    if not text:
        return []
    seen: dict[str, Link] = {}
    attrs = list(_ATTR.finditer(text))
    candidates = [(m.start(), m.group(1) if m.group(1) is not None else m.group(2)) for m in attrs]
    starts = [m.start() for m in attrs]
    for pattern in (_BARE, _PATH):
        for m in pattern.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.start() >= attrs[i].end():  # not inside an attribute already taken
                candidates.append((m.start(), m.group(0)))
    for _pos, raw in sorted(candidates, key=lambda c: c[0]):
        link = classify(raw, base)
        if link is not None and link.url not in seen:
            seen[link.url] = link
            if len(seen) >= MAX_LINKS_PER_PAGE:
                break
    return list(seen.values())
