"""Numbering: the one helper for every counter the product issues.

``next_value(key)`` locks the counter row (SELECT … FOR UPDATE on PostgreSQL; SQLite runs write
transactions with BEGIN IMMEDIATE, see settings) and returns the next number. With ``taken``
(a function telling whether a number is already used — e.g. by an imported historical row), the
allocator skips such numbers, so an import can never leave an organisation's live numbering
stuck on a collision.
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
        try:
            with transaction.atomic():
                Sequence.objects.create(key=key, last=0)
        except IntegrityError:
            pass  # another transaction created it first
        row = Sequence.objects.select_for_update().get(key=key)
    return row


def next_value(key: str, *, taken: Callable[[int], bool] | None = None) -> int:
    """Return the next number of counter `key`; must be called inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence.next_value() must run inside transaction.atomic()")
    row = _locked_row(key)
    value = row.last + 1
    if taken is not None:
        skipped = 0
        while taken(value):
            value += 1
            skipped += 1
            if skipped > MAX_SKIP:
                raise RuntimeError(f"sequence {key!r}: more than {MAX_SKIP} numbers already taken")
    row.last = value
    row.save(update_fields=["last"])
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
