"""The engine against the shipped national rules: seeded errors at the right offsets, clean and
historical sentences not flagged, date boundaries, normalisation (offsets in the original)."""
import datetime as dt

import pytest

from gongkai.wording import leaders, shipped
from gongkai.wording.engine import Finding, Rule, RuleSet

D2024 = dt.date(2024, 5, 1)


@pytest.fixture(scope="module")
def national():
    return RuleSet(shipped.rules(), posts=leaders.generic_posts())


def only(findings, kind=None):
    return [(f.text, f.suggestion, f.rule) for f in findings if kind is None or f.kind == kind]


def seeded(national, text, wrong, day=D2024):
    """Assert exactly one finding, on the substring `wrong`, at its offset."""
    findings = national.check(text, day)
    assert len(findings) == 1, findings
    f = findings[0]
    start = text.index(wrong)
    assert (f.start, f.end, f.text) == (start, start + len(wrong), wrong)
    assert text[f.start:f.end] == f.text
    assert f.explanation
    return f


# --- outdated names --------------------------------------------------------------------------
@pytest.mark.parametrize("text, wrong, suggestion", [
    ("请各县安监局于本月底前报送检查情况。", "安监局", "应急管理局"),
    ("晋城市安全生产监督管理局召开专题会议。", "安全生产监督管理局", "应急管理局"),
    ("国家安全生产监督管理总局发布通知。", "国家安全生产监督管理总局", "应急管理部"),
    ("泽州县公安消防大队开展消防演练。", "公安消防大队", "消防救援大队"),
    ("晋城市公安消防支队指导检查。", "公安消防支队", "消防救援支队"),
    ("山西省公安消防总队部署冬季防火工作。", "公安消防总队", "消防救援总队"),
    ("各地公安消防部队要做好准备。", "公安消防部队", "国家综合性消防救援队伍"),
    ("公安机关消防机构依法实施监督检查。", "公安机关消防机构", "消防救援机构"),
    ("向奋战在一线的消防官兵致敬。", "消防官兵", "消防救援人员"),
    ("由县安全生产监督管理部门负责日常监管。", "安全生产监督管理部门", "应急管理部门"),
])
def test_outdated_names_found_with_suggestion(national, text, wrong, suggestion):
    f = seeded(national, text, wrong)
    assert (f.kind, f.severity, f.suggestion) == ("outdated_name", "severe", suggestion)


@pytest.mark.parametrize("text", [
    "阳城县应急管理局（原县安监局）负责全县安全生产综合监管。",
    "县应急管理局的前身为县安全生产监督管理局。",
    "2018年机构改革前，县安监局承担安全生产监管职责。",
    "组建县应急管理局，不再保留县安全生产监督管理局。",
    "将原公安消防大队转制为消防救援大队。",
    "张某曾任县安监局副局长。",
    "公安消防部队转制后，消防救援队伍承担综合性救援任务。",
])
def test_historical_mentions_not_flagged(national, text):
    assert only(national.check(text, D2024), "outdated_name") == []


@pytest.mark.parametrize("text", [
    "县应急管理局组织开展安全生产大检查。",
    "晋城市消防救援支队开展冬季火灾防控工作。",
    "截至2023年底，全市共有危险化学品企业56家。",
    "根据《晋城市人民政府办公室关于印发〈晋城市突发事件总体应急预案〉的通知》（晋市政办〔2024〕12号）。",
    "二〇二四年五月一日",
    "农业农村部门和应急管理部门联合开展秸秆禁烧检查。",
    "各级纪检监察部门加强监督。",
    "请于截止日期前提交材料，逾期不予受理。",
    "报名时间截止到2024年6月30日。",
    "既使用线上渠道，也使用线下渠道。",
    "按装修标准进行验收。",
    "组成份额和超过份额的部分分别计算。",
    "邮寄与配送费用由申请人承担。",
    "按照部署要求，严格执行领导带班制度。",
    "县防汛抗旱指挥部办公室设在县应急管理局。",
    "国家综合性消防救援队伍是应急救援的主力军。",
    "2024年7月5日",
    "Emergency Management Bureau of Zezhou County, 2024.",
])
def test_clean_sentences_not_flagged(national, text):
    assert national.check(text, D2024) == []


def test_outdated_name_date_boundary(national):
    text = "晋城市安监局召开会议。"
    assert national.check(text, dt.date(2019, 3, 31)) == []
    assert only(national.check(text, dt.date(2019, 4, 1))) == [("安监局", "应急管理局", "outdated:sa-bureau-abbr")]
    fire = "阳城县公安消防大队"
    assert national.check(fire, dt.date(2018, 11, 8)) == []
    assert len(national.check(fire, dt.date(2018, 11, 9))) == 1


# --- typos -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, wrong, suggestion", [
    ("既使下雨，也要按时巡查。", "既使", "即使"),
    ("请施工单位按装防护设施。", "按装", "安装"),
    ("全体干部职工再接再励，做好防汛工作。", "再接再励", "再接再厉"),
    ("该项目已于上月峻工。", "峻工", "竣工"),
    ("防止松驰麻痹思想。", "松驰", "松弛"),
    ("确保不防碍交通。", "防碍", "妨碍"),
    ("对安全检查工作进行布署。", "布署", "部署"),
    ("该物质化学成份复杂。", "成份", "成分"),
    ("调取会议录象资料。", "录象", "录像"),
])
def test_typos_found(national, text, wrong, suggestion):
    f = seeded(national, text, wrong)
    assert (f.kind, f.severity, f.suggestion) == ("typo", "minor", suggestion)


