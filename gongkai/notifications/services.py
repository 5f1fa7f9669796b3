"""Queue notifications in the caller's transaction; deliver them after commit, retrying on failure."""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q

from gongkai.core import clock

from . import sms
from .models import Channel, OutboxMessage, Status

log = logging.getLogger("gongkai.notifications")

# Wait before attempt n+1 after n failures; after the last one the message is marked failed.
RETRY_DELAYS = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30),
                dt.timedelta(hours=2), dt.timedelta(hours=12))
LEASE = dt.timedelta(minutes=10)


def notification_queue(*, channel: str, kind: str, recipient: str, subject: str, body: str, dedupe_key: str,
                       target=None) -> OutboxMessage | None:
    """Write one message to the outbox (idempotent by `dedupe_key`) and send it after commit.

    Returns None when the channel is off (SMS without a gateway) or the message was queued before.
    """
    if channel == Channel.SMS and not sms.get_backend().enabled:
        return None
    now = clock.now()
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                channel=channel, kind=kind, recipient=recipient, subject=subject[:200], body=body,
                dedupe_key=dedupe_key[:200], next_attempt_at=now, created_at=now,
                target_type=target._meta.label_lower if target is not None else "",
                target_id=str(target.pk) if target is not None else "",
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: notification_deliver(ids=[message.pk]))
    return message


def _claim(message_id: int, now: dt.datetime) -> bool:
    """Take one due message for sending; exactly one process wins (a conditional UPDATE)."""
    due = Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(status=Status.SENDING, lease_until__lt=now)
    return OutboxMessage.objects.filter(due, pk=message_id).update(status=Status.SENDING, lease_until=now + LEASE) == 1


def _send(message: OutboxMessage) -> None:
    if message.channel == Channel.EMAIL:
        with get_connection() as connection:
            EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient],
                         connection=connection).send(fail_silently=False)
    else:
        if sms.get_backend().send_messages([sms.SmsMessage(message.recipient, message.body)]) != 1:
            raise RuntimeError("the SMS gateway did not accept the message")


def notification_deliver(*, ids: list[int] | None = None, limit: int = 200) -> dict[str, int]:
    """Send due messages (all due ones, or only `ids`); return counts of sent and failed attempts."""
    now = clock.now()
    due = Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(status=Status.SENDING, lease_until__lt=now)
    qs = OutboxMessage.objects.filter(due)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    counts = {"sent": 0, "retry": 0, "failed": 0}
    for message_id in list(qs.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]):
        if not _claim(message_id, now):
            continue
        message = OutboxMessage.objects.get(pk=message_id)
        try:
            _send(message)
        except Exception as exc:  # SMTP and gateway errors of every kind: record and retry
            attempts = message.attempts + 1
            final = attempts > len(RETRY_DELAYS)
            OutboxMessage.objects.filter(pk=message_id).update(
                status=Status.FAILED if final else Status.PENDING, attempts=attempts, lease_until=None,
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
                next_attempt_at=now if final else clock.now() + RETRY_DELAYS[attempts - 1],
            )
            counts["failed" if final else "retry"] += 1
            log.warning("notification %s to %s failed (attempt %s): %s", message_id, message.recipient, attempts, exc)
        else:
            OutboxMessage.objects.filter(pk=message_id).update(
                status=Status.SENT, attempts=message.attempts + 1, sent_at=clock.now(), lease_until=None, last_error="")
            counts["sent"] += 1
    return counts
