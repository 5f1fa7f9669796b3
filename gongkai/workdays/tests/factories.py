"""Users with roles, for permission-dependent tests."""
import itertools

from gongkai.organisations.models import Level, Organisation, Role, RoleAssignment, User

_seq = itertools.count(1)


def organisation(**kwargs) -> Organisation:
    n = next(_seq)
    defaults = {"code": f"org{n}", "name": f"应急管理局{n}", "level": Level.COUNTY}
    defaults.update(kwargs)
    return Organisation.objects.create(**defaults)


def user(*, role: str | None = None, org: Organisation | None = None, **kwargs) -> User:
    n = next(_seq)
    defaults = {"username": f"user{n}", "is_staff": True}
    defaults.update(kwargs)
    u = User.objects.create_user(password="pw", **defaults)
    if role:
        RoleAssignment.objects.create(user=u, organisation=org or organisation(), role=role)
    return u


def calendar_admin() -> User:
    return user(role=Role.ADMIN)
