"""Crawling the office's live site: from its 政府信息公开 column or sitemap, list pages → article pages.

Same host only, robots.txt respected (a missing robots.txt allows all), one request per
``delay`` seconds (``SITEIMPORT_CRAWL_DELAY_SECONDS``, default 1.0), a page limit, redirects
followed by hand (a loop is reported), sizes capped as for saved pages. The crawl's position
(``state``: queue, seen, counts) is plain JSON, so a background job can stop and resume it.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections import deque
from urllib.parse import quote, urldefrag, urljoin, urlsplit

import lxml.html
from django.conf import settings

from . import limits
from .parse.body import attachment_kind
from .sources import SourceIssue, SourcePage

USER_AGENT = "GongkaiSiteImport/1.0 (+government information disclosure platform; site migration)"
MAX_REDIRECTS = 10
_URL_SAFE = ":/?&=%#;@+,$!~*'()[]"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # 3xx answers come back as HTTPError; the crawler follows them itself


_opener = urllib.request.build_opener(_NoRedirect)


def crawl_delay() -> float:
    return float(getattr(settings, "SITEIMPORT_CRAWL_DELAY_SECONDS", 1.0))


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


class CrawlSource:
    def __init__(self, start_url: str, *, max_pages: int = 100, delay: float | None = None, state: dict | None = None,
                 timeout: float = 20.0):
        if urlsplit(start_url).scheme not in ("http", "https") or not urlsplit(start_url).netloc:
            raise SourceIssue("not_found")
        self.start_url = start_url
        self.origin = _origin(start_url)
        self.max_pages = max_pages
        self.delay = crawl_delay() if delay is None else delay
        self.timeout = timeout
        self.state = state or {"queue": [start_url], "seen": [start_url], "done": [], "fetched": 0, "requests": 0}
        self._seen = set(self.state["seen"])
        self._last = 0.0
        self._robots = None

    # -- HTTP ------------------------------------------------------------------------------
    def _wait(self):
        pause = self.delay - (time.monotonic() - self._last)
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()

    def _get(self, url: str, cap: int) -> tuple[int, dict, bytes]:
        self._wait()
        self.state["requests"] += 1
        request = urllib.request.Request(quote(url, safe=_URL_SAFE), headers={"User-Agent": USER_AGENT})
        try:
            with _opener.open(request, timeout=self.timeout) as answer:
                return answer.status, dict(answer.headers), _read(answer, cap)
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers or {}), b""

    def robots(self) -> urllib.robotparser.RobotFileParser:
        if self._robots is None:
            parser = urllib.robotparser.RobotFileParser()
            status, _headers, body = self._get(f"{self.origin[0]}://{self.origin[1]}/robots.txt", 512 * 1024)
            if status == 200:
                parser.parse(body.decode("utf-8", "replace").splitlines())
            else:
                parser.parse([])  # no robots.txt: everything allowed
            self._robots = parser
        return self._robots

    def allowed(self, url: str) -> bool:
        return _origin(url) == self.origin and self.robots().can_fetch(USER_AGENT, url)

    def fetch_url(self, url: str, cap: int) -> tuple[str, dict, bytes]:
        """GET with redirects followed on the same host; loops and other hosts are SourceIssues."""
        seen = []
        while True:
            if _origin(url) != self.origin:
                raise SourceIssue("other_host", host=urlsplit(url).hostname or "")
            if not self.robots().can_fetch(USER_AGENT, url):
                raise SourceIssue("robots")
            status, headers, body = self._get(url, cap)
            location = headers.get("Location") or headers.get("location")
            if 300 <= status < 400 and location:
                seen.append(url)
                url = urljoin(url, location)
                if url in seen or len(seen) > MAX_REDIRECTS:
                    raise SourceIssue("redirect_loop")
                continue
            if status != 200:
                raise SourceIssue("http_error", status=status)
            return url, headers, body

    # -- the crawl -------------------------------------------------------------------------
    def _links(self, url: str, body: bytes) -> list[str]:
        try:
            doc = lxml.html.document_fromstring(body)
        except (ValueError, lxml.etree.ParserError):
            return []
        found = []
        if url.endswith(".xml") or body.lstrip()[:5] == b"<?xml":
            found = [loc.text_content().strip() for loc in doc.iter("loc")]
        for a in doc.iter("a"):
            href = (a.get("href") or "").strip()
            if href and not href.startswith(("javascript:", "mailto:", "#")):
                found.append(urljoin(url, href))
        return [urldefrag(link)[0] for link in found]

    def pages(self):
        queue = deque(self.state["queue"])
        while queue and self.state["fetched"] < self.max_pages:
            url = queue.popleft()
            self.state["queue"] = list(queue)
            try:
                final, headers, body = self.fetch_url(url, limits.max_page_bytes())
            except SourceIssue as issue:
                if issue.code != "robots":
                    yield SourcePage(url, None, url=url, issue=issue)
                continue
            self.state["fetched"] += 1
            if final in self.state["done"]:
                continue  # reached again through a redirect
            self.state["done"].append(final)
            content_type = headers.get("Content-Type") or headers.get("content-type")
            for link in self._links(final, body):
                if link not in self._seen and _origin(link) == self.origin and not attachment_kind(link, ""):
                    self._seen.add(link)
                    self.state["seen"].append(link)
                    queue.append(link)
            self.state["queue"] = list(queue)
            if content_type and "html" not in content_type.lower():
                continue
            yield SourcePage(final, body, url=final, content_type=content_type)

    def fetch(self, page: SourcePage, href: str) -> bytes:
        return self.fetch_url(urljoin(page.url, href), limits.max_attachment_bytes())[2]


def _read(answer, cap: int) -> bytes:
    data = answer.read(cap + 1)
    if len(data) > cap:
        raise SourceIssue("too_large", limit=cap // (1024 * 1024))
    return data
