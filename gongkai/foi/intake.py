"""Guards of the public intake: a database-backed rate limit and a signed arithmetic question.

Neither needs an external service. Settings:
* FOI_RATE_LIMITS = {"submit": (count, seconds), "track": …, "correct": …} (default
  DEFAULT_LIMITS); a bucket set to None, or the whole setting to {}, disables that limit. Only
  the intake benchmark's settings (bench/foi_bench_settings.py) turn it off, because all its
  clients share one address.
* FOI_HUMAN_CHECK = True; the question is an addition or subtraction of small numbers, signed
  with the secret key and valid for FOI_HUMAN_CHECK_MAX_AGE seconds (default 3600). The
  benchmark keeps it on and solves the question like a person.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core import signing

from gongkai.core import clock

from .models import IntakeHit

DEFAULT_LIMITS = {"submit": (5, 3600), "track": (30, 600), "correct": (10, 3600)}
_SALT = "gongkai.foi.human-check"
_NUMBERS = "零一二三四五六七八九十"


def _limits() -> dict:
    value = getattr(settings, "FOI_RATE_LIMITS", DEFAULT_LIMITS)
    return value or {}


def client_key(request) -> str:
    """Return a hash of the client address (the address itself is personal data and not stored)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:40]


def rate_limited(request, bucket: str) -> bool:
    """Count this hit and return True when the client exceeded the bucket's limit."""
    limit = _limits().get(bucket)
    if not limit:
        return False
    count, seconds = limit
    now = clock.now()
    key = client_key(request)
    since = now - dt.timedelta(seconds=seconds)
    recent = IntakeHit.objects.filter(bucket=bucket, client=key, created_at__gte=since).count()
    if recent >= count:
        return True
    IntakeHit.objects.create(bucket=bucket, client=key, created_at=now)
    # Old hits are useless; drop them now and then (no scheduler needed).
    if secrets.randbelow(50) == 0:
        IntakeHit.objects.filter(created_at__lt=now - dt.timedelta(days=1)).delete()
    return False


def human_check_enabled() -> bool:
    return getattr(settings, "FOI_HUMAN_CHECK", True)


def new_question() -> tuple[str, str]:
    """Return (question text, signed token) for the arithmetic check."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and a >= b:
        text, answer = f"{_NUMBERS[a]}减{_NUMBERS[b]}等于几？", a - b
    else:
        text, answer = f"{_NUMBERS[a]}加{_NUMBERS[b]}等于几？", a + b
    token = signing.dumps({"h": hashlib.sha256(f"{answer}:{settings.SECRET_KEY}".encode()).hexdigest()[:16],
                           "n": secrets.token_hex(4)}, salt=_SALT)
    return text, token


def check_answer(token: str, answer: str) -> bool:
    """Return True when `answer` solves the question signed in `token` (and it has not expired)."""
    max_age = getattr(settings, "FOI_HUMAN_CHECK_MAX_AGE", 3600)
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    answer = (answer or "").strip()
    if not answer.lstrip("-").isdigit():
        return False
    expected = hashlib.sha256(f"{int(answer)}:{settings.SECRET_KEY}".encode()).hexdigest()[:16]
    return secrets.compare_digest(expected, data.get("h", ""))
