"""One table-driven test per transition table (issue 9): REQUEST_TRANSITIONS and the appeal table.

For every transition: the right actor in a right state succeeds with the declared target and
exactly one audit row of the declared event; a wrong state raises InvalidTransition; an actor
without the permission raises PermissionDenied; in both failure cases nothing is written (the row,
its letters, the letter-number sequence and the audit trail are unchanged). A second table lists
one invalid input per validation in the services: each fails for exactly that reason and writes
nothing.
"""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent, Sequence
from gongkai.foi import services
from gongkai.foi.constants import AppealResult
from gongkai.foi.models import Appeal, DisclosureRequest, Letter
from gongkai.foi.states import FoiEvent, RequestStatus
from gongkai.foi.workflow import REQUEST_TRANSITIONS, REQUEST_WORKFLOW

from .factories import pin, submitted

D = dt.date
RECEIVED_ON = D(2026, 3, 2)  # Monday; the 20 working days end on 30 March
S = RequestStatus


class World:
    def __init__(self, tree):
        orgs, users = tree
        self.zz, self.users = orgs["sx-jc-zz"], users
        self.office, self.head = users["zz_office"], users["zz_office_head"]
        self.unit = self.zz.units.get(name="安全生产综合股")
        self.serial = 0

    def new(self) -> DisclosureRequest:
        from .factories import synthetic_id

        self.serial += 1
        req, _s = submitted(self.zz, day=RECEIVED_ON, id_number=synthetic_id(self.serial),
                            description=f"第{self.serial}号测试申请的所需信息")
        pin(D(2026, 3, 3))
        return req

    # Bring a new request into a state (clock at 3 March unless said otherwise).
    def in_state(self, state: str) -> DisclosureRequest:
        req = self.new()
        o = self.office
        if state == S.RECEIVED:
            return req
        if state == S.IN_PROGRESS:
            return services.foi_request_assign(request=req, actor=o, unit=self.unit)
        if state == S.AWAITING_CORRECTION:
            return services.foi_request_ask_correction(request=req, actor=o, items="请写明文件名称。")
        if state == S.THIRD_PARTY:
            return services.foi_request_consult(request=req, actor=o, third_party="某生产经营单位", sent_on=D(2026, 3, 3))
        if state == S.AWAITING_PAYMENT:
            return services.foi_request_assess_fee(request=req, actor=o, scheme="per_page", units=40)
        if state == S.AWAITING_REASONS:
            return services.foi_request_ask_reasons(request=req, actor=o, question="请说明申请200项信息的理由。")
        if state == S.CLOSED:
            return services.foi_request_answer(request=req, actor=o, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
        raise ValueError(state)


@pytest.fixture
def world(tree):
    return World(tree)


def _extension_requested(w, state=S.IN_PROGRESS):
    req = w.in_state(state)
    return services.foi_request_request_extension(request=req, actor=w.office, working_days=5, reason="涉及多个股室")


# transition → (prepare(world) → request in a right state, run(req, actor, world), right actor, wrong actor,
#               expected state after, prepare a request in a wrong state, day of the call)
CASES = {
    "assign": (lambda w: w.in_state(S.RECEIVED),
               lambda r, a, w: services.foi_request_assign(request=r, actor=a, unit=w.unit),
               "zz_office", "zz_leader", S.IN_PROGRESS, S.AWAITING_CORRECTION, None),
    "ask_correction": (lambda w: w.in_state(S.RECEIVED),
                       lambda r, a, w: services.foi_request_ask_correction(request=r, actor=a, items="请写明文号。"),
                       "zz_office", "zz_office_head", S.AWAITING_CORRECTION, S.THIRD_PARTY, None),
    "correct": (lambda w: w.in_state(S.AWAITING_CORRECTION),
                lambda r, a, w: services.foi_request_correct(request=r, actor=a, text="补正：2025年度统计数据。",
                                                             received_on=D(2026, 3, 4)),
                "zz_office", "zz_leader", S.IN_PROGRESS, S.RECEIVED, D(2026, 3, 5)),
    "applicant_correct": (lambda w: w.in_state(S.AWAITING_CORRECTION),
                          lambda r, a, w: services.foi_request_correct(request=r, actor=a, text="补正内容。",
                                                                       secret=w.secret if a is None else "WRONGCODE1"),
                          None, "anonymous", S.IN_PROGRESS, S.RECEIVED, D(2026, 3, 5)),
    "lapse": (lambda w: w.in_state(S.AWAITING_CORRECTION),
              lambda r, a, w: services.foi_request_lapse(request=r, actor=a),
              "zz_office", "zz_drafter", S.CLOSED, S.IN_PROGRESS, D(2026, 3, 25)),
    "consult": (lambda w: w.in_state(S.IN_PROGRESS),
                lambda r, a, w: services.foi_request_consult(request=r, actor=a, third_party="某单位",
                                                             sent_on=D(2026, 3, 4)),
                "zz_office", "jc_supervisor", S.THIRD_PARTY, S.AWAITING_REASONS, D(2026, 3, 4)),
    "third_party_received": (lambda w: w.in_state(S.THIRD_PARTY),
                             lambda r, a, w: services.foi_request_third_party_received(request=r, actor=a,
                                                                                       received_on=D(2026, 3, 4)),
                             "zz_office", "zz_leader", S.THIRD_PARTY, S.IN_PROGRESS, D(2026, 3, 5)),
    "third_party_replied": (lambda w: w.in_state(S.THIRD_PARTY),
                            lambda r, a, w: services.foi_request_third_party_replied(request=r, actor=a,
                                                                                     replied_on=D(2026, 3, 5)),
                            "zz_office", "yc_office", S.IN_PROGRESS, S.RECEIVED, D(2026, 3, 5)),
    "request_extension": (lambda w: w.in_state(S.IN_PROGRESS),
                          lambda r, a, w: services.foi_request_request_extension(request=r, actor=a, working_days=10,
                                                                                 reason="需要检索档案"),
                          "zz_office", "zz_office_head", S.IN_PROGRESS, S.AWAITING_PAYMENT, None),
    "approve_extension": (_extension_requested,
                          lambda r, a, w: services.foi_request_approve_extension(request=r, actor=a),
                          "zz_office_head", "zz_office", S.IN_PROGRESS, S.CLOSED, None),
    "refuse_extension": (_extension_requested,
                         lambda r, a, w: services.foi_request_refuse_extension(request=r, actor=a, comment="可按期答复"),
                         "zz_office_head", "zz_leader", S.IN_PROGRESS, S.CLOSED, None),
    "assess_fee": (lambda w: w.in_state(S.IN_PROGRESS),
                   lambda r, a, w: services.foi_request_assess_fee(request=r, actor=a, scheme="per_page", units=40),
                   "zz_office", "zz_leader", S.AWAITING_PAYMENT, S.THIRD_PARTY, None),
    "fee_paid": (lambda w: w.in_state(S.AWAITING_PAYMENT),
                 lambda r, a, w: services.foi_request_fee_paid(request=r, actor=a, paid_on=D(2026, 3, 4)),
                 "zz_office", "zz_drafter", S.IN_PROGRESS, S.IN_PROGRESS, D(2026, 3, 5)),
    "close_unpaid": (lambda w: w.in_state(S.AWAITING_PAYMENT),
                     lambda r, a, w: services.foi_request_close_unpaid(request=r, actor=a),
                     "zz_office", "zz_office_head", S.CLOSED, S.IN_PROGRESS, D(2026, 4, 1)),
    "ask_reasons": (lambda w: w.in_state(S.RECEIVED),
                    lambda r, a, w: services.foi_request_ask_reasons(request=r, actor=a, question="请说明理由。"),
                    "zz_office", "zz_leader", S.AWAITING_REASONS, S.AWAITING_CORRECTION, None),
    "accept_reasons": (lambda w: w.in_state(S.AWAITING_REASONS),
                       lambda r, a, w: services.foi_request_accept_reasons(request=r, actor=a, received_on=D(2026, 3, 5),
                                                                           reasons="用于课题研究"),
                       "zz_office", "zz_leader", S.IN_PROGRESS, S.IN_PROGRESS, D(2026, 3, 6)),
    "reject_reasons": (lambda w: w.in_state(S.AWAITING_REASONS),
                       lambda r, a, w: services.foi_request_reject_reasons(request=r, actor=a,
                                                                           reply_text="未说明正当理由。"),
                       "zz_office", "zz_office_head", S.CLOSED, S.RECEIVED, D(2026, 3, 6)),
    "answer": (lambda w: w.in_state(S.IN_PROGRESS),
               lambda r, a, w: services.foi_request_answer(request=r, actor=a, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。"),
               "zz_office", "zz_leader", S.CLOSED, S.AWAITING_PAYMENT, None),
}


def test_every_transition_has_a_case():
    assert {t.name for t in REQUEST_TRANSITIONS} == set(CASES)


def _footprint(req):
    """Everything a transition could write about `req`."""
    row = DisclosureRequest.objects.filter(pk=req.pk).values().get()
    return (row, AuditEvent.objects.filter(target_type="foi.disclosurerequest", target_id=str(req.pk)).count(),
            Letter.objects.filter(request=req).count(), list(Sequence.objects.order_by("key").values_list("key", "last")))


def _actor(world, key):
    from django.contrib.auth.models import AnonymousUser

    if key is None:
        return None
    if key == "anonymous":
        return AnonymousUser()
    return world.users[key]


def _prepare(world, prepare):
    req = prepare(world)
    world.secret = None
    return req


@pytest.mark.parametrize("name", list(CASES))
def test_right_actor_in_a_right_state_succeeds_with_one_audit_row(world, name):
    prepare, run, right, _wrong, target, _wrong_state, day = CASES[name]
    req = _prepare(world, prepare)
    if name == "applicant_correct":
        world.secret = _secret_of(world, req)
    if day:
        pin(day)
    before = AuditEvent.objects.filter(target_type="foi.disclosurerequest", target_id=str(req.pk)).count()
    run(req, _actor(world, right), world)
    req.refresh_from_db()
    assert req.status == target
    events = AuditEvent.objects.filter(target_type="foi.disclosurerequest", target_id=str(req.pk))
    assert events.count() == before + 1
    assert events.order_by("-pk").first().action == REQUEST_WORKFLOW[name].event.value


@pytest.mark.parametrize("name", list(CASES))
def test_a_wrong_state_raises_invalid_transition_and_writes_nothing(world, name):
    _prepare_right, run, right, _wrong, _target, wrong_state, day = CASES[name]
    req = world.in_state(wrong_state)
    if name == "applicant_correct":
        world.secret = _secret_of(world, req)
    if day:
        pin(day)
    footprint = _footprint(req)
    with pytest.raises(InvalidTransition):
        run(req, _actor(world, right), world)
    assert _footprint(req) == footprint


@pytest.mark.parametrize("name", list(CASES))
def test_an_actor_without_the_permission_is_refused_and_nothing_is_written(world, name):
    prepare, run, _right, wrong, _target, _wrong_state, day = CASES[name]
    req = _prepare(world, prepare)
    if day:
        pin(day)
    footprint = _footprint(req)
    with pytest.raises(PermissionDenied):
        run(req, _actor(world, wrong), world)
    assert _footprint(req) == footprint


def _secret_of(world, req):
    """Re-issue a known query code for `req` (the real one is shown once and stored as an HMAC)."""
    secret = "ABCDEFGH23"
    DisclosureRequest.objects.filter(pk=req.pk).update(secret_digest=services.secret_digest(secret))
    req.refresh_from_db()
    return secret


# ------------------------------------------------------------------------------ the appeal table


@pytest.fixture
def appeal(world):
    req = world.in_state(S.CLOSED)
    pin(D(2026, 4, 6))
    return services.foi_appeal_record(request=req, actor=world.office, kind="reconsideration", filed_on=D(2026, 4, 6))


def test_appeal_decide_right_actor_succeeds_with_one_audit_row(world, appeal):
    pin(D(2026, 6, 1))
    services.foi_appeal_decide(appeal=appeal, actor=world.office, result="corrected", decided_on=D(2026, 5, 29))
    appeal.refresh_from_db()
    assert (appeal.result, appeal.decided_on) == (AppealResult.CORRECTED, D(2026, 5, 29))
    events = AuditEvent.objects.filter(target_type="foi.appeal", target_id=str(appeal.pk))
    assert list(events.values_list("action", flat=True).order_by("pk")) == [FoiEvent.APPEAL_RECORDED.value,
                                                                           FoiEvent.APPEAL_DECIDED.value]


def _appeal_footprint(appeal):
    return (Appeal.objects.filter(pk=appeal.pk).values().get(),
            AuditEvent.objects.filter(target_type="foi.appeal", target_id=str(appeal.pk)).count())


def test_appeal_decide_wrong_state_and_wrong_actor_write_nothing(world, appeal):
    pin(D(2026, 6, 1))
    footprint = _appeal_footprint(appeal)
    for user in ("zz_leader", "zz_office_head", "yc_office"):
        with pytest.raises(PermissionDenied):
            services.foi_appeal_decide(appeal=appeal, actor=world.users[user], result="upheld", decided_on=D(2026, 5, 29))
    assert _appeal_footprint(appeal) == footprint
    services.foi_appeal_decide(appeal=appeal, actor=world.office, result="upheld", decided_on=D(2026, 5, 29))
    footprint = _appeal_footprint(appeal)
    with pytest.raises(InvalidTransition):
        services.foi_appeal_decide(appeal=appeal, actor=world.office, result="other", decided_on=D(2026, 5, 30))
    assert _appeal_footprint(appeal) == footprint


# ------------------------------------------------------------------------------ validations

A = services.Attachment
BIG = b"x" * (services.MAX_ATTACHMENT_BYTES + 1)

# (state, day of the call or None, call(req, world), exception, words of the message or of a problem)
VALIDATIONS = [
    ("assign-other-unit", S.RECEIVED, None,
     lambda r, w: services.foi_request_assign(request=r, actor=w.office, unit=w.users["yc_office"].roles.get().unit),
     ValidationFailed, "只能分办给本机关"),
    ("correction-no-items", S.RECEIVED, None,
     lambda r, w: services.foi_request_ask_correction(request=r, actor=w.office, items=" "), ValidationFailed,
     "请说明需要补正的事项"),
    ("correction-period", S.RECEIVED, None,
     lambda r, w: services.foi_request_ask_correction(request=r, actor=w.office, items="x", period_working_days=61),
     ValidationFailed, "补正期限应为1至60个工作日"),
    ("correction-too-late", S.RECEIVED, D(2026, 3, 12),
     lambda r, w: services.foi_request_ask_correction(request=r, actor=w.office, items="x"), InvalidTransition,
     "7个工作日内"),
    ("corrected-empty", S.AWAITING_CORRECTION, None,
     lambda r, w: services.foi_request_correct(request=r, actor=w.office, text=" ", received_on=D(2026, 3, 3)),
     ValidationFailed, "请填写补正内容"),
    ("corrected-too-long", S.AWAITING_CORRECTION, None,
     lambda r, w: services.foi_request_correct(request=r, actor=w.office, text="字" * 5001, received_on=D(2026, 3, 3)),
     ValidationFailed, "补正内容不能超过"),
    ("corrected-before-notice", S.AWAITING_CORRECTION, None,
     lambda r, w: services.foi_request_correct(request=r, actor=w.office, text="x", received_on=D(2026, 3, 2)),
     ValidationFailed, "告知补正之日和今天之间"),
    ("corrected-late-without-reason", S.AWAITING_CORRECTION, D(2026, 3, 30),
     lambda r, w: services.foi_request_correct(request=r, actor=w.office, text="x", received_on=D(2026, 3, 30)),
     ValidationFailed, "补正期限（2026-03-24）已过"),
    ("applicant-wrong-code", S.AWAITING_CORRECTION, None,
     lambda r, w: services.foi_request_correct(request=r, actor=None, text="x", secret="WRONGCODE1"),
     PermissionDenied, ""),
    ("lapse-too-early", S.AWAITING_CORRECTION, D(2026, 3, 24),
     lambda r, w: services.foi_request_lapse(request=r, actor=w.office), InvalidTransition, "尚未届满"),
    ("consult-future", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_consult(request=r, actor=w.office, third_party="x", sent_on=D(2026, 3, 4)),
     ValidationFailed, "不能晚于今天"),
    ("consult-no-party", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_consult(request=r, actor=w.office, third_party=" ", sent_on=D(2026, 3, 3)),
     ValidationFailed, "请填写被征求意见的第三方"),
    ("consult-before-receipt", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_consult(request=r, actor=w.office, third_party="x", sent_on=D(2026, 3, 1)),
     ValidationFailed, "不能早于收到申请之日"),
    ("consult-received-before-sent", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_consult(request=r, actor=w.office, third_party="x", sent_on=D(2026, 3, 3),
                                               received_on=D(2026, 3, 2)),
     ValidationFailed, "第三方收到日期不能早于"),
    ("receipt-before-sending", S.THIRD_PARTY, None,
     lambda r, w: services.foi_request_third_party_received(request=r, actor=w.office, received_on=D(2026, 3, 2)),
     ValidationFailed, "第三方收到日期不能早于"),
    ("receipt-future", S.THIRD_PARTY, None,
     lambda r, w: services.foi_request_third_party_received(request=r, actor=w.office, received_on=D(2026, 3, 4)),
     ValidationFailed, "不能晚于今天"),
    ("reply-future", S.THIRD_PARTY, None,
     lambda r, w: services.foi_request_third_party_replied(request=r, actor=w.office, replied_on=D(2026, 3, 4)),
     ValidationFailed, "不能晚于今天"),
    ("reply-before-sending", S.THIRD_PARTY, None,
     lambda r, w: services.foi_request_third_party_replied(request=r, actor=w.office, replied_on=D(2026, 3, 2)),
     ValidationFailed, "不能早于征求意见书发出日期"),
    ("extension-days", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_request_extension(request=r, actor=w.office, working_days=0, reason="x"),
     ValidationFailed, "最长不得超过20个工作日"),
    ("extension-reason", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_request_extension(request=r, actor=w.office, working_days=5, reason=""),
     ValidationFailed, "请填写延长理由"),
    ("approve-nothing-pending", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_approve_extension(request=r, actor=w.head), InvalidTransition, "没有待批准"),
    ("refuse-nothing-pending", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_refuse_extension(request=r, actor=w.head, comment="x"), InvalidTransition,
     "没有待批准"),
    ("fee-scheme", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_assess_fee(request=r, actor=w.office, scheme="both", units=1),
     ValidationFailed, "收费标准无效"),
    ("paid-future", S.AWAITING_PAYMENT, None,
     lambda r, w: services.foi_request_fee_paid(request=r, actor=w.office, paid_on=D(2026, 3, 4)),
     ValidationFailed, "不能晚于今天"),
    ("reasons-no-question", S.RECEIVED, None,
     lambda r, w: services.foi_request_ask_reasons(request=r, actor=w.office, question=" "), ValidationFailed,
     "请写明要求申请人说明的事项"),
    ("reasons-empty", S.AWAITING_REASONS, D(2026, 3, 6),
     lambda r, w: services.foi_request_accept_reasons(request=r, actor=w.office, received_on=D(2026, 3, 5), reasons=""),
     ValidationFailed, "请填写申请人说明的理由"),
    ("reasons-date", S.AWAITING_REASONS, D(2026, 3, 6),
     lambda r, w: services.foi_request_accept_reasons(request=r, actor=w.office, received_on=D(2026, 3, 2),
                                                      reasons="x"),
     ValidationFailed, "要求说明之日和今天之间"),
    ("later-deadline-not-later", S.AWAITING_REASONS, D(2026, 3, 6),
     lambda r, w: services.foi_request_accept_reasons(request=r, actor=w.office, received_on=D(2026, 3, 5),
                                                      reasons="x", later_due_date=D(2026, 3, 30)),
     ValidationFailed, "应晚于现在的答复期限"),
    ("later-deadline-past", S.AWAITING_REASONS, D(2026, 4, 2),
     lambda r, w: services.foi_request_accept_reasons(request=r, actor=w.office, received_on=D(2026, 3, 5),
                                                      reasons="x", later_due_date=D(2026, 3, 31)),
     ValidationFailed, "应晚于今天"),
    ("reject-reasons-empty", S.AWAITING_REASONS, None,
     lambda r, w: services.foi_request_reject_reasons(request=r, actor=w.office, reply_text=" "), ValidationFailed,
     "请填写答复内容"),
    ("answer-no-outcome", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="bogus", reply_text="x"),
     ValidationFailed, "请选择办理结果"),
    ("answer-reason-missing", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="withheld", reply_text="x"),
     ValidationFailed, "须选择具体情形"),
    ("answer-partial-without-ground", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="partial", reply_text="x"),
     ValidationFailed, "部分公开须写明不予提供部分的理由"),
    ("answer-reason-of-another-outcome", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="partial", reason="repeat",
                                              reply_text="x"),
     ValidationFailed, "具体情形与办理结果不一致"),
    ("answer-uncorrected-by-hand", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="other", reason="unpaid",
                                              reply_text="x"),
     ValidationFailed, "使用相应的办理步骤"),
    ("answer-excessive-without-reasons", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="not_processed", reason="excessive",
                                              reply_text="x"),
     ValidationFailed, "须先要求申请人说明理由"),
    ("answer-still-unclear-uncorrected", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="unavailable", reason="still_unclear",
                                              reply_text="x"),
     ValidationFailed, "只适用于已经补正的申请"),
    ("answer-empty", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="disclosed", reply_text=" "),
     ValidationFailed, "请填写答复内容"),
    ("answer-big-attachment", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="disclosed", reply_text="x",
                                              attachments=[A("a.pdf", "application/pdf", BIG)]),
     ValidationFailed, "超过10MB"),
    ("answer-suggest-proactive", S.IN_PROGRESS, None,
     lambda r, w: services.foi_request_answer(request=r, actor=w.office, outcome="withheld", reason="process",
                                              reply_text="x", suggest_proactive=True),
     ValidationFailed, "只有予以公开的信息才建议"),
]


