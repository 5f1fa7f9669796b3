import datetime as dt

import pytest

from gongkai.core import clock

SH = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(autouse=True)
def release_clock():
    """Every engagement test may pin the clock; release it afterwards."""
    yield
    clock.pin(None)


@pytest.fixture
def orgs(tree):
    return tree[0]


@pytest.fixture
def users(tree):
    return tree[1]


@pytest.fixture
def zz(orgs):
    return orgs["sx-jc-zz"]


@pytest.fixture
def office(users):
    return users["zz_office"]


@pytest.fixture
def leader(users):
    return users["zz_leader"]
