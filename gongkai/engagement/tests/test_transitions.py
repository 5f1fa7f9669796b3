"""One table-driven test per transition table: the right actor in a right state succeeds (new state,
exactly one audit row of the declared event); a wrong state raises InvalidTransition; a wrong actor
raises PermissionDenied; neither failure writes anything."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent
from gongkai.engagement import services
from gongkai.engagement.models import CommentGroup, Consultation, DecisionCatalog, Meeting, Message, OpinionEvent
from gongkai.engagement.states import (
    Adoption, CatalogStatus as K, ConsultationStatus as C, EngagementEvent as E, MeetingStatus as G,
    MessageKind, MessageStatus as M, OpinionStatus as O, Severity,
)
from gongkai.engagement.workflow import (
    CATALOG_WORKFLOW, CONSULTATION_WORKFLOW, GROUP_WORKFLOW, MEETING_WORKFLOW, MESSAGE_WORKFLOW, OPINION_WORKFLOW,
)

from . import factories as f

NOW = f.at(2026, 6, 10, 10)


@pytest.fixture
def ctx(tree):
    orgs, users = tree
    f.pin(NOW)

    class Ctx:
        pass

    c = Ctx()
    c.org, c.users = orgs["sx-jc-zz"], users
    c.office = users["zz_office"]
    return c


# -- builders: each returns an object in the named state ------------------------------------

def draft(c):
    return f.consultation(c.org, c.office, publish=False)


def consulting(c):
    return f.consultation(c.org, c.office)


def consulting_with_comment(c):
    obj = consulting(c)
    f.comment(obj)
    return obj


def withdrawn_with_comment(c):
    obj = consulting_with_comment(c)
    return services.consultation_withdraw(consultation=obj, actor=c.office, reason="撤回重拟")


def withdrawn(c):
    return services.consultation_withdraw(consultation=draft(c), actor=c.office, reason="撤回重拟")


def ready_for_report(c):
    obj = consulting_with_comment(c)
    group = services.comments_group(consultation=obj, actor=c.office, comment_ids=[obj.comments.get().pk],
                                    new_title="奖励标准")
    services.group_decide(group=group, actor=c.office, adoption=Adoption.ADOPTED)
    f.pin(f.at(2026, 6, 30, 17))  # the period is over at its closing minute
    return obj


def group_open(c):
    obj = consulting_with_comment(c)
    return services.comments_group(consultation=obj, actor=c.office, comment_ids=[obj.comments.get().pk],
                                   new_title="奖励标准")


def group_reported(c):
    obj = ready_for_report(c)
    services.consultation_publish_report(consultation=obj, actor=c.office)
    return obj.groups.get()


_years = iter(range(2026, 2100))


def catalog_compiling(c):
    return f.catalog(c.org, c.office, year=next(_years))


def catalog_submitted(c):
    return services.decision_catalog_submit(catalog=catalog_compiling(c), actor=c.office)


def catalog_published(c):
    return services.decision_catalog_approve(catalog=catalog_submitted(c), actor=c.users["zz_leader"])


def opinion_open(c, severity=Severity.MAJOR):
    return f.opinion(c.org, c.office, severity=severity)


def opinion_responded(c):
    return services.opinion_respond(event=opinion_open(c), actor=c.office, response="已核实并通报")


def opinion_escalated(c):
    return services.opinion_escalate(event=opinion_open(c), actor=c.office, reason="涉及多个部门")


def message_received(c, kind=MessageKind.SUGGESTION):
    return f.message(c.org, kind=kind, consent_publish=True)


def message_answered(c):
    return services.message_answer(message=message_received(c), actor=c.office, answer="已采纳")


def meeting_planned(c):
    return f.meeting(c.org, c.office, NOW + dt.timedelta(days=8))


def meeting_announced(c):
    return services.meeting_announce(meeting=meeting_planned(c), actor=c.office)


def meeting_started(c):
    m = meeting_announced(c)
    f.pin(NOW + dt.timedelta(days=8, hours=1))
    return m


def meeting_cancelled(c):
    return services.meeting_cancel(meeting=meeting_planned(c), actor=c.office, reason="改期")


def unit(c):
    return c.org.units.first()


EDIT = {"title": "新名称", "draft_text": "草案", "basis": "依据", "explanation": "说明",
        "opens_at": f.at(2026, 6, 11, 9), "closes_at": f.at(2026, 7, 11, 9)}

# (workflow, transition, make in a right state, make in a wrong state, call(obj, actor, ctx),
#  right actor, wrong actor, state field, expected state)
CASES = [
    (CONSULTATION_WORKFLOW, "edit", draft, consulting,
     lambda o, a, c: services.consultation_update(consultation=o, actor=a, data=EDIT), "zz_office", "zz_leader",
     "status", C.DRAFT),
    (CONSULTATION_WORKFLOW, "publish", draft, consulting,
     lambda o, a, c: services.consultation_publish(consultation=o, actor=a), "zz_office", "yc_office", "status",
     C.CONSULTING),
    (CONSULTATION_WORKFLOW, "withdraw", consulting, withdrawn,
     lambda o, a, c: services.consultation_withdraw(consultation=o, actor=a, reason="重拟"), "zz_office",
     "zz_drafter", "status", C.WITHDRAWN),
    (CONSULTATION_WORKFLOW, "group", consulting_with_comment, withdrawn_with_comment,
     lambda o, a, c: services.comments_group(consultation=o, actor=a, comment_ids=[o.comments.first().pk],
                                             new_title="归类"), "zz_office", "zz_secrecy", "status", None),
    (CONSULTATION_WORKFLOW, "publish_report", ready_for_report, draft,
     lambda o, a, c: services.consultation_publish_report(consultation=o, actor=a), "zz_office", "jc_supervisor",
     "status", C.REPORTED),
    (GROUP_WORKFLOW, "decide", group_open, group_reported,
     lambda o, a, c: services.group_decide(group=o, actor=a, adoption=Adoption.NOT_ADOPTED, reason="与上位法不符"),
     "zz_office", "zz_leader", "adoption", Adoption.NOT_ADOPTED),
    (CATALOG_WORKFLOW, "edit", catalog_compiling, catalog_submitted,
     lambda o, a, c: services.decision_entry_save(catalog=o, actor=a, data={
         "title": "新事项", "unit": "办公室", "decision_time": "2026年", "hearing": False}),
     "zz_office", "zz_leader", "status", None),
    (CATALOG_WORKFLOW, "submit", catalog_compiling, catalog_submitted,
     lambda o, a, c: services.decision_catalog_submit(catalog=o, actor=a), "zz_office", "zz_leader", "status",
     K.SUBMITTED),
    (CATALOG_WORKFLOW, "approve", catalog_submitted, catalog_compiling,
     lambda o, a, c: services.decision_catalog_approve(catalog=o, actor=a), "zz_leader", "zz_office", "status",
     K.PUBLISHED),
    (CATALOG_WORKFLOW, "return", catalog_submitted, catalog_published,
     lambda o, a, c: services.decision_catalog_return(catalog=o, actor=a, opinion="补充听证事项"), "zz_leader",
     "yc_leader", "status", K.RETURNED),
    (CATALOG_WORKFLOW, "reopen", catalog_published, catalog_submitted,
     lambda o, a, c: services.decision_catalog_reopen(catalog=o, actor=a, reason="新增事项"), "zz_office",
     "zz_leader", "status", K.COMPILING),
    (OPINION_WORKFLOW, "assign", opinion_open, opinion_responded,
     lambda o, a, c: services.opinion_assign(event=o, actor=a, unit=unit(c)), "zz_office", "zz_drafter", "status",
     None),
    (OPINION_WORKFLOW, "authoritative_info", opinion_open, opinion_responded,
     lambda o, a, c: services.opinion_authoritative_info(event=o, actor=a, text="权威信息"), "zz_office",
     "jc_supervisor", "status", None),
    (OPINION_WORKFLOW, "press_conference", opinion_open, opinion_responded,
     lambda o, a, c: services.opinion_press_conference(event=o, actor=a, held_at=NOW), "zz_office", "zz_leader",
     "status", None),
    (OPINION_WORKFLOW, "escalate", opinion_open, opinion_escalated,
     lambda o, a, c: services.opinion_escalate(event=o, actor=a, reason="超出处置能力"), "zz_office", "sx_supervisor",
     "status", O.ESCALATED),
    (OPINION_WORKFLOW, "respond", opinion_escalated, opinion_responded,
     lambda o, a, c: services.opinion_respond(event=o, actor=a, response="回应"), "zz_office", "yc_office", "status",
     O.RESPONDED),
    (MESSAGE_WORKFLOW, "assign", message_received, message_answered,
     lambda o, a, c: services.message_assign(message=o, actor=a, unit=unit(c)), "zz_office", "zz_drafter", "status",
     M.ASSIGNED),
    (MESSAGE_WORKFLOW, "mark_complex", message_received, message_answered,
     lambda o, a, c: services.message_mark_complex(message=o, actor=a, reason="涉及多个部门"), "zz_office",
     "zz_leader", "status", None),
    (MESSAGE_WORKFLOW, "answer", message_received, message_answered,
     lambda o, a, c: services.message_answer(message=o, actor=a, answer="答复"), "zz_drafter", "zz_secrecy",
     "status", M.ANSWERED),
    (MESSAGE_WORKFLOW, "publish", message_answered, message_received,
     lambda o, a, c: services.message_publish(message=o, actor=a), "zz_office", "zz_drafter", "status",
     M.DISCLOSED),
    (MEETING_WORKFLOW, "edit", meeting_planned, meeting_announced,
     lambda o, a, c: services.meeting_update(meeting=o, actor=a, data={
         "title": "改名", "starts_at": o.starts_at, "place": "一楼", "invitation": "邀请"}), "zz_office", "zz_leader",
     "status", None),
    (MEETING_WORKFLOW, "announce", meeting_planned, meeting_announced,
     lambda o, a, c: services.meeting_announce(meeting=o, actor=a), "zz_office", "yc_office", "status", G.ANNOUNCED),
    (MEETING_WORKFLOW, "record_held", meeting_started, meeting_cancelled,
     lambda o, a, c: services.meeting_record_held(meeting=o, actor=a, attendance=5, attendees="群众代表5名"),
     "zz_office", "zz_drafter", "status", G.HELD),
    (MEETING_WORKFLOW, "live_url", meeting_announced, meeting_cancelled,
     lambda o, a, c: services.meeting_set_live_url(meeting=o, actor=a, live_url="https://live.example.gov.cn/m"),
     "zz_office", "zz_leader", "status", None),
    (MEETING_WORKFLOW, "cancel", meeting_planned, meeting_cancelled,
     lambda o, a, c: services.meeting_cancel(meeting=o, actor=a, reason="改期"), "zz_office", "zz_secrecy",
     "status", G.CANCELLED),
]

DECLARED = {(wf.model.__name__, t.name) for wf in (CONSULTATION_WORKFLOW, GROUP_WORKFLOW, CATALOG_WORKFLOW,
                                                   OPINION_WORKFLOW, MESSAGE_WORKFLOW, MEETING_WORKFLOW)
            for t in wf.transitions}
# Covered by dedicated tests: the public intake (trusted) and the links to records.
ELSEWHERE = {("Consultation", "receive_comment"), ("Consultation", "link_record"), ("DecisionCatalog", "link_record"),
             ("OpinionEvent", "make_record")}


def test_every_declared_transition_is_in_the_table():
    assert {(wf.model.__name__, name) for wf, name, *_ in CASES} | ELSEWHERE == DECLARED


def _fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def _writes(obj, state_field):
    fresh = _fresh(obj)
    return (AuditEvent.objects.count(), {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields})


# For every service: a user of the wrong role in the same organisation, and the same role in another one.
WRONG_ROLE = {"zz_office": "zz_leader", "zz_leader": "zz_office", "zz_drafter": "zz_secrecy"}
OTHER_ORGANISATION = {"zz_office": "yc_office", "zz_leader": "yc_leader", "zz_drafter": "yc_office"}


@pytest.mark.parametrize("wf,name,make,wrong,call,right,wrong_actor,field,expected", CASES,
                         ids=[f"{c[0].model.__name__}.{c[1]}" for c in CASES])
def test_transition_table(ctx, wf, name, make, wrong, call, right, wrong_actor, field, expected):
    obj = make(ctx)
    before_state = getattr(obj, field)
    assert wf.may(name, obj, ctx.users[right])
    assert not wf.may(name, obj, ctx.users[wrong_actor])

    # A wrong actor (the case's own, the wrong role, another organisation): PermissionDenied, nothing written.
    snapshot = _writes(obj, field)
    for actor in (wrong_actor, WRONG_ROLE[right], OTHER_ORGANISATION[right]):
        with pytest.raises(PermissionDenied):
            call(_fresh(obj), ctx.users[actor], ctx)
        assert _writes(obj, field) == snapshot, actor

    # A wrong state: InvalidTransition, nothing written.
    other = wrong(ctx)
    snapshot_other = _writes(other, field)
    with pytest.raises(InvalidTransition):
        call(_fresh(other), ctx.users[right], ctx)
    assert _writes(other, field) == snapshot_other

    # The right actor in a right state: the new state and exactly one audit row of the declared event.
    count = AuditEvent.objects.count()
    call(_fresh(obj), ctx.users[right], ctx)
    after = _fresh(obj)
    assert getattr(after, field) == (expected if expected is not None else before_state)
    events = list(AuditEvent.objects.order_by("pk")[count:])
    assert [e.action for e in events] == [str(wf[name].event.value)]
    assert events[0].target_id == str(obj.pk)
