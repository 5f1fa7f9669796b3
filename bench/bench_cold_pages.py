"""Benchmark: the first render of every public page after a publication, at N records (issue 25 item 3).

    .venv/bin/python bench/bench_cold_pages.py [--records N] [--rounds 20] [--backend sqlite|postgresql|both]
        [--pg-url postgres://postgres@127.0.0.1:5432/perf_cold_pages] [--sqlite-path FILE] [--keep] [--reuse]
        [--queries]

Builds an installation of its own (bench/corpus.py: migrate, the standard catalogs, the whole demo,
then N published records with bulk inserts, indexed by the indexer's own code). Each round then
publishes one more record **through the services** (create, submit, secrecy review, publish — the
page-cache generation is bumped after the commit, as on a live site) and requests every public
page a citizen lands on once, anonymously, through Django's test client in this process (the whole
middleware chain, the page cache included, the template rendered; no HTTP server, so the figure is
the render and its queries). Every first request after the publication is a cache miss: that is
the time measured. A second request checks that the page is then served from the cache.

Pages: home, the records list, a record (the newest of the corpus), the search for a common
two-character term (安全, newest first and by relevance), the annual reports list and a report, the
county's catalog and a national catalog, the county's organisation page and its five column
pages, 依申请公开 (/requests/) and 互动参与 (/participation/).

Printed per page: p50, p95 and max of the first render over the rounds, and the number of SQL
queries of the render with the slowest one (``--queries`` prints every query over 5 ms). Target:
p95 < 100 ms on both databases. Defaults are small (20,000 records, 10 rounds) so ``make bench``
finishes; the issue's size is ``--records 200000 --rounds 20``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import pathlib
import statistics
import subprocess
import sys
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402

COMMON_TERM = "安全"


def _pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def pages() -> dict[str, str]:
    from gongkai.catalog.selectors import published_catalogs
    from gongkai.records.models import Record
    from gongkai.reports.models import AnnualReport

    county = "sx-jc-yc"
    catalog = published_catalogs().filter(organisation__code=county).first()
    template = published_catalogs().filter(is_template=True).first()
    record = Record.objects.filter(status="published").order_by("-pk").first()
    report = AnnualReport.objects.filter(status="published").order_by("-pk").first()
    term = urllib.parse.quote(COMMON_TERM)
    out = {"home": "/", "records list": "/records/", "record": f"/records/{record.pk}/",
           "search": f"/records/search/?q={term}", "search relevance": f"/records/search/?q={term}&order=relevance",
           "reports list": "/reports/"}
    if report is not None:
        out["report"] = f"/reports/{report.pk}/"
    if catalog is not None:
        out["catalog"] = f"/catalogs/{catalog.pk}/"
    if template is not None:
        out["national catalog"] = f"/catalogs/{template.pk}/"
    out["organisation"] = f"/org/{county}/"
    for entry in ("guide", "rules", "statutory", "reports", "apply"):
        out[f"column {entry}"] = f"/org/{county}/{entry}/"
    out["requests"] = "/requests/"
    out["participation"] = "/participation/"
    return out


class Publisher:
    """Publishes one new record of 阳城县 per call through the services (what bumps the generation)."""

    def __init__(self):
        from gongkai.catalog.selectors import active_items
        from gongkai.organisations.models import Organisation, Role, RoleAssignment, User

        self.org = Organisation.objects.get(code="sx-jc-yc")
        self.item = active_items(self.org).first()
        self.office = User.objects.get(username="yc_office")
        self.drafter = User.objects.get(username="yc_drafter")
        self.secrecy = User.objects.get(username="yc_secrecy")
        assert RoleAssignment.objects.filter(user=self.drafter, role=Role.DRAFTER).exists()
        self.n = 0

    def __call__(self):
        from gongkai.records import services

        self.n += 1
        record = services.record_create(organisation=self.org, catalog_item=self.item, actor=self.drafter, data={
            "title": f"阳城县应急管理局关于做好冬季安全生产工作的通知（基准测试第{self.n}号）",
            "issuing_unit": self.org.name, "attribute": "proactive", "formation_date": dt.date(2026, 12, 1),
            "summary": "部署冬季安全生产工作。", "body": "各乡镇人民政府、县直有关单位：请认真做好冬季安全生产工作。"})
        record = services.record_submit(record=record, actor=self.drafter)
        record = services.record_secrecy_review(record=record, actor=self.secrecy, outcome="cleared", opinion="不涉密")
        for finding in record.findings.filter(status="open"):
            services.finding_mask(finding=finding, actor=self.office)
        return services.record_publish(record=record, actor=self.office)


def run(args) -> None:
    url = args.pg_url if args.backend == "postgresql" else f"sqlite:///{args.sqlite_path}"
    fresh = not args.reuse
    t0 = time.perf_counter()
    corpus.prepare(url, fresh=fresh)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # the test client's response.context and template signals (no settings changed)
    if fresh:
        print(f"[{args.backend}] building {args.records:,} records …", flush=True)
        corpus.populate(args.records, progress=lambda m: print(f"[{args.backend}]{m}", flush=True))
        print(f"[{args.backend}] installation built in {time.perf_counter() - t0:,.0f} s", flush=True)
    from gongkai.records.models import Record

    total = Record.objects.filter(status="published").count()
    urls = pages()
    publish = Publisher()
    client = Client()
    for path in urls.values():  # imports, template loading, connection: what a running worker has done
        client.get(path)
    times: dict[str, list[float]] = {name: [] for name in urls}
    cached: dict[str, list[float]] = {name: [] for name in urls}
    queries: dict[str, tuple[int, float, str]] = {}
    load0 = os.getloadavg()[0]
    for round_ in range(args.rounds):
        publish()
        for name, path in urls.items():
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
            times[name].append(elapsed)
            if round_ == 0 or len(ctx.captured_queries) > queries[name][0]:
                slow = max(ctx.captured_queries, key=lambda q: float(q["time"]), default={"time": "0", "sql": ""})
                queries[name] = (len(ctx.captured_queries), float(slow["time"]) * 1000, slow["sql"])
                if args.queries:
                    for q in ctx.captured_queries:
                        if float(q["time"]) * 1000 > 5:
                            print(f"   {name}: {float(q['time']) * 1000:.1f} ms {q['sql'][:300]}")
            started = time.perf_counter()
            client.get(path)
            cached[name].append((time.perf_counter() - started) * 1000)
    load1 = os.getloadavg()[0]
    print(f"\n== {connection.vendor}: {total:,} published records, {args.rounds} rounds (a publication, then every "
          f"page once); load average {load0:.1f} → {load1:.1f}")
    print(f"   {'page':18s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'cached':>7s} {'queries':>8s} {'slowest':>8s}")
    worst = 0.0
    for name in urls:
        v = times[name]
        worst = max(worst, _pct(v, 95))
        n, slow_ms, slow_sql = queries[name]
        print(f"   {name:18s} {statistics.median(v):8.1f} {_pct(v, 95):8.1f} {max(v):8.1f} "
              f"{statistics.median(cached[name]):7.1f} {n:8d} {slow_ms:8.1f}")
        if args.queries:
            print(f"      slowest: {slow_sql[:400]}")
    print(f"   highest p95: {worst:.1f} ms (target < 100 ms): {'met' if worst < 100 else 'NOT met'}")
    if connection.vendor == "postgresql" and not args.keep:
        corpus.drop_postgres(args.pg_url)
    elif connection.vendor == "sqlite" and not args.keep:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            pathlib.Path(args.sqlite_path + suffix).unlink(missing_ok=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--sqlite-path", default="/tmp/perf-cold-pages.sqlite3")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL_COLD_PAGES",
                                                           "postgres://postgres@127.0.0.1:5432/perf_cold_pages"))
    parser.add_argument("--queries", action="store_true", help="print every SQL query over 5 ms and each page's slowest")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database instead of building")
    args = parser.parse_args(argv)
    if args.backend == "both":
        code = 0
        for backend in ("sqlite", "postgresql"):
            cmd = [sys.executable, __file__, *(argv if argv is not None else sys.argv[1:]), "--backend", backend]
            code = subprocess.call(cmd) or code
        raise SystemExit(code)
    run(args)


if __name__ == "__main__":
    main()
