"""The permission matrix: role × organisation relation × action, written out in full."""
import pytest

from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can, organisations_where

# The user holds the role in 泽州县 (sx-jc-zz). Relations of the target organisation to it:
OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"

A = Action
# (role, action) → set of relations in which it is allowed.
EXPECTED = {
    (Role.DRAFTER, A.CATALOG_VIEW_UNPUBLISHED): {OWN},
    (Role.DRAFTER, A.CATALOG_EDIT): set(),
    (Role.DRAFTER, A.CATALOG_REVIEW): set(),
    (Role.DRAFTER, A.CATALOG_OVERVIEW): set(),
    (Role.DRAFTER, A.ORGANISATION_ADMIN): set(),
    (Role.OFFICE, A.CATALOG_VIEW_UNPUBLISHED): {OWN},
    (Role.OFFICE, A.CATALOG_EDIT): {OWN},
    (Role.OFFICE, A.CATALOG_REVIEW): set(),
    (Role.OFFICE, A.CATALOG_OVERVIEW): {OWN},
    (Role.OFFICE, A.ORGANISATION_ADMIN): set(),
    (Role.SECRECY, A.CATALOG_VIEW_UNPUBLISHED): {OWN},
    (Role.SECRECY, A.CATALOG_EDIT): set(),
    (Role.SECRECY, A.CATALOG_REVIEW): set(),
    (Role.SECRECY, A.CATALOG_OVERVIEW): set(),
    (Role.SECRECY, A.ORGANISATION_ADMIN): set(),
    (Role.LEADER, A.CATALOG_VIEW_UNPUBLISHED): {OWN},
    (Role.LEADER, A.CATALOG_EDIT): set(),
    (Role.LEADER, A.CATALOG_REVIEW): {OWN},
    (Role.LEADER, A.CATALOG_OVERVIEW): {OWN},
    (Role.LEADER, A.ORGANISATION_ADMIN): set(),
    (Role.SUPERVISOR, A.CATALOG_VIEW_UNPUBLISHED): {OWN, CHILD},
    (Role.SUPERVISOR, A.CATALOG_EDIT): set(),
    (Role.SUPERVISOR, A.CATALOG_REVIEW): set(),
    (Role.SUPERVISOR, A.CATALOG_OVERVIEW): {OWN, CHILD},
    (Role.SUPERVISOR, A.ORGANISATION_ADMIN): set(),
    (Role.ADMIN, A.CATALOG_VIEW_UNPUBLISHED): set(),
    (Role.ADMIN, A.CATALOG_EDIT): set(),
    (Role.ADMIN, A.CATALOG_REVIEW): set(),
    (Role.ADMIN, A.CATALOG_OVERVIEW): set(),
    (Role.ADMIN, A.ORGANISATION_ADMIN): {OWN, CHILD},
    # The head of the disclosure office approves request extensions (gongkai.foi) and nothing here.
    (Role.OFFICE_HEAD, A.CATALOG_VIEW_UNPUBLISHED): set(),
    (Role.OFFICE_HEAD, A.CATALOG_EDIT): set(),
    (Role.OFFICE_HEAD, A.CATALOG_REVIEW): set(),
    (Role.OFFICE_HEAD, A.CATALOG_OVERVIEW): set(),
    (Role.OFFICE_HEAD, A.ORGANISATION_ADMIN): set(),
}
CATALOG_ACTIONS = [A.CATALOG_VIEW_UNPUBLISHED, A.CATALOG_EDIT, A.CATALOG_REVIEW, A.CATALOG_OVERVIEW, A.ORGANISATION_ADMIN]


def test_matrix_covers_every_role_and_catalog_action():
    assert {(r, a) for r in Role for a in CATALOG_ACTIONS} == set(EXPECTED)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", CATALOG_ACTIONS)
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_matrix(tree, role, action, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"m-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, action, orgs[relation]) is (relation in EXPECTED[(role, action)])


@pytest.mark.parametrize("action", CATALOG_ACTIONS)
def test_anonymous_and_roleless_users_may_do_nothing(tree, action):
    from django.contrib.auth.models import AnonymousUser

    orgs, _ = tree
    roleless = User.objects.create_user(username="nobody", password="x")
    for org in orgs.values():
        assert not can(AnonymousUser(), action, org)
        assert not can(roleless, action, org)


def test_inactive_user_loses_every_permission(tree):
    orgs, users = tree
    office = users["zz_office"]
    assert can(office, A.CATALOG_EDIT, orgs[OWN])
    office.is_active = False
    office.save()
    office = User.objects.get(pk=office.pk)
    assert not can(office, A.CATALOG_EDIT, orgs[OWN])


def test_templates_are_read_only_for_everyone(tree):
    _, users = tree
    for user in users.values():
        assert not can(user, A.CATALOG_EDIT, None)


def test_organisations_where_matches_can(tree):
    orgs, users = tree
    for user in users.values():
        for action in CATALOG_ACTIONS:
            allowed = set(organisations_where(user, action).values_list("code", flat=True))
            assert allowed == {code for code, org in orgs.items() if can(user, action, org)}
