import datetime as dt

import pytest

from gongkai.core import clock

from . import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Attachments go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pinned():
    """Pin the clock to 2026-03-10 10:00 Asia/Shanghai (a Tuesday) and release it afterwards."""
    moment = dt.datetime(2026, 3, 10, 2, 0, tzinfo=dt.timezone.utc)
    clock.pin(moment)
    yield moment
    clock.pin(None)


@pytest.fixture
def w(tree, seed_templates):
    return factories.world(tree)
