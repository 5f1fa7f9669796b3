import random

import pytest

from gongkai.core import identity, privacy

from .factories import SAMPLE_CARD, SAMPLE_ID, SAMPLE_MOBILE


def test_id_number_needs_a_valid_check_digit():
    assert identity.is_id_number(SAMPLE_ID)
    wrong = SAMPLE_ID[:-1] + ("5" if SAMPLE_ID[-1] != "5" else "6")
    assert not identity.is_id_number(wrong)
    assert [m.kind for m in privacy.scan(f"号码{SAMPLE_ID}。")] == ["id_number"]
    assert privacy.scan(f"号码{wrong}。") == []


def test_id_number_with_x_check_digit_is_found_in_upper_case():
    base = "11010519491231002"
    full = next(base + c for c in "0123456789X" if identity.is_id_number(base + c))
    found = privacy.scan(f"身份证：{full.lower()}")
    assert found and found[0].value == full.upper()


def test_bank_card_needs_the_luhn_check_and_may_be_grouped():
    grouped = " ".join(SAMPLE_CARD[i:i + 4] for i in range(0, len(SAMPLE_CARD), 4))
    found = privacy.scan(f"账号：{grouped}，户名略")
    assert [(m.kind, m.value) for m in found] == [("bank_card", SAMPLE_CARD)]
    broken = SAMPLE_CARD[:-1] + str((int(SAMPLE_CARD[-1]) + 1) % 10)
    assert privacy.scan(f"账号：{broken}") == []


def test_mobile_numbers_with_separators_and_country_code():
    for text in (SAMPLE_MOBILE, "138-0013-8000", "+86 13800138000"):
        found = privacy.scan(f"联系电话{text}。")
        assert [(m.kind, m.value) for m in found] == [("mobile", SAMPLE_MOBILE)], text


def test_longer_digit_runs_and_dates_are_not_phones():
    assert privacy.scan("文号2026年第138001380001号，统计数据20261110") == []


def test_email_next_to_chinese_text():
    assert [(m.kind, m.value) for m in privacy.scan("邮箱a.b@example.cn；")] == [("email", "a.b@example.cn")]


def test_masking_keeps_enough_to_tell_entries_apart():
    assert privacy.mask_value("id_number", SAMPLE_ID) == "1101**********4514"
    assert privacy.mask_value("mobile", SAMPLE_MOBILE) == "138****8000"
    text, n = privacy.mask_text(f"甲{SAMPLE_ID}乙{SAMPLE_ID}丙{SAMPLE_MOBILE}", {("id_number", SAMPLE_ID)})
    assert n == 2 and SAMPLE_ID not in text and SAMPLE_MOBILE in text


def test_context_never_shows_the_value():
    m = privacy.scan(f"受灾户身份证号{SAMPLE_ID}已核实")[0]
    assert SAMPLE_ID not in privacy.context_of(f"受灾户身份证号{SAMPLE_ID}已核实", m)


# -- normalisation first, findings at their place in the original text (issue 10 item 6) ----------

def _found(text):
    return [(m.kind, m.value, text[m.start:m.end]) for m in privacy.scan(text)]


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def test_full_width_digits_are_found_and_reported_as_written():
    written = SAMPLE_ID.translate(FULL_WIDTH)
    text = f"受助人（身份证号：{written}）"
    assert _found(text) == [("id_number", SAMPLE_ID, written)]


def test_id_groups_separated_by_spaces_or_hyphens():
    for written in ("110101 19900307 4514", "110101-1990-0307-4514", "110101 1990 0307 4514",
                    "１１０１０１　１９９００３０７　４５１４"):
        text = f"身份证号 {written}，住址略"
        assert _found(text) == [("id_number", SAMPLE_ID, written)], written


def test_first_generation_15_digit_id_number():
    first_generation = SAMPLE_ID[:6] + SAMPLE_ID[8:17]  # 110101 900307 451
    assert _found(f"旧身份证{first_generation}。") == [("id_number", first_generation, first_generation)]
    # the same length with an impossible birth date (month 13) is not an ID
    assert privacy.scan("号码110101901307451。") == []


