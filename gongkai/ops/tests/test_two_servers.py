"""Two application servers (gunicorn, the `make run` configuration) on one database.

Shows that nothing lives in one process: a withdrawal and a re-publication on server A are seen
on server B's cached pages at once; concurrent submissions to both servers get unique tracking
numbers; and the intake's rate limit counts a client's submissions to both servers together.
Runs in the PostgreSQL pass of the suite, on a new database of the same server (dropped afterwards).
"""
from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.db import connection

from .redis_util import redis_for_tests

ROOT = Path(__file__).resolve().parents[3]
PY = sys.executable
PASSWORD = "two-servers-" + secrets.token_hex(4)
DIGITS = "零一二三四五六七八九"
W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

pytestmark = pytest.mark.skipif(shutil.which("gunicorn", path=str(Path(PY).parent)) is None,
                                reason="gunicorn is not installed in this environment")


def chinese_to_int(text: str) -> int:
    if "十" not in text:
        return DIGITS.index(text)
    tens, _, ones = text.partition("十")
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def synthetic_id(n: int) -> str:
    first17 = f"14052519900101{n % 1000:03d}"
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]


def hidden_fields(page: str) -> dict[str, str]:
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        if 'type="hidden"' in tag:
            name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = value.group(1) if value else ""
    return fields


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One client with its own cookies, talking to whichever server it is given."""

    def __init__(self, host: str | None = None):
        self.cookies: dict[str, str] = {}
        self.host = host  # the public name behind a load balancer; by default each server's own address

    def request(self, port, method, path, form=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": self.host or f"127.0.0.1:{port}"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read().decode("utf-8", errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, response.headers, data

    def token(self, page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def record_action(self, port, record_pk, action, **form):
        """Run a record workflow action from its office page, as the signed-in user."""
        _s, _h, detail = self.request(port, "GET", f"/office/records/{record_pk}/")
        status, _h, body = self.request(port, "POST", f"/office/records/{record_pk}/do/{action}/",
                                        {"csrfmiddlewaretoken": self.token(detail), **form})
        assert status == 302, body[:500]

    def login(self, port, username):
        _s, _h, page = self.request(port, "GET", "/office/login/")
        status, headers, body = self.request(port, "POST", "/office/login/", {
            "csrfmiddlewaretoken": self.token(page), "username": username, "password": PASSWORD})
        assert status == 302, body[:500]

    def submit(self, port, n: int) -> tuple[int, str]:
        status, _h, page = self.request(port, "GET", "/requests/new/sx-jc-zz/")
        assert status == 200, status
        a, op, b = re.search(r"([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)", page).groups()
        x, y = chinese_to_int(a), chinese_to_int(b)
        form = hidden_fields(page)  # the CSRF token, the signed question, any one-time token
        form.update({
            "answer": str(x + y if op == "加" else x - y),
            "applicant_type": "natural", "applicant_name": "测试申请人", "id_document_type": "id_card",
            "id_number": synthetic_id(n), "phone": "13800000000", "description": f"两台服务器测试申请第{n}件",
            "info_form": "electronic", "delivery": "online",
        })
        status, headers, _body = self.request(port, "POST", "/requests/new/sx-jc-zz/", form)
        number = urllib.parse.unquote(headers.get("Location", "").rstrip("/").rsplit("/", 1)[-1]) if status == 302 else ""
        return status, number


@contextmanager
def database():
    """Yield (DATABASE_URL, var dir) of a new, empty database on the suite's PostgreSQL server; drop it afterwards."""
    settings = connection.settings_dict
    import psycopg

    name = f"gongkai_two_servers_{secrets.token_hex(4)}"
    dsn = dict(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, user=settings["USER"],
               password=settings["PASSWORD"] or None, dbname="postgres")
    with psycopg.connect(**dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / name
    tmp.mkdir()
    try:
        yield f"postgres://{auth}@{dsn['host']}:{dsn['port']}/{name}", tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        with psycopg.connect(**dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def server(env, settings_module):
    port = free_port()
    proc = subprocess.Popen(
        [shutil.which("gunicorn", path=str(Path(PY).parent)), "-c", str(ROOT / "scripts" / "gunicorn.conf.py"),
         "gongkai.wsgi", "--log-level", "warning"],
        env=dict(env, HOST="127.0.0.1", PORT=str(port), GONGKAI_WORKERS="2", GONGKAI_SCHEDULER="off",
                 DJANGO_SETTINGS_MODULE=settings_module), cwd=ROOT)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("gunicorn exited")
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def manage(env, *args) -> str:
    """Run a management command; return the last line it printed."""
    result = subprocess.run([PY, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


@pytest.mark.django_db
def test_two_servers_share_pages_numbers_and_limits():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: several servers share one database (the SQLite run would only repeat it on one file)")
    with database() as (url, tmp):
        env = dict(os.environ, DATABASE_URL=url, GONGKAI_VAR_DIR=str(tmp), GONGKAI_DEBUG="false",
                   GONGKAI_SECRET_KEY=secrets.token_urlsafe(40), GONGKAI_DEMO_PASSWORD=PASSWORD,
                   GONGKAI_ALLOWED_HOSTS="127.0.0.1", GONGKAI_PAGE_CACHE="true", PYTHONPATH=str(ROOT),
                   DJANGO_SETTINGS_MODULE="gongkai.settings.base")
        manage(env, "migrate", "--noinput", "-v", "0")
        for command in ("import_standard_catalogs", "load_demo", "load_records_demo"):
            manage(env, command)
        record_pk = int(manage(env, "shell", "-c",
                               "from gongkai.records.models import Record;"
                               "print(Record.objects.filter(status='published').order_by('pk').first().pk)").strip())
        page = f"/records/{record_pk}/"

        # Phase 1: the intake benchmark's settings (no rate limit: every client is 127.0.0.1).
        with ExitStack() as stack:
            a = stack.enter_context(server(env, "bench.foi_bench_settings"))
            b = stack.enter_context(server(env, "bench.foi_bench_settings"))
            visitor = Browser()
            # Warm B's workers until it answers from its cache (which worker takes a request is up to
            # the kernel, so a fixed count of requests does not guarantee a hit).
            seen = []
            for _ in range(12):
                status, headers, html = visitor.request(b, "GET", page)
                assert status == 200
                seen.append(headers["X-Page-Cache"])
                if seen.count("hit") >= 2:
                    break
            assert "hit" in seen, seen
            title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()

            office = Browser()
            office.login(a, "yc_office")
            office.record_action(a, record_pk, "withdraw", opinion="内容需要更正")
            for _ in range(4):
                assert visitor.request(b, "GET", page)[0] == 404  # withdrawn: gone from B at once
            office.record_action(a, record_pk, "publish")
            for _ in range(4):
                status, _h, html = visitor.request(b, "GET", page)
                assert status == 200 and title in html  # published again: back on B at once

            # Concurrent submissions, half to each server: every tracking number is unique.
            numbers, failures = [], []
            lock = threading.Lock()

            def citizen(i):
                browser = Browser()
                for j in range(4):
                    status, number = browser.submit(a if (i + j) % 2 else b, 100 + i * 10 + j)
                    with lock:
                        (numbers if status == 302 else failures).append(number or status)

            threads = [threading.Thread(target=citizen, args=(i,)) for i in range(6)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert failures == [] and len(numbers) == 24
            assert len(set(numbers)) == 24
            stored = manage(env, "shell", "-c",
                            "from gongkai.foi.models import DisclosureRequest as D;"
                            f"q = D.objects.filter(tracking_number__in={sorted(numbers)!r});"
                            "print(q.count(), q.values('tracking_number').distinct().count(),"
                            " D.objects.values('tracking_number').distinct().count() - D.objects.count())")
            # Each acknowledged number is stored once (the demo's own requests are not counted), and
            # no number is stored twice in the whole table.
            assert stored.split() == ["24", "24", "0"]

        # Phase 2: the product's settings. One citizen alternates between the servers; the
        # limit on submissions counts both servers together.
        from gongkai.foi.intake import DEFAULT_LIMITS

        limit = DEFAULT_LIMITS["submit"][0]
        with ExitStack() as stack:
            a = stack.enter_context(server(env, "gongkai.settings.base"))
            b = stack.enter_context(server(env, "gongkai.settings.base"))
            citizen = Browser()
            outcomes = [citizen.submit(a if n % 2 else b, 500 + n)[0] for n in range(limit + 3)]
            assert outcomes[:limit] == [302] * limit
            assert all(status in (403, 429) for status in outcomes[limit:]), outcomes

        # Phase 3: both servers share one Redis page cache (GONGKAI_REDIS_URL). A page rendered by
        # A is answered by B from the shared cache without rendering; a withdrawal on A is seen on B.
        redis_url = redis_for_tests()
        prefix = f"gongkai-test-{secrets.token_hex(4)}"
        shared = dict(env, GONGKAI_REDIS_URL=redis_url, GONGKAI_CACHE_PREFIX=prefix)
        try:
            with ExitStack() as stack:
                a = stack.enter_context(server(shared, "bench.foi_bench_settings"))
                b = stack.enter_context(server(shared, "bench.foi_bench_settings"))
                visitor = Browser(host="127.0.0.1")  # one public name in front of both servers
                status, headers, html = visitor.request(a, "GET", page)
                assert status == 200 and "X-Page-Cache" not in headers  # rendered by A, stored in Redis
                for _ in range(4):  # every worker of B, none of which has rendered the page
                    status, headers, again = visitor.request(b, "GET", page)
                    assert status == 200 and headers["X-Page-Cache"] == "hit" and again == html
                office = Browser()
                office.login(a, "yc_office")
                office.record_action(a, record_pk, "withdraw", opinion="内容需要更正")
                assert visitor.request(b, "GET", page)[0] == 404
        finally:
            import redis

            client = redis.Redis.from_url(redis_url)
            keys = list(client.scan_iter(f"{prefix}:*"))
            if keys:
                client.delete(*keys)

