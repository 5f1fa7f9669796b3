"""The seed parser against the real seed 000 (附件2): every row, every element, every flaw flagged."""
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.catalog.constants import CHANNELS, DOMAIN_RELIEF, DOMAIN_SAFETY
from gongkai.catalog.seed_parser import SeedFormatError, parse_channels, parse_seed

SEED = Path(settings.SEEDS_DIR) / "000_88ec8d416793215e.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(seed_text):
    safety, relief = parse_seed(seed_text)
    return {DOMAIN_SAFETY: safety, DOMAIN_RELIEF: relief}


def item(parsed, domain, key):
    return next(i for i in parsed[domain].items if i.key == key)


def codes(anomalies):
    return [a.code for a in anomalies]


# ---------------------------------------------------------------- shape of both tables

def test_both_tables_are_found_in_order(parsed):
    assert parsed[DOMAIN_SAFETY].title == "安全生产领域基层政务公开标准目录"
    assert parsed[DOMAIN_RELIEF].title == "救灾领域基层政务公开标准目录"


def test_safety_has_28_items_under_the_five_first_level_items(parsed):
    items = parsed[DOMAIN_SAFETY].items
    assert len(items) == 28
    assert list(Counter(i.first_level for i in items).items()) == [
        ("政策文件", 8), ("依法行政", 3), ("行政管理", 6), ("公共服务", 5), ("重点领域信息公开", 6),
    ]


def test_relief_has_19_items_under_the_five_first_level_items(parsed):
    items = parsed[DOMAIN_RELIEF].items
    assert len(items) == 19
    assert list(Counter(i.first_level for i in items).items()) == [
        ("政策文件", 8), ("备灾管理", 3), ("灾后救助", 5), ("款物管理", 2), ("工作动态", 1),
    ]


@pytest.mark.parametrize("domain", [DOMAIN_SAFETY, DOMAIN_RELIEF])
def test_numbers_run_from_one_within_each_first_level_item_and_keys_are_unique(parsed, domain):
    items = parsed[domain].items
    by_l1: dict[str, list[int]] = {}
    for i in items:
        by_l1.setdefault(i.first_level, []).append(i.number)
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in by_l1.values())
    assert len({i.key for i in items}) == len(items)


def test_relief_announced_20_but_the_table_holds_19_and_this_is_flagged(parsed):
    anomalies = parsed[DOMAIN_RELIEF].anomalies
    assert codes(anomalies) == ["item_count"]
    assert "20" in anomalies[0].message and "19" in anomalies[0].message
    assert anomalies[0].field == "catalog"


def test_safety_table_matches_its_announced_count(parsed):
    assert parsed[DOMAIN_SAFETY].anomalies == []


def test_the_note_under_the_table_is_kept_for_both(parsed):
    note = "注：公开标准目录中所选公开渠道和载体仅供参考，各地在制定本地公开标准时可根据实际情况进行调整，确保取得公开实效。"
    assert parsed[DOMAIN_SAFETY].note == note
    assert parsed[DOMAIN_RELIEF].note == note


# ---------------------------------------------------------------- flaws of the extracted tables

def test_label_zaihai_jiuzhu_is_filed_under_zaihou_jiuzhu_and_flagged(parsed):
    row = item(parsed, DOMAIN_RELIEF, "灾后救助/3")
    assert row.second_level == "应急管理部门审批"
    assert row.source["cells"][0] == "灾害救助"
    assert codes(row.anomalies) == ["first_level_label"]
    assert "灾害救助" in row.anomalies[0].message and "灾后救助" in row.anomalies[0].message
    others = [i for i in parsed[DOMAIN_RELIEF].items if i.key != "灾后救助/3"]
    assert not any("first_level_label" in codes(i.anomalies) for i in others)


@pytest.mark.parametrize("key, name", [("政策文件/2", "部门和地方规章"), ("政策文件/3", "其他政策文件"), ("政策文件/4", "标准")])
def test_safety_rows_with_an_empty_channel_cell_have_undetermined_channels(parsed, key, name):
    row = item(parsed, DOMAIN_SAFETY, key)
    assert row.second_level == name
    assert row.channels is None
    assert codes(row.anomalies) == ["channels_empty"]
    assert row.source["channels"] == ""
    # The empty channel cell does not disturb the other elements.
    assert row.time_limit_text == "信息形成或变更之日起20个工作日内"
    assert row.subject == "应急管理部门"
    assert row.audience == ["全社会"] and row.mode == ["主动"]


def test_only_those_three_safety_rows_lack_channels(parsed):
    missing = [i.key for i in parsed[DOMAIN_SAFETY].items if i.channels is None]
    assert missing == ["政策文件/2", "政策文件/3", "政策文件/4"]
    assert all(i.channels is not None for i in parsed[DOMAIN_RELIEF].items)


@pytest.mark.parametrize("key, marks", [("灾后救助/1", ["", "√", ""]), ("灾后救助/2", ["√", "√", "√"])])
def test_relief_rows_with_shifted_marks_leave_audience_mode_level_undetermined(parsed, key, marks):
    row = item(parsed, DOMAIN_RELIEF, key)
    assert (row.audience, row.mode, row.level) == (None, None, None)
    assert "marks_shifted" in codes(row.anomalies)
    assert row.source["marks"] == marks
    # The three empty cells after 公开内容 are recognised as a layout shift, not as elements.
    assert "extra_cells" in codes(row.anomalies)
    assert row.basis.startswith("《中华人民共和国政府信息公开条例》")
    assert row.time_limit_text == "信息形成或变更之日起20个工作日内"
    assert row.subject == "应急管理部门"