# --- format rules ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, wrong, suggestion, rule", [
    ("依据国办发[2018]37号文件。", "[2018]", "〔2018〕", "format:docno-bracket"),
    ("依据国办发（2018）37号文件。", "（2018）", "〔2018〕", "format:docno-bracket"),
    ("依据国办发(2018)37号文件。", "(2018)", "〔2018〕", "format:docno-bracket"),
    ("依据晋应急发【2024】5号文件。", "【2024】", "〔2024〕", "format:docno-bracket"),
    ("依据晋应急发〔18〕5号文件。", "〔18〕", "〔2018〕", "format:docno-year"),
    ("依据晋应急发〔2024〕第5号文件。", "第5号", "5号", "format:docno-di"),
    ("依据晋应急发〔2024〕05号文件。", "05号", "5号", "format:docno-zero"),
    ("二O一八年三月", "二O一八", "二〇一八", "format:cn-zero"),
    ("二○一八年三月", "二○一八", "二〇一八", "format:cn-zero"),
    ("二零二四年", "二零二四", "二〇二四", "format:cn-zero"),
    ("二ｏ二四年", "二ｏ二四", "二〇二四", "format:cn-zero"),
    ("截止2024年底，全市共排查隐患1200处。", "截止", "截至", "format:jiezhi"),
    ("截止目前，已完成整改。", "截止", "截至", "format:jiezhi"),
    ("本通知于2024年07月5日印发。", "07", "7", "format:date-zero"),
    ("全市,共有企业12家。", ",", "，", "format:ascii-punct"),
])
def test_format_rules(national, text, wrong, suggestion, rule):
    f = seeded(national, text, wrong)
    assert (f.kind, f.suggestion, f.rule) == ("format", suggestion, rule)


# --- normalisation: offsets are in the original text -----------------------------------------
def test_offsets_in_original_with_invisible_and_fullwidth(national):
    text = "\ufeff各县\u200b安\u200d监局，国办发［２０１８］３７号。"
    findings = national.check(text, D2024)
    assert [(f.kind, f.text) for f in findings] == [
        ("outdated_name", "安\u200d监局"), ("format", "［２０１８］")]
    for f in findings:
        assert text[f.start:f.end] == f.text


def test_correct_bracket_lookalike_is_flagged(national):
    # ﹝﹞ (small tortoise-shell brackets) fold to 〔〕 under NFKC but are not the required characters.
    text = "晋应急发﹝2024﹞5号"
    assert only(national.check(text, D2024)) == [("﹝2024﹞", "〔2024〕", "format:docno-bracket")]


# --- leaders ---------------------------------------------------------------------------------
def _tenures():
    from gongkai.wording.engine import Tenure
    return [
        Tenure("1", "演示甲", "局长", dt.date(2021, 1, 1), dt.date(2023, 12, 31), "示例县应急管理局"),
        Tenure("1", "演示甲", "调研员", dt.date(2024, 1, 1), None, "示例县应急管理局"),
        Tenure("2", "演示乙", "局长", dt.date(2024, 1, 1), None, "示例县应急管理局"),
    ]


def test_leader_with_post_no_longer_held_is_severe():
    rs = RuleSet((), _tenures(), posts=leaders.generic_posts())
    text = "县应急管理局局长演示甲出席会议。"
    findings = rs.check(text, D2024)
    assert [(f.kind, f.severity, f.text, f.suggestion) for f in findings] == [
        ("leader", "severe", "局长演示甲", "调研员演示甲")]
    assert rs.check(text, dt.date(2023, 12, 31)) == []
    assert rs.check("县应急管理局局长演示乙出席会议。", D2024) == []
    assert len(rs.check("县应急管理局局长演示乙出席会议。", dt.date(2023, 6, 1))) == 1   # not yet


def test_leader_name_without_post_not_flagged():
    rs = RuleSet((), _tenures(), posts=leaders.generic_posts())
    assert rs.check("演示甲参加了会议。", D2024) == []
    assert len(rs.check("演示甲局长讲话。", D2024)) == 1
    assert len(rs.check("党委书记、局长演示甲讲话。", D2024)) == 1


# --- rule objects ----------------------------------------------------------------------------
def test_disabled_rule_is_not_matched(national):
    rs = RuleSet(shipped.rules(), disabled={"outdated:sa-bureau-abbr", "format:jiezhi"})
    assert rs.check("截止目前，县安监局", D2024) == []
    assert len(national.check("截止目前，县安监局", D2024)) == 2


def test_forbidden_rule_validity_window():
    rule = Rule("db:1", "forbidden", "某用语", "规范用语", "major", dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    rs = RuleSet([rule])
    assert rs.check("使用某用语", dt.date(2023, 12, 31)) == []
    assert [f.rule for f in rs.check("使用某用语", D2024)] == ["db:1"]
    assert rs.check("使用某用语", dt.date(2025, 1, 1)) == []


def test_finding_is_frozen_and_serialises():
    f = Finding(0, 2, "截止", "format", "minor", "截至", "format:jiezhi")
    with pytest.raises(AttributeError):
        f.start = 1
    assert set(f.as_dict()) == {"start", "end", "text", "kind", "severity", "suggestion", "rule"}


def test_every_shipped_rule_has_source_and_explanation():
    from gongkai.wording import formats
    for rule in shipped.rules():
        assert rule.source and rule.explanation and rule.suggestion, rule.key
    assert len({r.key for r in shipped.rules()}) == len(shipped.rules())
    for rule in formats.shipped().values():
        assert rule.source and rule.explanation
