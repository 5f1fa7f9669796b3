"""Fixtures shared by every app's tests."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def _stale_catalogs() -> list[Path]:
    """Return the .po files whose compiled .mo is missing or older than the .po."""
    stale = []
    for po in (ROOT / "gongkai").glob("**/locale/*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """Compile the message catalogs when a fresh clone has none (or a .po changed since): tests stand alone.

    Uses Django's ``compilemessages`` (GNU gettext's msgfmt, a Debian package the Makefile installs).
    """
    stale = _stale_catalogs()
    if stale:
        from asgiref.local import Local
        from django.core.management import call_command
        from django.utils.translation import trans_real

        call_command("compilemessages", verbosity=0, locale=sorted({p.parent.parent.name for p in stale}),
                     ignore_patterns=[".venv", "var", "node_modules"])
        # A catalog loaded before the compilation (without its .mo) is read again.
        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = Local()


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
    from gongkai.organisations.demo import ensure_logins, ensure_tree
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
def _fresh_process_caches():
    """Each test reads the demo flag and renders the blank forms from its own database (a process
    keeps the flag a few seconds and the blank form pages per page generation, which a test's
    database, rolled back, does not advance)."""
    from django.core.cache import caches

    from gongkai.portal import demo

    demo.forget_flag()
    caches["fragments"].clear()
    yield
    demo.forget_flag()


@pytest.fixture(autouse=True)
def _release_clock():
    """Release a clock a test pinned, even when the test failed half-way."""
    yield
    from gongkai.core import clock

    clock.pin(None)
