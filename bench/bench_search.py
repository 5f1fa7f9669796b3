"""Benchmark: Chinese full-text search over N published records (default 1,000,000).

Run:  .venv/bin/python bench/bench_search.py [--records N] [--backend sqlite|postgresql|both]
      [--sqlite-path FILE] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--keep] [--reuse]

It generates synthetic records whose bodies are sentences of the seed documents (real Chinese
administrative prose, 300–1,500 characters) into a database of its own — a separate SQLite file,
or a PostgreSQL database it creates and drops — and indexes them with the application's own
search backends (gongkai/records/search/backends.py). It then times the application's query
(first page of 20 newest first — or, with --order relevance, the matched ids ordered by
records/search/ranking.py in SQL — + the count capped at 1,000) for a fixed mix of queries of 2, 3,
4 and 5–6 characters, two-term queries and absent terms, and the plain scan
`title LIKE '%q%' OR text LIKE '%q%'` (exact count + first page) on a sample of the same queries
in the same run. Figures are printed; nothing else is written. Building 1,000,000 records takes
many minutes per backend; --keep keeps the database and --reuse skips the build next time.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import random
import re
import sqlite3
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.records.search import ranking  # noqa: E402
from gongkai.records.search import tokens as tk  # noqa: E402
from gongkai.records.search.backends import (  # noqa: E402
    DOC_TABLE, PostgresBackend, SQLiteBackend, facet_token,
)

SEEDS = pathlib.Path(os.environ.get("GONGKAI_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
TWO_CHAR = ["救灾", "隐患", "应急", "演练", "防汛", "预案", "矿山", "危化", "消防", "地震", "台风", "物资",
            "培训", "执法", "事故", "处罚", "督查", "公开", "解读", "舆情"]
ABSENT = ["量子纠缠", "区块链技术", "火星探测", "鲸鱼", "芭蕾舞团"]
BATCH = 2000


def sentences() -> list[str]:
    """Return the sentences of the seed documents (the vocabulary of real disclosure texts)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    parts = re.split(r"(?<=[。；！？])|\n", text)
    out = [re.sub(r"\s+", "", p) for p in parts]
    return [s for s in out if 12 <= len(s) <= 300 and re.search(r"[\u4e00-\u9fff]{6}", s)]


TITLE_FORMS = ["关于{x}的通知", "{y}年{x}工作方案", "关于开展{x}的实施意见", "{x}情况通报", "关于印发{x}的通知",
               "{y}年度{x}工作总结", "{x}公告"]
TITLE_TOPICS = ["安全生产专项整治", "防汛抗旱应急演练", "自然灾害救助资金发放", "危险化学品隐患排查", "矿山安全监管执法",
                "森林防火督查", "救灾物资储备管理", "生产安全事故调查处理", "应急预案修订", "安全生产标准化建设",
                "地质灾害防治", "政务公开标准化规范化", "冬春救助", "行政处罚决定", "安全培训考核"]


def generate(n: int, seed: int = 20261123):
    """Yield (id, title, text, org, catalog key, year) for n records in publication order."""
    rng = random.Random(seed)
    pool = sentences()
    for i in range(1, n + 1):
        year = 2018 + (i * 8) // (n + 1)
        title = rng.choice(TITLE_FORMS).format(x=rng.choice(TITLE_TOPICS), y=year)
        target = rng.randint(300, 1500)
        parts, length = [], 0
        while length < target:
            s = rng.choice(pool)
            parts.append(s)
            length += len(s)
        yield i, title, "".join(parts), rng.randint(1, 300), f"item/{rng.randint(1, 33)}", year


def make_queries(n_docs: int, count: int, seed: int = 7) -> list[list[str]]:
    """Return `count` queries: fixed 2-character terms, substrings of documents, two-term and absent."""
    rng = random.Random(seed)
    sample = [d for d in generate(min(n_docs, 5000))]
    queries: list[list[str]] = [[t] for t in TWO_CHAR] + [[t] for t in ABSENT]
    while len(queries) < count:
        doc = rng.choice(sample)
        cjk = [r for r in tk.runs(doc[2]) if len(r) >= 6]
        if not cjk:
            continue
        run = rng.choice(cjk)
        kind = len(queries) % 5
        if kind == 4:
            a, b = rng.sample(cjk, 2) if len(cjk) > 1 else (run, run)
            queries.append([a[:2], b[:3]])
            continue
        length = (2, 3, 4, rng.randint(5, 6))[kind]
        start = rng.randrange(0, len(run) - length + 1)
        queries.append([run[start:start + length]])
    return queries[:count]


def facets(org, key, year):
    return [facet_token("o", org), facet_token("c", key), facet_token("y", year)]


# ---------------------------------------------------------------- SQLite

