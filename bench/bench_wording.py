"""Benchmark: the wording check's sweep of record-sized texts with a large term list (issue 23).

Run: .venv/bin/python bench/bench_wording.py [--records 10000] [--terms 50000]
(pure engine, no database: a sweep compiles the organisation's matcher once per rule-set version
and then checks every record with it; the compile time is printed apart).

Texts are generated from sentences of emergency-management notices (安全生产检查, 防汛, 森林防火,
救灾 …) with dates, figures, document numbers and, in one record of ten, a seeded error of each
kind. The term list is the shipped national rules plus N generated four-to-eight-character terms
(a province's forbidden/replaced list). Measured in the same run:

- baseline 1: the normalisation alone (``core.privacy.normalise``, which the check runs first);
- baseline 2: a plain ``str.find`` loop over 20 terms;
- the check with the shipped rules only, and with the shipped rules + N terms.

It prints records per second of each and the ratios to baseline 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import pathlib
import random
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")

import django  # noqa: E402

django.setup()

from gongkai.core.privacy import normalise  # noqa: E402
from gongkai.wording import boundaries, leaders, shipped  # noqa: E402
from gongkai.wording.engine import Rule, RuleSet  # noqa: E402

PLACES = ["泽州县", "阳城县", "晋城市", "高平市", "陵川县", "沁水县", "南村镇", "巴公镇", "凤城镇", "北留镇"]
SENTENCES = [
    "{place}应急管理局组织开展安全生产大检查，共检查企业{n}家，发现隐患{m}处，已整改{k}处。",
    "截至{year}年{month}月底，全{unit}共排查危险化学品企业{n}家，督促整改重大隐患{m}项。",
    "根据《晋城市人民政府办公室关于做好{year}年防汛工作的通知》（晋市政办〔{year}〕{k}号）要求，{place}防汛抗旱指挥部办公室设在{place}应急管理局。",
    "{place}消防救援大队联合乡镇开展森林草原防灭火专项检查，出动人员{n}人次，车辆{m}台次。",
    "{year}年{month}月{day}日，{place}应急管理局召开全{unit}安全生产工作会议，传达学习上级文件精神。",
    "本次自然灾害共造成{n}人受灾，紧急转移安置{m}人，直接经济损失{k}万元，救灾资金已按规定发放。",
    "各乡镇要切实落实属地管理责任，加强汛期值班值守，严格执行领导带班和24小时值班制度。",
    "请各单位于{year}年{month}月{day}日前将自查报告报送{place}应急管理局安全生产综合股。",
    "依据《中华人民共和国安全生产法》和《生产安全事故应急条例》，对{n}家企业立案查处，罚款{k}万元。",
    "联系人：办公室，联系电话：0356-{tel}。",
    "{place}应急管理局（原{place}安全生产监督管理局）负责本行政区域内安全生产综合监督管理工作。",
    "全{unit}共储备帐篷{n}顶、折叠床{m}张、棉被{k}床，满足应急救灾需要。",
]
SEEDED = ["县安监局", "既使下雨也要坚持巡查", "国办发[2018]37号", "二O二四年", "截止{year}年底，全{unit}",
          "公安消防大队", "再接再励"]
CHARS = ("安全生产应急管理救援消防防汛抗旱森林草原灾害监测预警物资保障危险化学品矿山工贸执法检查隐患排查"
         "整改责任落实组织协调指挥调度值班值守宣传培训演练评估统计报告风险防控地质气象水利交通电力通信医疗")


def make_records(n: int, seed: int = 23) -> list[str]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        parts = []
        for _ in range(rng.randint(20, 45)):
            template = rng.choice(SENTENCES)
            parts.append(template.format(
                place=rng.choice(PLACES), unit=rng.choice(["市", "县", "镇"]), n=rng.randint(3, 500),
                m=rng.randint(1, 200), k=rng.randint(1, 90), year=rng.randint(2019, 2026),
                month=rng.randint(1, 12), day=rng.randint(1, 28), tel=rng.randint(1000000, 9999999)))
        if i % 10 == 0:
            for seeded in SEEDED:
                parts.insert(rng.randrange(len(parts)), seeded.format(year=2024, unit="县") + "。")
        records.append("".join(parts))
    return records


def make_terms(n: int, seed: int = 50) -> list[Rule]:
    rng = random.Random(seed)
    terms: set[str] = set()
    while len(terms) < n:
        terms.add("".join(rng.choice(CHARS) for _ in range(rng.randint(4, 8))))
    return [Rule(f"db:{i}", "forbidden", term, "规范用语", "major") for i, term in enumerate(sorted(terms))]


def sweep(measures: dict, records: list[str], rounds: int = 5) -> dict:
    """Run every measure over the same records, chunk by chunk and in turn, so that a change of the
    (shared) machine's load between measures falls on all of them alike."""
    seconds = {label: 0.0 for label in measures}
    found = {label: 0 for label in measures}
    size = -(-len(records) // rounds)
    for start in range(0, len(records), size):
        chunk = records[start:start + size]
        for label, fn in measures.items():
            t0 = time.perf_counter()
            found[label] += sum(fn(text) for text in chunk)
            seconds[label] += time.perf_counter() - t0
    rates = {}
    for label in measures:
        rates[label] = len(records) / seconds[label]
        print(f"{label:<44} {seconds[label]:8.2f} s  {rates[label]:10.1f} records/s  ({found[label]:,} found)")
    return rates


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--terms", type=int, default=50_000)
    args = parser.parse_args()
    day = dt.date(2025, 6, 1)

    records = make_records(args.records)
    chars = sum(map(len, records))
    print(f"records: {len(records):,} ({chars / len(records):,.0f} characters on average, {chars:,} in all)")
    boundaries.tokens("预热")   # jieba's dictionary is loaded once per process; not part of the sweep
    normalise("预热")           # so is normalisation's table of characters that change

    t0 = time.perf_counter()
    national = RuleSet(shipped.rules(), posts=leaders.generic_posts())
    national_build = time.perf_counter() - t0
    terms = make_terms(args.terms)
    t0 = time.perf_counter()
    large = RuleSet((*shipped.rules(), *terms), posts=leaders.generic_posts())
    large_build = time.perf_counter() - t0
    print(f"matcher compiled once per rule-set version: shipped {len(national):,} rules {national_build:.2f} s; "
          f"shipped + {args.terms:,} terms {large_build:.2f} s")

    few = [r.term for r in shipped.rules()[:20]]
    rates = sweep({
        "baseline 1: normalisation alone": lambda t: len(normalise(t)[0]) and 0,
        "baseline 2: str.find loop over 20 terms": lambda t: sum(1 for term in few if t.find(term) >= 0),
        f"check, shipped rules ({len(national):,})": lambda t: len(national.check(t, day)),
        f"check, shipped + {args.terms:,} terms": lambda t: len(large.check(t, day)),
    }, records)
    base, find, nat, big = rates.values()
    print(f"ratio to baseline 1 (normalisation): str.find x20 {find / base:.2f}; check shipped {nat / base:.2f}; "
          f"check + {args.terms:,} terms {big / base:.2f}")
    print(f"ratio check + {args.terms:,} terms / check shipped only: {big / nat:.2f}")


if __name__ == "__main__":
    main()
