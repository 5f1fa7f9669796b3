"""The outreach rows of the permission matrix: role × organisation relation × action."""
import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can

OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
ACTIONS = [A.OUTREACH_VIEW, A.OUTREACH_VIEW_PERSONAL, A.OUTREACH_EDIT]
NONE: set = set()

EXPECTED = {(r, a): NONE for r in Role for a in ACTIONS}
EXPECTED.update({
    (Role.OFFICE, A.OUTREACH_VIEW): {OWN},
    (Role.OFFICE, A.OUTREACH_VIEW_PERSONAL): {OWN},
    (Role.OFFICE, A.OUTREACH_EDIT): {OWN},
    (Role.LEADER, A.OUTREACH_VIEW): {OWN},
    (Role.SUPERVISOR, A.OUTREACH_VIEW): {OWN, CHILD},
})


def test_matrix_covers_every_outreach_action():
    assert {a for a in Action if a.value.startswith("outreach.")} == set(ACTIONS)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_outreach_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in EXPECTED[(role, action)])


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_may_do_nothing(tree, action):
    orgs, _ = tree
    assert not any(can(AnonymousUser(), action, org) for org in orgs.values())