def sqlite_build(path: pathlib.Path, n: int) -> None:
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(f"CREATE TABLE {DOC_TABLE} (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
    con.execute(ranking.title_index_sql("sqlite"))
    backend = SQLiteBackend(param_marker="?")
    cur = con.cursor()
    backend.install(cur)
    batch = []
    for row in generate(n):
        batch.append(row)
        if len(batch) >= BATCH:
            _sqlite_flush(cur, backend, batch)
            batch = []
    _sqlite_flush(cur, backend, batch)
    con.commit()
    cur.execute("INSERT INTO records_search_fts(records_search_fts) VALUES ('optimize')")
    con.commit()
    con.close()


def _sqlite_flush(cur, backend, batch):
    if not batch:
        return
    cur.executemany(f"INSERT INTO {DOC_TABLE}(id, title, text) VALUES (?, ?, ?)", [(r[0], r[1], r[2]) for r in batch])
    backend.add(cur, [(r[0], r[1], r[2], facets(*r[3:])) for r in batch])


def sqlite_run(path, queries, like_queries, order="newest"):
    con = sqlite3.connect(path)
    cur = con.cursor()
    backend = SQLiteBackend(param_marker="?")

    def indexed(q):
        ids = backend.search(cur, q, [], 1001)
        if ids and order == "relevance":  # what search(order="relevance") does: ranking.order in SQL
            first = ranking.order(cur, ids[:1000], ranking.needles(q), vendor="sqlite", p="?")[:20]
        else:
            first = ids[:20]
        if first:
            cur.execute(f"SELECT id, title, substr(text, 1, 200) FROM {DOC_TABLE} WHERE id IN ({','.join('?' * len(first))})",
                        first)
            cur.fetchall()
        return len(ids)

    def like(q):
        where = " AND ".join(["(title LIKE ? OR text LIKE ?)"] * len(q))
        params = [p for t in q for p in (f"%{t}%", f"%{t}%")]
        cur.execute(f"SELECT count(*) FROM {DOC_TABLE} WHERE {where}", params)
        total = cur.fetchone()[0]
        cur.execute(f"SELECT id, title, substr(text, 1, 200) FROM {DOC_TABLE} WHERE {where} ORDER BY id DESC LIMIT 20",
                    params)
        cur.fetchall()
        return total

    return _time_all(f"SQLite, {order}", queries, like_queries, indexed, like)


# ---------------------------------------------------------------- PostgreSQL

def pg_connect(url, dbname=None):
    import psycopg
    from psycopg.conninfo import make_conninfo

    return psycopg.connect(make_conninfo(url, dbname=dbname) if dbname else url, autocommit=True)


def pg_build(url: str, dbname: str, n: int) -> None:
    admin = pg_connect(url)
    admin.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
    admin.execute(f'CREATE DATABASE "{dbname}" ENCODING \'UTF8\' TEMPLATE template0')
    admin.close()
    con = pg_connect(url, dbname)
    con.execute(f"CREATE TABLE {DOC_TABLE} (id bigint PRIMARY KEY, title text NOT NULL, text text NOT NULL)")
    con.execute(ranking.title_index_sql("postgresql"))
    con.execute("CREATE TABLE records_search_grams (doc_id bigint NOT NULL, grams text[] NOT NULL)")
    batch = []
    with con.cursor() as cur:
        for row in generate(n):
            batch.append(row)
            if len(batch) >= BATCH:
                _pg_copy(cur, batch)
                batch = []
        _pg_copy(cur, batch)
    # Constraints and the GIN index after the bulk load, as a restore would do.
    con.execute("SET maintenance_work_mem = '1GB'")
    con.execute("ALTER TABLE records_search_grams ADD PRIMARY KEY (doc_id)")
    con.execute("CREATE INDEX records_search_grams_gin ON records_search_grams USING gin (grams) WITH (fastupdate = off)")
    con.execute("VACUUM ANALYZE")
    con.close()


def _pg_copy(cur, batch):
    if not batch:
        return
    with cur.copy(f"COPY {DOC_TABLE} (id, title, text) FROM STDIN") as copy:
        for r in batch:
            copy.write_row((r[0], r[1], r[2]))
    with cur.copy("COPY records_search_grams (doc_id, grams) FROM STDIN") as copy:
        for r in batch:
            copy.write_row((r[0], PostgresBackend.grams_of(r[0], r[1], r[2], facets(*r[3:]))))


def pg_run(url, dbname, queries, like_queries, order="newest"):
    con = pg_connect(url, dbname)
    cur = con.cursor()
    backend = PostgresBackend()

    def indexed(q):
        with con.transaction():  # the application runs each search in a transaction (SET LOCAL)
            ids = backend.search(cur, q, [], 1001)
            first = ids[:20]
            if ids and order == "relevance":  # what search(order="relevance") does: ranking.order in SQL
                first = ranking.order(cur, ids[:1000], ranking.needles(q), vendor="postgresql")[:20]
            if first:
                cur.execute(f"SELECT id, title, substr(text, 1, 200) FROM {DOC_TABLE} WHERE id = ANY(%s)", [first])
                cur.fetchall()
        return len(ids)

    def like(q):
        where = " AND ".join(["(title LIKE %s OR text LIKE %s)"] * len(q))
        params = [p for t in q for p in (f"%{t}%", f"%{t}%")]
        cur.execute(f"SELECT count(*) FROM {DOC_TABLE} WHERE {where}", params)
        total = cur.fetchone()[0]
        cur.execute(f"SELECT id, title, substr(text, 1, 200) FROM {DOC_TABLE} WHERE {where} ORDER BY id DESC LIMIT 20",
                    params)
        cur.fetchall()
        return total

    result = _time_all(f"PostgreSQL, {order}", queries, like_queries, indexed, like)
    con.close()
    return result


# ---------------------------------------------------------------- timing

def _pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _time_all(name, queries, like_queries, indexed, like):
    for q in queries[:20]:  # warm the cache the way a running server is warm
        indexed(q)
    times, by_len, mismatches = [], {}, 0
    for _ in range(3):
        for q in queries:
            t0 = time.perf_counter()
            indexed(q)
            ms = (time.perf_counter() - t0) * 1000
            times.append(ms)
            key = "two terms" if len(q) > 1 else f"{min(len(q[0]), 5)}{'+' if len(q[0]) >= 5 else ''} chars"
            by_len.setdefault(key, []).append(ms)
    like_times = []
    for q in like_queries:
        t0 = time.perf_counter()
        total = like(q)
        like_times.append((time.perf_counter() - t0) * 1000)
        if min(total, 1001) != indexed(q):
            mismatches += 1
    p50, p95 = statistics.median(times), _pct(times, 95)
    l50, l95 = statistics.median(like_times), _pct(like_times, 95)
    print(f"\n== {name}: {len(queries)} queries x 3 passes (first page of 20 + count capped at 1,000)")
    print(f"   indexed   p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   max {max(times):8.2f} ms")
    for key in sorted(by_len):
        v = by_len[key]
        print(f"     {key:10s} p50 {statistics.median(v):8.2f} ms   p95 {_pct(v, 95):8.2f} ms")
    print(f"   LIKE scan p50 {l50:8.2f} ms   p95 {l95:8.2f} ms   ({len(like_queries)} of the same queries, exact count)")
    print(f"   ratio LIKE/indexed: p50 {l50 / p50:,.0f}x   p95 {l95 / p95:,.0f}x")
    print(f"   hit counts differing from the scan (capped at 1,001): {mismatches} of {len(like_queries)}")
    return {"p50": p50, "p95": p95, "like_p50": l50, "like_p95": l95, "mismatches": mismatches}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--sqlite-path", default="/tmp/gongkai-bench-search.sqlite3")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--pg-db", default="gongkai_bench_search")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--like-queries", type=int, default=20, help="how many queries also run as a LIKE scan")
    parser.add_argument("--order", choices=["newest", "relevance", "both"], default="both",
                        help="result order timed: newest first, by relevance (ranking.order over the matched ids), or both")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database instead of building")
    args = parser.parse_args(argv)

    orders = ["newest", "relevance"] if args.order == "both" else [args.order]
    queries = make_queries(args.records, args.queries)
    step = max(1, len(queries) // args.like_queries)
    like_queries = queries[::step][:args.like_queries]
    print(f"{args.records:,} records; {len(queries)} queries; LIKE baseline on {len(like_queries)} of them")
    if args.backend in ("sqlite", "both"):
        path = pathlib.Path(args.sqlite_path)
        if not (args.reuse and path.exists()):
            t0 = time.perf_counter()
            sqlite_build(path, args.records)
            print(f"SQLite build: {time.perf_counter() - t0:,.0f} s, file {path.stat().st_size / 2**30:.2f} GiB")
        for order in orders:
            sqlite_run(path, queries, like_queries, order)
        if not args.keep:
            path.unlink()
    if args.backend in ("postgresql", "both"):
        if not args.reuse:
            t0 = time.perf_counter()
            pg_build(args.pg_url, args.pg_db, args.records)
            print(f"PostgreSQL build: {time.perf_counter() - t0:,.0f} s")
        con = pg_connect(args.pg_url, args.pg_db)
        size = con.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        con.close()
        print(f"PostgreSQL database size: {size / 2**30:.2f} GiB")
        for order in orders:
            pg_run(args.pg_url, args.pg_db, queries, like_queries, order)
        if not args.keep:
            admin = pg_connect(args.pg_url)
            admin.execute(f'DROP DATABASE IF EXISTS "{args.pg_db}"')
            admin.close()


if __name__ == "__main__":
    main()
