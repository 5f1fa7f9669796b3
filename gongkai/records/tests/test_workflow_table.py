"""The records transition table, tested as a table (issue 9).

For every transition in ``records.workflow.RECORD_WORKFLOW``: the right actor in the right state
succeeds (the new state, exactly one audit row of the transition's event); in a wrong state the
kernel raises ``InvalidTransition``; an actor without the permission gets ``PermissionDenied``;
and in both failure cases nothing at all is written.
"""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict

from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent
from gongkai.records import services
from gongkai.records.models import (
    Attachment, Interpretation, PrivacyFinding, ReadingRoomCopy, Record, ReviewStep, SecrecyEscalation, SelfCheckEntry,
)
from gongkai.records.states import RecordStatus as S
from gongkai.records.workflow import RECORD_WORKFLOW

from .factories import PNG_1PX, SAMPLE_ID, create_record, publish

ON_REQUEST = {"attribute": "on_request", "attribute_reason": "涉及正在调查的事故，依申请提供。"}


# -- records in each state ---------------------------------------------------------------------

def draft(w, **kw):
    return create_record(w, **kw)


def returned(w):
    record = services.record_submit(record=draft(w), actor=w.users["yc_drafter"])
    return services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="return", opinion="补充依据")


def attribute_review(w):
    return services.record_submit(record=draft(w, **ON_REQUEST), actor=w.users["yc_drafter"])


def secrecy_review(w, **kw):
    return services.record_submit(record=draft(w, **kw), actor=w.users["yc_drafter"])


def escalated(w):
    record = secrecy_review(w)
    services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="secret", reason="无法判断")
    return Record.objects.get(pk=record.pk)


def leader_approval(w):
    record = secrecy_review(w, is_major=True)
    return services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="cleared")


def approved(w):
    return services.record_secrecy_review(record=secrecy_review(w), actor=w.users["yc_secrecy"], outcome="cleared")


def published(w):
    return publish(w, draft(w))


def decided(w):
    record = attribute_review(w)
    return services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True)


def with_finding(make):
    """A record in the state `make` gives, with an open ID-number finding in its body."""
    def build(w):
        record = make(w)
        Record.objects.filter(pk=record.pk).update(body=f"受助人身份证号{SAMPLE_ID}")
        record.refresh_from_db()
        services.privacy_scan(record=record)
        return record
    return build


def with_attachment(make):
    def build(w):
        record = draft(w)
        services.attachment_add(record=record, actor=w.users["yc_drafter"], name="现场.png", data=PNG_1PX)
        if make is not draft:
            record = services.record_submit(record=record, actor=w.users["yc_drafter"])
        return record
    return build


def in_self_check(make):
    """A decided record entered in the yearly self-check; `make` may then move it elsewhere."""
    def build(w):
        record = decided(w)
        services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_office"])
        if make is not decided:
            Record.objects.filter(pk=record.pk).update(status=S.DRAFT)
        return Record.objects.get(pk=record.pk)
    return build


# -- the calls ---------------------------------------------------------------------------------

def finding_of(record):
    return PrivacyFinding.objects.filter(record=record).first()


CALLS = {
    "edit": lambda r, a: services.record_update(record=r, actor=a, data={"title": "修改后的标题"}),
    "attachment_add": lambda r, a: services.attachment_add(record=r, actor=a, name="图.png", data=PNG_1PX),
    "attachment_remove": lambda r, a: services.attachment_remove(attachment=r.attachments.get(), actor=a),
    "interpretation": lambda r, a: services.interpretation_save(record=r, actor=a, data={
        "title": "政策解读", "form": "text", "interpreting_body": "阳城县应急管理局", "main_content": "要点"}),
    "submit": lambda r, a: services.record_submit(record=r, actor=a),
    "attribute_approve": lambda r, a: services.record_attribute_review(record=r, actor=a, approve=True),
    "attribute_return": lambda r, a: services.record_attribute_review(record=r, actor=a, approve=False, opinion="补充"),
    "secrecy_decide": lambda r, a: services.record_secrecy_review(record=r, actor=a, outcome="cleared"),
    "secrecy_return": lambda r, a: services.record_secrecy_review(record=r, actor=a, outcome="return", opinion="补充"),
    "secrecy_escalate": lambda r, a: services.record_secrecy_escalate(record=r, actor=a, question="secret",
                                                                      reason="无法判断"),
    "secrecy_determine": lambda r, a: services.record_secrecy_determine(record=r, actor=a, outcome="cleared",
                                                                        determined_by="本单位保密工作机构"),
    "leader_approve": lambda r, a: services.record_leader_decide(record=r, actor=a, approve=True),
    "leader_return": lambda r, a: services.record_leader_decide(record=r, actor=a, approve=False, opinion="再议"),
    "publish": lambda r, a: services.record_publish(record=r, actor=a),
    "withdraw": lambda r, a: services.record_withdraw(record=r, actor=a, reason="内容已更新"),
    "reading_room": lambda r, a: services.reading_room_deliver(record=r, actor=a, location="县档案馆查阅点",
                                                               delivered_on=dt.date(2026, 3, 12)),
    "set_validity": lambda r, a: services.record_set_validity(record=r, actor=a, validity="expired",
                                                              changed_on=dt.date(2026, 3, 12)),
    "convert": lambda r, a: services.self_check_decide(entry=SelfCheckEntry.objects.get(record=r), actor=a,
                                                       decision="convert", reason="事故调查已结束"),
    "findings_mask_kind": lambda r, a: services.findings_mask_kind(record=r, actor=a, kind="id_number"),
}

