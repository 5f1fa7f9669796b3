"""The section 三 reason vocabulary is defined once (constants.REASONS) and numbered as the official table."""
from gongkai.foi.constants import PARTIAL_GROUNDS, REASONS, Outcome, find_reason, reasons_for


def test_rows_are_numbered_as_in_the_official_table():
    assert [r.numbered_label for r in reasons_for(Outcome.WITHHELD)] == [
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
    assert [r.numbered_label for r in reasons_for(Outcome.UNAVAILABLE)] == [
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
    assert [r.numbered_label for r in reasons_for(Outcome.NOT_PROCESSED)] == [
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息"]
    assert [r.number for r in reasons_for(Outcome.DISCLOSED)] == [None, None]  # letter variants, one row


def test_partial_grounds_are_the_withheld_and_unavailable_reasons():
    assert [r.key for r in PARTIAL_GROUNDS] == [r.key for r in REASONS if r.outcome in ("withheld", "unavailable")]
    assert find_reason(Outcome.PARTIAL, "needs_creation").label == "没有现成信息需要另行制作"
    assert find_reason(Outcome.PARTIAL, "repeat") is None
    assert find_reason(Outcome.WITHHELD, "") is None


def test_codes_are_unique_so_a_stored_reason_reads_one_way():
    codes = [r.code for r in REASONS]
    assert len(codes) == len(set(codes))
