"""The session engine (core/sessions.py): an existing session is saved in one statement."""
import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.utils.module_loading import import_module

pytestmark = pytest.mark.django_db


def _store(key=None):
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


def test_the_configured_engine_is_the_one_statement_engine():
    from gongkai.core.sessions import SessionStore

    assert isinstance(_store(), SessionStore)


@pytest.mark.django_db(transaction=True)  # autocommit, as the session middleware saves after the view
def test_an_existing_session_is_saved_by_one_update_and_keeps_its_data(django_assert_num_queries):
    first = _store()
    first["receipt"] = {"number": "SX-JC-ZZ-2026-00001"}
    first.create()
    again = _store(first.session_key)
    again.load()
    again["granted"] = {"7": "ABCD"}
    with django_assert_num_queries(1):  # no savepoint or transaction block around the UPDATE
        again.save()
    stored = _store(first.session_key).load()
    assert stored == {"receipt": {"number": "SX-JC-ZZ-2026-00001"}, "granted": {"7": "ABCD"}}
    assert Session.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_saving_a_session_deleted_meanwhile_raises_update_error_and_creates_nothing():
    s = _store()
    s["x"] = 1
    s.create()
    Session.objects.all().delete()  # logged out in another tab, or expired and cleared
    s["y"] = 2
    with pytest.raises(UpdateError):
        s.save()
    assert not Session.objects.exists()


def test_inside_a_transaction_the_save_keeps_djangos_savepoint_so_a_gone_session_breaks_nothing():
    s = _store()
    s["x"] = 1
    s.create()
    Session.objects.all().delete()
    s["y"] = 2
    with pytest.raises(UpdateError):
        s.save()
    assert not Session.objects.exists()  # the surrounding transaction is still usable
