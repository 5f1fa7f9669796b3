"""The 政务新媒体 rows of the permission matrix: role × organisation relation × action."""
import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can

OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
ACTIONS = [A.NEWMEDIA_VIEW, A.NEWMEDIA_EDIT, A.NEWMEDIA_AGREE, A.NEWMEDIA_APPROVE]
NONE: set = set()

EXPECTED = {
    (Role.DRAFTER, A.NEWMEDIA_VIEW): {OWN},
    (Role.DRAFTER, A.NEWMEDIA_EDIT): NONE,
    (Role.DRAFTER, A.NEWMEDIA_AGREE): NONE,
    (Role.DRAFTER, A.NEWMEDIA_APPROVE): NONE,
    (Role.OFFICE, A.NEWMEDIA_VIEW): {OWN},
    (Role.OFFICE, A.NEWMEDIA_EDIT): {OWN},
    (Role.OFFICE, A.NEWMEDIA_AGREE): NONE,
    (Role.OFFICE, A.NEWMEDIA_APPROVE): NONE,
    (Role.SECRECY, A.NEWMEDIA_VIEW): {OWN},
    (Role.SECRECY, A.NEWMEDIA_EDIT): NONE,
    (Role.SECRECY, A.NEWMEDIA_AGREE): NONE,
    (Role.SECRECY, A.NEWMEDIA_APPROVE): NONE,
    (Role.LEADER, A.NEWMEDIA_VIEW): {OWN},
    (Role.LEADER, A.NEWMEDIA_EDIT): NONE,
    (Role.LEADER, A.NEWMEDIA_AGREE): {OWN},
    (Role.LEADER, A.NEWMEDIA_APPROVE): NONE,
    (Role.OFFICE_HEAD, A.NEWMEDIA_VIEW): NONE,
    (Role.OFFICE_HEAD, A.NEWMEDIA_EDIT): NONE,
    (Role.OFFICE_HEAD, A.NEWMEDIA_AGREE): NONE,
    (Role.OFFICE_HEAD, A.NEWMEDIA_APPROVE): NONE,
    # A supervisor reads the subtree and decides only where a request waits (the kernel asks about the
    # reviewing organisation: the requester's parent, or further up once forwarded).
    (Role.SUPERVISOR, A.NEWMEDIA_VIEW): {OWN, CHILD},
    (Role.SUPERVISOR, A.NEWMEDIA_EDIT): NONE,
    (Role.SUPERVISOR, A.NEWMEDIA_AGREE): NONE,
    (Role.SUPERVISOR, A.NEWMEDIA_APPROVE): {OWN},
    (Role.ADMIN, A.NEWMEDIA_VIEW): NONE,
    (Role.ADMIN, A.NEWMEDIA_EDIT): NONE,
    (Role.ADMIN, A.NEWMEDIA_AGREE): NONE,
    (Role.ADMIN, A.NEWMEDIA_APPROVE): NONE,
}


def test_matrix_covers_every_role_and_newmedia_action():
    assert {(r, a) for r in Role for a in ACTIONS} == set(EXPECTED)
    assert {a for a in Action if a.value.startswith("newmedia.")} == set(ACTIONS)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_newmedia_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in EXPECTED[(role, action)])


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_may_do_nothing(tree, action):
    orgs, _ = tree
    assert not any(can(AnonymousUser(), action, org) for org in orgs.values())
