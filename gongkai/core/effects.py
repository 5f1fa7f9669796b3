"""The one side-effect path: what a committed transaction changed, handed once to every subscriber.

Every audit event (``audit.record()``, which the workflow kernel calls once per transition) and
every call of ``touch()`` is *noted* on the transaction that wrote it. When that transaction
commits, each subscriber is called **once** with one ``Batch`` — the audit events that survived
the commit and the labels of the models that changed — outside the transaction, after the row
locks are gone. Nothing is called for a transaction that rolls back. Subscribers register in an
``AppConfig.ready()``::

    effects.subscribe(listener)        # listener(batch: effects.Batch) -> None

Today's subscribers: the public-page cache (``ops.cache``: one new generation per committed
transaction that changed a public model) and the applicant notices (``notifications.triggers``).
No ``post_save`` receivers do this work.

``touch(*models)`` is the helper for a write that is NOT recorded as an audit event about the
model it changes (an admin edit, a bulk import, a demo loader, a derived field updated with
``QuerySet.update()``): call it inside the writing transaction (or after an autocommit write).

Savepoints: a batch holds only the events whose rows were committed — an event written inside a
savepoint that rolled back is left out (checked against the ``AuditEvent`` table when its
savepoint may have rolled back). A ``touch()`` inside such a savepoint may still count: one
page-cache generation too many is harmless, a notice for a change that never happened is not.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, transaction

log = logging.getLogger("gongkai.effects")


@dataclass(frozen=True)
class Batch:
    """What one committed transaction changed."""

    events: tuple = ()  # the AuditEvent rows, in the order they were written
    labels: frozenset[str] = frozenset()  # "app_label.modelname" of every changed model (events' targets too)

    def changed(self, labels) -> bool:
        """Return True when a model with one of `labels` ("app_label.Model", any case) changed."""
        return bool(self.labels & {label.lower() for label in labels})


_subscribers: list[Callable[[Batch], None]] = []


def subscribe(listener: Callable[[Batch], None]) -> None:
    """Call `listener(batch)` once after the commit of every transaction that noted a change."""
    if listener not in _subscribers:
        _subscribers.append(listener)


def unsubscribe(listener) -> None:
    if listener in _subscribers:
        _subscribers.remove(listener)


def _label(target) -> str:
    if isinstance(target, str):
        return target.lower()
    return target._meta.label_lower  # a model class or instance


@dataclass
class _Pending:
    """The notes of one transaction (one database connection), flushed by the first commit hook that runs."""

    items: list = field(default_factory=list)  # (savepoint ids when noted, event or None, label)
    last_hook: object = None
    hook_sids: frozenset = frozenset()
    done: bool = False


class _Hook:
    """One on-commit callback; the first to run after the commit flushes the whole transaction's notes."""

    __slots__ = ("pending", "sids", "using")

    def __init__(self, pending: _Pending, sids: frozenset, using: str):
        self.pending, self.sids, self.using = pending, sids, using

    def __call__(self):
        _flush(self.pending, self.sids, self.using)


def _note(event, label: str, using: str) -> None:
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:  # autocommit: the write is committed already
        _dispatch(Batch(events=(event,) if event is not None else (), labels=frozenset({label})))
        return
    pending = getattr(connection, "_gongkai_effects", None)
    if pending is None or pending.done or not _alive(connection, pending.last_hook):
        # A new transaction, or the savepoint holding the previous notes rolled back.
        pending = _Pending()
        connection._gongkai_effects = pending
    sids = frozenset(connection.savepoint_ids)
    pending.items.append((sids, event, label))
    # One hook per note (a cheap no-op after the first has flushed): a test capturing the
    # callbacks of one block (captureOnCommitCallbacks) sees a hook for every note it made.
    hook = _Hook(pending, sids, using)
    pending.last_hook = hook
    transaction.on_commit(hook, using=using)


def _alive(connection, hook) -> bool:
    """Return True when `hook` is still waiting for the commit (not dropped by a rollback)."""
    if hook is None:
        return False
    return any(func is hook for _sids, func, _robust in reversed(connection.run_on_commit))


def _flush(pending: _Pending, hook_sids: frozenset, using: str) -> None:
    if pending.done:
        return
    pending.done = True
    # Events written in a savepoint this hook does not share may have been rolled back with it.
    doubtful = [e.pk for sids, e, _label in pending.items if e is not None and not sids <= hook_sids]
    kept = set()
    if doubtful:
        from .models import AuditEvent

        kept = set(AuditEvent.objects.using(using).filter(pk__in=doubtful).values_list("pk", flat=True))
    events, labels = [], set()
    for sids, event, label in pending.items:
        if event is not None and not sids <= hook_sids and event.pk not in kept:
            continue
        if event is not None:
            events.append(event)
        labels.add(label)
    if events or labels:
        _dispatch(Batch(events=tuple(events), labels=frozenset(labels)))


def _dispatch(batch: Batch) -> None:
    for listener in tuple(_subscribers):
        try:
            listener(batch)
        except Exception:  # one subscriber's failure (a cache server down) must not stop the others
            log.exception("after-commit subscriber %r failed", listener)


def note_event(event, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Note an audit event written in the current transaction (called by ``audit.record()``)."""
    _note(event, event.target_type, using)


def touch(*targets, using: str = DEFAULT_DB_ALIAS) -> None:
    """Note that the current transaction changed these models (classes, instances or "app.Model" labels).

    The one call for a write that is not an audit event about the model it changes; subscribers
    (the page cache) see it after the commit, once per transaction however often it is called.
    """
    for target in targets:
        _note(None, _label(target), using)
