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
