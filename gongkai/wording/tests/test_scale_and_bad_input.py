"""Bad input and scale (issue 23): a 5 MB text, full-width and invisible characters, mixed scripts,
a rule list of 100,000 terms — no exception, offsets still in the original text. Speed is measured
in bench/bench_wording.py, not here."""
import datetime as dt
import random

import pytest

from gongkai.wording import leaders, shipped
from gongkai.wording.engine import Rule, RuleSet
from gongkai.wording.services import apply_suggestion, check_text

D2024 = dt.date(2024, 5, 1)
CLEAN = ("截至2023年底，全市共有危险化学品企业56家，县应急管理局组织开展安全生产大检查，"
         "晋城市消防救援支队开展冬季火灾防控工作，依据晋应急发〔2024〕5号文件。\n")


@pytest.fixture(scope="module")
def national():
    return RuleSet(shipped.rules(), posts=leaders.generic_posts())


def test_five_megabyte_text_with_seeded_errors(national):
    seeded = "县安监局"
    text = CLEAN * (5 * 1024 * 1024 // len(CLEAN.encode()) // 2) + seeded + CLEAN * 3 + "既使下雨。" + CLEAN
    assert len(text.encode()) > 2_500_000
    findings = national.check(text, D2024)
    assert [f.text for f in findings] == ["安监局", "既使"]
    assert all(text[f.start:f.end] == f.text for f in findings)
    assert findings[0].start == text.index(seeded) + 1


def test_five_megabytes_of_garbage_and_mixed_scripts(national):
    rng = random.Random(5)
    pool = ("安监局截止二O〇零○年〔〕[]【】（）()第号既使按装修，。、\u200b\u200d\ufeff\u00ad\u202e\u3000"
            "ＡＢＣ１２３ａｂｃ　abcXYZ0123456789 \n\tёжиاللغة🙂🙂\U0001d400\ufe5d\ufe5e\x00\x07")
    text = "".join(rng.choice(pool) for _ in range(5 * 1024 * 1024 // 3))
    findings = national.check(text, D2024)
    assert findings   # the pool seeds 安监局, 截止…, 二O… by chance; all must be well-formed
    previous_end = -1
    for f in findings:
        assert 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.text
        assert f.start >= previous_end    # sorted, never overlapping
        previous_end = f.end


def test_rule_list_of_100000_terms():
    rng = random.Random(7)
    chars = "安全生产应急管理救援消防防汛抗旱森林草原灾害监测预警物资保障危险化学品矿山工贸执法检查"
    terms = set()
    while len(terms) < 100_000:
        terms.add("".join(rng.choice(chars) for _ in range(rng.randint(4, 8))))
    terms = sorted(terms)
    rules = [Rule(f"db:{i}", "forbidden", term, "", "major") for i, term in enumerate(terms)]
    rules.append(Rule("db:x", "forbidden", "Ｘ禁用\u200b语", "规范语", "severe"))   # normalised like the text
    ruleset = RuleSet((*shipped.rules(), *rules))
    assert len(ruleset) == len(shipped.rules()) + 100_001
    text = f"前文{terms[12345]}。中间Ｘ禁\u200d用语，县安监局，ｘ禁用语。"
    findings = ruleset.check(text, D2024)
    got = {(f.text, f.rule) for f in findings}
    start = text.index(terms[12345])
    assert any(f.rule.startswith("db:") and f.start < start + len(terms[12345]) and start < f.end for f in findings)
    assert ("Ｘ禁\u200d用语", "db:x") in got      # full-width and invisible characters folded on both sides
    assert ("ｘ禁用语", "db:x") not in got         # but case still matters: ｘ is x, the rule says X
    assert ("安监局", "outdated:sa-bureau-abbr") in got


@pytest.mark.parametrize("text", [
    "",
    "\u200b\u200c\ufeff",
    "   \n\t ",
    "𝐀𝐁𝐂 ﹝2024﹞ ㈠ ①②③ ⅫⅪ",
    "安" * 10_000,
    "🙂" * 1000 + "县安监局",
    "\ud800 lone surrogate 县安监局",
])
def test_odd_texts_never_raise(text):
    findings = check_text(text, on_date=D2024)
    for f in findings:
        assert text[f.start:f.end] == f.text
        assert apply_suggestion(text, f).count(f.suggestion) >= 1
