from gongkai.records import privacy

from .factories import SAMPLE_CARD, SAMPLE_ID, SAMPLE_MOBILE


def test_id_number_needs_a_valid_check_digit():
    assert privacy.id_checksum_ok(SAMPLE_ID)
    wrong = SAMPLE_ID[:-1] + ("5" if SAMPLE_ID[-1] != "5" else "6")
    assert not privacy.id_checksum_ok(wrong)
    assert [m.kind for m in privacy.scan(f"号码{SAMPLE_ID}。")] == ["id_number"]
    assert privacy.scan(f"号码{wrong}。") == []


def test_id_number_with_x_check_digit_is_found_in_upper_case():
    base = "11010519491231002"
    full = next(base + c for c in "0123456789X" if privacy.id_checksum_ok(base + c))
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
