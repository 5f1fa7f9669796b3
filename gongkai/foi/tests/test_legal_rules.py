"""Statutory rules of issue 10 (items 2, 5, 7, 8, 9), each pinned to the clock with dates counted by hand.

Calendar facts used (2026, gongkai.workdays): Qingming is 4–6 April (Sat–Mon), so Friday 3 April
is a working day and 7 April the next one. Counting convention (docs/workdays.md): the start day
is not counted; a pause's first day still counts, the day it ends does not.
"""
import datetime as dt
from decimal import Decimal

import pytest

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import deadlines, letters, services
from gongkai.foi.models import LetterKind
from gongkai.foi.selectors import request_statistics

from .factories import pin, submitted
from .test_letters import docx_text

D = dt.date


@pytest.fixture
def req(zz):
    # Received Monday 2 March 2026. 第三十三条: 20 working days → 3–6, 9–13, 16–20, 23–27, 30 March = 30 March.
    return submitted(zz, day=D(2026, 3, 2))[0]


# ------------------------------------------------------------------------------ item 2: the fee notice stops the clock


def test_fee_notice_stops_the_clock_until_payment(req, office):
    """国办函〔2020〕109号 (recalled, FACTS.md §12): the time from the fee notice to payment is not counted."""
    pin(D(2026, 3, 10))
    req = services.foi_request_assess_fee(request=req, actor=office, scheme="per_page", units=40)
    assert req.fee_amount == Decimal(10) * 10 and req.status == "awaiting_payment"
    assert req.due_date is None  # stopped: no due date while unpaid
    text = req.deadline["explanation"]["text"]
    assert "国办函〔2020〕109号" in text and "不计算在答复期限内" in text
    # Payment period: 20 working days after the notice of 10 March: 11–13 (3), 16–20 (8), 23–27 (13),
    # 30 March–3 April (18), 7 April (19), 8 April (20).
    assert deadlines.fee_payment_due(req) == D(2026, 4, 8)
    pin(D(2026, 3, 20))
    req = services.foi_request_fee_paid(request=req, actor=office, paid_on=D(2026, 3, 20))
    # Counted before the notice: 3, 4, 5, 6, 9, 10 March (the notice day counts) = 6.
    # After payment (20 March not counted): 23–27 (11), 30 March–3 April (16), 7, 8, 9, 10 April (20).
    assert req.due_date == D(2026, 4, 10)
    assert "国办函〔2020〕109号" in req.deadline["explanation"]["text"]
    pin(D(2026, 4, 9))  # later than the original 30 March, but not late
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert not req.answered_late


def test_fee_rule_is_a_setting(req, office, settings):
    settings.FOI_FEE_STOPS_CLOCK = False
    pin(D(2026, 3, 10))
    req = services.foi_request_assess_fee(request=req, actor=office, scheme="per_page", units=40)
    assert req.due_date == D(2026, 3, 30)  # the clock runs on
    assert "国办函〔2020〕109号" not in req.deadline["explanation"]["text"]


# ------------------------------------------------------------------------------ item 5: third party, from its receipt


def test_third_party_15_working_days_run_from_its_receipt(req, office):
    """第三十二条: the third party answers "自收到征求意见书之日起15个工作日内"."""
    pin(D(2026, 3, 5))
    req = services.foi_request_consult(request=req, actor=office, third_party="某生产经营单位", sent_on=D(2026, 3, 5))
    # Receipt not yet known: counted from the sending date — 6 (1), 9–13 (6), 16–20 (11), 23–26 (15) = 26 March.
    assert req.open_pause["reply_due"] == "2026-03-26"
    assert "尚未登记" in req.deadline["explanation"]["text"]
    pin(D(2026, 3, 9))
    req = services.foi_request_third_party_received(request=req, actor=office, received_on=D(2026, 3, 9))
    # From receipt on Monday 9 March: 10–13 (4), 16–20 (9), 23–27 (14), 30 March (15).
    assert req.open_pause["reply_due"] == "2026-03-30"
    assert (req.open_pause["start"], req.open_pause["received"]) == ("2026-03-05", "2026-03-09")
    # While open, the due date assumes the reply on the 30th: counted 3, 4, 5 March (3); resumed after
    # 30 March: 31 (4), 1–3 April (7), 7–10 (11), 13–17 (16), 20–23 (20) → 23 April.
    assert req.due_date == D(2026, 4, 23)
    with pytest.raises(InvalidTransition, match="已登记第三方收到"):
        services.foi_request_third_party_received(request=req, actor=office, received_on=D(2026, 3, 9))
    pin(D(2026, 4, 14))
    req = services.foi_request_third_party_replied(request=req, actor=office, replied_on=D(2026, 4, 14),
                                                   opinion="不同意公开", objected=True)
    assert req.due_date == D(2026, 4, 23)  # a late reply counts only up to 30 March
    assert "自其收到征求意见书之日起15个工作日" in req.deadline["explanation"]["text"]


