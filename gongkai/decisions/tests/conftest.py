import datetime as dt

import pytest

from .factories import pin


@pytest.fixture
def w(tree):
    """The demo tree, its logins, and the clock on 2026-10-09 (after the 国庆 holiday)."""
    orgs, users = tree
    pin(dt.date(2026, 10, 9))

    class World:
        pass

    world = World()
    world.orgs, world.users = orgs, users
    world.zz, world.yc = orgs["sx-jc-zz"], orgs["sx-jc-yc"]
    return world
