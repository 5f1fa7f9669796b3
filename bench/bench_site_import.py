"""Site import throughput: pages per second and peak memory, dry run and real import (issue 22).

    .venv/bin/python bench/bench_site_import.py [--pages 300]      # small, the default
    .venv/bin/python bench/bench_site_import.py --pages 10000      # the full figure

Generates N saved article pages in a temporary folder from the five CMS layouts of the test
fixtures (TRS, 大汉 JCMS in GBK, 开普云, 新点 in GB18030 without a declaration, static), each with its
own 索引号, 文号 and title, every fifth one with a PDF attachment; migrates a fresh SQLite database
in a temporary directory (or, when DATABASE_URL names PostgreSQL, uses it as given — give an empty
one), loads the demo organisations and catalog, confirms the column mappings, then measures:

- baseline: reading every file and building its lxml tree (no field reading), same pages;
- dry run: the full analysis (decode, profiles, header, body, sanitising, privacy check, duplicates);
- import: the same pages written as records in one transaction.

Printed: pages/s of each, the ratio to the baseline, and the peak of Python allocations
(tracemalloc, which itself slows each phase by a similar factor) and the process's maximum RSS.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "gongkai/siteimport/tests/fixtures"
LAYOUTS = (("trs_article.html", "utf-8", "EX0001/2024-00012", "示应急发〔2024〕3号"),
           ("jcms_article_gbk.html", "gbk", "EX0001/2024-00020", "示政办发〔2024〕7号"),
           ("kaipuyun_article.html", "utf-8", "EX0001/2024-00003", None),
           ("epoint_article_gb18030.html", "gb18030", "EX0001/2024-00031", "示应急〔2024〕12号"),
           ("static_article.html", "utf-8", "EX0001/2019-00005", "示应急规〔2019〕1号"))
# The relief notice holds an ID number: keep it (those pages go to review) — a realistic share.


def generate(folder: Path, n: int) -> None:
    from gongkai.siteimport.tests.conftest import tiny_pdf

    texts = [(FIXTURES / name).read_bytes().decode(enc) for name, enc, _i, _d in LAYOUTS]
    pdf = tiny_pdf()
    for i in range(n):
        k = i % len(LAYOUTS)
        name, enc, index, docno = LAYOUTS[k]
        text = texts[k].replace(index, f"BENCH/{2000 + i % 25}-{i:06d}")
        if docno:
            text = text.replace(docno, f"示测〔{2000 + i % 25}〕{i}号")
        text = text.replace("示例县", f"示例县{i}").replace("。", f"（{i}）。", 1)
        text = text.replace("为做好今年汛期", f"为做好今年汛期（第{i}批）").replace("现将", f"现将第{i}项")
        page_dir = folder / f"d{i // 500:03d}"
        page_dir.mkdir(exist_ok=True)
        (page_dir / f"p{i:06d}.html").write_bytes(text.encode(enc))
        if k == 0 and i % 5 == 0:
            (page_dir / "P020240305_1.pdf").write_bytes(pdf)


def setup_django(tmp: Path) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp / "media"
    call_command("migrate", verbosity=0)


def world():
    from gongkai.catalog.demo import publish_demo_catalog
    from gongkai.organisations.demo import ensure_logins, ensure_tree
    from gongkai.organisations.models import User
    from gongkai.siteimport import services
    from gongkai.siteimport.mapping import Mappings

    from django.core.management import call_command

    call_command("import_standard_catalogs", stdout=open(os.devnull, "w"))
    orgs = ensure_tree()
    ensure_logins(orgs, "bench-password-1")
    org = orgs["sx-jc-yc"]
    publish_demo_catalog(org)
    office = User.objects.get(username="yc_office")
    key = next(iter(Mappings(org).items))
    for column in ("通知公告", "政策文件", "执法检查", ""):
        services.mapping_confirm(organisation=org, actor=office, column=column, catalog_key=key)
    return org, office


def measure(label, fn, pages):
    tracemalloc.start()
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rate = pages / seconds if seconds else float("inf")
    print(f"{label:<10} {pages:>7} pages  {seconds:8.2f} s  {rate:9.1f} pages/s  peak {peak / 2**20:7.1f} MiB")
    return rate, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        site.mkdir()
        generate(site, args.pages)
        setup_django(tmp)
        org, office = world()
        import lxml.html

        from gongkai.siteimport import services

        files = sorted(site.rglob("*.html"))

        def baseline():
            for path in files:
                lxml.html.document_fromstring(path.read_bytes())

        def run(dry):
            return services.import_pages(organisation=org, actor=office, dry_run=dry, source_label="bench",
                                         items_by_source=services.sources_from_paths([site]))

        print(f"site import benchmark: {args.pages} generated pages, database {os.environ['DATABASE_URL'].split(':')[0]}")
        base, _ = measure("baseline", baseline, len(files))
        dry, result = measure("dry run", lambda: run(True), len(files))
        print(f"           statuses {({k: v for k, v in result.summary.items() if isinstance(v, int)})}")
        real, result = measure("import", lambda: run(False), len(files))
        print(f"           written {result.summary.get('written')}")
        print(f"ratio to baseline: dry run {dry / base:.3f}, import {real / base:.3f}; "
              f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
