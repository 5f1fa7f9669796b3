"""Plain factory functions for catalog tests (no factory library)."""
from __future__ import annotations

import io

from django.core.management import call_command

from gongkai.catalog.models import Catalog
from gongkai.organisations.models import Level, Organisation, Role, RoleAssignment, User


def make_org(code: str, name: str | None = None, level: str = Level.COUNTY, parent: Organisation | None = None) -> Organisation:
    """Create an organisation (a county by default)."""
    return Organisation.objects.create(code=code, name=name or f"{code}应急管理局", level=level, parent=parent)


def make_user(username: str, org: Organisation | None = None, role: str | None = Role.OFFICE) -> User:
    """Create a user holding `role` in `org` (no role when either is None)."""
    user = User.objects.create_user(username=username, password="test-password-1", display_name=username)
    if org is not None and role is not None:
        RoleAssignment.objects.create(user=user, organisation=org, role=role)
    return user


def import_templates() -> dict[str, Catalog]:
    """Import both national templates from seed 000 through the real command; return them by domain."""
    call_command("import_standard_catalogs", stdout=io.StringIO())
    return {c.domain: c for c in Catalog.objects.filter(is_template=True)}