# name: (make a record in a right state, right actor, expected state, actor without the permission,
#        make a record in a wrong state)
TABLE = {
    "edit": (draft, "yc_drafter", S.DRAFT, "yc_secrecy", secrecy_review),
    "attachment_add": (draft, "yc_drafter", S.DRAFT, "yc_secrecy", secrecy_review),
    "attachment_remove": (with_attachment(draft), "yc_drafter", S.DRAFT, "yc_leader",
                          with_attachment(secrecy_review)),
    "interpretation": (draft, "yc_drafter", S.DRAFT, "yc_secrecy", approved),
    "submit": (draft, "yc_drafter", S.SECRECY_REVIEW, "yc_secrecy", attribute_review),
    "attribute_approve": (attribute_review, "yc_office", S.DECIDED, "yc_drafter", secrecy_review),
    "attribute_return": (attribute_review, "yc_office", S.RETURNED, "yc_secrecy", draft),
    "secrecy_decide": (secrecy_review, "yc_secrecy", S.APPROVED, "yc_office", attribute_review),
    "secrecy_return": (secrecy_review, "yc_secrecy", S.RETURNED, "yc_drafter", approved),
    "secrecy_escalate": (secrecy_review, "yc_secrecy", S.SECRECY_ESCALATED, "yc_office", leader_approval),
    "secrecy_determine": (escalated, "yc_secrecy", S.APPROVED, "yc_leader", secrecy_review),
    "leader_approve": (leader_approval, "yc_leader", S.APPROVED, "yc_office", approved),
    "leader_return": (leader_approval, "yc_leader", S.RETURNED, "yc_secrecy", secrecy_review),
    "publish": (approved, "yc_office", S.PUBLISHED, "yc_drafter", secrecy_review),
    "withdraw": (published, "yc_office", S.WITHDRAWN, "yc_secrecy", approved),
    "reading_room": (published, "yc_office", S.PUBLISHED, "yc_drafter", approved),
    "set_validity": (published, "yc_office", S.PUBLISHED, "yc_drafter", approved),
    "convert": (in_self_check(decided), "yc_office", S.SECRECY_REVIEW, "yc_drafter", in_self_check(draft)),
    "findings_mask_kind": (with_finding(draft), "yc_office", S.DRAFT, "yc_leader", with_finding(published)),
}


# Run only trusted, by the site importer on the record it has just created (test_importing.py).
TRUSTED_ONLY = {"import"}


def test_the_table_covers_every_transition():
    assert set(TABLE) == {t.name for t in RECORD_WORKFLOW.transitions} - TRUSTED_ONLY == set(CALLS)


def _written(record) -> tuple:
    """Everything a records transition may write, for "nothing was written" checks."""
    row = model_to_dict(Record.objects.get(pk=record.pk))
    return (
        row,
        AuditEvent.objects.count(),
        ReviewStep.objects.count(),
        list(Attachment.objects.values_list("pk", "masked_text")),
        list(PrivacyFinding.objects.values_list("pk", "status")),
        SecrecyEscalation.objects.count(),
        ReadingRoomCopy.objects.count(),
        list(Interpretation.objects.values_list("pk", "title")),
        list(SelfCheckEntry.objects.values_list("pk", "decision")),
    )


def _events(record):
    return list(AuditEvent.objects.filter(target_type="records.record", target_id=str(record.pk))
                .values_list("action", flat=True))


@pytest.mark.parametrize("name", sorted(TABLE))
def test_the_right_actor_in_the_right_state_succeeds_with_one_audit_row(w, pinned, name):
    make, actor, expected, _other, _wrong = TABLE[name]
    record = make(w)
    before = _events(record)
    CALLS[name](record, w.users[actor])
    record.refresh_from_db()
    assert record.status == expected
    new = _events(record)[: len(_events(record)) - len(before)]
    assert new == [RECORD_WORKFLOW[name].event.value]


@pytest.mark.parametrize("name", sorted(TABLE))
def test_a_wrong_state_is_refused_and_nothing_is_written(w, pinned, name):
    _make, actor, _expected, _other, wrong = TABLE[name]
    record = wrong(w)
    assert not RECORD_WORKFLOW.is_possible(name, record)
    before = _written(record)
    with pytest.raises(InvalidTransition):
        CALLS[name](record, w.users[actor])
    assert _written(record) == before


@pytest.mark.parametrize("name", sorted(TABLE))
def test_an_actor_without_the_permission_is_refused_and_nothing_is_written(w, pinned, name):
    make, actor, _expected, other, _wrong = TABLE[name]
    record = make(w)
    assert RECORD_WORKFLOW.may(name, record, w.users[actor])
    assert not RECORD_WORKFLOW.may(name, record, w.users[other])
    before = _written(record)
    with pytest.raises(PermissionDenied):
        CALLS[name](record, w.users[other])
    assert _written(record) == before


@pytest.mark.parametrize("state", [attribute_review, secrecy_review, leader_approval, escalated, approved])
def test_a_record_under_review_cannot_be_submitted_again(w, state):
    """The defect of issue 9: submitting again restarted the review chain of a record under review."""
    record = state(w)
    chain = (record.status, list(record.stages_done))
    with pytest.raises(InvalidTransition):
        services.record_submit(record=record, actor=w.users["yc_drafter"])
    record.refresh_from_db()
    assert (record.status, list(record.stages_done)) == chain


def test_the_office_page_offers_exactly_the_available_actions(w, client):
    record = secrecy_review(w)
    client.force_login(w.users["yc_secrecy"])
    page = client.get(f"/office/records/{record.pk}/").content.decode()
    assert "/do/secrecy/" in page and "/do/escalate/" in page
    assert "/do/submit/" not in page and "/do/publish/" not in page
    client.force_login(w.users["yc_drafter"])
    page = client.get(f"/office/records/{record.pk}/").content.decode()
    assert "/do/secrecy/" not in page and "/do/submit/" not in page
