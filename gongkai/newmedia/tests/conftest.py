import datetime as dt

import pytest

from gongkai.core import clock

SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 6, 10, 10, 0, tzinfo=SH)


@pytest.fixture(autouse=True)
def pinned_clock():
    """Every test runs on 2026-06-10 10:00 Beijing time unless it pins another moment."""
    clock.pin(NOW)
    yield
    clock.pin(None)


class World:
    pass


@pytest.fixture
def w(tree):
    orgs, users = tree
    world = World()
    world.orgs, world.users = orgs, users
    world.zz, world.yc, world.jc, world.sx = orgs["sx-jc-zz"], orgs["sx-jc-yc"], orgs["sx-jc"], orgs["sx"]
    for name in ("zz_office", "zz_leader", "zz_drafter", "zz_secrecy", "zz_office_head", "yc_office", "yc_leader",
                 "jc_supervisor", "sx_supervisor", "sx_admin"):
        setattr(world, name, users[name])
    return world
