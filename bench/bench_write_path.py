"""The write path under concurrency: intake, messages and record publications against a bare insert.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/bench_write_path.py [--clients 16] [--seconds 10] [--workers 2×CPUs] \\
        [--invalidation both|new|old] [--rounds 2]

PostgreSQL only (SQLite serialises every writer by design): for each invalidation mode a new
database is created on the DATABASE_URL server (and dropped afterwards), migrated, the national
catalogs and the whole demo are loaded, and gunicorn is started on 127.0.0.1 (a free port) with
``--workers`` processes. ``--clients`` threads then run, each for ``--seconds``:

1. **insert** — the baseline: a bare Django view inserting one row in the same database
   (benchmark URLconf only, ``bench/write_bench_urls.py``);
2. **intake** — the public disclosure-request form like a citizen: GET the form, solve the
   arithmetic human check, POST; a redirect to the receipt = one submission;
3. **messages** — the public message form (留言) the same way;
4. **publications** — the office logs in as 阳城县's disclosure office and publishes records (one
   distinct withdrawn copy of a demo record per request), through the record page's action;
5. **sequence** — the insert view drawing a number from ONE shared ``core.sequence`` counter first,
   and the same with the former allocator (SELECT … FOR UPDATE then UPDATE): the counter's cost.

Printed per mode: each rate and its ratio to the insert baseline, then the row counts afterwards —
0 lost (every acknowledged write is in the database) and 0 duplicated (numbers unique, one audit
row per publication). ``--invalidation old`` puts back the former page-cache invalidation
(receivers rewriting one shared row inside every public-model transaction, three bumps per
publication); ``new`` is the one side-effect path (one bump after commit). The machine is
shared with other work while this runs: compare figures of one run, not across runs.
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
sys.path.insert(0, str(ROOT))
from bench.bench_foi_intake import Client, free_port, parse_chinese_number, run_phase, synthetic_id  # noqa: E402

PY = sys.executable
PASSWORD = "bench-" + secrets.token_hex(6)
ORG = "sx-jc-zz"


def _hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def _answer(page: str) -> str:
    a, op, b = re.search(r"请计算：([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)", page).groups()
    x, y = parse_chinese_number(a), parse_chinese_number(b)
    return str(x + y if op == "加" else x - y)


def _post_form(client: Client, path: str, fields: dict) -> tuple[int, dict]:
    status, _h, html = client.request("GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    page = html.decode()
    form = {**_hidden(page), **fields}
    if "请计算" in page:
        form["answer"] = _answer(page)
    status, headers, body = client.request("POST", path, urllib.parse.urlencode(form))
    if status != 302:
        raise RuntimeError(f"POST {path} answered {status}: {body[:200]!r}")
    return status, headers


def intake(client: Client, n: int) -> str:
    _s, headers = _post_form(client, f"/requests/new/{ORG}/", {
        "applicant_type": "natural", "applicant_name": "基准测试", "id_document_type": "id_card",
        "id_number": synthetic_id(n), "phone": "13800000000", "description": f"基准测试申请第{n}件",
        "info_form": "electronic", "delivery": "online"})
    return urllib.parse.unquote(headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def message(client: Client, n: int) -> int:
    _post_form(client, f"/participation/messages/new/{ORG}/", {
        "kind": "consultation", "name": "基准测试", "phone": "13800000000",
        "subject": f"基准测试留言{n}", "body": f"基准测试留言内容第{n}条（演示数据）"})
    return n


def insert(client: Client, n: int) -> int:
    status, _h, body = client.request("POST", "/bench/insert/", urllib.parse.urlencode({"n": n}))
    assert status == 200 and body == b"ok", status
    return n


def warm(client: Client, n: int) -> int:
    return insert(client, -n)  # below the counted band


def numbered(path):
    def work(client: Client, n: int) -> int:
        status, _h, body = client.request("POST", path, "x=1")
        assert status == 200 and body == b"ok", status
        return n
    return work


def login(client: Client, username: str) -> None:
    status, _h, html = client.request("GET", "/office/login/")
    form = {**_hidden(html.decode()), "username": username, "password": PASSWORD}
    status, _h, body = client.request("POST", "/office/login/", urllib.parse.urlencode(form))
    if status != 302:
        raise RuntimeError(f"login answered {status}")


class Publisher:
    """Each call publishes the next prepared record as 阳城县's office (sessions logged in beforehand:
    the password hashing of a login is not part of the measured write)."""

    def __init__(self, port: int, ids: list[int], clients: int):
        self.ids, self.lock, self.local = list(ids), threading.Lock(), threading.local()
        self.sessions, self.handed = [], 0
        for _i in range(clients + 4):  # a client whose connection failed starts again with a spare session
            office = Client(port)
            login(office, "yc_office")
            self.sessions.append(office.cookies)

    def __call__(self, client: Client, n: int) -> int:
        if getattr(self.local, "client", None) is not client:
            with self.lock:  # the logged-in sessions are shared out in turn (each round has new clients)
                client.cookies.update(self.sessions[self.handed % len(self.sessions)])
                self.handed += 1
            self.local.client = client
        with self.lock:
            if not self.ids:
                raise RuntimeError("no prepared record left (raise --records)")
            pk = self.ids.pop()
        token = client.cookies.get("csrftoken", "")
        status, headers, _b = client.request("POST", f"/office/records/{pk}/do/publish/",
                                             urllib.parse.urlencode({"csrfmiddlewaretoken": token}))
        if status != 302:
            raise RuntimeError(f"publish answered {status}")
        return pk


PREPARE = """
from gongkai.organisations.models import User
from gongkai.records.models import Record
for user in User.objects.all():
    user.set_password({password!r}); user.save(update_fields=["password"])
