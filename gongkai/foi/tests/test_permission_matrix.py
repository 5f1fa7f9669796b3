"""The FOI rows of the permission matrix: role × organisation relation × action."""
import pytest

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can, organisations_where

OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
FOI_ACTIONS = [A.FOI_VIEW, A.FOI_VIEW_PERSONAL, A.FOI_HANDLE, A.FOI_APPROVE_EXTENSION]

FOI_EXPECTED = {
    (Role.DRAFTER, A.FOI_VIEW): {OWN},
    (Role.DRAFTER, A.FOI_VIEW_PERSONAL): set(),
    (Role.DRAFTER, A.FOI_HANDLE): set(),
    (Role.DRAFTER, A.FOI_APPROVE_EXTENSION): set(),
    (Role.OFFICE, A.FOI_VIEW): {OWN},
    (Role.OFFICE, A.FOI_VIEW_PERSONAL): {OWN},
    (Role.OFFICE, A.FOI_HANDLE): {OWN},
    (Role.OFFICE, A.FOI_APPROVE_EXTENSION): set(),
    (Role.SECRECY, A.FOI_VIEW): set(),
    (Role.SECRECY, A.FOI_VIEW_PERSONAL): set(),
    (Role.SECRECY, A.FOI_HANDLE): set(),
    (Role.SECRECY, A.FOI_APPROVE_EXTENSION): set(),
    (Role.LEADER, A.FOI_VIEW): {OWN},
    (Role.LEADER, A.FOI_VIEW_PERSONAL): {OWN},
    (Role.LEADER, A.FOI_HANDLE): set(),
    (Role.LEADER, A.FOI_APPROVE_EXTENSION): set(),  # 第三十三条: the head of the disclosure office, not the leader
    (Role.OFFICE_HEAD, A.FOI_VIEW): {OWN},
    (Role.OFFICE_HEAD, A.FOI_VIEW_PERSONAL): {OWN},
    (Role.OFFICE_HEAD, A.FOI_HANDLE): set(),
    (Role.OFFICE_HEAD, A.FOI_APPROVE_EXTENSION): {OWN},
    (Role.SUPERVISOR, A.FOI_VIEW): {OWN, CHILD},
    (Role.SUPERVISOR, A.FOI_VIEW_PERSONAL): set(),
    (Role.SUPERVISOR, A.FOI_HANDLE): set(),
    (Role.SUPERVISOR, A.FOI_APPROVE_EXTENSION): set(),
    (Role.ADMIN, A.FOI_VIEW): set(),
    (Role.ADMIN, A.FOI_VIEW_PERSONAL): set(),
    (Role.ADMIN, A.FOI_HANDLE): set(),
    (Role.ADMIN, A.FOI_APPROVE_EXTENSION): set(),
}


def test_matrix_covers_every_role_and_foi_action():
    assert {(r, a) for r in Role for a in FOI_ACTIONS} == set(FOI_EXPECTED)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", FOI_ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_foi_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in FOI_EXPECTED[(role, action)])


@pytest.mark.parametrize("action", FOI_ACTIONS)
def test_anonymous_may_do_nothing(tree, action):
    from django.contrib.auth.models import AnonymousUser

    orgs, _ = tree
    assert not any(can(AnonymousUser(), action, org) for org in orgs.values())


def test_organisations_where_matches_can(tree):
    orgs, users = tree
    for user in users.values():
        for action in FOI_ACTIONS:
            allowed = set(organisations_where(user, action).values_list("code", flat=True))
            assert allowed == {code for code, org in orgs.items() if can(user, action, org)}
