"""Fixtures shared by every app's tests."""
import pytest


@pytest.fixture
def seed_templates(db):
    """Import the two national templates from seed 000 through the real command."""
    from django.core.management import call_command

    from gongkai.catalog.models import Catalog

    call_command("import_standard_catalogs", stdout=open("/dev/null", "w"))
    return {c.domain: c for c in Catalog.objects.filter(is_template=True)}


@pytest.fixture
def tree(db):
    """The demo organisation tree: province → city → two counties → townships, one login per role."""
    from gongkai.organisations.management.commands.load_demo import ensure_logins, ensure_tree
    from gongkai.organisations.models import User

    orgs = ensure_tree()
    ensure_logins(orgs, "test-password-1")
    users = {u.username: u for u in User.objects.all()}
    return orgs, users


@pytest.fixture(autouse=True)
def _default_language():
    """Give every test the default language, whatever an earlier request activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _release_clock():
    """Release a clock a test pinned, even when the test failed half-way."""
    yield
    from gongkai.core import clock

    clock.pin(None)
