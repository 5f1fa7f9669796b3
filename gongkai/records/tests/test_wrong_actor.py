"""Every records service refuses the wrong actor at the service level (issue 19 item 1).

Each service is called with the object in a state where the right actor would succeed, once by
a user of the same organisation with the wrong role and once by a user with the right role in
another organisation: both get ``PermissionDenied`` and nothing is written (no audit row, no
changed or new rows). The last case of each service shows the right actor succeeds, so the
refusal is about the actor and nothing else.
"""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.core.models import AuditEvent
from gongkai.organisations.models import Role
from gongkai.records import services
from gongkai.records.models import (
    Attachment, Interpretation, ItemTarget, NegativeListEntry, PrivacyFinding, ReadingRoomCopy, Record, ReviewStep,
    SecrecyEscalation, SelfCheck, SelfCheckEntry,
)

from .factories import PNG_1PX, SAMPLE_ID, create_record, make_user, publish

MODELS = (Record, Attachment, Interpretation, ItemTarget, NegativeListEntry, PrivacyFinding, ReadingRoomCopy,
          ReviewStep, SecrecyEscalation, SelfCheck, SelfCheckEntry, AuditEvent)


def _fingerprint():
    """Everything a records write could touch: row counts, and each row's state and edit time."""
    figures = {m.__name__: m.objects.count() for m in MODELS}
    figures["records"] = sorted(Record.objects.values_list("pk", "status", "attribute", "title", "updated_at",
                                                           "validity"))
    figures["findings"] = sorted(PrivacyFinding.objects.values_list("pk", "status", "justification"))
    figures["entries"] = sorted(SelfCheckEntry.objects.values_list("pk", "decision"))
    figures["checks"] = sorted(SelfCheck.objects.values_list("pk", "completed_at"))
    return figures


def _draft(w):
    return create_record(w, body=f"受助人身份证号{SAMPLE_ID}。")


def _on_request_in_attribute_review(w):
    record = create_record(w, attribute="on_request", attribute_reason="涉及第三方。")
    return services.record_submit(record=record, actor=w.users["yc_drafter"])


def _in_secrecy_review(w):
    return services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])


def _escalated(w):
    record = _in_secrecy_review(w)
    services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="secret", reason="无法判断")
    return Record.objects.get(pk=record.pk)


def _in_leader_approval(w):
    record = services.record_submit(record=create_record(w, is_major=True), actor=w.users["yc_drafter"])
    return services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="cleared")


def _approved(w):
    return services.record_secrecy_review(record=_in_secrecy_review(w), actor=w.users["yc_secrecy"], outcome="cleared")


def _decided(w):
    record = _on_request_in_attribute_review(w)
    return services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True)


def _check_with_entry(w):
    _decided(w)
    check = services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_office"])
    return check, check.entries.get()


def _working_days_item(w):
    from gongkai.records import deadlines

    return next(i for i in w.items if (i.time_limit_rule or {}).get("kind") in deadlines.BACKSTOP_KINDS)


