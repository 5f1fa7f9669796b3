"""Reading feeds: off unless allowed, guarded (hosts, addresses, redirects, size), parsed safely; the job.

A local HTTP server stands in for the platforms; nothing here touches the internet."""
import datetime as dt
import http.server
import io
import threading

import pytest
from django.core.management import call_command

from gongkai.core.models import AuditEvent
from gongkai.newmedia import feeds, services
from gongkai.newmedia.models import Account
from gongkai.newmedia.states import UpdateSource

from . import factories as f

RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><pubDate>Mon, 08 Jun 2026 09:30:00 +0800</pubDate></item>
<item><title>b</title><pubDate>Tue, 02 Jun 2026 18:00:00 +0800</pubDate></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>a</title><updated>2026-06-09T01:00:00Z</updated></entry></feed>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&x;</title><pubDate>Mon, 08 Jun 2026 09:30:00 +0800</pubDate></item></channel></rss>"""
BIG = b"<rss>" + b" " * (feeds.MAX_BYTES + 10) + b"</rss>"


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {"/rss.xml": (200, RSS), "/atom.xml": (200, ATOM), "/xxe.xml": (200, XXE), "/big.xml": (200, BIG),
              "/html": (200, b"<html><body>not a feed</body></html>"), "/missing": (404, b"")}

    def do_GET(self):
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
            return
        status, body = self.routes.get(self.path, (404, b""))
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{httpd.server_port}"
    settings.GONGKAI_NEWMEDIA_FEED_HOSTS = host
    settings.GONGKAI_NEWMEDIA_FEED_ALLOW_PRIVATE = True
    yield f"http://{host}"
    httpd.shutdown()
    httpd.server_close()


def test_off_by_default(settings):
    settings.GONGKAI_NEWMEDIA_FEED_HOSTS = ""
    assert not feeds.enabled()
    with pytest.raises(feeds.FeedProblem):
        feeds.fetch("https://feeds.example.cn/a.xml")


def test_only_listed_hosts_ports_and_public_addresses(settings):
    settings.GONGKAI_NEWMEDIA_FEED_HOSTS = "localhost,127.0.0.1"
    for url in ("ftp://127.0.0.1/a", "file:///etc/passwd", "http://evil.example.cn/a", "http://127.0.0.1:8080/a",
                "http://127.0.0.1/a", "http:///nohost", "http://127.0.0.1:99999/a"):
        with pytest.raises(feeds.FeedProblem):  # scheme, host, port, or a loopback address without permission
            feeds.check_address(url)
    settings.GONGKAI_NEWMEDIA_FEED_HOSTS = "169.254.169.254"
    settings.GONGKAI_NEWMEDIA_FEED_ALLOW_PRIVATE = True
    with pytest.raises(feeds.FeedProblem):  # link-local (cloud metadata) even when listed and private allowed
        feeds.check_address("http://169.254.169.254/latest/meta-data/")


def test_reads_rss_and_atom_dates(server):
    assert feeds.item_dates(feeds.fetch(server + "/rss.xml")) == [dt.date(2026, 6, 8), dt.date(2026, 6, 2)]
    assert feeds.item_dates(feeds.fetch(server + "/atom.xml")) == [dt.date(2026, 6, 9)]  # 09:00 Beijing time


def test_refuses_redirects_errors_oversized_and_non_feeds(server):
    for path in ("/moved", "/missing", "/big.xml"):
        with pytest.raises(feeds.FeedProblem):
            feeds.fetch(server + path)
    with pytest.raises(feeds.FeedProblem):
        feeds.item_dates(feeds.fetch(server + "/html"))


def test_entities_are_not_resolved(server):
    body = feeds.fetch(server + "/xxe.xml")
    assert feeds.item_dates(body) == [dt.date(2026, 6, 8)]  # parsed, the external entity left alone
    assert b"root:" not in body


@pytest.mark.django_db
def test_the_job_records_dates_and_problems(w, server):
    account = f.account(w, registered_days_ago=30)
    services.account_edit_details(account=account, actor=w.zz_office, contact="办公室", feed_url=server + "/rss.xml")
    other = f.account(w, registered_days_ago=30, name="泽州应急", platform="weibo")
    services.account_edit_details(account=other, actor=w.zz_office, contact="办公室", feed_url=server + "/missing")
    out = io.StringIO()
    call_command("newmedia_read_feeds", stdout=out)
    assert "1 feeds read, 1 with problems" in out.getvalue()
    account.refresh_from_db()
    other.refresh_from_db()
    assert account.last_update == dt.date(2026, 6, 8) and account.last_update_source == UpdateSource.FEED
    assert set(account.updates.values_list("published_on", flat=True)) == {dt.date(2026, 6, 8), dt.date(2026, 6, 2)}
    assert "HTTP 404" in other.feed_error and other.last_update is None
    events = AuditEvent.objects.count()
    call_command("newmedia_read_feeds", stdout=io.StringIO())  # nothing new: no audit row, only the check time
    assert AuditEvent.objects.count() == events
    assert Account.objects.get(pk=account.pk).feed_checked_at is not None


def test_the_job_does_nothing_when_off(settings, db):
    settings.GONGKAI_NEWMEDIA_FEED_HOSTS = ""
    out = io.StringIO()
    call_command("newmedia_read_feeds", stdout=out)
    assert "off" in out.getvalue()


def test_the_job_is_scheduled(settings):
    assert "newmedia_read_feeds" in settings.GONGKAI_SCHEDULED_COMMANDS
