"""can_anywhere() for the global calendar action."""
import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.organisations.models import Role
from gongkai.organisations.permissions import Action, can_anywhere

from . import factories

pytestmark = pytest.mark.django_db


def test_admin_role_in_any_organisation_grants_calendar_admin():
    assert can_anywhere(factories.user(role=Role.ADMIN), Action.CALENDAR_ADMIN)


def test_other_roles_and_anonymous_do_not():
    assert not can_anywhere(factories.user(role=Role.OFFICE), Action.CALENDAR_ADMIN)
    assert not can_anywhere(factories.user(), Action.CALENDAR_ADMIN)
    assert not can_anywhere(AnonymousUser(), Action.CALENDAR_ADMIN)


def test_superuser_is_admitted_unless_inactive():
    assert can_anywhere(factories.user(is_superuser=True), Action.CALENDAR_ADMIN)
    assert not can_anywhere(factories.user(is_superuser=True, is_active=False), Action.CALENDAR_ADMIN)
