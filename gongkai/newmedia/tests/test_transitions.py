"""The transition tables: the right actor in a right state succeeds (new state, exactly one audit row of the
declared event); a wrong state raises InvalidTransition; a wrong actor raises PermissionDenied; neither
failure writes anything."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent
from gongkai.newmedia import services
from gongkai.newmedia.models import Account, AccountRequest, AccountUpdate
from gongkai.newmedia.states import AccountStatus, NewMediaEvent as E, RequestStatus as S
from gongkai.newmedia.workflow import ACCOUNT_WORKFLOW, REQUEST_WORKFLOW

from . import factories as f

DATE = "2026-06-10"

# name: (build an object in a right state, call, right actor, wrong actors, build one in a wrong state,
#        expected state afterwards, event)
REQUEST_CASES = {
    "edit": (f.draft, lambda r, u: services.request_update(request=r, actor=u, data={**f.DATA, "name": "泽州应急"}),
             "zz_office", ["zz_leader", "yc_office", "jc_supervisor"], f.in_leader_review, S.DRAFT, E.REQUEST_EDITED),
    "submit": (f.draft, lambda r, u: services.request_submit(request=r, actor=u), "zz_office",
               ["zz_drafter", "zz_leader", "yc_office", "jc_supervisor"], f.in_leader_review, S.LEADER_REVIEW,
               E.REQUEST_SUBMITTED),
    "agree": (f.in_leader_review, lambda r, u: services.request_agree(request=r, actor=u), "zz_leader",
              ["zz_office", "yc_leader", "jc_supervisor"], f.draft, S.SUPERVISOR_REVIEW, E.REQUEST_AGREED),
    "leader_return": (f.in_leader_review, lambda r, u: services.request_leader_return(request=r, actor=u,
                                                                                       opinion="名称不规范"),
                      "zz_leader", ["zz_office", "yc_leader", "jc_supervisor"], f.in_review, S.RETURNED,
                      E.REQUEST_RETURNED),
    "approve": (f.in_review, lambda r, u: services.request_decide(request=r, actor=u, decision="approve"),
                "jc_supervisor", ["zz_leader", "zz_office", "sx_supervisor", "sx_admin"], f.in_leader_review,
                S.APPROVED, E.REQUEST_APPROVED),
    "forward": (f.in_review, lambda r, u: services.request_decide(request=r, actor=u, decision="forward"),
                "jc_supervisor", ["zz_leader", "sx_supervisor"], f.approved, S.SUPERVISOR_REVIEW,
                E.REQUEST_FORWARDED),
    "return": (f.in_review, lambda r, u: services.request_decide(request=r, actor=u, decision="return",
                                                                  opinion="请补充"),
               "jc_supervisor", ["zz_leader", "sx_supervisor"], f.draft, S.RETURNED, E.REQUEST_RETURNED),
    "reject": (f.in_review, lambda r, u: services.request_decide(request=r, actor=u, decision="reject",
                                                                  opinion="功能重复"),
               "jc_supervisor", ["zz_office", "sx_supervisor"], f.approved, S.REJECTED, E.REQUEST_REJECTED),
    "carry_out": (f.approved, lambda r, u: services.request_carry_out(request=r, actor=u, done_on=DATE),
                  "zz_office", ["zz_leader", "yc_office", "jc_supervisor"], f.in_review, S.DONE, E.REQUEST_DONE),
    "withdraw": (f.draft, lambda r, u: services.request_withdraw(request=r, actor=u), "zz_office",
                 ["zz_leader", "yc_office", "jc_supervisor"], f.in_review, S.WITHDRAWN, E.REQUEST_WITHDRAWN),
}


def test_every_request_transition_has_a_case():
    assert {t.name for t in REQUEST_WORKFLOW.transitions} == set(REQUEST_CASES)


def _counts():
    return AuditEvent.objects.count(), AccountRequest.objects.count(), Account.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REQUEST_CASES))
def test_request_transition(w, name):
    build, call, right, wrong, wrong_state, target, event = REQUEST_CASES[name]
    # Wrong actors: refused, nothing written.
    req = build(w)
    before = (_counts(), req.status, req.reviewer_id, req.name)
    for username in wrong:
        with pytest.raises(PermissionDenied):
            call(AccountRequest.objects.get(pk=req.pk), getattr(w, username))
        fresh = AccountRequest.objects.get(pk=req.pk)
        assert (_counts(), fresh.status, fresh.reviewer_id, fresh.name) == before, username
    # Wrong state: not possible, nothing written.
    other = wrong_state(w)
    snapshot = (_counts(), other.status)
    with pytest.raises(InvalidTransition):
        call(AccountRequest.objects.get(pk=other.pk), getattr(w, right))
    assert (_counts(), AccountRequest.objects.get(pk=other.pk).status) == snapshot
    # The right actor: new state, exactly one audit row of the declared event.
    events = AuditEvent.objects.count()
    done = call(AccountRequest.objects.get(pk=req.pk), getattr(w, right))
    assert done.status == target
    assert AuditEvent.objects.count() == events + 1
    assert AuditEvent.objects.latest("pk").action == event.value


@pytest.mark.django_db
def test_forward_moves_the_request_one_level_up_and_only_that_level_decides_then(w):
    req = f.in_review(w)
    assert req.reviewer == w.jc
    req = services.request_decide(request=req, actor=w.jc_supervisor, decision="forward", opinion="报省厅")
    assert req.reviewer == w.sx and req.status == S.SUPERVISOR_REVIEW
    with pytest.raises(PermissionDenied):  # the city has handed it on
        services.request_decide(request=req, actor=w.jc_supervisor, decision="approve")
    with pytest.raises(InvalidTransition):  # the top of the tree cannot forward further
        services.request_decide(request=req, actor=w.sx_supervisor, decision="forward")
    req = services.request_decide(request=req, actor=w.sx_supervisor, decision="approve")
    assert req.approved_by == w.sx


@pytest.mark.django_db
def test_carrying_out_changes_the_register_only_then(w):
    account = f.account(w)
    assert account.status == AccountStatus.ACTIVE and account.competent == w.jc and account.filing_number == "BA-001"
    change = f.approved(w, kind="change", account=account, name="泽州应急发布")
    assert Account.objects.get(pk=account.pk).name == "泽州县应急管理局"  # approved, not yet carried out
    services.request_carry_out(request=change, actor=w.zz_office, done_on=DATE)
    assert Account.objects.get(pk=account.pk).name == "泽州应急发布"
    close = f.approved(w, kind="close", account=account)
    services.request_carry_out(request=close, actor=w.zz_office, done_on=DATE)
    closed = Account.objects.get(pk=account.pk)
    assert closed.status == AccountStatus.CLOSED and str(closed.closed_on) == DATE
    with pytest.raises(InvalidTransition):  # a closed account takes no more requests
        f.draft(w, kind="close", account=closed)


ACCOUNT_CASES = {
    "record_update": (lambda a, u: services.account_record_update(account=a, actor=u, published_on=DATE),
                      E.ACCOUNT_UPDATED),
    "edit_details": (lambda a, u: services.account_edit_details(account=a, actor=u, contact="办公室 0356-7654321",
                                                                feed_url="https://feeds.example.cn/zz.xml"),
                     E.ACCOUNT_EDITED),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCOUNT_CASES))
def test_account_transition(w, name):
    call, event = ACCOUNT_CASES[name]
    account = f.account(w)
    counts = (AuditEvent.objects.count(), AccountUpdate.objects.count())
    for username in ("zz_leader", "yc_office", "jc_supervisor", "zz_drafter"):
        with pytest.raises(PermissionDenied):
            call(Account.objects.get(pk=account.pk), getattr(w, username))
    assert (AuditEvent.objects.count(), AccountUpdate.objects.count()) == counts
    closed = f.account(w, name="泽州应急旧号")
    services.request_carry_out(request=f.approved(w, kind="close", account=closed), actor=w.zz_office, done_on=DATE)
    counts = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition):
        call(Account.objects.get(pk=closed.pk), w.zz_office)
    assert AuditEvent.objects.count() == counts
    call(Account.objects.get(pk=account.pk), w.zz_office)
    assert AuditEvent.objects.count() == counts + 1
    assert AuditEvent.objects.latest("pk").action == event.value


def test_every_account_transition_is_covered():
    # feed_read is a system step (trusted): covered in test_feeds.
    assert {t.name for t in ACCOUNT_WORKFLOW.transitions} == set(ACCOUNT_CASES) | {"feed_read"}