src = Record.objects.filter(status="published", organisation__code="sx-jc-yc", needs_interpretation=False).first()
ids = []
for i in range({count}):
    r = Record.objects.get(pk=src.pk)
    r.pk = r.id = None
    r.index_number = f"{{src.index_number}}-B{{i:05d}}"
    r.title = f"{{src.title}}（基准测试副本{{i}}）"
    r.status = "withdrawn"
    r.save()
    ids.append(r.pk)
print(",".join(map(str, ids)))
"""

COUNT = """
from django.db import connection
from gongkai.core.models import AuditEvent
from gongkai.engagement.models import Message
from gongkai.foi.models import DisclosureRequest
from gongkai.records.models import Record
ids = [{ids}]
bands = []
with connection.cursor() as c:
    for low, high in ((0, 10**9), (10**9, 2 * 10**9), (2 * 10**9, 3 * 10**9)):
        c.execute("SELECT COUNT(*), COUNT(DISTINCT n) FROM bench_row WHERE n >= %s AND n < %s", [low, high])
        bands.extend(c.fetchone())
# Only the benchmark's own requests (the demo files requests of its own).
numbers = list(DisclosureRequest.objects.filter(applicant_name="基准测试").values_list("tracking_number", flat=True))
messages = list(Message.objects.filter(subject__startswith="基准测试留言").values_list("number", flat=True))
published = Record.objects.filter(pk__in=ids, status="published").count()
events = AuditEvent.objects.filter(action="record.published", target_type="records.record",
                                   target_id__in=[str(i) for i in ids]).count()
