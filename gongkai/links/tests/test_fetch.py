"""The external fetcher against a local HTTP server on 127.0.0.1 — never the internet.

Loopback is a private address: it is fetched only when the allow-list names it, which is also the
proof that the SSRF guard works (without the allow-list nothing reaches the server)."""
import http.server
import threading
import time

import pytest

from gongkai.links import fetch

HITS = []


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        HITS.append((self.command, self.path))
        routes = {
            "/ok": (200, {}), "/gone": (404, {}), "/error": (500, {}),
            "/moved": (301, {"Location": "/ok"}), "/inward": (302, {"Location": "http://169.254.169.254/latest/"}),
            "/loop": (302, {"Location": "/loop"}), "/js": (302, {"Location": "javascript:alert(1)"}),
        }
        if self.path == "/slow":
            time.sleep(1.5)
            code, headers = 200, {}
        elif self.path == "/nohead":
            code, headers = (405, {}) if self.command == "HEAD" else (200, {})
        else:
            code, headers = routes.get(self.path.split("?")[0], (404, {}))
        self.send_response(code)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def allowed(settings):
    settings.GONGKAI_LINKS_ALLOW = ["127.0.0.1"]
    settings.GONGKAI_LINKS_DENY = []
    settings.GONGKAI_LINKS_TIMEOUT = 1
    HITS.clear()
    return settings


def test_loopback_is_refused_without_the_allow_list(server, settings):
    settings.GONGKAI_LINKS_ALLOW = []
    HITS.clear()
    out = fetch.fetch(f"{server}/ok")
    assert (out.alive, out.reason) == (None, "private") and HITS == []


@pytest.mark.parametrize("url", ["http://localhost/", "http://10.0.0.1/", "http://192.168.1.1/", "http://169.254.169.254/",
                                 "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"])
def test_private_and_special_addresses_are_never_fetched(url, settings):
    settings.GONGKAI_LINKS_ALLOW = []
    assert fetch.fetch(url).alive is None


def test_allowed_server_answers(server, allowed):
    out = fetch.fetch(f"{server}/ok")
    assert (out.alive, out.code) == (True, 200) and HITS == [("HEAD", "/ok")]


def test_not_found_and_server_error_are_dead(server, allowed):
    assert (fetch.fetch(f"{server}/gone").alive, fetch.fetch(f"{server}/gone").code) == (False, 404)
    assert fetch.fetch(f"{server}/error").alive is False


def test_head_refused_falls_back_to_get(server, allowed):
    out = fetch.fetch(f"{server}/nohead")
    assert out.alive is True and HITS == [("HEAD", "/nohead"), ("GET", "/nohead")]


def test_redirects_are_followed_and_checked_again(server, allowed):
    assert fetch.fetch(f"{server}/moved").alive is True
    inward = fetch.fetch(f"{server}/inward")  # a redirect into the link-local metadata address
    assert inward.alive is None and inward.reason == "private"
    assert fetch.fetch(f"{server}/loop").reason == "redirect_loop"
    assert fetch.fetch(f"{server}/js").reason == "redirect"


def test_timeout_is_dead(server, allowed):
    allowed.GONGKAI_LINKS_TIMEOUT = 0.3
    out = fetch.fetch(f"{server}/slow")
    assert (out.alive, out.reason) == (False, "timeout")


def test_deny_list_wins_over_allow_list(server, allowed):
    allowed.GONGKAI_LINKS_DENY = ["127.0.0.0/8"]
    assert fetch.fetch(f"{server}/ok").reason == "denied" and HITS == []


def test_unresolvable_host_is_dead_without_network(settings):
    out = fetch.fetch("http://no-such-host.invalid/")
    assert (out.alive, out.reason) == (False, "dns")


def test_unicode_path_is_encoded(server, allowed):
    assert fetch.fetch(f"{server}/路径?查询=是").code == 404
    assert HITS[-1][1].startswith("/%E8%B7%AF%E5%BE%84?")
