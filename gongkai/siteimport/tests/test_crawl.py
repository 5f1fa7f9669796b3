"""The live-site crawl against a local HTTP server started by the test (loopback only)."""
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from gongkai.siteimport.crawl import CrawlSource

from .conftest import fixture_bytes, tiny_pdf

LIST = """<html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul>
<li><a href="/tzgg/a.html">通知甲</a><span>2024-03-05</span></li>
<li><a href="/tzgg/b.html">通知乙</a><span>2024-03-04</span></li>
<li><a href="/private/c.html">内部</a><span>2024-03-03</span></li>
<li><a href="/loop1.html">循环</a><span>2024-03-02</span></li>
<li><a href="/old.html">旧地址</a><span>2024-03-01</span></li>
<li><a href="http://elsewhere.example/x.html">外站</a><span>2024-03-01</span></li>
</ul><a href="/tzgg/index_1.html">下一页</a> 共 2 页</body></html>"""


class Site(BaseHTTPRequestHandler):
    hits: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        Site.hits.append((time.monotonic(), self.path))
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/tzgg/": (200, "text/html; charset=utf-8", LIST.encode()),
            "/tzgg/a.html": (200, "text/html; charset=utf-8", fixture_bytes("trs_article.html")),
            "/tzgg/b.html": (200, "text/html; charset=gbk", fixture_bytes("jcms_article_gbk.html")),
            "/tzgg/P020240305_1.pdf": (200, "application/pdf", tiny_pdf()),
            "/private/c.html": (200, "text/html", b"<html>secret</html>"),
        }
        redirects = {"/loop1.html": "/loop2.html", "/loop2.html": "/loop1.html", "/old.html": "/tzgg/a.html"}
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/html", b"<html><title>404</title></html>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    Site.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)  # loopback only
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_crawl_follows_list_pages_respects_robots_and_reports_loops(server):
    source = CrawlSource(f"{server}/tzgg/", max_pages=20, delay=0)
    pages = list(source.pages())
    paths = {p.path.replace(server, ""): p for p in pages}
    assert "/tzgg/a.html" in paths and "/tzgg/b.html" in paths
    assert paths["/loop1.html"].issue.code == "redirect_loop"
    assert not any("/private/" in hit for _t, hit in Site.hits)  # robots.txt respected
    assert not any("elsewhere" in p.path for p in pages)  # another host is not followed
    assert paths["/tzgg/index_1.html"].issue.code == "http_error"
    # the attachment is fetched from the same site
    a = paths["/tzgg/a.html"]
    assert source.fetch(a, "./P020240305_1.pdf") == tiny_pdf()


def test_page_limit_and_resuming_from_saved_state(server):
    first = CrawlSource(f"{server}/tzgg/", max_pages=2, delay=0)
    got = [p.path for p in first.pages()]
    assert first.state["fetched"] == 2 and len(got) == 2
    state = json.loads(json.dumps(first.state))  # what a job stores between runs
    second = CrawlSource(f"{server}/tzgg/", max_pages=4, delay=0, state=state)
    more = [p.path for p in second.pages()]
    assert not set(got) & set(more) and second.state["fetched"] == 4


def test_polite_rate(server, monkeypatch):
    """The crawler sends one request per ``delay`` at most. Timed where the requests leave the crawler
    (a loaded machine may deliver them to the server bunched together, which says nothing of the crawler)."""
    from gongkai.siteimport import crawl

    sent, opener = [], crawl._opener

    class Timed:
        def open(self, request, *args, **kwargs):
            sent.append(time.monotonic())
            return opener.open(request, *args, **kwargs)

    monkeypatch.setattr(crawl, "_opener", Timed())
    source = CrawlSource(f"{server}/tzgg/a.html", max_pages=1, delay=0.3)
    list(source.pages())
    source.fetch(next(iter([type("P", (), {"url": f"{server}/tzgg/a.html"})()])), "P020240305_1.pdf")
    assert len(Site.hits) == 3 and len(sent) == 3
    assert all(b - a >= 0.29 for a, b in zip(sent, sent[1:])), sent  # less only by the few lines between the pause and the send


@pytest.mark.django_db
def test_command_from_url_dry_run(tree, server, settings):
    settings.SITEIMPORT_CRAWL_DELAY_SECONDS = 0
    out = io.StringIO()
    call_command("import_pages", "--organisation", "sx-jc-yc", "--dry-run", "--json", "--from-url", f"{server}/tzgg/",
                 "--max-pages", "10", stdout=out)
    result = json.loads(out.getvalue())
    named = {p["path"].replace(server, ""): p for p in result["pages"]}
    assert named["/tzgg/a.html"]["index_number"] == "EX0001/2024-00012"
    assert named["/tzgg/a.html"]["attachments"][0]["size"] == len(tiny_pdf())
    assert named["/tzgg/b.html"]["written_date"] == "2024-02-20"
    assert named["/tzgg/"]["problems"][0]["code"] == "list_page"
