"""Who may fix wording findings and who may keep one: role × organisation relation × action."""
import pytest

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can

# The user holds the role in 泽州县 (sx-jc-zz); the target is the same, a township below, the city
# above or the neighbouring county.
OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
ACTIONS = [A.PROOFING_FIX, A.PROOFING_OVERRIDE]
EXPECTED = {
    Role.DRAFTER: {A.PROOFING_FIX: {OWN}, A.PROOFING_OVERRIDE: set()},
    Role.OFFICE: {A.PROOFING_FIX: {OWN}, A.PROOFING_OVERRIDE: set()},
    Role.SECRECY: {A.PROOFING_FIX: set(), A.PROOFING_OVERRIDE: set()},
    Role.LEADER: {A.PROOFING_FIX: set(), A.PROOFING_OVERRIDE: {OWN}},  # the leader of that organisation only
    Role.SUPERVISOR: {A.PROOFING_FIX: set(), A.PROOFING_OVERRIDE: set()},
    Role.ADMIN: {A.PROOFING_FIX: set(), A.PROOFING_OVERRIDE: set()},
    Role.OFFICE_HEAD: {A.PROOFING_FIX: set(), A.PROOFING_OVERRIDE: set()},
}


def test_matrix_covers_every_role_and_action():
    assert set(EXPECTED) == set(Role)
    assert all(set(row) == set(ACTIONS) for row in EXPECTED.values())


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"p-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in EXPECTED[role][action])
