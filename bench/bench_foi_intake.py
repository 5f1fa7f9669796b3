"""Sustained disclosure-request submissions per second through the real HTTP stack.

    .venv/bin/python bench/bench_foi_intake.py [--clients 8] [--seconds 20] [--max 2000] [--workers 4]

Starts gunicorn on 127.0.0.1 (a free port) with a fresh database — a SQLite file in a temporary
directory, or, when DATABASE_URL names PostgreSQL, a new database created on that server and
dropped afterwards. Each client thread loops like a citizen: GET the form (CSRF cookie, the
arithmetic human check), solve it, POST the application, expect the redirect to the receipt
with the tracking number. The same clients then hit a bare Django "hello" view (benchmark
URLconf only) for the same time. Printed: submissions/s, hello requests/s, their ratio, and the
check that no tracking number was lost or duplicated (responses = database rows, serials 1..N).
The rate limit is off in the benchmark's settings (all clients share 127.0.0.1); the human
check stays on.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
NUMBERS = "零一二三四五六七八九"


def parse_chinese_number(text: str) -> int:
    """七 -> 7, 十二 -> 12, 四十五 -> 45 (the numbers of the intake's arithmetic question)."""
    if "十" not in text:
        return NUMBERS.index(text)
    tens, _, ones = text.partition("十")
    return (NUMBERS.index(tens) if tens else 1) * 10 + (NUMBERS.index(ones) if ones else 0)
W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def synthetic_id(n: int) -> str:
    first17 = f"14052519900101{n % 1000:03d}"
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection with its own cookies (one citizen's browser)."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.conn.port}{path}"
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        data = resp.read()
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return resp.status, resp.headers, data


def submit(client: Client, n: int) -> str:
    status, _h, html = client.request("GET", "/requests/new/sx-jc-zz/")
    page = html.decode()
    assert status == 200, status
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    a, op, b = re.search(r"请计算：([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)", page).groups()
    challenge = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    x, y = parse_chinese_number(a), parse_chinese_number(b)
    form = {
        "csrfmiddlewaretoken": token, "challenge": challenge, "answer": str(x + y if op == "加" else x - y),
        "applicant_type": "natural", "applicant_name": "基准测试", "id_document_type": "id_card",
        "id_number": synthetic_id(n), "phone": "13800000000", "description": f"基准测试申请第{n}件",
        "info_form": "electronic", "delivery": "online",
    }
    status, headers, body = client.request("POST", "/requests/new/sx-jc-zz/", urllib.parse.urlencode(form))
    if status != 302:
        raise RuntimeError(f"submission answered {status}: {body[:300]!r}")
    return urllib.parse.unquote(headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def run_phase(port, clients, seconds, limit, work):
    """Run `work(client, n)` in `clients` threads for `seconds` or `limit` calls; return (results, errors, elapsed)."""
    counter = iter(range(1, limit + 1))
    lock = threading.Lock()
    results, errors = [], []
    stop = time.perf_counter() + seconds

    def loop():
        client = Client(port)
        while time.perf_counter() < stop:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            try:
                value = work(client, n)
            except Exception as exc:  # reported in the summary
                with lock:
                    errors.append(repr(exc))
                client = Client(port)
                continue
            with lock:
                results.append(value)

    threads = [threading.Thread(target=loop) for _i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors, time.perf_counter() - start


def hello(client: Client, n: int) -> int:
    status, _h, body = client.request("GET", "/bench/hello/")
    assert status == 200 and body == b"hello"
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max", type=int, default=3000, help="at most this many submissions")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="foi-bench-"))
    env = dict(os.environ, GONGKAI_VAR_DIR=str(tmp), DJANGO_SETTINGS_MODULE="bench.foi_bench_settings",
               GONGKAI_DEBUG="false", GONGKAI_SECRET_KEY=secrets.token_urlsafe(40), PYTHONPATH=str(ROOT))
    database_url = os.environ.get("DATABASE_URL", "")
    pg_admin = pg_name = None
    if database_url.startswith("postgres"):
        import psycopg

        pg_name = f"bench_foi_{os.getpid()}"
        pg_admin = database_url
        with psycopg.connect(pg_admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{pg_name}"')
        env["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + pg_name
        backend = f"PostgreSQL ({pg_name}, created for this run)"
    else:
        env["DATABASE_URL"] = ""
        backend = f"SQLite ({tmp / 'gongkai.sqlite3'})"
    server = None
    try:
        for cmd in (["migrate", "--noinput", "-v", "0"], ["load_demo", "--no-catalog"]):
            subprocess.run([PY, "manage.py", *cmd], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
        server = subprocess.Popen(
            [gunicorn, "gongkai.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env=env, stderr=subprocess.PIPE)
        for _i in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        run_phase(port, args.clients, 2, 50, hello)  # warm every worker up

        numbers, errors, elapsed = run_phase(port, args.clients, args.seconds, args.max, submit)
        sub_rate = len(numbers) / elapsed
        hellos, hello_errors, hello_elapsed = run_phase(port, args.clients, min(args.seconds, elapsed), 10**9, hello)
        hello_rate = len(hellos) / hello_elapsed

        check = subprocess.run(
            [PY, "-c", "import django; django.setup(); from gongkai.foi.models import DisclosureRequest as R; "
                       "print('\\n'.join(R.objects.values_list('tracking_number', flat=True)))"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        stored = [line for line in check.stdout.splitlines() if line]
        expected = [f"SX-JC-ZZ-{n[9:13]}-{i:05d}" for i, n in enumerate(sorted(stored), start=1)] if stored else []
        lost = set(numbers) - set(stored)
        unacknowledged = set(stored) - set(numbers)
        duplicates = len(numbers) - len(set(numbers))
        print(f"database: {backend}; gunicorn workers: {args.workers}; clients: {args.clients}; CPUs: {os.cpu_count()}")
        print(f"submissions: {len(numbers)} in {elapsed:.1f} s = {sub_rate:.1f} submissions/s "
              f"(each = GET form + POST; {len(errors)} errors)")
        print(f"hello view:  {len(hellos)} in {hello_elapsed:.1f} s = {hello_rate:.1f} requests/s ({len(hello_errors)} errors)")
        print(f"ratio: intake submissions/s ÷ hello requests/s = {sub_rate / hello_rate:.3f} "
              f"(hello is {hello_rate / sub_rate:.1f}× faster)")
        print(f"tracking numbers: acknowledged {len(numbers)}, stored {len(stored)}, lost {len(lost)}, "
              f"stored but unacknowledged {len(unacknowledged)}, duplicated {duplicates}, "
              f"serials consecutive: {sorted(stored) == expected}")
        if errors:
            print("first errors:", errors[:3])
        ok = not lost and not duplicates and sorted(stored) == expected and not errors
        if not ok:
            sys.exit(1)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if pg_name:
            import psycopg

            with psycopg.connect(pg_admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
