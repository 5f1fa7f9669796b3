"""The engagement rows of the permission matrix: role × organisation relation × action."""
import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can

OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
ACTIONS = [A.ENGAGEMENT_VIEW, A.ENGAGEMENT_VIEW_PERSONAL, A.ENGAGEMENT_EDIT, A.ENGAGEMENT_APPROVE, A.MESSAGE_ANSWER]
NONE: set = set()

EXPECTED = {
    (Role.DRAFTER, A.ENGAGEMENT_VIEW): {OWN},
    (Role.DRAFTER, A.ENGAGEMENT_VIEW_PERSONAL): NONE,
    (Role.DRAFTER, A.ENGAGEMENT_EDIT): NONE,
    (Role.DRAFTER, A.ENGAGEMENT_APPROVE): NONE,
    (Role.DRAFTER, A.MESSAGE_ANSWER): {OWN},
    (Role.OFFICE, A.ENGAGEMENT_VIEW): {OWN},
    (Role.OFFICE, A.ENGAGEMENT_VIEW_PERSONAL): {OWN},
    (Role.OFFICE, A.ENGAGEMENT_EDIT): {OWN},
    (Role.OFFICE, A.ENGAGEMENT_APPROVE): NONE,
    (Role.OFFICE, A.MESSAGE_ANSWER): {OWN},
    (Role.SECRECY, A.ENGAGEMENT_VIEW): {OWN},
    (Role.SECRECY, A.ENGAGEMENT_VIEW_PERSONAL): NONE,
    (Role.SECRECY, A.ENGAGEMENT_EDIT): NONE,
    (Role.SECRECY, A.ENGAGEMENT_APPROVE): NONE,
    (Role.SECRECY, A.MESSAGE_ANSWER): NONE,
    (Role.LEADER, A.ENGAGEMENT_VIEW): {OWN},
    (Role.LEADER, A.ENGAGEMENT_VIEW_PERSONAL): {OWN},
    (Role.LEADER, A.ENGAGEMENT_EDIT): NONE,
    (Role.LEADER, A.ENGAGEMENT_APPROVE): {OWN},
    (Role.LEADER, A.MESSAGE_ANSWER): NONE,
    (Role.SUPERVISOR, A.ENGAGEMENT_VIEW): {OWN, CHILD},
    (Role.SUPERVISOR, A.ENGAGEMENT_VIEW_PERSONAL): NONE,
    (Role.SUPERVISOR, A.ENGAGEMENT_EDIT): NONE,
    (Role.SUPERVISOR, A.ENGAGEMENT_APPROVE): NONE,
    (Role.SUPERVISOR, A.MESSAGE_ANSWER): NONE,
    (Role.ADMIN, A.ENGAGEMENT_VIEW): NONE,
    (Role.ADMIN, A.ENGAGEMENT_VIEW_PERSONAL): NONE,
    (Role.ADMIN, A.ENGAGEMENT_EDIT): NONE,
    (Role.ADMIN, A.ENGAGEMENT_APPROVE): NONE,
    (Role.ADMIN, A.MESSAGE_ANSWER): NONE,
}
if hasattr(Role, "OFFICE_HEAD"):  # the foi engineer's new role lands separately
    # The head of the disclosure office approves request extensions (gongkai.foi) and nothing here.
    EXPECTED.update({(Role.OFFICE_HEAD, a): NONE for a in ACTIONS})


def test_matrix_covers_every_role_and_engagement_action():
    assert {(r, a) for r in Role for a in ACTIONS} == set(EXPECTED)
    assert {a for a in Action if a.value.startswith("engagement.")} == set(ACTIONS)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_engagement_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in EXPECTED[(role, action)])


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_may_do_nothing(tree, action):
    orgs, _ = tree
    assert not any(can(AnonymousUser(), action, org) for org in orgs.values())
