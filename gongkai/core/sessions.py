"""The session engine: Django's database sessions, with an existing session saved in one statement.

Django's ``db`` engine wraps every save in ``transaction.atomic()``: on PostgreSQL that is a BEGIN
and a COMMIT round trip around the one UPDATE. The session middleware saves after the view, in
autocommit, where updating an existing session is a single UPDATE and its own transaction — so
there it runs without the block (each public form submission saves its receipt in the session:
issue 25's write path). A session that is gone raises ``UpdateError`` as before. Inside a
caller's transaction, and when creating a session (``must_create``: a key collision must be told
apart), Django's own code runs, with its savepoint.
"""
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, router, transaction


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        using = router.db_for_write(self.model)
        if must_create or self.session_key is None or transaction.get_connection(using).in_atomic_block:
            return super().save(must_create=must_create)
        obj = self.create_model_instance(self._get_session())
        try:
            obj.save(force_update=True, using=using)
        except DatabaseError as exc:
            raise UpdateError from exc
