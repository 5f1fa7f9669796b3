"""Pluggable SMS gateway. No provider is built in: a deployment names its backend in settings.

The interface (the same shape as Django's e-mail backends)::

    class MyGatewayBackend(gongkai.notifications.sms.BaseSmsBackend):
        def send_messages(self, messages: list[SmsMessage]) -> int:
            # deliver each message (message.to is a mobile number, message.text the text);
            # return how many were accepted; raise an exception when the gateway fails —
            # the outbox records the error and retries later.

    GONGKAI_SMS_BACKEND=myproject.sms.MyGatewayBackend     (environment)

Built in: ``NullBackend`` (the default: SMS off, nothing is queued), ``FileBackend`` (one file per
message in ``var/sms/``, for development) and ``LocmemBackend`` (tests; messages in ``outbox``).
"""
from __future__ import annotations

import abc
import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


class BaseSmsBackend(abc.ABC):
    """The interface a gateway backend implements (an abstract class: a backend without
    ``send_messages`` cannot be instantiated, so a misconfigured gateway fails at start-up)."""

    enabled = True

    def __init__(self, **options):
        self.options = options

    @abc.abstractmethod
    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Deliver `messages`; return how many the gateway accepted; raise when it fails."""


class NullBackend(BaseSmsBackend):
    """SMS switched off: the outbox does not queue SMS at all."""

    enabled = False

    def send_messages(self, messages):
        return 0


class FileBackend(BaseSmsBackend):
    def send_messages(self, messages):
        directory = Path(getattr(settings, "GONGKAI_SMS_FILE_PATH", settings.VAR_DIR / "sms"))
        directory.mkdir(parents=True, exist_ok=True)
        for m in messages:
            name = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.txt"
            (directory / name).write_text(f"To: {m.to}\n\n{m.text}\n", encoding="utf-8")
        return len(messages)


class LocmemBackend(BaseSmsBackend):
    outbox: list[SmsMessage] = []

    def send_messages(self, messages):
        LocmemBackend.outbox.extend(messages)
        return len(messages)


def get_backend() -> BaseSmsBackend:
    return import_string(settings.GONGKAI_SMS_BACKEND)()
