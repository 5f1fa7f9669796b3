"""Time-limit texts (公开时限) → structured rules."""
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.catalog.seed_parser import parse_seed
from gongkai.catalog.timelimits import KIND_LABELS, describe_rule, parse_time_limit

SEED = Path(settings.SEEDS_DIR) / "000_88ec8d416793215e.txt"

# Every distinct time-limit text of both seed tables, with the rule it must map to (text omitted).
SEED_TEXTS = {
    "信息形成或变更之日起20个工作日内": {"kind": "working_days", "days": 20, "from": "formation_or_change"},
    "信息形成或者变更之日起20个工作日内": {"kind": "working_days", "days": 20, "from": "formation_or_change"},
    "信息形成或者变更20个工作日内，如有更新，及时公开": {
        "kind": "working_days", "days": 20, "from": "formation_or_change", "updates": "promptly",
    },
    "每年1月31日前": {"kind": "yearly", "month": 1, "day": 31},
    "提前一周发通知邀请": {"kind": "days_before_event", "days": 7},
    "征求意见时对外公布的时限内公开": {"kind": "consultation_period"},
    "按进展情况及时公开": {"kind": "no_fixed_limit"},
    "按照中央有关要求公开": {"kind": "no_fixed_limit"},
    "按中央要求时限公开": {"kind": "no_fixed_limit"},
    "信息形成后及时公开": {"kind": "no_fixed_limit"},
    "重大决策作出后及时公开": {"kind": "no_fixed_limit"},
}


@pytest.fixture(scope="module")
def seed_texts() -> set[str]:
    catalogs = parse_seed(SEED.read_text(encoding="utf-8"))
    return {i.time_limit_text for c in catalogs for i in c.items}


def test_the_table_above_lists_every_distinct_text_of_the_seed(seed_texts):
    assert seed_texts == set(SEED_TEXTS)


@pytest.mark.parametrize("text", sorted(SEED_TEXTS))
def test_each_seed_text_maps_to_its_rule(text):
    rule = parse_time_limit(text)
    assert rule["text"] == text
    expected = SEED_TEXTS[text]
    assert {k: v for k, v in rule.items() if k not in ("text", "note")} == expected


def test_no_seed_text_needs_a_person(seed_texts):
    assert all(parse_time_limit(t)["kind"] != "manual" for t in seed_texts)


def test_no_fixed_limit_says_the_organisation_sets_its_target():
    rule = parse_time_limit("按进展情况及时公开")
    assert "由本机关设定目标" in rule["note"]
    assert describe_rule(rule) == "无法定固定时限，由本机关设定目标"


@pytest.mark.parametrize("text, expected", [
    ("信息形成或者变更之日起十五个工作日内", {"kind": "working_days", "days": 15}),
    ("信息形成之日起二十个工作日内", {"kind": "working_days", "days": 20}),
    ("提前3天通知", {"kind": "days_before_event", "days": 3}),
    ("提前两周发通知", {"kind": "days_before_event", "days": 14}),
    ("每年3月1日之前公开", {"kind": "yearly", "month": 3, "day": 1}),
])
def test_variants_of_the_same_phrasing(text, expected):
    rule = parse_time_limit(text)
    assert {k: rule[k] for k in expected} == expected


@pytest.mark.parametrize("text", ["", "   ", "视情况而定", "收到申请之日起15个工作日内", "每季度末", "提前二十一天通知"])
def test_unknown_text_is_manual_and_keeps_the_text(text):
    rule = parse_time_limit(text)
    assert rule == {"kind": "manual", "text": text.strip()}
    assert describe_rule(rule) == "须人工设定"


def test_describe_rule_for_each_kind():
    assert describe_rule(parse_time_limit("信息形成或变更之日起20个工作日内")) == "自信息形成或变更之日起 20 个工作日内"
    assert describe_rule(parse_time_limit("每年1月31日前")) == "每年 1 月 31 日前"
    assert describe_rule(parse_time_limit("提前一周发通知邀请")) == "活动前 7 日（自然日）"
    assert describe_rule(parse_time_limit("征求意见时对外公布的时限内公开")) == "征求意见时对外公布的时限内"


def test_every_kind_has_a_label():
    kinds = {parse_time_limit(t)["kind"] for t in SEED_TEXTS} | {"manual"}
    assert kinds == set(KIND_LABELS)
