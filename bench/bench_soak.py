"""Soak: many mixed public requests against gunicorn as `make run` serves it; memory, restarts, p99 over time.

    .venv/bin/python bench/bench_soak.py [--requests 200000] [--clients 8] [--workers 4] [--records 5000]
        [--database sqlite|postgresql] [--pg-url postgres://postgres@127.0.0.1:5432/perf_soak]

Builds an installation of its own (bench/corpus.py: migrate, the standard catalogs, the whole demo
and ``--records`` generated published records; static files collected), then starts gunicorn with
scripts/gunicorn.conf.py and the settings `make run` uses (debug off, persistent database
connections, the page cache on; no scheduler, no nginx: the clients talk to gunicorn). ``--clients``
threads send ``--requests`` GETs in total, drawn from a fixed mix of what citizens ask for: the
home page, the records list and its pages, a record (any of the published records: many distinct
pages, so the page cache keeps filling and evicting), searches for common and rare terms (newest
first and by relevance), the catalogs, the reports, an organisation's column pages, 依申请公开,
互动参与, and unknown addresses (404).

Printed: the resident memory (VmRSS) of every worker after a warm-up (2 % of the requests) and at
the end, and its growth; workers restarted (pids that changed; gunicorn's max_requests is 200,000
with jitter, so a full run may see one planned restart per worker — reported as such); errors; and
requests/s, p50 and p99 latency in each tenth of the run. Target: memory growth < 10 % per worker,
no unplanned restart, p99 stable. The default size is small (20,000 requests) for ``make bench``;
the issue's size is ``--requests 200000``.
"""
from __future__ import annotations

import argparse
import http.client
import os
import pathlib
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402
from bench.bench_public_pages import free_port  # noqa: E402

TERMS = ["安全", "应急", "防汛", "隐患排查", "危险化学品", "救灾资金", "行政处罚决定书", "巴公镇", "凤城镇2024年", "地质灾害",
         "演练", "执法检查", "烟花爆竹", "森林防火", "量子纠缠"]


def _pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def rss_kib(pid: int) -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def workers_of(master: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True).stdout
    pids = []
    for p in out.split():
        cmd = pathlib.Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"gunicorn" in cmd:
            pids.append(int(p))
    return sorted(pids)


