"""The wording rows of the permission matrix: role × organisation relation × action, and the
service's level limit (townships inherit; nobody edits there)."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can, organisations_where
from gongkai.wording.rule_services import require_edit

OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
A = Action
WORDING_ACTIONS = [A.WORDING_VIEW, A.WORDING_EDIT]

WORDING_EXPECTED = {
    (Role.DRAFTER, A.WORDING_VIEW): {OWN},
    (Role.DRAFTER, A.WORDING_EDIT): set(),
    (Role.OFFICE, A.WORDING_VIEW): {OWN},
    (Role.OFFICE, A.WORDING_EDIT): {OWN},
    (Role.SECRECY, A.WORDING_VIEW): {OWN},
    (Role.SECRECY, A.WORDING_EDIT): set(),
    (Role.LEADER, A.WORDING_VIEW): {OWN},
    (Role.LEADER, A.WORDING_EDIT): set(),
    (Role.OFFICE_HEAD, A.WORDING_VIEW): {OWN},
    (Role.OFFICE_HEAD, A.WORDING_EDIT): set(),
    (Role.SUPERVISOR, A.WORDING_VIEW): {OWN, CHILD},
    (Role.SUPERVISOR, A.WORDING_EDIT): set(),
    (Role.ADMIN, A.WORDING_VIEW): {OWN, CHILD},
    (Role.ADMIN, A.WORDING_EDIT): {OWN, CHILD},
}


def test_matrix_covers_every_role_and_wording_action():
    assert {(r, a) for r in Role for a in WORDING_ACTIONS} == set(WORDING_EXPECTED)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", WORDING_ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_wording_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in WORDING_EXPECTED[(role, action)])


@pytest.mark.parametrize("code, allowed", [("sx", True), ("sx-jc", True), ("sx-jc-zz", True), ("sx-jc-zz-nc", False)])
def test_edit_limited_to_province_city_county(tree, code, allowed):
    orgs, users = tree
    if allowed:
        require_edit(users["sx_admin"], orgs[code])
    else:
        with pytest.raises(PermissionDenied):
            require_edit(users["sx_admin"], orgs[code])


def test_organisations_where_matches_can(tree):
    orgs, users = tree
    for user in users.values():
        for action in WORDING_ACTIONS:
            allowed = set(organisations_where(user, action).values_list("code", flat=True))
            assert allowed == {code for code, org in orgs.items() if can(user, action, org)}
