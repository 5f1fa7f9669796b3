import pytest

from gongkai.core import clock

from .factories import at, world as make_world


@pytest.fixture
def w(tree, seed_templates):
    clock.pin(at(2026, 11, 20, 10, 0))
    yield make_world(tree, seed_templates)
    clock.pin(None)
