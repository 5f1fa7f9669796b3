"""The permission matrix through the services: every role in every relation, as the actor of a real write.

The rules table (test_permissions.py) says who *may*; these tests call each organisations service
as that user and check the service refuses exactly the others — and writes nothing when it does.
"""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditEvent
from gongkai.organisations import services
from gongkai.organisations.models import Organisation, Role, RoleAssignment, User
from gongkai.organisations.permissions import Action

from .test_permissions import CHILD, EXPECTED, OWN, PARENT, SIBLING
from .test_services import VALID_USCC

RELATIONS = [OWN, CHILD, PARENT, SIBLING]


def _user(orgs, role) -> User:
    user = User.objects.create_user(username=f"svc-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    return user


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("relation", RELATIONS)
def test_credit_code_service_follows_the_matrix(tree, role, relation):
    orgs, _users = tree
    user, target = _user(orgs, role), orgs[relation]
    allowed = relation in EXPECTED[(role, Action.ORGANISATION_ADMIN)]
    if allowed:
        services.organisation_set_credit_code(organisation=target, actor=user, credit_code=VALID_USCC)
    else:
        with pytest.raises(PermissionDenied):
            services.organisation_set_credit_code(organisation=target, actor=user, credit_code=VALID_USCC)
    target.refresh_from_db()
    assert (target.credit_code == VALID_USCC) is allowed
    assert AuditEvent.objects.filter(action="organisation.credit_code_set").count() == int(allowed)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("relation", RELATIONS)
def test_move_service_follows_the_matrix(tree, role, relation):
    """Renaming an organisation's code (its parent stays): allowed exactly where the matrix says."""
    orgs, _users = tree
    user, target = _user(orgs, role), orgs[relation]
    parent_allowed = target.parent_id is None or any(
        orgs[r].pk == target.parent_id for r in EXPECTED[(role, Action.ORGANISATION_ADMIN)])
    allowed = relation in EXPECTED[(role, Action.ORGANISATION_ADMIN)] and parent_allowed
    before = dict(Organisation.objects.values_list("pk", "path"))
    if allowed:
        services.organisation_move(organisation=target, actor=user, new_code=target.code + "-x", keep_parent=True,
                                   reason="机构更名")
    else:
        with pytest.raises(PermissionDenied):
            services.organisation_move(organisation=target, actor=user, new_code=target.code + "-x",
                                       keep_parent=True, reason="机构更名")
        assert dict(Organisation.objects.values_list("pk", "path")) == before
    assert AuditEvent.objects.filter(action="organisation.moved").count() == int(allowed)


def test_the_matrix_grants_the_admin_role_somewhere():
    """Guard for the two tests above: they would pass vacuously if nobody were allowed anything."""
    assert EXPECTED[(Role.ADMIN, Action.ORGANISATION_ADMIN)] == {OWN, CHILD}
    assert PARENT not in EXPECTED[(Role.ADMIN, Action.ORGANISATION_ADMIN)]


def test_moving_an_organisation_needs_admin_over_it_not_only_over_the_new_parent(tree):
    """An administrator of 泽州县 may not pull the sibling 阳城县 under 泽州县 (admin over the new parent only)."""
    orgs, _users = tree
    admin = _user(orgs, Role.ADMIN)
    before = dict(Organisation.objects.values_list("pk", "path"))
    with pytest.raises(PermissionDenied):
        services.organisation_move(organisation=orgs[SIBLING], actor=admin, new_parent=orgs[OWN], reason="调整")
    assert dict(Organisation.objects.values_list("pk", "path")) == before
    assert not AuditEvent.objects.filter(action="organisation.moved").exists()