def test_exactly_the_expected_rows_are_flagged(parsed):
    flagged = {
        domain: {i.key: codes(i.anomalies) for i in parsed[domain].items if i.anomalies}
        for domain in (DOMAIN_SAFETY, DOMAIN_RELIEF)
    }
    assert flagged[DOMAIN_SAFETY] == {
        "政策文件/2": ["channels_empty"], "政策文件/3": ["channels_empty"], "政策文件/4": ["channels_empty"],
    }
    assert flagged[DOMAIN_RELIEF] == {
        "灾后救助/1": ["extra_cells", "marks_shifted"],
        "灾后救助/2": ["extra_cells", "marks_shifted"],
        "灾后救助/3": ["first_level_label"],
    }


# ---------------------------------------------------------------- elements, cell by cell

def test_safety_policy_1_laws_every_element(parsed):
    row = item(parsed, DOMAIN_SAFETY, "政策文件/1")
    assert row.second_level == "法律法规"
    assert row.content == "与安全生产有关的法律、法规"
    assert row.basis == "《中华人民共和国政府信息公开条例》(国务院令第711号）"
    assert row.time_limit_text == "信息形成或变更之日起20个工作日内"
    assert row.time_limit_rule == {
        "kind": "working_days", "days": 20, "from": "formation_or_change", "text": "信息形成或变更之日起20个工作日内",
    }
    assert row.subject == "应急管理部门"
    assert row.channels == ["政府网站", "两微一端", "公开查阅点", "政务服务中心"]
    assert row.audience == ["全社会"]
    assert row.mode == ["主动"]
    assert row.level == ["县级", "乡级"]
    assert row.anomalies == []


def test_safety_policy_7_important_meetings_reaches_both_audiences(parsed):
    row = item(parsed, DOMAIN_SAFETY, "政策文件/7")
    assert row.second_level == "重要会议"
    assert row.audience == ["全社会", "特定群体"]
    assert row.mode == ["主动"]
    assert row.level == ["县级", "乡级"]
    assert row.channels == ["政府网站", "便民服务站"]
    assert row.time_limit_rule["kind"] == "days_before_event" and row.time_limit_rule["days"] == 7


def test_safety_policy_4_standards_is_county_level_only(parsed):
    row = item(parsed, DOMAIN_SAFETY, "政策文件/4")
    assert row.content == "安全生产领域有关的国家标准、行业标准、地方标准等"
    assert row.level == ["县级"]


def test_safety_administration_6_warnings_has_ten_channels(parsed):
    row = item(parsed, DOMAIN_SAFETY, "行政管理/6")
    assert row.second_level == "安全生产预警提示信息"
    assert row.channels == [
        "政府网站", "两微一端", "发布会", "广播电视", "纸质媒体", "便民服务站", "入户/现场",
        "社区/企事业单位、村公示栏（电子屏）", "精准推送", "其他",
    ]
    assert row.time_limit_rule["kind"] == "no_fixed_limit"


def test_safety_public_service_5_annual_report_is_due_31_january(parsed):
    row = item(parsed, DOMAIN_SAFETY, "公共服务/5")
    assert row.second_level == "年度报告"
    assert row.time_limit_rule == {"kind": "yearly", "month": 1, "day": 31, "text": "每年1月31日前"}
    assert row.level == ["县级"]


def test_safety_policy_8_feedback_follows_the_consultation_period(parsed):
    row = item(parsed, DOMAIN_SAFETY, "政策文件/8")
    assert row.second_level == "征集采纳社会公众意见情况"
    assert row.time_limit_rule["kind"] == "consultation_period"
    assert row.channels == ["政府网站", "两微一端", "公开查阅点"]


def test_relief_post_disaster_4_and_5_keep_their_marks(parsed):
    for key in ("灾后救助/4", "灾后救助/5"):
        row = item(parsed, DOMAIN_RELIEF, key)
        assert (row.audience, row.mode, row.level) == (["全社会"], ["主动"], ["县级", "乡级"])
        assert row.channels == ["政府网站", "两微一端", "广播电视", "纸质媒体", "公开查阅点"]


def test_the_source_text_of_every_cell_is_kept(parsed, seed_text):
    row = item(parsed, DOMAIN_SAFETY, "政策文件/1")
    cells = row.source["cells"]
    assert cells[:3] == ["政策文件", "1", "法律法规"]
    assert row.source["channels"].startswith("■政府网站   □政府公报\n■两微一端")
    assert row.source["marks"] == ["√", "", "√", "", "√", "√"]
    for domain in (DOMAIN_SAFETY, DOMAIN_RELIEF):
        for i in parsed[domain].items:
            assert i.source["cells"], i.key
            assert i.second_level in seed_text and i.content.split("\n")[0] in seed_text


def test_every_parsed_channel_is_an_official_label(parsed):
    for domain in (DOMAIN_SAFETY, DOMAIN_RELIEF):
        for i in parsed[domain].items:
            if i.channels is not None:
                assert i.channels == [c for c in CHANNELS if c in i.channels]


# ---------------------------------------------------------------- helpers and failure modes

def test_parse_channels_reports_unknown_and_missing_boxes():
    channels, anomalies = parse_channels("■政府网站 □政府公报 ■微博")
    assert channels == ["政府网站"]
    assert codes(anomalies) == ["unknown_channel", "channels_incomplete"]
    assert "微博" in anomalies[0].message


def test_parse_channels_of_a_complete_cell_has_no_anomaly():
    text = "".join(("■" if n % 2 else "□") + c + " " for n, c in enumerate(CHANNELS))
    channels, anomalies = parse_channels(text)
    assert channels == list(CHANNELS[1::2])
    assert anomalies == []


def test_a_text_without_the_tables_is_refused():
    with pytest.raises(SeedFormatError):
        parse_seed("附件2：\n\t没有表格\n")