@pytest.mark.parametrize("state, day, call, error, words", [v[1:] for v in VALIDATIONS], ids=[v[0] for v in VALIDATIONS])
def test_each_validation_fails_for_its_reason_and_writes_nothing(world, state, day, call, error, words):
    req = world.in_state(state)
    if day:
        pin(day)
    footprint = _footprint(req)
    with pytest.raises(error) as info:
        call(req, world)
    if words:
        text = " ".join([info.value.message] + list(info.value.problems)) if isinstance(info.value, ValidationFailed) \
            else str(info.value)
        assert words in text
    assert _footprint(req) == footprint


def test_answering_from_another_organisations_catalog_is_refused(world, seed_templates):
    from gongkai.catalog.demo import publish_demo_catalog
    from gongkai.catalog.models import CatalogItem

    publish_demo_catalog(world.users["yc_office"].roles.get().organisation)
    item = CatalogItem.objects.filter(version__catalog__organisation__code="sx-jc-yc").first()
    req = world.in_state(S.IN_PROGRESS)
    footprint = _footprint(req)
    with pytest.raises(ValidationFailed) as info:
        services.foi_request_answer(request=req, actor=world.office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。",
                                    catalog_item=item)
    assert info.value.problems == ["只能关联本机关目录中的事项。"]
    assert _footprint(req) == footprint


