"""A database cache whose increment is atomic, for counters shared by every worker (rate limits).

Django's DatabaseCache increments by reading and then writing the value, so two workers counting
the same client at once may both write n+1 and one hit is lost. Here the read and the write run in
one transaction holding the row: on PostgreSQL `SELECT … FOR UPDATE`; on SQLite every write
transaction of this project begins IMMEDIATE (settings), which serialises writers already.
"""
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608
                                   [self.make_and_validate_key(key, version=version)])
            return super().incr(key, delta, version)
