"""The shared counter cache (rate limits, spent human-check questions): add once, count atomically,
never drop a live entry."""
import threading

import pytest
from django.core.cache import caches
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from gongkai.core import cache as shared

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def store():
    c = caches["ratelimit"]
    c.clear()
    return c


def test_add_stores_once_while_the_entry_lives(store):
    assert store.add("question.1", 1, 60) is True
    assert store.add("question.1", 2, 60) is False
    assert store.get("question.1") == 1


def test_add_replaces_an_expired_entry(store):
    assert store.add("question.2", 1, 60) is True
    table = connection.ops.quote_name("gongkai_ratelimit")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET expires = %s",  # noqa: S608
                       [connection.ops.adapt_datetimefield_value(store._now().replace(year=2000))])
    assert store.get("question.2") is None
    assert store.add("question.2", 5, 60) is True and store.get("question.2") == 5


def test_add_is_one_statement_without_counting_the_table(store, monkeypatch):
    monkeypatch.setattr(shared, "SWEEP_EVERY", 10**9)
    with CaptureQueriesContext(connection) as ctx:
        store.add("question.3", 1, 60)
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert len(sqls) == 1 and "COUNT" not in sqls[0].upper()


def test_live_entries_are_never_culled(store):
    """Django's DatabaseCache deletes a third of its rows past MAX_ENTRIES (300), expired or not: a
    spent question could then be answered again."""
    for n in range(400):
        assert store.add(f"spent.{n}", 1, 3600)
    store.incr("spent.0")
    assert all(store.add(f"spent.{n}", 1, 3600) is False for n in range(400))


def test_incr_counts_a_live_entry_and_refuses_a_missing_one(store):
    store.add("client.a", 0, 60)
    assert store.incr("client.a") == 1 and store.incr("client.a", 5) == 6
    assert store.get("client.a") == 6
    with pytest.raises(ValueError):
        store.incr("client.missing")


def test_expired_entries_are_swept(store, monkeypatch):
    store.add("old", 1, 60)
    table = connection.ops.quote_name("gongkai_ratelimit")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET expires = %s",  # noqa: S608
                       [connection.ops.adapt_datetimefield_value(store._now().replace(year=2000))])
    monkeypatch.setattr(shared.secrets, "randbelow", lambda n: 0)
    store.add("new", 1, 60)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # noqa: S608
        keys = [row[0] for row in cursor.fetchall()]
    assert len(keys) == 1 and keys[0].endswith("new")


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="concurrent writers need PostgreSQL")
def test_concurrent_increments_lose_no_hit(store):
    store.add("client.busy", 0, 600)
    errors = []

    def hit():
        try:
            for _ in range(25):
                caches["ratelimit"].incr("client.busy")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and store.get("client.busy") == 200