def test_appeal_validations_write_nothing(world, appeal):
    pin(D(2026, 6, 1))
    req = appeal.request
    count = Appeal.objects.count()
    for kwargs, words in (({"kind": "bogus", "filed_on": D(2026, 4, 7)}, "请选择行政复议或行政诉讼的类型"),
                          ({"kind": "reconsideration", "filed_on": D(2026, 6, 2)}, "不能晚于今天"),
                          ({"kind": "reconsideration", "filed_on": D(2026, 3, 1)}, "不能早于收到申请之日")):
        with pytest.raises(ValidationFailed) as info:
            services.foi_appeal_record(request=req, actor=world.office, **kwargs)
        assert words in " ".join([info.value.message] + info.value.problems)
    with pytest.raises(PermissionDenied):
        services.foi_appeal_record(request=req, actor=world.users["zz_leader"], kind="reconsideration",
                                   filed_on=D(2026, 4, 7))
    assert Appeal.objects.count() == count
    footprint = _appeal_footprint(appeal)
    for kwargs, words in (({"result": "pending", "decided_on": D(2026, 5, 1)}, "请选择审结结果"),
                          ({"result": "upheld", "decided_on": D(2026, 6, 2)}, "不能晚于今天"),
                          ({"result": "upheld", "decided_on": D(2026, 4, 5)}, "不能早于提起日期")):
        with pytest.raises(ValidationFailed) as info:
            services.foi_appeal_decide(appeal=appeal, actor=world.office, **kwargs)
        assert words in " ".join([info.value.message] + info.value.problems)
    assert _appeal_footprint(appeal) == footprint


def test_a_fee_of_zero_keeps_the_state_and_notifies_nothing(world):
    req = world.in_state(S.RECEIVED)
    req = services.foi_request_assess_fee(request=req, actor=world.office, scheme="per_page", units=30)
    assert req.status == S.RECEIVED and req.fee_amount == Decimal(0) and req.fee_notified_on is None
    assert not req.letters.exists()
