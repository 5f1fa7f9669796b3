"""A large installation for the benchmarks: N published records in the application's own tables.

Used by bench_search_known_item.py and bench_cold_pages.py (not a benchmark itself). A benchmark
calls ``prepare(database_url)`` **before** importing Django models (it sets DATABASE_URL, creates the
PostgreSQL database or the SQLite file, migrates, imports the standard catalogs and loads the demo),
then ``populate(n)``:

- records are inserted with ``bulk_create`` in batches (one INSERT per batch, not the services: a
  million publications through the workflow would take a day), published, each with an 索引号 in
  the default pattern (``{机构代码}/{YYYY}-{NNNNN}``, the serial per organisation and year — the
  counters of ``core.sequence`` are advanced past them, so a later publication continues the
  series) and, for most, a 文号 in the GB/T 9704 form (``阳应急〔2024〕12号``);
- the search index is written by the indexer's own code: ``search.index._documents_for`` builds the
  ``SearchDocument`` rows and the backend's ``add`` (``search.index.backend()``) writes the FTS5 /
  GIN rows; on PostgreSQL the GIN index is dropped during the load and rebuilt after it (as a
  restore does), then the tables are analysed.

Titles are the kind emergency-management departments publish: notices, plans, reports, penalty
decisions, accident investigations and relief lists, with real place names of 阳城县 and 泽州县,
periods, sectors and actions; bodies are sentences of the seed documents (real administrative
prose). Companies are invented from place names and common trade names (no person's name).
Everything is deterministic for a given seed.
"""
from __future__ import annotations