# (service, prepare(w) -> call(actor), the wrong-role user, the right role in the other county, the right user)
CASES = {
    "record_import_published": (lambda w: lambda actor: services.record_import_published(
        organisation=w.org, catalog_item=w.item, actor=actor, published_at=timezone.now(), index_number="OLD/2024-1",
        data={"title": "原网站文件", "issuing_unit": "阳城县应急管理局", "formation_date": dt.date(2024, 3, 2)}),
        "yc_drafter", "zz_office", "yc_office"),
    "record_create": (lambda w: lambda actor: services.record_create(
        organisation=w.org, catalog_item=w.item, actor=actor,
        data={"title": "标题", "issuing_unit": "阳城县应急管理局", "formation_date": dt.date(2026, 3, 2),
              "attribute": "proactive"}), "yc_secrecy", "zz_drafter", "yc_drafter"),
    "record_update": (lambda w: (lambda r: lambda actor: services.record_update(
        record=r, actor=actor, data={"title": "改后的标题"}))(create_record(w)), "yc_secrecy", "zz_drafter",
        "yc_drafter"),
    "attachment_add": (lambda w: (lambda r: lambda actor: services.attachment_add(
        record=r, actor=actor, name="图.png", data=PNG_1PX))(create_record(w)), "yc_secrecy", "zz_office",
        "yc_office"),
    "attachment_remove": (lambda w: (lambda a: lambda actor: services.attachment_remove(attachment=a, actor=actor))(
        services.attachment_add(record=create_record(w), actor=w.users["yc_drafter"], name="图.png", data=PNG_1PX)),
        "yc_leader", "zz_drafter", "yc_drafter"),
    "interpretation_save": (lambda w: (lambda r: lambda actor: services.interpretation_save(
        record=r, actor=actor, data={"title": "解读", "form": "text", "interpreting_body": "阳城县应急管理局",
                                     "main_content": "要点"}))(create_record(w)), "yc_secrecy", "zz_drafter",
        "yc_drafter"),
    "finding_mask": (lambda w: (lambda r: lambda actor: services.finding_mask(
        finding=r.findings.get(), actor=actor))(_draft(w)), "yc_secrecy", "zz_drafter", "yc_drafter"),
    "findings_mask_kind": (lambda w: (lambda r: lambda actor: services.findings_mask_kind(
        record=r, actor=actor, kind="id_number"))(_draft(w)), "yc_leader", "zz_office", "yc_office"),
    "finding_justify": (lambda w: (lambda r: lambda actor: services.finding_justify(
        finding=r.findings.get(), actor=actor, reason="公开的办事电话"))(_draft(w)), "yc_secrecy", "zz_drafter",
        "yc_drafter"),
    "record_submit": (lambda w: (lambda r: lambda actor: services.record_submit(record=r, actor=actor))(
        create_record(w)), "yc_secrecy", "zz_drafter", "yc_drafter"),
    "record_attribute_review": (lambda w: (lambda r: lambda actor: services.record_attribute_review(
        record=r, actor=actor, approve=True))(_on_request_in_attribute_review(w)), "yc_drafter", "zz_office",
        "yc_office"),
    "record_attribute_return": (lambda w: (lambda r: lambda actor: services.record_attribute_review(
        record=r, actor=actor, approve=False, opinion="请补充理由"))(_on_request_in_attribute_review(w)),
        "yc_secrecy", "zz_office", "yc_office"),
    "record_secrecy_review": (lambda w: (lambda r: lambda actor: services.record_secrecy_review(
        record=r, actor=actor, outcome="cleared"))(_in_secrecy_review(w)), "yc_office", "zz_secrecy", "yc_secrecy"),
    "record_secrecy_escalate": (lambda w: (lambda r: lambda actor: services.record_secrecy_escalate(
        record=r, actor=actor, question="secret", reason="无法判断"))(_in_secrecy_review(w)), "yc_leader",
        "zz_secrecy", "yc_secrecy"),
    "record_secrecy_determine": (lambda w: (lambda r: lambda actor: services.record_secrecy_determine(
        record=r, actor=actor, outcome="cleared", determined_by="本单位保密工作机构"))(_escalated(w)), "yc_office",
        "zz_secrecy", "yc_secrecy"),
    "record_leader_decide": (lambda w: (lambda r: lambda actor: services.record_leader_decide(
        record=r, actor=actor, approve=True))(_in_leader_approval(w)), "yc_office", "zz_leader", "yc_leader"),
    "record_publish": (lambda w: (lambda r: lambda actor: services.record_publish(record=r, actor=actor))(
        _approved(w)), "yc_drafter", "zz_office", "yc_office"),
    "record_withdraw": (lambda w: (lambda r: lambda actor: services.record_withdraw(
        record=r, actor=actor, reason="内容有误"))(publish(w, create_record(w))), "yc_secrecy", "zz_office",
        "yc_office"),
    "reading_room_deliver": (lambda w: (lambda r: lambda actor: services.reading_room_deliver(
        record=r, actor=actor, location="县档案馆", delivered_on=dt.date(2026, 3, 12)))(publish(w, create_record(w))),
        "yc_drafter", "zz_office", "yc_office"),
    "record_set_validity": (lambda w: (lambda r: lambda actor: services.record_set_validity(
        record=r, actor=actor, validity="repealed", changed_on=dt.date(2026, 3, 20)))(
        publish(w, create_record(w, document_type="normative"))), "yc_drafter", "zz_office", "yc_office"),
    "negative_list_save": (lambda w: lambda actor: services.negative_list_save(
        organisation=w.org, actor=actor, title="事项", legal_basis=services.common.LegalBasis.objects.first()),
        "yc_drafter", "zz_office", "yc_office"),
    "item_target_set": (lambda w: (lambda item: lambda actor: services.item_target_set(
        organisation=w.org, item=item, actor=actor, working_days=10))(_working_days_item(w)), "yc_secrecy",
        "zz_office", "yc_office"),
    "self_check_start": (lambda w: (_decided(w), lambda actor: services.self_check_start(
        organisation=w.org, year=2026, actor=actor))[1], "yc_drafter", "zz_office", "yc_office"),
    "self_check_decide_keep": (lambda w: (lambda ce: lambda actor: services.self_check_decide(
        entry=ce[1], actor=actor, decision="keep", reason="仍涉及第三方"))(_check_with_entry(w)), "yc_drafter",
        "zz_office", "yc_office"),
    "self_check_decide_convert": (lambda w: (lambda ce: lambda actor: services.self_check_decide(
        entry=ce[1], actor=actor, decision="convert", reason="第三方已同意"))(_check_with_entry(w)), "yc_leader",
        "zz_office", "yc_office"),
    "self_check_complete": (lambda w: (lambda ce: (services.self_check_decide(
        entry=ce[1], actor=w.users["yc_office"], decision="keep", reason="仍涉及第三方"),
        lambda actor: services.self_check_complete(check=ce[0], actor=actor))[1])(_check_with_entry(w)),
        "yc_secrecy", "zz_office", "yc_office"),
}


