"""Each workflow transition: the new state, its audit row, and the error from an illegal state."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.records import services
from gongkai.records.models import LegalBasis, RecordPolicy, ReviewStep
from gongkai.records.states import Attribute, RecordStatus

from .factories import SAMPLE_ID, create_record, publish


def last_event(record):
    return AuditEvent.objects.filter(target_type="records.record", target_id=str(record.pk)).order_by("-id").first()


def art(code="art16-process"):
    return LegalBasis.objects.get(code=code)


def test_create_requires_an_item_of_the_organisations_published_catalog(w):
    other = w.orgs["sx-jc-zz"]
    with pytest.raises(ValidationFailed):
        services.record_create(organisation=other, catalog_item=w.item, actor=w.users["zz_drafter"],
                               data={"title": "x"})


def test_create_is_refused_to_roles_that_do_not_draft(w):
    with pytest.raises(PermissionDenied):
        services.record_create(organisation=w.org, catalog_item=w.item, actor=w.users["yc_leader"],
                               data={"title": "x"})


def test_non_disclosure_needs_a_legal_basis_and_a_reason(w):
    with pytest.raises(ValidationFailed) as exc:
        create_record(w, attribute=Attribute.NOT_DISCLOSED)
    assert len(exc.value.problems) == 2
    record = create_record(w, attribute=Attribute.NOT_DISCLOSED, legal_basis=art(), attribute_reason="过程性信息")
    assert record.legal_basis.code == "art16-process"
    assert last_event(record).action == "record.created"


def test_submit_proactive_goes_to_secrecy_review(w):
    record = create_record(w)
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    assert record.status == RecordStatus.SECRECY_REVIEW
    assert record.review_stages == ["secrecy"]
    assert last_event(record).action == "record.submitted"
    with pytest.raises(InvalidTransition):
        services.record_submit(record=record, actor=w.users["yc_drafter"])


def test_submit_on_request_goes_to_attribute_review_first(w):
    record = create_record(w, attribute=Attribute.ON_REQUEST, attribute_reason="涉及特定企业")
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    assert record.status == RecordStatus.ATTRIBUTE_REVIEW
    assert record.review_stages == ["attribute"]


def test_state_secret_suspicion_goes_to_secrecy_review_before_the_office(w):
    record = create_record(w, attribute=Attribute.NOT_DISCLOSED, legal_basis=art("art14"), attribute_reason="涉密",
                           touches_state_secrets=True)
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    assert record.review_stages == ["secrecy", "attribute", "leader"]
    assert record.status == RecordStatus.SECRECY_REVIEW


def test_attribute_review_confirms_non_disclosure_then_leader_approves_and_marks_it(w):
    record = create_record(w, attribute=Attribute.NOT_DISCLOSED, legal_basis=art(), attribute_reason="内部讨论稿")
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    with pytest.raises(PermissionDenied):
        services.record_attribute_review(record=record, actor=w.users["yc_drafter"], approve=True)
    record = services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True, opinion="同意")
    assert record.status == RecordStatus.LEADER_APPROVAL
    assert last_event(record).action == "record.attribute_reviewed"
    with pytest.raises(InvalidTransition):
        services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True)
    record = services.record_leader_decide(record=record, actor=w.users["yc_leader"], approve=True, opinion="同意不公开")
    assert record.status == RecordStatus.DECIDED
    assert record.mark == "此件不公开"
    assert last_event(record).action == "record.leader_approved"
    with pytest.raises(InvalidTransition):
        services.record_leader_decide(record=record, actor=w.users["yc_leader"], approve=True)


def test_attribute_review_can_convert_to_proactive_which_then_needs_secrecy_review(w):
    record = create_record(w, attribute=Attribute.ON_REQUEST, attribute_reason="理由")
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    record = services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True,
                                              attribute=Attribute.PROACTIVE, opinion="应主动公开")
    assert record.attribute == Attribute.PROACTIVE
    assert record.status == RecordStatus.SECRECY_REVIEW
    assert record.publication_due is not None


def test_return_needs_an_opinion_and_reopens_the_draft(w):
    record = services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])
    with pytest.raises(ValidationFailed):
        services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="return", opinion="")
    record = services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="return",
                                            opinion="删去第三段")
    assert record.status == RecordStatus.RETURNED
    assert last_event(record).action == "record.secrecy_returned"
    assert ReviewStep.objects.filter(record=record, decision="returned").exists()
    record = services.record_update(record=record, actor=w.users["yc_drafter"], data={"body": "修改后的正文"})
    assert services.record_submit(record=record, actor=w.users["yc_drafter"]).status == RecordStatus.SECRECY_REVIEW


def test_secrecy_review_classifies_a_record_as_not_disclosed(w):
    record = services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])
    with pytest.raises(PermissionDenied):
        services.record_secrecy_review(record=record, actor=w.users["yc_office"], outcome="cleared")
    record = services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="classified",
                                            opinion="涉及国家秘密")
    assert record.attribute == Attribute.NOT_DISCLOSED and record.legal_basis.code == "art14"
    assert record.status == RecordStatus.ATTRIBUTE_REVIEW  # the office then reviews the non-disclosure
    assert last_event(record).action == "record.secrecy_reviewed"


def test_escalation_when_the_reviewer_cannot_decide_goes_up_two_levels(w):
    record = services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])
    first = services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="secret",
                                             reason="含有尚未公开的监测数据")
    record.refresh_from_db()
    assert record.status == RecordStatus.SECRECY_ESCALATED
    assert first.level == 1 and first.referred_to == "本单位保密工作机构"
    assert last_event(record).action == "record.secrecy_escalated"
    second = services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="secret",
                                              reason="保密工作机构亦无法确定")
    assert second.level == 2 and second.referred_to == "有权确定的机关"
    with pytest.raises(InvalidTransition):
        services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="secret", reason="再报")
    record = services.record_secrecy_determine(record=record, actor=w.users["yc_secrecy"], outcome="cleared",
                                               determined_by="县国家保密局", reference="保密审定〔2026〕3号")
    assert record.status == RecordStatus.APPROVED
    assert last_event(record).action == "record.secrecy_determined"
    with pytest.raises(InvalidTransition):
        services.record_secrecy_determine(record=record, actor=w.users["yc_secrecy"], outcome="cleared",
                                          determined_by="x")


def test_suitability_question_goes_to_the_business_department_and_unsuitable_returns(w):
    record = services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])
    escalation = services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="suitability",
                                                  reason="可能影响社会稳定")
    assert escalation.referred_to == "有关业务主管部门"
    record = services.record_secrecy_determine(record=record, actor=w.users["yc_secrecy"], outcome="unsuitable",
                                               determined_by="")
    assert record.status == RecordStatus.RETURNED


def test_major_item_needs_the_leader_and_policy_can_require_it_for_all(w):
    record = services.record_submit(record=create_record(w, is_major=True), actor=w.users["yc_drafter"])
    assert record.review_stages == ["secrecy", "leader"]
    RecordPolicy.objects.create(organisation=w.org, leader_approval="all", review_all_attributes=True)
    record2 = services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])
    assert record2.review_stages == ["attribute", "secrecy", "leader"]
    assert record2.status == RecordStatus.ATTRIBUTE_REVIEW


def test_leader_can_return(w):
    record = services.record_submit(record=create_record(w, is_major=True), actor=w.users["yc_drafter"])
    record = services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="cleared")
    record = services.record_leader_decide(record=record, actor=w.users["yc_leader"], approve=False, opinion="再斟酌")
    assert record.status == RecordStatus.RETURNED
    assert last_event(record).action == "record.leader_returned"


def test_publish_is_blocked_until_findings_are_resolved(w):
    record = create_record(w, body=f"受助人身份证号{SAMPLE_ID}")
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    record = services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="cleared")
    with pytest.raises(ValidationFailed) as exc:
        services.record_publish(record=record, actor=w.users["yc_office"])
    assert "个人信息" in exc.value.problems[0]
    record.refresh_from_db()
    assert record.status == RecordStatus.APPROVED
    finding = record.findings.get()
    services.finding_mask(finding=finding, actor=w.users["yc_office"])
    record.refresh_from_db()
    assert SAMPLE_ID not in record.body and "1101**********4514" in record.body
    with pytest.raises(PermissionDenied):
        services.record_publish(record=record, actor=w.users["yc_drafter"])
    record = services.record_publish(record=record, actor=w.users["yc_office"])
    assert record.status == RecordStatus.PUBLISHED and record.published_at is not None
    assert record.mark == "此件公开发布"
    assert last_event(record).action == "record.published"
    with pytest.raises(InvalidTransition):
        services.record_publish(record=record, actor=w.users["yc_office"])


def test_justified_finding_allows_publication_and_keeps_the_reason(w):
    record = create_record(w, body="值班电话13800138000（24小时值守的公共服务热线）")
    finding = record.findings.get()
    with pytest.raises(ValidationFailed):
        services.finding_justify(finding=finding, actor=w.users["yc_drafter"], reason=" ")
    services.finding_justify(finding=finding, actor=w.users["yc_drafter"], reason="单位公开值班电话")
    # the finding's own transition (FINDING_WORKFLOW), its audit row naming the record
    event = AuditEvent.objects.filter(target_type="records.privacyfinding", target_id=str(finding.pk)).get()
    assert event.action == "record.finding_justified" and event.after["record"] == record.pk
    record = publish(w, record)
    assert "13800138000" in record.body


def test_withdraw_and_republish(w):
    record = publish(w, create_record(w))
    with pytest.raises(ValidationFailed):
        services.record_withdraw(record=record, actor=w.users["yc_office"], reason="")
    record = services.record_withdraw(record=record, actor=w.users["yc_office"], reason="文件已废止")
    assert record.status == RecordStatus.WITHDRAWN
    assert last_event(record).action == "record.withdrawn"
    with pytest.raises(InvalidTransition):
        services.record_withdraw(record=record, actor=w.users["yc_office"], reason="再次")
    assert services.record_publish(record=record, actor=w.users["yc_office"]).status == RecordStatus.PUBLISHED


def test_reading_room_copy_is_a_tracked_step(w):
    draft = create_record(w)
    with pytest.raises(InvalidTransition):
        services.reading_room_deliver(record=draft, actor=w.users["yc_office"], location="县政务服务中心查阅点",
                                      delivered_on=dt.date(2026, 3, 5))
    record = publish(w, create_record(w))
    copy = services.reading_room_deliver(record=record, actor=w.users["yc_office"], location="县政务服务中心查阅点",
                                         delivered_on=dt.date(2026, 3, 5), copies=2)
    assert copy.copies == 2
    assert last_event(record).action == "record.reading_room_delivered"
    with pytest.raises(InvalidTransition):
        services.reading_room_deliver(record=record, actor=w.users["yc_office"], location="x",
                                      delivered_on=dt.date(2026, 3, 5))


def test_editing_after_submission_is_refused(w):
    record = services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])
    with pytest.raises(InvalidTransition):
        services.record_update(record=record, actor=w.users["yc_drafter"], data={"title": "新标题"})
