"""Numbering: the one helper for every counter the product issues.

``next_value(key)`` increments the counter row with ONE statement, ``UPDATE … SET last = last + 1
… RETURNING last``, which takes the row lock and reads the new value in a single round trip
(PostgreSQL; SQLite ≥ 3.35 has RETURNING too and runs write transactions with BEGIN IMMEDIATE,
see settings). Numbers are gapless: the lock is held until the caller's transaction ends, so a
rolled-back allocation is issued again — callers should therefore draw the number as late as
possible in their transaction. With ``taken`` (a function telling whether a number is already
used — e.g. by an imported historical row), the allocator skips such numbers, so an import can
never leave an organisation's live numbering stuck on a collision.

Measured with bench/bench_write_path.py (its "sequence" line): the former SELECT … FOR UPDATE
followed by an UPDATE held the lock for two round trips instead of one.
"""
from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction

from .models import Sequence

# A counter never skips more than this many taken numbers in one call: the numbers in use ahead of
# a counter come from imports, which are bounded; a loop without an end would hide a bug.
MAX_SKIP = 100_000


def _locked_row(key: str) -> Sequence:
    row = Sequence.objects.select_for_update().filter(key=key).first()
    if row is None:
        _create(key)
        row = Sequence.objects.select_for_update().get(key=key)
    return row


def _create(key: str) -> None:
    try:
        with transaction.atomic():
            Sequence.objects.create(key=key, last=0)
    except IntegrityError:
        pass  # another transaction created it first


def _increment(key: str) -> int | None:
    """Add one to counter `key` and return the new value (None when the row does not exist yet)."""
    connection = transaction.get_connection()
    table = connection.ops.quote_name(Sequence._meta.db_table)
    last = connection.ops.quote_name(Sequence._meta.get_field("last").column)
    column = connection.ops.quote_name(Sequence._meta.get_field("key").column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {last} = {last} + 1 WHERE {column} = %s RETURNING {last}",  # noqa: S608
                       [key])
        row = cursor.fetchone()
    return row[0] if row else None


def next_value(key: str, *, taken: Callable[[int], bool] | None = None) -> int:
    """Return the next number of counter `key`; must be called inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence.next_value() must run inside transaction.atomic()")
    value = _increment(key)
    if value is None:
        _create(key)
        value = _increment(key)
    if taken is not None and taken(value):
        skipped = 0
        while taken(value):
            value += 1
            skipped += 1
            if skipped > MAX_SKIP:
                raise RuntimeError(f"sequence {key!r}: more than {MAX_SKIP} numbers already taken")
        Sequence.objects.filter(key=key).update(last=value)  # the row is ours until commit
    return value


def peek(key: str) -> int:
    """Return the last number issued by counter `key` (0 when none)."""
    return Sequence.objects.filter(key=key).values_list("last", flat=True).first() or 0


def set_at_least(key: str, value: int) -> None:
    """Move counter `key` forward to `value` (never back), e.g. after importing numbered rows."""
    with transaction.atomic():
        row = _locked_row(key)
        if value > row.last:
            row.last = value
            row.save(update_fields=["last"])
