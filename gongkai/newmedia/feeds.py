"""Reading an account's RSS/Atom feed for the dates of its latest items (the scheduled job ``newmedia_read_feeds``).

Outbound requests are off unless the administrator lists the feed hosts in
``GONGKAI_NEWMEDIA_FEED_HOSTS`` (comma-separated host names; none by default): an office cannot make the
server fetch an arbitrary address (SSRF). On top of the list: http(s) only, the default ports or the one in
the listed entry, no redirects followed, every address the host resolves to must be public unless
``GONGKAI_NEWMEDIA_FEED_ALLOW_PRIVATE`` is set (an intranet mirror), a timeout and a size cap. The XML is parsed
without entities, DTDs or network access.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

TIMEOUT_SECONDS = 10
MAX_BYTES = 2 * 1024 * 1024
USER_AGENT = "GongkaiNewMediaMonitor/1.0 (+government new-media update monitoring)"


class FeedProblem(Exception):
    """A feed that could not be read; the message is shown to the office."""


def allowed_hosts() -> set[str]:
    raw = getattr(settings, "GONGKAI_NEWMEDIA_FEED_HOSTS", "") or ""
    items = raw.split(",") if isinstance(raw, str) else raw
    return {h.strip().lower() for h in items if h and h.strip()}


def enabled() -> bool:
    return bool(allowed_hosts())


def check_address(url: str) -> tuple[str, int]:
    """Return (host, port) when `url` may be fetched, else raise FeedProblem saying why."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedProblem(_("订阅源地址须为 http(s) 网址。"))
    host = parts.hostname.lower()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FeedProblem(_("订阅源地址的端口不正确。")) from None
    hosts = allowed_hosts()
    if host not in hosts and f"{host}:{port}" not in hosts:
        raise FeedProblem(_("订阅源所在网站不在系统管理员允许读取的范围内。"))
    if parts.port and f"{host}:{port}" not in hosts:
        raise FeedProblem(_("订阅源地址使用了未经允许的端口。"))
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FeedProblem(_("无法解析订阅源所在网站的地址。")) from None
    allow_private = bool(getattr(settings, "GONGKAI_NEWMEDIA_FEED_ALLOW_PRIVATE", False))
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip.is_reserved:
            raise FeedProblem(_("订阅源地址指向不允许访问的网络地址。"))
        if (ip.is_private or ip.is_loopback) and not allow_private:
            raise FeedProblem(_("订阅源地址指向内部网络地址。"))
    return host, port


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def fetch(url: str) -> bytes:
    """GET the feed (guarded as the module says); return at most MAX_BYTES, else raise FeedProblem."""
    check_address(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                  "Accept": "application/rss+xml, application/atom+xml, text/xml"})
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
            body = answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise FeedProblem(_("订阅源地址发生跳转，请填写跳转后的地址。")) from None
        raise FeedProblem(_("订阅源返回错误（HTTP %(code)s）。") % {"code": error.code}) from None
    except (urllib.error.URLError, OSError, ValueError):
        raise FeedProblem(_("订阅源暂时无法访问或超时。")) from None
    if len(body) > MAX_BYTES:
        raise FeedProblem(_("订阅源内容过大。"))
    return body


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          recover=False)
_DATE_TAGS = {"pubDate", "published", "updated", "date", "lastBuildDate"}


def _parse_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(text)  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is None:
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))  # Atom: RFC 3339
        except ValueError:
            return None
    if moment.tzinfo is not None:
        from django.utils import timezone
        moment = moment.astimezone(timezone.get_current_timezone())
    return moment.date()


def item_dates(body: bytes) -> list[dt.date]:
    """The dates of the feed's items (RSS <item>, Atom <entry>); raise FeedProblem when it is not a feed."""
    try:
        root = etree.fromstring(body, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        raise FeedProblem(_("订阅源内容不是有效的 RSS/Atom。")) from None
    dates = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname not in ("item", "entry"):
            continue
        for child in element:
            if isinstance(child.tag, str) and etree.QName(child).localname in _DATE_TAGS:
                found = _parse_date(child.text or "")
                if found:
                    dates.append(found)
                    break
    if not dates and etree.QName(root).localname not in ("rss", "feed", "RDF"):
        raise FeedProblem(_("订阅源内容不是有效的 RSS/Atom。"))
    return dates
