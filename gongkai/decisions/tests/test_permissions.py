"""The 双公示 rows of the permission matrix, the transition table, and a wrong-actor test for every service."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent
from gongkai.decisions import importing, services
from gongkai.decisions.models import Decision
from gongkai.decisions.states import DecisionStatus as S
from gongkai.decisions.workflow import DECISION_WORKFLOW
from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can

from .factories import data

OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
ACTIONS = [A.DECISION_VIEW, A.DECISION_EDIT, A.DECISION_PUBLISH]
NONE: set = set()
EXPECTED = {
    (Role.DRAFTER, A.DECISION_VIEW): {OWN}, (Role.DRAFTER, A.DECISION_EDIT): {OWN},
    (Role.DRAFTER, A.DECISION_PUBLISH): NONE,
    (Role.OFFICE, A.DECISION_VIEW): {OWN}, (Role.OFFICE, A.DECISION_EDIT): {OWN},
    (Role.OFFICE, A.DECISION_PUBLISH): {OWN},
    (Role.SECRECY, A.DECISION_VIEW): {OWN}, (Role.SECRECY, A.DECISION_EDIT): NONE,
    (Role.SECRECY, A.DECISION_PUBLISH): NONE,
    (Role.LEADER, A.DECISION_VIEW): {OWN}, (Role.LEADER, A.DECISION_EDIT): NONE,
    (Role.LEADER, A.DECISION_PUBLISH): NONE,
    (Role.OFFICE_HEAD, A.DECISION_VIEW): NONE, (Role.OFFICE_HEAD, A.DECISION_EDIT): NONE,
    (Role.OFFICE_HEAD, A.DECISION_PUBLISH): NONE,
    (Role.SUPERVISOR, A.DECISION_VIEW): {OWN, CHILD}, (Role.SUPERVISOR, A.DECISION_EDIT): NONE,
    (Role.SUPERVISOR, A.DECISION_PUBLISH): NONE,
    (Role.ADMIN, A.DECISION_VIEW): NONE, (Role.ADMIN, A.DECISION_EDIT): NONE,
    (Role.ADMIN, A.DECISION_PUBLISH): NONE,
}


def test_matrix_covers_every_role_and_decision_action():
    assert {(r, a) for r in Role for a in ACTIONS} == set(EXPECTED)
    assert {a for a in Action if a.value.startswith("decision.")} == set(ACTIONS)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_decision_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in EXPECTED[(role, action)])
    assert not can(AnonymousUser(), action, orgs[relation])


# ------------------------------------------------------------------ the transition table

def _in_state(w, state):
    office = w.users["zz_office"]
    d = services.decision_create(organisation=w.zz, actor=office, data=data(publicity_until="2026-10-08"))
    if state != S.DRAFT:
        services.decision_publish(decision=d, actor=office)
    if state == S.WITHDRAWN:
        services.decision_withdraw(decision=d, actor=office, reason="撤销")
    if state == S.EXPIRED:
        services.decision_expire(decision=d, actor=office)
    d.refresh_from_db()
    return d


CALLS = {
    "edit": (lambda d, u: services.decision_edit(decision=d, actor=u, data=data(title="已修改", publicity_until="2026-10-08")),
             "zz_drafter", "zz_leader", S.DRAFT),
    "publish": (lambda d, u: services.decision_publish(decision=d, actor=u), "zz_office", "zz_drafter", S.PUBLISHED),
    "correct": (lambda d, u: services.decision_correct(decision=d, actor=u, data=data(
        title="已更正", publicity_until="2026-10-08"), reason="更正"), "zz_office", "zz_drafter", S.PUBLISHED),
    "withdraw": (lambda d, u: services.decision_withdraw(decision=d, actor=u, reason="撤销"), "zz_office", "yc_office",
                 S.WITHDRAWN),
    "expire": (lambda d, u: services.decision_expire(decision=d, actor=u), "zz_office", "jc_supervisor", S.EXPIRED),
}


def test_the_table_is_the_one_tested():
    assert {t.name for t in DECISION_WORKFLOW.transitions} == set(CALLS)


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize("state", list(S))
def test_transition_table(w, name, state):
    call, right, wrong, target = CALLS[name]
    d = _in_state(w, state)
    events = AuditEvent.objects.count()
    before = Decision.objects.values().get(pk=d.pk)
    if state not in DECISION_WORKFLOW[name].sources:
        with pytest.raises(InvalidTransition):
            call(d, w.users[right])
        assert AuditEvent.objects.count() == events and Decision.objects.values().get(pk=d.pk) == before
        return
    with pytest.raises(PermissionDenied):
        call(d, w.users[wrong])
    assert AuditEvent.objects.count() == events and Decision.objects.values().get(pk=d.pk) == before
    call(d, w.users[right])
    d.refresh_from_db()
    assert d.status == target
    assert AuditEvent.objects.count() == events + 1


def test_expire_waits_for_the_end_of_the_term(w):
    office = w.users["zz_office"]
    d = services.decision_create(organisation=w.zz, actor=office, data=data(publicity_until="2026-10-09"))
    services.decision_publish(decision=d, actor=office)
    with pytest.raises(InvalidTransition):  # 10/09 is today: the term runs to its end
        services.decision_expire(decision=d, actor=office)
    no_term = services.decision_create(organisation=w.zz, actor=office, data=data(document_number="泽应急罚〔2026〕5号"))
    services.decision_publish(decision=no_term, actor=office)
    with pytest.raises(InvalidTransition):
        services.decision_expire(decision=no_term, actor=office)


# ------------------------------------------------------------------ wrong actors of the non-transition services

@pytest.mark.parametrize("username", ["zz_leader", "zz_secrecy", "jc_supervisor", "yc_office", "sx_admin"])
def test_create_refuses_a_wrong_actor_and_writes_nothing(w, username):
    with pytest.raises(PermissionDenied):
        services.decision_create(organisation=w.zz, actor=w.users[username], data=data())
    assert Decision.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.parametrize("username", ["zz_leader", "jc_supervisor", "yc_office"])
def test_import_refuses_a_wrong_actor_before_reading_the_file(w, username):
    with pytest.raises(PermissionDenied):
        importing.decisions_import(organisation=w.zz, actor=w.users[username], name="x.xlsx", data=b"not read")
    assert Decision.objects.count() == 0


def test_the_drafting_unit_enters_but_does_not_publish(w):
    d = services.decision_create(organisation=w.zz, actor=w.users["zz_drafter"], data=data())
    assert DECISION_WORKFLOW.available_names(d, w.users["zz_drafter"]) == {"edit"}
    assert DECISION_WORKFLOW.available_names(d, w.users["zz_office"]) == {"edit", "publish"}
    assert DECISION_WORKFLOW.available_names(d, w.users["jc_supervisor"]) == set()
