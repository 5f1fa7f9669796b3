"""The one place the application reads the time, so tests can pin it."""
import datetime as dt

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """Return the current aware datetime (UTC), or the pinned one in tests."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Return today's date in Asia/Shanghai."""
    return timezone.localtime(now()).date()


def pin(moment: dt.datetime | None) -> None:
    """Pin the clock to an aware datetime (None releases it). For tests and benchmarks."""
    global _frozen
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("pin() needs an aware datetime")
    _frozen = moment
