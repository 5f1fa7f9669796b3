"""Benchmark: annual-report tables for an organisation with N requests and N records (default 1,000,000).

Builds a throw-away database (SQLite file in a temp dir, and/or a PostgreSQL database created and
dropped on the local server), fills it with synthetic requests spread over 2016–2025 and records
spread over the catalog items, then times `compute_tables` (aggregation in the database) against a
per-row Python count over the same data, in the same run. Prints both and their ratio.

    .venv/bin/python bench/bench_report.py [--rows 1000000] [--db sqlite|postgres|both]
"""
import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
PG_DB = "gongkai_bench_report"


def child(rows: int) -> None:
    """Run inside a process whose DATABASE_URL points at the throw-away database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.catalog.models import CatalogItem
    from gongkai.foi.models import DisclosureRequest
    from gongkai.organisations.models import Level, Organisation, User
    from gongkai.records.models import Record
    from gongkai.reports.formats import get_format
    from gongkai.reports.statistics import compute_tables

    call_command("migrate", verbosity=0)
    call_command("import_standard_catalogs", stdout=open(os.devnull, "w"))
    org = Organisation.objects.create(code="bench", name="基准测试机构", level=Level.COUNTY)
    user = User.objects.create(username="bench")
    items = list(CatalogItem.objects.filter(version__catalog__is_template=True, version__catalog__domain="safety"))
    rng = random.Random(7)
    types = ["natural"] * 14 + ["commercial", "research", "public_welfare", "legal_service", "other"]
    outcomes = [("disclosed", ""), ("partial", ""), ("withheld", "security"), ("unavailable", "not_held"),
                ("not_processed", "repeat"), ("other", "other")]
    start = dt.date(2016, 1, 1)
    t0 = time.perf_counter()
    batch = []
    for n in range(rows):
        received = start + dt.timedelta(days=rng.randrange(3650))
        closed = received + dt.timedelta(days=rng.randrange(1, 40)) if rng.random() > 0.01 else None
        outcome, reason = rng.choice(outcomes) if closed else ("", "")
        batch.append(DisclosureRequest(
            organisation=org, tracking_number=f"B{n:08d}", secret_digest="x", channel="online",
            applicant_type=rng.choice(types), applicant_name="基准", id_document_type="other", id_number="x",
            phone="13800000000", applicant_key="k", description="d", info_form="electronic", delivery="online",
            submitted_at=dt.datetime(received.year, received.month, received.day, tzinfo=dt.timezone.utc),
            arrived_on=received, received_on=received, receipt_basis="b", status="closed" if closed else "received",
            closed_on=closed, outcome=outcome, reason=reason,
        ))
        if len(batch) == 20000:
            DisclosureRequest.objects.bulk_create(batch)
            batch = []
    DisclosureRequest.objects.bulk_create(batch)
    batch = []
    for n in range(rows):
        item = items[rng.randrange(len(items))]
        formed = start + dt.timedelta(days=rng.randrange(3650))
        published = rng.random() > 0.1
        batch.append(Record(
            organisation=org, catalog_item=item, catalog_key=item.key, index_number=f"bench/{n}", title="基准",
            issuing_unit="基准", formation_date=formed, created_by=user,
            status="published" if published else "draft",
            published_at=dt.datetime(formed.year, formed.month, formed.day, tzinfo=dt.timezone.utc) + dt.timedelta(days=5)
            if published else None,
        ))
        if len(batch) == 20000:
            Record.objects.bulk_create(batch)
            batch = []
    Record.objects.bulk_create(batch)
    # Fresh statistics (and, on PostgreSQL, the visibility map for index-only scans), as a
    # database that has been running would have them from autovacuum / PRAGMA optimize.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"  built {rows:,} requests + {rows:,} records in {time.perf_counter() - t0:.0f} s")

    fmt = get_format("2021")
    compute_tables(org, 2024, fmt)  # warm caches
    timings = []
    for _ in range(3):
        t = time.perf_counter()
        tables = compute_tables(org, 2024, fmt)
        timings.append(time.perf_counter() - t)
    db_time = min(timings)

    t = time.perf_counter()
    lo, hi = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    counts: dict = {}
    for applicant_type, received, closed, outcome, reason in DisclosureRequest.objects.filter(organisation=org).values_list(
            "applicant_type", "received_on", "closed_on", "outcome", "reason").iterator(chunk_size=20000):
        if lo <= received <= hi:
            counts[("new", applicant_type)] = counts.get(("new", applicant_type), 0) + 1
        if received < lo and (closed is None or closed >= lo):
            counts[("in", applicant_type)] = counts.get(("in", applicant_type), 0) + 1
        if closed and lo <= closed <= hi:
            counts[(outcome, reason, applicant_type)] = counts.get((outcome, reason, applicant_type), 0) + 1
        if received <= hi and (closed is None or closed > hi):
            counts[("out", applicant_type)] = counts.get(("out", applicant_type), 0) + 1
    for key, formed, status, published in Record.objects.filter(organisation=org).values_list(
            "catalog_key", "formation_date", "status", "published_at").iterator(chunk_size=20000):
        if lo <= formed <= hi:
            counts[("formed", key)] = counts.get(("formed", key), 0) + 1
        if status == "published" and published and published.year == 2024:
            counts[("published", key)] = counts.get(("published", key), 0) + 1
    python_time = time.perf_counter() - t

    new_natural = {row.key: row for row in tables.requests}["new"].cells["natural"].value
    assert new_natural == counts.get(("new", "natural"), 0), "database and Python counts disagree"
    print(f"  compute_tables (database aggregation): {db_time * 1000:.0f} ms (best of 3)")
    print(f"  per-row Python count, same data:       {python_time * 1000:.0f} ms")
    print(f"  ratio Python / database: {python_time / db_time:.1f}x; target < 2000 ms: "
          f"{'met' if db_time < 2 else 'NOT met'}")


def run(db: str, rows: int) -> None:
    env = dict(os.environ)
    if db == "sqlite":
        tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
        env["GONGKAI_VAR_DIR"] = tmp
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DB
        env["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-")
    print(f"== {db}")
    try:
        subprocess.run([sys.executable, __file__, "--child", "--rows", str(rows)], env=env, check=True)
    finally:
        if db == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.rows)
        return
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        run(db, args.rows)


if __name__ == "__main__":
    main()