def paths(rng: random.Random, n: int) -> list[str]:
    """Return n request paths in the mix described above."""
    from gongkai.catalog.selectors import published_catalogs
    from gongkai.records.models import Record
    from gongkai.reports.models import AnnualReport

    records = list(Record.objects.filter(status="published").values_list("pk", flat=True))
    reports = list(AnnualReport.objects.filter(status="published").values_list("pk", flat=True))
    catalogs = list(published_catalogs().values_list("pk", flat=True))
    county = "sx-jc-yc"
    fixed = ["/", "/records/", "/reports/", f"/org/{county}/", "/requests/", "/participation/"]
    fixed += [f"/org/{county}/{e}/" for e in ("guide", "rules", "statutory", "reports", "apply")]
    fixed += [f"/catalogs/{pk}/" for pk in catalogs] + [f"/reports/{pk}/" for pk in reports]
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.35:
            out.append(rng.choice(fixed))
        elif roll < 0.65:
            out.append(f"/records/{rng.choice(records)}/")
        elif roll < 0.75:
            out.append(f"/records/?page={rng.randint(1, 50)}")
        elif roll < 0.95:
            order = "&order=relevance" if rng.random() < 0.3 else ""
            out.append(f"/records/search/?q={urllib.parse.quote(rng.choice(TERMS))}{order}")
        else:
            out.append(f"/no-such-page-{rng.randint(1, 10**6)}/")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL_SOAK", "postgres://postgres@127.0.0.1:5432/perf_soak"))
    args = parser.parse_args(argv)

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="gongkai-bench-soak-"))
    url = args.pg_url if args.database == "postgresql" else f"sqlite:///{tmp / 'db.sqlite3'}"
    secret = secrets.token_urlsafe(40)
    os.environ.update(GONGKAI_VAR_DIR=str(tmp), GONGKAI_SECRET_KEY=secret, GONGKAI_DEBUG="false")
    master = None
    try:
        print(f"preparing an installation with {args.records:,} generated records ({args.database}) …", flush=True)
        corpus.prepare(url)
        corpus.populate(args.records, progress=lambda m: None)
        from django.core.management import call_command
        from django.db import connections

        call_command("collectstatic", "--noinput", verbosity=0)
        rng = random.Random(5)
        todo = paths(rng, args.requests)
        connections.close_all()
        port = free_port()
        env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), GONGKAI_WORKERS=str(args.workers),
                   GONGKAI_SCHEDULER="off", GONGKAI_FRONT="off", GONGKAI_DB_CONN_MAX_AGE="60", DATABASE_URL=url,
                   DJANGO_SETTINGS_MODULE="gongkai.settings.base", GONGKAI_PAGE_CACHE="true")
        gunicorn = shutil.which("gunicorn", path=str(pathlib.Path(sys.executable).parent)) or "gunicorn"
        master = subprocess.Popen([gunicorn, "-c", str(ROOT / "scripts" / "gunicorn.conf.py"), "gongkai.wsgi",
                                   "--log-level", "warning"], env=env, cwd=ROOT)
        for _ in range(300):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/")
                c.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")

        lat = [0.0] * len(todo)
        status = [0] * len(todo)
        ends = [0.0] * len(todo)
        next_i = [0]
        lock = threading.Lock()

        def client():
            while True:
                with lock:
                    i = next_i[0]
                    next_i[0] += 1
                if i >= len(todo):
                    return
                t0 = time.perf_counter()
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    c.request("GET", todo[i], headers={"Accept-Language": "zh-hans"})
                    r = c.getresponse()
                    r.read()
                    status[i] = r.status
                    c.close()
                except OSError:
                    status[i] = -1
                t1 = time.perf_counter()
                lat[i], ends[i] = (t1 - t0) * 1000, t1

        warm = max(1, len(todo) // 50)
        saved, todo_all = todo, todo
        todo = todo_all[:warm]
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        start_workers = workers_of(master.pid)
        start_rss = {pid: rss_kib(pid) for pid in start_workers}
        todo = saved[warm:]
        lat, status, ends = [0.0] * len(todo), [0] * len(todo), [0.0] * len(todo)
        next_i[0] = 0
        load0 = os.getloadavg()[0]
        began = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
        end_workers = workers_of(master.pid)
        end_rss = {pid: rss_kib(pid) for pid in end_workers}
        load1 = os.getloadavg()[0]

        errors = sum(1 for s in status if s not in (200, 404))
        print(f"\n{len(todo):,} requests after a warm-up of {warm:,}; {args.clients} clients; {args.workers} gunicorn "
              f"workers; {elapsed:,.0f} s ({len(todo) / elapsed:,.0f} req/s); load average {load0:.1f} → {load1:.1f}")
        print(f"answers: {sum(1 for s in status if s == 200):,} × 200, {sum(1 for s in status if s == 404):,} × 404, "
              f"{errors} other or failed")
        restarted = sorted(set(start_workers) - set(end_workers))
        print(f"workers at start {start_workers}, at end {end_workers}: {len(restarted)} restarted")
        print(f"{'worker':>8s} {'RSS start MiB':>14s} {'RSS end MiB':>12s} {'growth':>7s}")
        worst = 0.0
        for pid in start_workers:
            if pid in end_rss:
                growth = end_rss[pid] / start_rss[pid] - 1 if start_rss[pid] else 0
                worst = max(worst, growth)
                print(f"{pid:8d} {start_rss[pid] / 1024:14.1f} {end_rss[pid] / 1024:12.1f} {growth:7.1%}")
            else:
                print(f"{pid:8d} {start_rss[pid] / 1024:14.1f} {'(restarted)':>12s}")
        for pid in end_workers:
            if pid not in start_rss:
                print(f"{pid:8d} {'(new)':>14s} {end_rss[pid] / 1024:12.1f}")
        print(f"{'slice':>6s} {'req/s':>7s} {'p50 ms':>8s} {'p99 ms':>8s}")
        order = sorted(range(len(todo)), key=lambda i: ends[i])
        tenth = max(1, len(order) // 10)
        p99s = []
        prev_end = began
        for k in range(10):
            idx = order[k * tenth:(k + 1) * tenth] if k < 9 else order[9 * tenth:]
            if not idx:
                continue
            values = [lat[i] for i in idx]
            last = ends[idx[-1]]
            rate = len(idx) / max(1e-9, last - prev_end)
            prev_end = last
            p99s.append(_pct(values, 99))
            print(f"{k + 1:5d}0% {rate:7.0f} {statistics.median(values):8.1f} {_pct(values, 99):8.1f}")
        print(f"largest RSS growth {worst:.1%} (target < 10 %); p99 first / last tenth {p99s[0]:.1f} / {p99s[-1]:.1f} ms")
    finally:
        if master is not None:
            master.terminate()
            master.wait(timeout=30)
        if args.database == "postgresql":
            corpus.drop_postgres(args.pg_url)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