print(*bands, len(numbers), len(set(numbers)), len(messages), len(set(messages)), published, events)
"""


def manage(env, *args, capture=False):
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL)
    return result.stdout.strip().splitlines()[-1] if capture else None


def run_mode(mode: str, args) -> dict:
    import psycopg

    admin_url = os.environ["DATABASE_URL"]
    name = f"bench_write_{mode}_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="write-bench-"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = dict(os.environ, GONGKAI_VAR_DIR=str(tmp), DJANGO_SETTINGS_MODULE="bench.write_bench_settings",
               GONGKAI_DEBUG="false", GONGKAI_SECRET_KEY=secrets.token_urlsafe(40), PYTHONPATH=str(ROOT),
               DATABASE_URL=admin_url.rsplit("/", 1)[0] + "/" + name, GONGKAI_BENCH_INVALIDATION=mode)
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "import_standard_catalogs")
        manage(env, "load_demo")
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("CREATE TABLE bench_row (id bigserial PRIMARY KEY, n bigint NOT NULL)")
        ids = [int(x) for x in manage(env, "shell", "-c", PREPARE.format(password=PASSWORD, count=args.records),
                                      capture=True).strip().split(",")]
        port = free_port()
        gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
        server = subprocess.Popen([gunicorn, "gongkai.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
                                   "--log-level", "warning"], cwd=ROOT, env=env)
        for _i in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        run_phase(port, args.clients, 3, 4 * args.workers, warm)  # every worker imports the URLconf
        figures = {}

        def phase(label, work, limit=10**9):
            done, errors, elapsed = run_phase(port, args.clients, args.seconds, limit, work)
            best, all_done, all_errors = figures.get(label, (0.0, [], []))
            # The best rate of the rounds (the machine may be shared); every acknowledged write is checked.
            figures[label] = (max(best, len(done) / elapsed), all_done + done, all_errors + errors)

        publisher = Publisher(port, ids, args.clients)
        for _round in range(args.rounds):  # baseline and paths alternate, as in bench_public_pages.py
            phase("insert", insert)
            phase("intake", intake)
            phase("messages", message)
            phase("publications", publisher, limit=args.records)
            phase("sequence", numbered("/bench/sequence/"))
            phase("sequence (former)", numbered("/bench/sequence-old/"))
        counted = manage(env, "shell", "-c", COUNT.format(ids=",".join(map(str, ids))), capture=True).split()
        figures["counts"] = [int(x) for x in counted]
        return figures
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


def report(mode: str, figures: dict, args) -> bool:
    base = figures["insert"][0]
    print(f"\n== invalidation: {mode} ==")
    for label in ("insert", "intake", "messages", "publications", "sequence", "sequence (former)"):
        rate, done, errors = figures[label]
        print(f"{label:18} {rate:8.1f} /s  ratio to insert {rate / base:6.3f}  ({len(done)} done, {len(errors)} errors)"
              + (f"  first error: {errors[0][:120]}" if errors else ""))
    (rows, _d, seq_rows, seq_distinct, old_rows, old_distinct, requests, requests_distinct, msgs, msgs_distinct,
     published, events) = figures["counts"]
    intake_done, messages_done, publish_done = (figures[k][1] for k in ("intake", "messages", "publications"))
    checks = {
        "insert rows": (len(figures["insert"][1]), rows),
        "sequence rows": (len(figures["sequence"][1]), seq_rows),
        "former-sequence rows": (len(figures["sequence (former)"][1]), old_rows),
        "disclosure requests": (len(intake_done), requests),
        "messages": (len(messages_done), msgs),
        "published records": (len(publish_done), published),
        "publication audit rows": (len(publish_done), events),
    }
    ok = True
    for what, (acknowledged, stored) in checks.items():
        print(f"  {what:24} acknowledged {acknowledged:6}  stored {stored:6}  lost {max(acknowledged - stored, 0)}"
              f"  extra {max(stored - acknowledged, 0)}")
        ok &= acknowledged == stored
    dupes = (requests - requests_distinct) + (msgs - msgs_distinct) + (len(publish_done) - len(set(publish_done)))
    dupes += (seq_rows - seq_distinct) + (old_rows - old_distinct)
    print(f"  duplicated numbers (tracking, message, sequence) or publications: {dupes}")
    return ok and dupes == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
    parser.add_argument("--records", type=int, default=3000, help="withdrawn records prepared for publishing")
    parser.add_argument("--rounds", type=int, default=2, help="measure every path this many times, keep the best")
    parser.add_argument("--invalidation", choices=("both", "new", "old"), default="both")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench_write_path needs PostgreSQL: set DATABASE_URL=postgres://… (a server where it may create databases)")
    print(f"clients {args.clients}, gunicorn workers {args.workers}, {args.seconds:g} s per measurement, "
          f"CPUs {os.cpu_count()} (shared with other work: small scale, compare within one run)")
    ok = True
    for mode in (("old", "new") if args.invalidation == "both" else (args.invalidation,)):
        ok &= report(mode, run_mode(mode, args), args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