def test_phone_numbers_with_separators_as_written():
    for written in ("138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "１３８００１３８０００"):
        text = f"联系电话：{written}。"
        assert _found(text) == [("mobile", SAMPLE_MOBILE, written)], written


def test_positions_after_invisible_characters_point_into_the_original():
    text = f"\ufeff甲\u200b乙：{SAMPLE_ID}"
    m = privacy.scan(text)[0]
    assert text[m.start:m.end] == SAMPLE_ID
    masked, n = privacy.mask_text(text, {("id_number", SAMPLE_ID)})
    assert n == 1 and masked.endswith("1101**********4514")


def test_masking_replaces_the_number_as_it_was_written():
    written = "110101 1990 0307 4514"
    masked, n = privacy.mask_text(f"身份证号{written}。", {("id_number", SAMPLE_ID)})
    assert (masked, n) == ("身份证号1101**********4514。", 1)


def test_decoys_stay_out():
    decoys = [
        "统一社会信用代码：91140522MA0K4P8Y2D",          # a credit code (letters inside)
        "统一社会信用代码 110101199003074514",           # named as a credit code
        "索引号：111405220000000001/2026-00001",          # an index number
        f"{SAMPLE_ID}/2026-00012",                       # an index number built on a digit code
        "阳应急〔2026〕12号",                             # a document number
        "值班电话：0356-4221234，传真（0356）4221235",     # landlines
        "救助金额 1,380,013,800.00 元，合计 13800138000.5 元",  # amounts
        "时间 2026-03-10 09:30 至 2026-03-11",            # dates
        "编码 110101-199003-074514",                      # separators in the wrong places
    ]
    for text in decoys:
        assert privacy.scan(text) == [], text


# -- every real ID number, whatever its area code's history (issue 21 item 1) --------------------

def _id(area, birth, serial="123"):
    first17 = area + birth + serial
    return first17 + identity.check_char(first17)


# Synthetic numbers from counties whose code is younger than their holders (泽州县 140525 from 1996,
# 万州区 500101 from 1997, 余杭区 330110 from 2001, 龙岗区 440307 from 1993, 延庆区 110119 from 2015)
# and from area codes no table knows.
LATER_OR_UNKNOWN = [_id("140525", "19700615"), _id("500101", "19600615"), _id("330110", "19700615"),
                    _id("440307", "19500615"), _id("110119", "19800615"), _id("990101", "19850615"),
                    _id("000000", "19851231")]
X_ID = next(_id("140525", "19641120", s) for s in (f"{n:03d}" for n in range(1000))
            if _id("140525", "19641120", s).endswith("X"))


def _written_forms(number):
    full = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    return [number, f"{number[:6]} {number[6:14]} {number[14:]}", f"{number[:6]}-{number[6:10]}-{number[10:14]}-"
            f"{number[14:]}", f"{number[:6]} {number[6:10]} {number[10:14]} {number[14:]}", number.translate(full),
            number.lower()]


@pytest.mark.parametrize("number", LATER_OR_UNKNOWN + [X_ID])
def test_ids_from_younger_counties_and_unknown_areas_are_found_in_every_written_form(number):
    for written in _written_forms(number):
        text = f"受助人（身份证号：{written}）领取救助金"
        assert _found(text) == [("id_number", number, written)], written
        masked, n = privacy.mask_text(text, {("id_number", number)})
        assert n == 1 and written not in masked


def test_first_generation_numbers_need_only_a_real_date():
    for number in ("140525640615123", "990101850615123", "500101600229123"):  # 1960 was a leap year
        assert _found(f"旧证{number}。") == [("id_number", number, number)]
        grouped = f"{number[:6]} {number[6:12]} {number[12:]}"
        assert _found(f"旧证 {grouped}。") == [("id_number", number, grouped)]
    assert privacy.scan("旧证500101610229123。") == []  # 1961-02-29 never was


def test_no_new_false_positives():
    rng = random.Random(20261207)
    flagged = 0
    for _ in range(3000):
        first17 = "".join(rng.choice("0123456789") for _ in range(17))
        wrong = next(c for c in "0123456789X" if c != identity.check_char(first17))
        flagged += any(m.kind == "id_number" for m in privacy.scan(f"编号{first17}{wrong}"))
    assert flagged == 0  # a wrong check character is never an ID (a bank card is a matter of the Luhn check)
    impossible = [_id("140525", "19701301"), _id("140525", "19700230"), _id("140525", "20900101"),
                  _id("140525", "17000101"), _id("140525", "00000000")]
    for number in impossible:
        assert "id_number" not in {m.kind for m in privacy.scan(f"编号{number}")}
    decoys = ["订单号：202603101523456789", "订单号 2026031015234567", "流水号：140525197006151238",
              "值班电话：0356-4221234", "手机 138 0013 8000", "电话（0356）2021 2345", "邮编048000",
              "统一社会信用代码 140525197006151238", "索引号：140525197006151238/2026-00001"]
    for text in decoys:
        assert [m.kind for m in privacy.scan(text) if m.kind == "id_number"] == [], text