def test_every_public_records_service_has_a_case():
    """A new service without a wrong-actor case fails here."""
    writes = {name for name in services.__all__ if name not in {
        "INTERPRETATION_FIELDS", "RECORD_FIELDS", "policy_for", "review_stages", "publication_problems",
        "interpretation_problems", "mask_kind_preview", "privacy_scan"}}
    covered = {name.rsplit("_keep", 1)[0].rsplit("_convert", 1)[0].replace("attribute_return", "attribute_review")
               for name in CASES}
    assert writes <= covered, sorted(writes - covered)


@pytest.fixture
def people(w):
    for username, code, role in (("zz_drafter", "sx-jc-zz", Role.DRAFTER), ("zz_secrecy", "sx-jc-zz", Role.SECRECY),
                                 ("zz_leader", "sx-jc-zz", Role.LEADER)):
        w.users.setdefault(username, make_user(username, w.orgs[code], role))
    return w


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("who", ["wrong_role", "other_organisation", "supervisor"])
def test_the_service_refuses_the_wrong_actor_and_writes_nothing(people, name, who):
    w = people
    prepare, wrong_role, other_org, _right = CASES[name]
    call = prepare(w)
    actor = {"wrong_role": w.users[wrong_role], "other_organisation": w.users[other_org],
             "supervisor": w.users["jc_supervisor"]}[who]
    before = _fingerprint()
    with pytest.raises(PermissionDenied):
        call(actor)
    assert _fingerprint() == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_right_actor_succeeds(people, name):
    w = people
    prepare, _wrong, _other, right = CASES[name]
    call = prepare(w)
    audits = AuditEvent.objects.count()
    call(w.users[right])
    assert AuditEvent.objects.count() > audits
