import pytest

from . import fakes


@pytest.fixture
def fake_wording(monkeypatch):
    return fakes.use(monkeypatch)
