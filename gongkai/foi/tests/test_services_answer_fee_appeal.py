"""Answering with one outcome, fees, and appeals."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import DisclosureRequest

from .factories import pin, submitted

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def req(zz):
    return submitted(zz, day=D(2026, 3, 2))[0]


def test_answer_closes_with_one_outcome_and_issues_the_letter(req, office):
    pin(D(2026, 3, 20))
    req = services.foi_request_answer(
        request=req, actor=office, outcome="withheld", reason="process", reply_text="所申请信息为内部讨论记录。",
        attachments=[services.Attachment("说明.pdf", "text/plain", PDF)])
    assert (req.status, req.outcome, req.reason, req.closed_on) == ("closed", "withheld", "process", D(2026, 3, 20))
    assert req.letter.basis.endswith("第十六条第二款")
    stored = req.attachments.get()
    assert (stored.name, stored.content_type) == ("说明.pdf", "application/pdf")  # the detected type, not the claim
    event = AuditEvent.objects.get(action="foi_request.answered")
    assert event.after["foi_outcome"] == "withheld" and event.after["late"] is False
    with pytest.raises(InvalidTransition, match="已办结"):
        services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")


@pytest.mark.parametrize("name, data", [
    ("说明.txt", "说明".encode()),                          # not a document format
    ("说明.pdf", b"MZ\x90\x00 an executable"),              # content is not what the name says
    ("说明.docx", PDF),                                     # a PDF named as a Word file
    ("说明.pdf", b""),                                      # empty
])
def test_reply_attachments_are_checked_by_content_and_nothing_is_written(req, office, name, data):
    pin(D(2026, 3, 20))
    with pytest.raises(ValidationFailed):
        services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="见附件。",
                                    attachments=[services.Attachment(name, "application/pdf", data)])
    req.refresh_from_db()
    assert req.status != "closed" and not req.attachments.exists()
    assert not AuditEvent.objects.filter(action="foi_request.answered").exists()


@pytest.mark.parametrize("outcome, reason", [
    ("withheld", ""), ("withheld", "not_held"), ("unavailable", ""), ("not_processed", "state_secret"), ("partial", "repeat"),
    ("other", "uncorrected"), ("bogus", ""),
])
def test_outcome_and_reason_must_be_a_row_of_the_report(req, office, outcome, reason):
    pin(D(2026, 3, 20))
    with pytest.raises(ValidationFailed):
        services.foi_request_answer(request=req, actor=office, outcome=outcome, reason=reason, reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")


def test_still_unclear_needs_a_correction_first(req, office):
    pin(D(2026, 3, 20))
    with pytest.raises(ValidationFailed):
        services.foi_request_answer(request=req, actor=office, outcome="unavailable", reason="still_unclear", reply_text="x")


def test_only_the_office_answers(req, tree):
    pin(D(2026, 3, 20))
    for name in ("zz_leader", "zz_drafter", "jc_supervisor", "yc_office"):
        with pytest.raises(PermissionDenied):
            services.foi_request_answer(request=req, actor=tree[1][name], outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")


def test_late_answer_is_marked(req, office):
    pin(D(2026, 4, 1))
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="见链接",
                                      reply_link="https://example.invalid/info")
    assert req.answered_late
    assert AuditEvent.objects.get(action="foi_request.answered").after["late"] is True


def test_suggest_proactive_only_for_disclosed(req, office):
    pin(D(2026, 3, 20))
    with pytest.raises(ValidationFailed):
        services.foi_request_answer(request=req, actor=office, outcome="partial", reason="process", reply_text="x",
                                    suggest_proactive=True)
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reason="provided",
                                      reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。", suggest_proactive=True)
    assert req.suggest_proactive


def test_fee_is_usually_zero_and_recorded_with_its_calculation(req, office):
    pin(D(2026, 3, 3))
    req = services.foi_request_assess_fee(request=req, actor=office, scheme="per_request", units=1)
    assert req.fee_amount == Decimal(0) and req.fee_notified_on is None
    assert "免费" in " ".join(req.fee_calculation["text"])
    assert AuditEvent.objects.filter(action="foi_request.fee_assessed").exists()


def test_per_request_fee_counts_the_applicants_month(zz, office):
    for day in range(2, 13):  # 11 applications by the same applicant in March
        req, _s = submitted(zz, day=D(2026, 3, day), description=f"第{day}号文件")
    pin(D(2026, 3, 13))
    req = services.foi_request_assess_fee(request=req, actor=office, scheme="per_request", units=1)
    assert req.fee_amount == Decimal(100)
    assert req.fee_notified_on == D(2026, 3, 13)


def test_unpaid_fee_waits_for_payment_and_closes_after_20_working_days(req, office):
    pin(D(2026, 3, 3))
    req = services.foi_request_assess_fee(request=req, actor=office, scheme="per_page", units=31)
    assert req.fee_amount == Decimal(10) and req.status == "awaiting_payment"
    with pytest.raises(InvalidTransition):  # no answer while the fee is unpaid
        services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    with pytest.raises(InvalidTransition, match="尚未届满"):
        services.foi_request_close_unpaid(request=req, actor=office)
    pin(D(2026, 4, 1))  # 20 working days after 3 March is 31 March
    req = services.foi_request_close_unpaid(request=req, actor=office)
    assert (req.outcome, req.reason) == ("other", "unpaid")
    assert AuditEvent.objects.filter(action="foi_request.closed_unpaid").exists()


def test_paid_fee_allows_the_answer(req, office):
    pin(D(2026, 3, 3))
    req = services.foi_request_assess_fee(request=req, actor=office, scheme="per_page", units=40)
    with pytest.raises(ValidationFailed, match="日期无效"):
        services.foi_request_fee_paid(request=req, actor=office, paid_on=D(2026, 3, 2))  # before the notice
    req = services.foi_request_fee_paid(request=req, actor=office, paid_on=D(2026, 3, 3))
    assert req.status == "in_progress"
    assert AuditEvent.objects.filter(action="foi_request.fee_paid").exists()
    with pytest.raises(InvalidTransition):
        services.foi_request_fee_paid(request=req, actor=office)
    with pytest.raises(InvalidTransition, match="已登记缴费"):
        services.foi_request_assess_fee(request=req, actor=office, scheme="per_page", units=10)
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert req.status == "closed"


def test_appeals_are_recorded_and_decided(req, office):
    pin(D(2026, 3, 20))
    req = services.foi_request_answer(request=req, actor=office, outcome="withheld", reason="security", reply_text="x")
    pin(D(2026, 5, 6))
    appeal = services.foi_appeal_record(request=req, actor=office, kind="reconsideration", filed_on=D(2026, 5, 6),
                                        authority="泽州县人民政府")
    assert appeal.result == "pending"
    pin(D(2026, 7, 1))
    appeal = services.foi_appeal_decide(appeal=appeal, actor=office, result="upheld", decided_on=D(2026, 6, 30))
    assert appeal.result == "upheld"
    assert AuditEvent.objects.filter(action="foi_appeal.decided").exists()
    with pytest.raises(InvalidTransition):
        services.foi_appeal_decide(appeal=appeal, actor=office, result="corrected", decided_on=D(2026, 7, 1))
    lawsuit = services.foi_appeal_record(request=req, actor=office, kind="litigation_after", filed_on=D(2026, 7, 1))
    with pytest.raises(ValidationFailed):
        services.foi_appeal_decide(appeal=lawsuit, actor=office, result="pending", decided_on=D(2026, 7, 1))


# ------------------------------------------------------------------------------ issue 21 item 6: deliver what is promised


def test_a_reply_referring_to_an_attachment_must_have_one(req, office):
    pin(D(2026, 3, 20))
    for outcome, reason in (("disclosed", ""), ("partial", "process")):
        with pytest.raises(ValidationFailed) as info:
            services.foi_request_answer(request=req, actor=office, outcome=outcome, reason=reason,
                                        reply_text="经审查，予以公开，详见附件。")
        assert "答复内容提到附件，但没有上传附件：请上传附件，或修改答复内容。" in info.value.problems
    req.refresh_from_db()
    assert req.status != "closed" and not req.letters.exists()
    closed = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="详见附件。",
                                         attachments=[services.Attachment("统计.pdf", "application/pdf", PDF)])
    assert closed.status == "closed" and closed.attachments.count() == 1


@pytest.mark.parametrize("text", ["经审查，予以公开。", "予以公开，请见链接。", "x"])
def test_disclosing_without_a_file_a_link_or_the_information_is_refused(req, office, text):
    pin(D(2026, 3, 20))
    with pytest.raises(ValidationFailed) as info:
        services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text=text)
    assert any("予以公开须向申请人提供所申请的信息" in p for p in info.value.problems)
    req.refresh_from_db()
    assert req.status != "closed"


def test_disclosing_by_link_by_text_or_on_paper_is_accepted(zz, office):
    from .factories import synthetic_id

    linked, _s = submitted(zz, day=D(2026, 3, 2), id_number=synthetic_id(31))
    text, _s = submitted(zz, day=D(2026, 3, 2), id_number=synthetic_id(32))
    paper, _s = submitted(zz, day=D(2026, 3, 2), id_number=synthetic_id(33), info_form="paper", delivery="mail",
                          address="测试市测试路1号")
    pin(D(2026, 3, 20))
    services.foi_request_answer(request=linked, actor=office, outcome="disclosed", reply_text="予以公开。",
                                reply_link="https://example.invalid/record/1")
    services.foi_request_answer(request=text, actor=office, outcome="disclosed",
                                reply_text="2025年度本县发生生产安全事故3起，死亡0人，受伤2人。")
    services.foi_request_answer(request=paper, actor=office, outcome="disclosed", reply_text="经审查，予以公开。")
    assert set(DisclosureRequest.objects.filter(status="closed").values_list("pk", flat=True)) == {
        linked.pk, text.pk, paper.pk}
