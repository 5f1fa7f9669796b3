import pytest

from gongkai.core import clock


@pytest.fixture(autouse=True)
def release_clock():
    yield
    clock.pin(None)