def test_disclosing_over_the_third_partys_objection_needs_the_public_interest_and_a_written_notice(req, office):
    """第三十二条: the agency may disclose over the objection when withholding would seriously affect the
    public interest, and then tells the third party in writing the content and the reasons."""
    pin(D(2026, 3, 5))
    req = services.foi_request_consult(request=req, actor=office, third_party="某生产经营单位", sent_on=D(2026, 3, 5),
                                       received_on=D(2026, 3, 5))
    req = services.foi_request_third_party_replied(request=req, actor=office, replied_on=D(2026, 3, 5),
                                                   opinion="涉及商业秘密，不同意公开", objected=True)
    with pytest.raises(ValidationFailed) as info:
        services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert "公共利益" in info.value.problems[0]
    assert not req.letters.exists() or set(req.letters.values_list("kind", flat=True)) == {"consultation"}
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="企业整改情况：已完成全部隐患整改。",
                                      public_interest="该企业存在重大事故隐患，涉及周边群众生命安全。")
    notice = req.letters.get(kind=LetterKind.THIRD_PARTY_NOTICE)
    assert notice.recipient == "某生产经营单位"
    text = docx_text(letters.docx(notice))
    assert "2026年3月5日" in text and "涉及周边群众生命安全" in text
    # The notice describes the information to be disclosed, not the office's reply (issue 21 item 2).
    assert f"决定公开的政府信息内容：{req.description}" in text and "企业整改情况" not in text


def test_withholding_after_an_objection_needs_no_notice(req, office):
    pin(D(2026, 3, 5))
    req = services.foi_request_consult(request=req, actor=office, third_party="某单位", sent_on=D(2026, 3, 5))
    req = services.foi_request_third_party_replied(request=req, actor=office, replied_on=D(2026, 3, 5), objected=True)
    req = services.foi_request_answer(request=req, actor=office, outcome="withheld", reason="third_party",
                                      reply_text="涉及第三方商业秘密。")
    assert not req.letters.filter(kind=LetterKind.THIRD_PARTY_NOTICE).exists()


# ------------------------------------------------------------------------------ item 7: 第三十五条


def test_reasonable_reasons_with_a_later_deadline(req, office):
    """第三十五条: reasons reasonable but the 第三十三条 deadline cannot be met → a later deadline, notified."""
    pin(D(2026, 3, 4))
    req = services.foi_request_ask_reasons(request=req, actor=office, question="请说明一次申请200项信息的理由。")
    assert req.status == "awaiting_reasons" and req.due_date == D(2026, 3, 30)  # the clock runs on
    assert req.letters.get(kind=LetterKind.REASONS)
    pin(D(2026, 3, 16))
    req = services.foi_request_accept_reasons(request=req, actor=office, received_on=D(2026, 3, 13),
                                              reasons="编写安全生产课题报告", later_due_date=D(2026, 5, 29))
    assert req.status == "in_progress" and req.due_date == D(2026, 5, 29)
    assert "第三十五条" in req.deadline["explanation"]["text"]
    letter = docx_text(letters.docx(req.letters.get(kind=LetterKind.LATER_DEADLINE)))
    assert "2026年5月29日" in letter and "第三十五条" in letter
    pin(D(2026, 5, 28))
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert not req.answered_late


def test_reasonable_reasons_without_a_later_deadline_keep_the_statutory_one(req, office):
    pin(D(2026, 3, 4))
    req = services.foi_request_ask_reasons(request=req, actor=office, question="请说明理由。")
    req = services.foi_request_accept_reasons(request=req, actor=office, received_on=D(2026, 3, 4), reasons="研究")
    assert req.due_date == D(2026, 3, 30) and not req.letters.filter(kind=LetterKind.LATER_DEADLINE).exists()
    with pytest.raises(InvalidTransition, match="已要求申请人说明过理由"):  # once per request
        services.foi_request_ask_reasons(request=req, actor=office, question="再次说明")


def test_unreasonable_reasons_close_as_not_processed_and_count_in_the_report(req, office, zz):
    pin(D(2026, 3, 4))
    req = services.foi_request_ask_reasons(request=req, actor=office, question="请说明理由。")
    pin(D(2026, 3, 18))
    req = services.foi_request_reject_reasons(request=req, actor=office, reply_text="所述理由不能说明申请的必要性。")
    assert (req.status, req.outcome, req.reason, req.closed_on) == ("closed", "not_processed", "excessive", D(2026, 3, 18))
    assert "《中华人民共和国政府信息公开条例》第三十五条" in req.letter.basis
    table = request_statistics(zz, 2026)
    assert table.value("not_processed.excessive", "natural") == 1
    assert AuditEvent.objects.filter(action="foi_request.reasons_rejected").count() == 1


# ------------------------------------------------------------------------------ item 8: 部分公开 needs a ground


@pytest.mark.parametrize("ground, article, words", [
    ("third_party", "第三十七条、第十五条", "保护第三方合法权益"),
    ("process", "第三十七条、第十六条第二款", "属于四类过程性信息"),
    ("not_held", "第三十七条、第三十六条第（四）项、第（五）项", "本机关不掌握相关政府信息"),
    ("needs_creation", "第三十七条、第三十八条", "没有现成信息需要另行制作"),
])
def test_partial_disclosure_cites_the_ground_of_the_withheld_part(req, office, ground, article, words):
    pin(D(2026, 3, 20))
    with pytest.raises(ValidationFailed, match="部分公开须写明"):
        services.foi_request_answer(request=req, actor=office, outcome="partial", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    req = services.foi_request_answer(request=req, actor=office, outcome="partial", reason=ground, reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    text = docx_text(letters.docx(req.letter))
    assert f"《中华人民共和国政府信息公开条例》{article}" in text and words in text
    assert req.outcome_text == f"部分公开（{words}）"