import datetime as dt
import os
import pathlib
import random
import re
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = pathlib.Path(os.environ.get("GONGKAI_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
BATCH = 2000

TOWNS = {
    "阳城县": ["凤城镇", "北留镇", "润城镇", "町店镇", "芹池镇", "次营镇", "横河镇", "河北镇", "蟒河镇", "东冶镇",
             "白桑乡", "寺头乡", "西河乡", "演礼乡", "固隆乡", "董封乡", "驾岭乡"],
    "泽州县": ["南村镇", "巴公镇", "大东沟镇", "周村镇", "下村镇", "北义城镇", "高都镇", "晋庙铺镇", "柳树口镇", "大阳镇",
             "川底镇", "山河镇", "李寨乡", "南岭乡", "金村镇", "犁川镇"],
}
SECTORS = ["危险化学品", "非煤矿山", "煤矿", "烟花爆竹", "工贸企业", "森林草原防灭火", "地质灾害", "城镇燃气", "道路交通",
           "建筑施工", "有限空间作业", "粉尘涉爆", "冶金", "消防", "尾矿库", "油气长输管道", "特种设备", "旅游景区",
           "学校及周边", "人员密集场所", "经营性自建房", "水上交通", "电力", "防汛抗旱", "农村房屋", "危险废物",
           "液氨制冷", "铸造企业", "加油站", "物流仓储"]
ACTIONS = ["安全隐患排查整治", "专项执法检查", "应急演练", "打非治违专项行动", "安全风险评估", "百日攻坚行动", "督导检查",
           "安全生产大检查", "重大事故隐患专项排查整治", "安全培训", "应急预案评审", "安全生产标准化建设", "复工复产安全检查",
           "警示教育", "执法回头看", "安全生产月活动", "隐患举报奖励", "双重预防机制建设", "明查暗访", "集中宣传"]
PERIODS = ["{y}年汛期", "{y}年春节期间", "{y}年五一期间", "{y}年国庆节期间", "{y}年冬春季", "{y}年第一季度", "{y}年第二季度",
           "{y}年第三季度", "{y}年第四季度", "{y}年度", "{y}年{m}月", "{y}年上半年", "{y}年下半年", "{y}年两会期间"]
PLANS = ["生产安全事故应急预案", "专项整治三年行动实施方案", "安全生产责任清单", "应急救援预案", "执法检查计划",
         "安全生产权力和责任清单", "自然灾害救助应急预案", "防汛应急预案", "森林火灾应急预案", "应急物资储备管理办法",
         "安全生产举报奖励办法", "安全生产约谈办法", "考核细则", "工作规则", "联络员制度"]
TRADE = ["鑫源", "宏达", "华阳", "金泰", "晋丰", "永盛", "兴旺", "恒泰", "福源", "东方", "瑞达", "润宏", "嘉禾", "泰安", "龙腾",
         "凯盛", "中联", "天成", "裕丰", "宝山", "晋阳", "三元", "广汇", "昌盛", "锦程", "富康", "汇丰", "盛华", "益民", "通达"]
KINDS = ["煤业有限公司", "化工有限公司", "建材有限公司", "铸造有限公司", "加油站", "烟花爆竹批发有限公司", "矿业有限公司",
         "燃气有限公司", "物流有限公司", "耐火材料有限公司", "水泥有限公司", "冶炼有限公司", "石料厂", "砖厂"]
ACCIDENTS = ["“{m}·{d}”一般生产安全事故", "“{m}·{d}”较大涉险事故", "“{m}·{d}”一般车辆伤害事故", "“{m}·{d}”一般机械伤害事故",
             "“{m}·{d}”一般高处坠落事故", "“{m}·{d}”一般中毒窒息事故", "“{m}·{d}”一般火灾事故"]
VIOLATIONS = ["未按规定开展安全培训", "未建立事故隐患排查治理制度", "特种作业人员未持证上岗", "未如实记录隐患排查治理情况",
              "安全设备未经常性维护", "未按规定制定应急预案", "违规储存危险化学品", "未设置明显安全警示标志"]
DISASTERS = ["冬春生活救助资金", "自然灾害救助资金", "受灾群众倒损住房恢复重建补助资金", "过渡期生活救助资金",
             "中央自然灾害救灾资金", "省级救灾资金", "防汛救灾物资"]


def sentences() -> list[str]:
    """Return the sentences of the seed documents."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    parts = re.split(r"(?<=[。；！？])|\n", text)
    out = [re.sub(r"\s+", "", p) for p in parts]
    return [s for s in out if 12 <= len(s) <= 200 and re.search(r"[\u4e00-\u9fff]{6}", s)]


class TitleMaker:
    """Titles of one organisation (county departments speak of their towns, the city of its counties)."""

    def __init__(self, rng: random.Random, org_name: str, county: str, towns: list[str]):
        self.rng, self.org, self.county, self.towns = rng, org_name, county, towns

    def company(self) -> str:
        return f"{self.county}{self.rng.choice(self.towns)}{self.rng.choice(TRADE)}{self.rng.choice(KINDS)}"

    def title(self, year: int) -> tuple[str, str]:
        """Return (title, kind of document: notice, penalty, report …) for a document of `year`."""
        r = self.rng
        m, d = r.randint(1, 12), r.randint(1, 28)
        period = r.choice(PERIODS).format(y=year, m=m)
        sector, action, town = r.choice(SECTORS), r.choice(ACTIONS), r.choice(self.towns)
        roll = r.random()
        if roll < 0.22:
            return f"{self.org}关于开展{period}{sector}{action}的通知", "notice"
        if roll < 0.34:
            return f"{self.org}关于印发《{self.county}{sector}{r.choice(PLANS)}》的通知", "notice"
        if roll < 0.46:
            return f"{self.org}关于{period}{sector}{action}情况的通报", "notice"
        if roll < 0.60:
            return f"{self.org}行政处罚决定书（{self.company()}{r.choice(VIOLATIONS)}）", "penalty"
        if roll < 0.68:
            accident = r.choice(ACCIDENTS).format(m=m, d=d)
            return f"关于{self.company()}{accident}调查报告的批复", "notice"
        if roll < 0.76:
            return f"{self.county}{town}{period}{r.choice(DISASTERS)}分配情况公示", "relief"
        if roll < 0.84:
            return f"{town}{period}{sector}安全生产工作总结", "report"
        if roll < 0.92:
            return f"关于{period}{town}{sector}{action}工作的报告", "report"
        return f"关于公布{period}{self.county}{sector}安全生产标准化达标企业名单的公告", "notice"


def prepare(database_url: str, *, fresh: bool = True, quiet: bool = True) -> None:
    """Point Django at `database_url`, (re)create it when `fresh`, migrate and load the demo."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")
    # Debug off: with it on, Django keeps every SQL string (bulk inserts of whole bodies) in memory.
    os.environ.setdefault("GONGKAI_DEBUG", "false")
    os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-" + os.urandom(24).hex())
    sys.path.insert(0, str(ROOT))
    if fresh:
        if database_url.startswith("sqlite:"):
            path = pathlib.Path(database_url.split("sqlite://", 1)[1])
            for suffix in ("", "-wal", "-shm"):
                pathlib.Path(str(path) + suffix).unlink(missing_ok=True)
        else:
            import psycopg
            from psycopg.conninfo import conninfo_to_dict, make_conninfo

            name = conninfo_to_dict(database_url)["dbname"]
            with psycopg.connect(make_conninfo(database_url, dbname="postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                admin.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    import django

    django.setup()
    if fresh:
        import io

        from django.core.management import call_command

        out = io.StringIO() if quiet else sys.stdout
        call_command("migrate", verbosity=0, stdout=out)
        call_command("import_standard_catalogs", stdout=out)
        call_command("load_demo", stdout=out)


def drop_postgres(database_url: str) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from django.db import connections

    connections.close_all()
    name = conninfo_to_dict(database_url)["dbname"]
    with psycopg.connect(make_conninfo(database_url, dbname="postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Organisations that publish (code, share of the records, county, 文号 abbreviation).
PUBLISHERS = [("sx-jc-yc", 0.34, "阳城县", "阳应急"), ("sx-jc-zz", 0.34, "泽州县", "泽应急"), ("sx-jc", 0.16, "晋城市", "晋市应急"),
              ("sx-jc-yc-fc", 0.04, "阳城县", "凤政"), ("sx-jc-yc-bl", 0.04, "阳城县", "北留政"),
              ("sx-jc-zz-nc", 0.04, "泽州县", "南村政"), ("sx-jc-zz-bg", 0.04, "泽州县", "巴公政")]
DOC_SUFFIX = {"notice": "", "penalty": "罚", "relief": "救", "report": "报"}


def populate(n: int, *, seed: int = 20261207, first_year: int = 2019, last_year: int = 2026,
             progress=print) -> list[tuple[int, str, str, str]]:
    """Insert `n` published records and index them; return (record id, title, 索引号, 文号) of each."""
    from django.db import connection, transaction

    from gongkai.catalog.selectors import active_items
    from gongkai.core import sequence
    from gongkai.organisations.models import Organisation, User
    from gongkai.records import numbering
    from gongkai.records.models import Attachment, Record, SearchDocument
    from gongkai.records.search import index

    rng = random.Random(seed)
    pool = sentences()
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=[p[0] for p in PUBLISHERS])}
    items = list(active_items(orgs["sx-jc-yc"]))
    author = User.objects.get(username="yc_office")
    towns_all = TOWNS["阳城县"] + TOWNS["泽州县"]
    makers = {}
    for code, _share, county, _abbr in PUBLISHERS:
        towns = TOWNS.get(county, towns_all)
        if code.count("-") == 3:  # a township speaks of its villages' town only
            towns = [orgs[code].name.replace(county, "").replace("人民政府", "")]
        makers[code] = TitleMaker(rng, orgs[code].name, county if county != "晋城市" else rng.choice(list(TOWNS)), towns)
    weights = [p[1] for p in PUBLISHERS]
    serials: dict[tuple, int] = {}
    out: list[tuple[int, str, str, str]] = []
    b = index.backend()
    is_pg = connection.vendor == "postgresql"
    if is_pg:
        with connection.cursor() as cur:
            cur.execute("DROP INDEX IF EXISTS records_search_grams_gin")
    start_day = dt.date(first_year, 1, 1)
    span = (dt.date(last_year, 11, 30) - start_day).days
    t0, done = time.perf_counter(), 0
    while done < n:
        size = min(BATCH, n - done)
        records = []
        for k in range(size):
            pos = done + k
            formed = start_day + dt.timedelta(days=span * pos // max(1, n))
            published = dt.datetime.combine(formed + dt.timedelta(days=rng.randint(1, 15)), dt.time(9, 30),
                                            tzinfo=dt.timezone.utc)
            code, _share, county, abbr = rng.choices(PUBLISHERS, weights)[0]
            org = orgs[code]
            title, kind = makers[code].title(formed.year)
            if (code, formed.year) not in serials:  # continue the organisation's series (the demo's numbers)
                serials[(code, formed.year)] = sequence.peek(numbering.sequence_key(org.pk, formed.year))
            serial = serials[(code, formed.year)] = serials[(code, formed.year)] + 1
            index_number = numbering.render(numbering.DEFAULT_PATTERN, organisation=org, year=formed.year,
                                            month=formed.month, serial=serial)
            doc_number = ""
            if rng.random() < 0.8:
                key = (abbr + DOC_SUFFIX[kind], formed.year)
                serials[key] = serials.get(key, 100) + 1  # above the demo's own 文号
                doc_number = f"{key[0]}〔{formed.year}〕{serials[key]}号"
            body, length, target = [], 0, rng.randint(200, 700)
            while length < target:
                s = rng.choice(pool)
                body.append(s)
                length += len(s)
            item = rng.choice(items)
            records.append(Record(
                organisation=org, catalog_item=item, catalog_key=item.key, index_number=index_number, title=title,
                doc_number=doc_number, issuing_unit=org.name, formation_date=formed, summary=body[0],
                body="\n".join(body[1:]) or body[0], status="published", created_by=author, published_at=published,
                issued_here=True,
            ))
        with transaction.atomic():
            Record.objects.bulk_create(records)
            docs = []
            for record in records:
                record._prefetched_objects_cache = {"attachments": Attachment.objects.none()}
                docs.extend(index._documents_for(record))
            SearchDocument.objects.bulk_create(docs)
            with connection.cursor() as cur:
                b.add(cur, [index._row(d) for d in docs])
        out.extend((r.pk, r.title, r.index_number, r.doc_number) for r in records)
        done += size
        if done % 50_000 < BATCH or done == n:
            progress(f"  {done:,} records, {time.perf_counter() - t0:,.0f} s")
    for (code, year), serial in serials.items():
        if code in orgs:
            sequence.set_at_least(numbering.sequence_key(orgs[code].pk, year), serial)
    with connection.cursor() as cur:
        if is_pg:
            progress("  building the GIN index …")
            cur.execute("SET maintenance_work_mem = '512MB'")
            b.install(cur)
            cur.execute("VACUUM ANALYZE") if connection.get_autocommit() else cur.execute("ANALYZE")
        else:
            cur.execute("INSERT INTO records_search_fts(records_search_fts) VALUES ('optimize')")
            cur.execute("INSERT INTO records_search_title_fts(records_search_title_fts) VALUES ('optimize')")
            cur.execute("ANALYZE")
    progress(f"  built in {time.perf_counter() - t0:,.0f} s")
    return out


def existing() -> list[tuple[int, str, str, str]]:
    """Return (id, title, 索引号, 文号) of the published records of a kept database (--reuse)."""
    from gongkai.records.models import Record

    return list(Record.objects.filter(status="published").order_by("pk")
                .values_list("pk", "title", "index_number", "doc_number"))


def main(argv=None) -> None:
    """Build (and keep) an installation, for the benchmarks' ``--reuse``: a big build runs once, its
    measurements later, on a quiet machine.

        .venv/bin/python bench/corpus.py --records 1000000 --database-url sqlite:///tmp/perf-1m.sqlite3
        .venv/bin/python bench/corpus.py --records 1000000 --database-url postgres://postgres@127.0.0.1:5432/perf_1m
    """
    import argparse

    parser = argparse.ArgumentParser(description="Build a kept benchmark installation of N published records.")
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    print(f"building {args.records:,} records in {args.database_url} (load {os.getloadavg()[0]:.1f}) …", flush=True)
    prepare(args.database_url)
    print(f"  migrated, catalogs and demo loaded in {time.perf_counter() - t0:,.0f} s", flush=True)
    populate(args.records, progress=lambda line: print(line, flush=True))
    print(f"done in {time.perf_counter() - t0:,.0f} s (load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
