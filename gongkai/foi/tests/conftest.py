import pytest

from gongkai.core import clock


@pytest.fixture(autouse=True)
def release_clock():
    """Every FOI test may pin the clock; release it afterwards."""
    yield
    clock.pin(None)


@pytest.fixture
def zz(tree):
    orgs, users = tree
    return orgs["sx-jc-zz"]


@pytest.fixture
def office(tree):
    return tree[1]["zz_office"]


@pytest.fixture
def leader(tree):
    return tree[1]["zz_leader"]
