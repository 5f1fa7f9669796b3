"""A database cache for counters and single-use marks shared by every worker (rate limits, spent
human-check questions), without Redis.

Django's DatabaseCache is not fit for this, in three ways this class mends:

* ``incr`` reads and then writes the value, so two workers counting the same client at once may
  both write n+1 and one hit is lost. Here the read and the write run in one transaction holding
  the row (PostgreSQL ``SELECT … FOR UPDATE``; on SQLite every write transaction of this project
  begins IMMEDIATE, see settings, which serialises writers already).
* Every ``add``/``set`` first runs ``SELECT COUNT(*)`` over the whole table — linear in the table,
  which holds every client and every question of the last hour — and when the count passes
  ``MAX_ENTRIES`` (300 by default) it deletes a third of the rows *whatever their expiry*: a spent
  question could be answered again, a client's counter restarted. Here ``add`` is ONE statement
  (``INSERT … ON CONFLICT DO UPDATE … WHERE expired … RETURNING``: inserted, or an expired row
  replaced, or nothing when a live row holds the key) and ``incr`` updates in place; rows leave the
  table only when they have expired (one sweep of expired rows every ``SWEEP_EVERY`` adds).
* ``add`` of Django's cache is a read, then a write, in a transaction: three round trips and a
  commit more than the one statement.

Only ``add`` and ``incr`` (what django-ratelimit and the human check call) are changed; ``get``,
``set`` and the rest are Django's.
"""
from __future__ import annotations

import base64
import datetime as dt
import pickle
import secrets

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone

SWEEP_EVERY = 200  # on average one add in this many deletes the expired rows


class AtomicDatabaseCache(DatabaseCache):
    def _target(self):
        connection = connections[router.db_for_write(self.cache_model_class)]
        return connection, connection.ops.quote_name(self._table)

    def _now(self) -> dt.datetime:
        return timezone.now().replace(microsecond=0)

    def _expiry(self, timeout) -> dt.datetime:
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return dt.datetime.max.replace(tzinfo=dt.timezone.utc, microsecond=0)
        return dt.datetime.fromtimestamp(timeout, tz=dt.timezone.utc).replace(microsecond=0)

    def _encode(self, value) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        """Store `value` under `key` unless a live entry holds it; return True when stored."""
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._target()
        adapt = connection.ops.adapt_datetimefield_value
        now = self._now()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
                f"WHERE {table}.expires < %s RETURNING cache_key",
                [key, self._encode(value), adapt(self._expiry(timeout)), adapt(now)])
            added = cursor.fetchone() is not None
            if secrets.randbelow(SWEEP_EVERY) == 0:
                cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [adapt(now)])  # noqa: S608
        return added

    def incr(self, key, delta=1, version=None):
        """Add `delta` to a live entry's number and return the new number (ValueError when absent)."""
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._target()
        adapt = connection.ops.adapt_datetimefield_value
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {table} WHERE cache_key = %s AND expires >= %s{lock}",  # noqa: S608
                           [key, adapt(self._now())])
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301 - our own rows
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s",  # noqa: S608
                           [self._encode(value), key])
        return value
