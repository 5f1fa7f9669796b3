"""Benchmark: the supervisors' evaluation dashboard for a province with N organisations and M records.

Default (--scale 1): 3,000 organisations (province → cities → counties → townships), 10,000,000
records, 500,000 disclosure requests, 250,000 messages, 10,000 opinion events and 120,000 repost
obligations (40 notices pushed down), each organisation with the 67 columns of seed 003 附件2 and
its yearly accountabilities.

Builds a throw-away database (SQLite in a temp dir and/or a PostgreSQL database created and
dropped on the local server), then times, in the same run:
  * the refresh that precomputes every organisation's figures and scores (grouped queries);
  * the dashboard (ranking + three SVG charts) through the full Django stack, best of 3;
  * the drill-down from the last-ranked county's lowest indicator to its rows, best of 3;
  * the naive alternative: the same figures queried organisation by organisation.

    .venv/bin/python bench/bench_oversight.py [--scale 0.05] [--db sqlite|postgres|both]
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
PG_DB = "gongkai_bench_oversight"


def best(fn, n=3):
    """Best wall-clock time of n runs, and the CPU time of this process in that run (the machine
    is shared: on a loaded machine the CPU time shows the work, the wall time the wait)."""
    runs = []
    result = None
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        runs.append((time.perf_counter() - t, time.process_time() - c))
    wall, cpu = min(runs)
    best.cpu = cpu
    return wall, result


class FastRows:
    """Writes many rows of one model without building model instances: every column takes the
    database value of a template instance (defaults included), and each row overrides a few
    columns. SQLite: executemany, one transaction per chunk; PostgreSQL: COPY. Ten million records through
    bulk_create took most of an hour on this machine; this takes minutes."""

    def __init__(self, model, **template):
        from django.db import connection

        self.connection = connection
        self.model = model
        obj = model(**template)
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.columns = [f.column for f in self.fields]
        self.template = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in self.fields]
        if connection.vendor == "postgresql":
            import json

            for i, f in enumerate(self.fields):  # COPY takes JSON columns as JSON text
                if f.get_internal_type() == "JSONField" and self.template[i] is not None:
                    self.template[i] = json.dumps(getattr(obj, f.attname), ensure_ascii=False)
        self.position = {f.attname: i for i, f in enumerate(self.fields)}
        self.prep = {f.attname: self._prep_for(f) for f in self.fields}

    def _prep_for(self, field):
        ops = self.connection.ops
        kind = field.get_internal_type()
        if kind == "DateTimeField" and self.connection.vendor == "sqlite":
            return lambda v: None if v is None else ops.adapt_datetimefield_value(v)
        if kind == "DateField":
            return lambda v: None if v is None else ops.adapt_datefield_value(v)
        return lambda v: v

    def write(self, rows, chunk=50_000):
        """rows: an iterable of {attname: python value}. Returns the number written."""
        keys = None
        n = 0
        table = self.model._meta.db_table
        qn = self.connection.ops.quote_name
        cols = ", ".join(qn(c) for c in self.columns)

        def values_of(rows):
            nonlocal keys
            for row in rows:
                if keys is None:
                    keys = [(self.position[k], self.prep[k], k) for k in row]
                values = list(self.template)
                for pos, prep, k in keys:
                    values[pos] = prep(row[k])
                yield values

        self.connection.ensure_connection()
        raw = self.connection.connection.cursor()
        if self.connection.vendor == "postgresql":
            with raw.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy:
                for values in values_of(rows):
                    copy.write_row(values)
                    n += 1
            return n
        from django.db import transaction

        sql = f"INSERT INTO {qn(table)} ({cols}) VALUES ({', '.join('?' * len(self.columns))})"
        batch = []
        for values in values_of(rows):
            batch.append(values)
            if len(batch) == chunk:
                with transaction.atomic():
                    raw.executemany(sql, batch)
                n += len(batch)
                batch = []
        with transaction.atomic():
            raw.executemany(sql, batch)
        n += len(batch)
        return n


def child(scale: float) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from gongkai.catalog.models import CatalogItem
    from gongkai.core import clock
    from gongkai.foi.models import DisclosureRequest
    from gongkai.organisations.models import Level, Organisation, Role, RoleAssignment, User
    from gongkai.oversight import evaluation, metrics, selectors, services
    from gongkai.oversight.models import Accountability, Column, Repost, RepostNotice
    from gongkai.records.models import Record

    n_orgs = max(30, int(3000 * scale))
    n_records = int(10_000_000 * scale)
    n_requests = n_records // 20
    tz = dt.timezone(dt.timedelta(hours=8))
    now = dt.datetime(2026, 11, 20, 12, 0, tzinfo=tz)
    clock.pin(now)
    rng = random.Random(13)

    call_command("migrate", verbosity=0)
    call_command("import_standard_catalogs", stdout=open(os.devnull, "w"))
    t0 = time.perf_counter()
    # -- the tree: 1 province, ~1 city per 270 organisations, counties, then townships
    province = Organisation.objects.create(code="p", name="基准省应急管理厅", level=Level.PROVINCE)
    n_cities = max(2, n_orgs // 270)
    cities = [Organisation.objects.create(code=f"p-c{i}", name=f"基准市{i}应急管理局", level=Level.CITY, parent=province)
              for i in range(n_cities)]
    n_counties = max(4, (n_orgs - 1 - n_cities) // 3)
    counties = [Organisation(code=f"{cities[i % n_cities].code}-x{i}", name=f"基准县{i}应急管理局", level=Level.COUNTY,
                             parent=cities[i % n_cities], path=f"{cities[i % n_cities].path}{cities[i % n_cities].code}-x{i}/")
                for i in range(n_counties)]
    Organisation.objects.bulk_create(counties, batch_size=2000)
    counties = list(Organisation.objects.filter(level=Level.COUNTY))
    n_towns = n_orgs - 1 - n_cities - n_counties
    towns = [Organisation(code=f"{counties[i % n_counties].code}-t{i}", name=f"基准乡镇{i}", level=Level.TOWNSHIP,
                          parent=counties[i % n_counties], path=f"{counties[i % n_counties].path}{counties[i % n_counties].code}-t{i}/")
             for i in range(n_towns)]
    Organisation.objects.bulk_create(towns, batch_size=2000)
    orgs = list(Organisation.objects.all())
    user = User.objects.create(username="bench_supervisor", display_name="基准省督查")
    RoleAssignment.objects.create(user=user, organisation=province, role=Role.SUPERVISOR)
    items = list(CatalogItem.objects.filter(version__catalog__is_template=True, version__catalog__domain="safety"))
    keys = [i.key for i in items]
    # -- columns: the seed 003 tree per organisation, periodic columns mapped to catalog items
    data = services.package_data()
    rows = []
    for org in orgs:
        for pos, row in enumerate(data["columns"]):
            periodic = row["rule"] in ("monthly", "quarterly", "half_yearly", "yearly")
            rows.append(Column(organisation=org, name=f"{row['first']}·{row['second']}", position=pos, rule=row["rule"],
                               lead_unit=row["lead_unit"][:200], rule_text=row["rule_text"],
                               catalog_keys=[keys[pos % len(keys)]] if periodic else []))
    Column.objects.bulk_create(rows, batch_size=5000)
    # -- records: each organisation has its own activity level, so scores spread
    weight = {o.pk: rng.uniform(0.2, 1.8) for o in orgs}
    total_w = sum(weight.values())
    start = dt.datetime(2025, 1, 1, tzinfo=tz)
    span = (now - start).total_seconds()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -1000000")
    counter = {"n": 0}

    def records():
        n = 0
        for org in orgs:
            count = int(n_records * weight[org.pk] / total_w)
            for _ in range(count):
                item = items[rng.randrange(len(items))]
                published = rng.random() < 0.9
                moment = start + dt.timedelta(seconds=rng.random() * span)
                yield {"organisation_id": org.pk, "catalog_item_id": item.pk, "catalog_key": item.key,
                       "index_number": f"b/{n}", "title": f"基准信息{n}", "issuing_unit": org.name,
                       "formation_date": moment.date(), "status": "published" if published else "draft",
                       "published_at": moment if published else None,
                       "publication_due": (moment + dt.timedelta(days=20)).date() if rng.random() < 0.3 else None}
                n += 1
        counter["n"] = n

    t1 = time.perf_counter()
    FastRows(Record, organisation=province, catalog_item=items[0], created_by=user, formation_date=now.date(),
             title="t", index_number="t", issuing_unit="t").write(records())
    n = counter["n"]
    print(f"  wrote {n:,} records in {time.perf_counter() - t1:.0f} s", flush=True)

    def requests():
        for m in range(n_requests):
            org = orgs[rng.randrange(len(orgs))]
            received = (start + dt.timedelta(seconds=rng.random() * span)).date()
            closed = received + dt.timedelta(days=rng.randrange(1, 40)) if rng.random() > 0.05 else None
            if closed and closed > now.date():
                closed = None
            yield {"organisation_id": org.pk, "tracking_number": f"B{m:09d}",
                   "submitted_at": dt.datetime(received.year, received.month, received.day, tzinfo=tz),
                   "arrived_on": received, "received_on": received, "status": "closed" if closed else "received",
                   "due_date": received + dt.timedelta(days=28), "closed_on": closed,
                   "outcome": "disclosed" if closed else ""}

    FastRows(DisclosureRequest, organisation=province, tracking_number="t", secret_digest="x", channel="online",
             applicant_type="natural", applicant_name="基准", id_document_type="other", id_number="x",
             phone="13800000000", applicant_key="k", description="d", info_form="electronic", delivery="online",
             submitted_at=now, arrived_on=now.date(), received_on=now.date(), receipt_basis="b",
             created_at=now, updated_at=now).write(requests())
    from gongkai.engagement.models import Message, OpinionEvent

    def messages():
        for m in range(n_records // 40):
            org = orgs[rng.randrange(len(orgs))]
            received = (start + dt.timedelta(seconds=rng.random() * span)).date()
            answered = received + dt.timedelta(days=rng.choice([3, 5, 8, 15, 120])) if rng.random() < 0.95 else None
            if answered and answered > now.date():
                answered = None
            yield {"organisation_id": org.pk, "number": f"M{m:09d}", "subject": f"留言{m}", "received_on": received,
                   "due_date": received + dt.timedelta(days=21), "status": "answered" if answered else "received",
                   "answered_on": answered, "answer": "答复" if answered else ""}

    FastRows(Message, organisation=province, number="t", secret_digest="x", kind="consultation", name="基准",
             phone="13800000000", subject="t", body="内容", received_on=now.date(), due_date=now.date(),
             created_at=now, updated_at=now).write(messages())
    OpinionEvent.objects.bulk_create([
        OpinionEvent(organisation=orgs[rng.randrange(len(orgs))], source="网络", summary=f"舆情{m}",
                     first_seen_at=(seen := start + dt.timedelta(seconds=rng.random() * span)),
                     response_due=seen + dt.timedelta(hours=5),
                     responded_at=seen + dt.timedelta(hours=rng.choice([2, 4, 7])), status="responded")
        for m in range(n_records // 1000)], batch_size=5000)
    # -- 40 repost notices pushed to every organisation; most repost within the hour, some late or never
    below = [o for o in orgs if o.pk != province.pk]
    for k in range(40):
        published = start + dt.timedelta(days=15 + k * 14)
        notice = RepostNotice.objects.create(organisation=province, title=f"上级信息{k}", url="/x/", published_at=published)
        reposts = []
        for o in below:
            r = rng.random()
            at = published + dt.timedelta(minutes=rng.randrange(10, 55)) if r < 0.85 else (
                published + dt.timedelta(days=rng.randrange(2, 6)) if r < 0.95 else None)
            reposts.append(Repost(notice=notice, organisation=o, status="reposted" if at else "pending",
                                  target_at=published + dt.timedelta(hours=1),
                                  due_at=published + dt.timedelta(days=1, hours=12), reposted_at=at))
        Repost.objects.bulk_create(reposts, batch_size=5000)
    Accountability.objects.bulk_create([
        Accountability(organisation=o, year=2026, kind=kind, status="done", done_on=dt.date(2026, 4, 1))
        for o in orgs for kind in ("hear_report", "press_conference") if rng.random() < 0.6], batch_size=5000)
    iset = services.indicator_set_create(organisation=province, actor=user, year=2026)
    services.indicator_set_publish(indicator_set=iset, actor=user)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"  built {len(orgs):,} organisations, {n:,} records, {n_requests:,} requests, "
          f"{n_records // 40:,} messages, {n_records // 1000:,} opinion events, "
          f"{Repost.objects.count():,} reposts, {Column.objects.count():,} columns in {time.perf_counter() - t0:.0f} s")

    # -- the precompute (how the figures are kept fresh)
    t = time.perf_counter()
    result = evaluation.refresh(year=2026)
    refresh_s = time.perf_counter() - t
    print(f"  refresh (all organisations, 4 quarters, {len(metrics.METRICS)} figures each): {refresh_s:.1f} s "
          f"({result['figures']:,} figures, {result['scores']:,} scores)")
    one = counties[0]
    t = time.perf_counter()
    evaluation.refresh(year=2026, organisation_ids=[one.pk])
    print(f"  refresh of one changed organisation (--dirty): {(time.perf_counter() - t) * 1000:.0f} ms")

    client = Client()
    client.force_login(user)
    url = reverse("oversight:evaluation", args=["p"]) + "?year=2026&quarter=4"
    assert client.get(url).status_code == 200
    dash_s, response = best(lambda: client.get(url))
    dash_cpu = best.cpu
    assert response.status_code == 200 and b"<svg" in response.content
    county_rows = [r for r in selectors.ranking(iset, 4, level="county")]
    last = county_rows[-1]
    weights = {i.code: float(i.weight) for i in iset.indicators.all()}
    ratios = {c: v / weights[c] for c, v in last.breakdown.items() if v is not None and weights.get(c)}
    lowest = min(ratios, key=ratios.get)
    metric = iset.indicators.get(code=lowest).metric
    durl = reverse("oversight:drill", args=["p", last.organisation.code]) + f"?year=2026&quarter=4&metric={metric}"
    client.get(durl)
    drill_s, dresp = best(lambda: client.get(durl))
    drill_cpu = best.cpu
    assert dresp.status_code == 200
    rec_url = reverse("oversight:drill", args=["p", last.organisation.code]) + "?year=2026&quarter=4&metric=records_published"
    drill_rec_s, _r = best(lambda: client.get(rec_url))
    drill_rec_cpu = best.cpu

    # -- naive: the same figures asked organisation by organisation (three of the figures only)
    period = metrics.Period.of(2026, 4, now)
    sample = orgs if len(orgs) <= 600 else rng.sample(orgs, 600)
    print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    t = time.perf_counter()
    for org in sample:
        for key in ("records_published", "records_overdue", "requests_late"):
            metrics.METRICS[key].compute({"ids": [org.pk]}, period)
    naive_sample = time.perf_counter() - t
    naive_all = naive_sample * len(orgs) / len(sample)
    figures_per_org = len(metrics.METRICS) * 4
    print(f"  dashboard (ranking + 3 SVG charts, {len(orgs) - 1:,} organisations, full HTTP stack): "
          f"{dash_s * 1000:.0f} ms (best of 3; CPU of this process {dash_cpu * 1000:.0f} ms); "
          f"target < 1000 ms: {'met' if dash_s < 1 else 'NOT met'}")
    print(f"  drill-down ({last.organisation.name}, lowest indicator {lowest} → {metric}): {drill_s * 1000:.0f} ms "
          f"(CPU {drill_cpu * 1000:.0f} ms); records published: {drill_rec_s * 1000:.0f} ms (CPU {drill_rec_cpu * 1000:.0f} ms); "
          f"target < 200 ms: "
          f"{'met' if max(drill_s, drill_rec_s) < 0.2 else 'NOT met'}")
    print(f"  naive per-organisation queries, 3 figures × 1 quarter × {len(sample):,} organisations: {naive_sample:.1f} s "
          f"(≈ {naive_all:.1f} s for all {len(orgs):,}; all {figures_per_org} figures would be ≈ "
          f"{naive_all * figures_per_org / 3:.0f} s per dashboard view)")


def run(db: str, scale: float) -> None:
    env = dict(os.environ)
    env["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-")
    if db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{env['GONGKAI_VAR_DIR']}/bench.sqlite3"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DB
    print(f"== {db}, scale {scale}")
    try:
        subprocess.run([sys.executable, __file__, "--child", "--scale", str(scale)], env=env, check=True)
    finally:
        if db == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 3,000 organisations and 10,000,000 records")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.scale)
        return
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        run(db, args.scale)


if __name__ == "__main__":
    main()
