"""The kernel tables of a privacy finding, a self-check and a self-check entry (issue 19 item 2).

Each transition, tested as a table: the right actor in the right state succeeds with exactly one
audit row in all (of the transition's event); a wrong state is refused with InvalidTransition and
an actor without the permission with PermissionDenied, nothing written in either case.
"""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent
from gongkai.records import selectors, services
from gongkai.records.models import Interpretation, PrivacyFinding, Record, SelfCheck, SelfCheckEntry
from gongkai.records.workflow import ENTRY_WORKFLOW, FINDING_WORKFLOW, RECORD_WORKFLOW, SELF_CHECK_WORKFLOW

from .factories import SAMPLE_ID, create_record, publish
from .test_workflow_table import approved, decided, draft, published, with_finding

ON_REQUEST = {"attribute": "on_request", "attribute_reason": "涉及第三方。"}


def finding(make):
    def build(w):
        return PrivacyFinding.objects.get(record=with_finding(make)(w))
    return build


def finding_done(w):
    f = finding(draft)(w)
    services.finding_justify(finding=f, actor=w.users["yc_drafter"], reason="公开热线")
    return PrivacyFinding.objects.get(pk=f.pk)


def entry(w, *, complete=False, decided_already=False):
    decided(w)
    check = services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_office"])
    e = check.entries.get()
    if decided_already or complete:
        services.self_check_decide(entry=e, actor=w.users["yc_office"], decision="keep", reason="仍涉及第三方")
    if complete:
        services.self_check_complete(check=check, actor=w.users["yc_office"])
    return SelfCheckEntry.objects.get(pk=e.pk)


def check(w, *, undecided=False, complete=False):
    e = entry(w, decided_already=not undecided, complete=complete)
    return SelfCheck.objects.get(pk=e.self_check_id)


# name: (workflow, transition, make a right object, call, right actor, other actor, make a wrong object, state after)
TABLE = {
    "mask": (FINDING_WORKFLOW, "mask", finding(draft), lambda o, a: services.finding_mask(finding=o, actor=a),
             "yc_drafter", "yc_secrecy", finding(published), "masked"),
    "justify": (FINDING_WORKFLOW, "justify", finding(approved),
                lambda o, a: services.finding_justify(finding=o, actor=a, reason="公开热线"), "yc_office", "yc_leader",
                finding_done, "justified"),
    "keep": (ENTRY_WORKFLOW, "keep", entry, lambda o, a: services.self_check_decide(
        entry=o, actor=a, decision="keep", reason="仍涉及第三方"), "yc_office", "yc_drafter",
        lambda w: entry(w, decided_already=True), "keep"),
    "complete": (SELF_CHECK_WORKFLOW, "complete", check, lambda o, a: services.self_check_complete(check=o, actor=a),
                 "yc_office", "zz_office", lambda w: check(w, complete=True), "completed"),
}


def test_the_tables_cover_every_transition():
    names = {(wf.model.__name__, t.name) for wf in (FINDING_WORKFLOW, ENTRY_WORKFLOW, SELF_CHECK_WORKFLOW)
             for t in wf.transitions}
    assert names == {(wf.model.__name__, name) for wf, name, *_ in TABLE.values()}


def _written():
    return (AuditEvent.objects.count(), list(PrivacyFinding.objects.values_list("pk", "status", "justification")),
            list(SelfCheckEntry.objects.values_list("pk", "decision")), list(SelfCheck.objects.values_list("pk", "status")),
            list(Record.objects.values_list("pk", "status", "body")))


@pytest.mark.parametrize("name", sorted(TABLE))
def test_right_actor_right_state_one_audit_row(w, pinned, name):
    workflow, transition, make, call, actor, _other, _wrong, after = TABLE[name]
    obj = make(w)
    assert workflow.may(transition, obj, w.users[actor])
    before = AuditEvent.objects.count()
    call(obj, w.users[actor])
    obj.refresh_from_db()
    assert workflow.state_of(obj) == after
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)[before:]) == [
        workflow[transition].event.value]


@pytest.mark.parametrize("name", sorted(TABLE))
def test_a_wrong_state_is_refused_and_nothing_is_written(w, pinned, name):
    workflow, transition, _make, call, actor, _other, wrong, _after = TABLE[name]
    obj = wrong(w)
    assert not workflow.is_possible(transition, obj)
    before = _written()
    with pytest.raises(InvalidTransition):
        call(obj, w.users[actor])
    assert _written() == before


@pytest.mark.parametrize("name", sorted(TABLE))
def test_an_actor_without_the_permission_is_refused_and_nothing_is_written(w, pinned, name):
    workflow, transition, make, call, _actor, other, _wrong, _after = TABLE[name]
    obj = make(w)
    assert not workflow.may(transition, obj, w.users[other])
    before = _written()
    with pytest.raises(PermissionDenied):
        call(obj, w.users[other])
    assert _written() == before


def test_masking_a_finding_rewrites_the_text_and_the_record_history_shows_it(w):
    record = create_record(w, body=f"受助人身份证号{SAMPLE_ID}。")
    services.finding_mask(finding=record.findings.get(), actor=w.users["yc_drafter"])
    record.refresh_from_db()
    assert SAMPLE_ID not in record.body and "1101**********4514" in record.body
    assert "遮蔽个人信息" in [e["what"] for e in selectors.history(record)]


def test_publishing_with_an_interpretation_writes_one_audit_row(w):
    record = create_record(w, needs_interpretation=True)
    services.interpretation_save(record=record, actor=w.users["yc_drafter"], data={
        "title": "解读", "form": "text", "interpreting_body": "阳城县应急管理局", "main_content": "要点"})
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    record = services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="cleared")
    before = AuditEvent.objects.count()
    published_record = services.record_publish(record=record, actor=w.users["yc_office"])
    assert AuditEvent.objects.count() == before + 1
    assert Interpretation.objects.get(record=record).published_at == published_record.published_at
    event = AuditEvent.objects.order_by("-pk").first()
    assert event.action == "record.published" and event.after["interpretation"]


def test_converting_in_the_self_check_writes_one_audit_row_and_decides_the_entry(w):
    e = entry(w)
    before = AuditEvent.objects.count()
    decided_entry = services.self_check_decide(entry=e, actor=w.users["yc_office"], decision="convert",
                                               reason="第三方已同意公开")
    assert AuditEvent.objects.count() == before + 1
    assert decided_entry.decision == "convert" and decided_entry.reason == "第三方已同意公开"
    record = Record.objects.get(pk=e.record_id)
    assert record.attribute == "proactive" and record.status == "secrecy_review"
    with pytest.raises(InvalidTransition):  # decided once
        services.self_check_decide(entry=e, actor=w.users["yc_office"], decision="keep", reason="改主意")
    assert RECORD_WORKFLOW["convert"].event.value == AuditEvent.objects.order_by("-pk").first().action
