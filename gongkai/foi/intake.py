"""Guards of the public intake: per-client rate limits and a single-use arithmetic question.

Neither needs an external service. Settings:
* FOI_RATE_LIMITS = {"submit": (count, seconds), "track": …, "correct": …} (default
  DEFAULT_LIMITS); a bucket set to None, or the whole setting to {}, disables that limit. Only
  the intake benchmark's settings (bench/foi_bench_settings.py) turn it off, because all its
  clients share one address. Counting is django-ratelimit's fixed window over the cache named by
  RATELIMIT_USE_CACHE (a database table whose increment is atomic, gongkai.core.cache), keyed on
  the client address behind the trusted proxies (gongkai.core.clients).
* FOI_HUMAN_CHECK = True; the question adds or subtracts two numbers up to 99, written in Chinese
  numerals as text (read out by screen readers; no image), signed with the secret key, valid for
  FOI_HUMAN_CHECK_MAX_AGE seconds (default 3600) and good for one answer only: a token that was
  checked once, right or wrong, is refused afterwards.
"""
from __future__ import annotations

import hashlib
import secrets
import unicodedata

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django_ratelimit.core import get_usage

from gongkai.core.clients import client_key

# "signup": open-day sign-ups (gongkai.outreach), limited like submissions.
DEFAULT_LIMITS = {"submit": (5, 3600), "track": (30, 600), "correct": (10, 3600), "signup": (5, 3600)}
_SALT = "gongkai.foi.human-check"
_DIGITS = "零一二三四五六七八九"


def _limits() -> dict:
    value = getattr(settings, "FOI_RATE_LIMITS", DEFAULT_LIMITS)
    return value or {}


def _cache():
    return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]


def rate_limited(request, bucket: str) -> bool:
    """Count this hit and return True when the client exceeded the bucket's limit."""
    limit = _limits().get(bucket)
    if not limit:
        return False
    usage = get_usage(request, group=f"foi.{bucket}", key=lambda _group, req: client_key(req),
                      rate=tuple(limit), increment=True)
    return bool(usage and usage["should_limit"])


def human_check_enabled() -> bool:
    return getattr(settings, "FOI_HUMAN_CHECK", True)


def chinese_number(n: int) -> str:
    """0–99 in Chinese numerals as they are read: 七, 十二, 三十, 四十五."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def parse_chinese_number(text: str) -> int:
    """The inverse of chinese_number: 七 -> 7, 十二 -> 12, 四十五 -> 45."""
    if "十" not in text:
        return _DIGITS.index(text)
    tens, _, ones = text.partition("十")
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


def _digest(answer: int, nonce: str) -> str:
    return hashlib.sha256(f"{answer}:{nonce}:{settings.SECRET_KEY}".encode()).hexdigest()[:32]


def new_question() -> tuple[str, str]:
    """Return (question text, signed single-use token) for the arithmetic check."""
    a, b = secrets.randbelow(90) + 10, secrets.randbelow(90) + 10
    if secrets.randbelow(2):
        a, b = max(a, b), min(a, b)
        text, answer = f"{chinese_number(a)}减{chinese_number(b)}等于几？", a - b
    else:
        text, answer = f"{chinese_number(a)}加{chinese_number(b)}等于几？", a + b
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"h": _digest(answer, nonce), "n": nonce}, salt=_SALT)
    return text, token


def own_values(request, human_check: bool) -> dict[str, str]:
    """Return the values of a blank public form that are this visitor's alone (ops.blank_forms puts
    them in the page): the CSRF token, the one-time submission token and, with the human check, the
    question and its signed token."""
    from django.middleware.csrf import get_token

    from gongkai.core import idempotency

    own = {"csrf_token": get_token(request), "idempotency_token": idempotency.new_token()}
    if human_check:
        own["question"], own["challenge"] = new_question()
    return own


def check_answer(token: str, answer: str) -> bool:
    """Return True when `answer` solves the question signed in `token`, once; False afterwards."""
    max_age = getattr(settings, "FOI_HUMAN_CHECK_MAX_AGE", 3600)
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    nonce = str(data.get("n", ""))
    # Spend the token first (atomic insert): a replayed or guessed-again token is refused.
    if not nonce or not _cache().add(f"foi.human-check.{nonce}", 1, max_age + 60):
        return False
    answer = unicodedata.normalize("NFKC", answer or "").strip()
    if not (answer.isascii() and answer.isdigit() and len(answer) <= 4):
        return False
    return secrets.compare_digest(_digest(int(answer), nonce), str(data.get("h", "")))
