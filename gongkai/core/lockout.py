"""Login throttling around django-axes (docs/security.md, "Failed logins").

* django-axes locks the pair (account, client address) and, separately, an address that fails on
  many accounts — never the account alone, so nobody can lock a member of staff out by typing
  wrong passwords for a public login name from their own machine.
* `DelayedModelBackend` slows a guess spread over many addresses: every login attempt for an
  account that failed repeatedly in the current window waits a growing, bounded delay (at most
  GONGKAI_LOGIN_DELAY_MAX seconds, 3 by default) before the password is checked, the owner's too.
* When an account reaches GONGKAI_LOGIN_ALERT_FAILURES failures in a window, the signal
  `repeated_login_failures` is sent once for that window; gongkai.notifications e-mails the
  account's organisation administrators through the outbox.

The clock and the sleep are injected (`login_delay.clock`, `login_delay.sleep`) so that tests
observe the delays without waiting for them.
"""
from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.dispatch import Signal
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Sent once per account and window when failures reach the alert threshold:
# kwargs username (str), failures (int), window_start (float, epoch seconds).
repeated_login_failures = Signal()


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    hours = float(getattr(settings, "AXES_COOLOFF_TIME", 0.5) or 0)
    minutes = int(round(hours * 60))
    message = _("登录失败次数过多，该账号在本机地址上已被暂时锁定。请%(minutes)d分钟后再试，"
                "或请系统管理员解除锁定。") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/locked_out.html", {"message": message, "status": 429}, status=429)


USERNAME_MAX_LENGTH = 150  # the login's column; django-axes stores what it is given in a 255-character one


def axes_username(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the login name tried, cut to the column length.

    Django's login form does not enforce its own max_length, so a 6,000-character name reaches the
    authentication backends; PostgreSQL would then refuse django-axes' record of the attempt (500).
    No real login is longer than 150 characters, so the cut never merges two accounts.
    """
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    value = (credentials or {}).get(field) if credentials else None
    if value is None and request is not None:
        value = request.POST.get(field)
    return str(value or "")[:USERNAME_MAX_LENGTH]


class LoginDelay:
    """Per-account failure counter (in the shared rate-limit cache) and the delay it implies."""

    def __init__(self, sleep=time.sleep, clock=time.time):
        self.sleep, self.clock = sleep, clock

    @staticmethod
    def _setting(name, default):
        return getattr(settings, name, default)

    @property
    def window(self) -> int:
        return max(60, int(self._setting("GONGKAI_LOGIN_WINDOW_SECONDS", 900)))

    def _keys(self, username: str) -> tuple[str, float]:
        now = self.clock()
        start = now - now % self.window
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{username.casefold()}".encode()).hexdigest()[:32]
        return f"login-failures:{digest}:{int(start)}", start

    @staticmethod
    def _cache():
        return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]

    def failures(self, username: str) -> int:
        key, _start = self._keys(username)
        return int(self._cache().get(key) or 0)

    def delay_for(self, failures: int) -> float:
        """0 for the first GONGKAI_LOGIN_DELAY_FREE failures, then BASE doubling up to MAX seconds."""
        free = int(self._setting("GONGKAI_LOGIN_DELAY_FREE", 3))
        if failures < free:
            return 0.0
        base = float(self._setting("GONGKAI_LOGIN_DELAY_BASE", 0.25))
        ceiling = float(self._setting("GONGKAI_LOGIN_DELAY_MAX", 3.0))
        return min(ceiling, base * 2 ** min(failures - free, 30))

    def wait(self, username: str) -> float:
        seconds = self.delay_for(self.failures(username))
        if seconds > 0:
            self.sleep(seconds)
        return seconds

    def record_failure(self, username: str) -> int:
        key, start = self._keys(username)
        cache = self._cache()
        cache.add(key, 0, timeout=self.window * 2)
        try:
            failures = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=self.window * 2)
            failures = 1
        if failures == int(self._setting("GONGKAI_LOGIN_ALERT_FAILURES", 10)):
            repeated_login_failures.send(sender=LoginDelay, username=username, failures=failures,
                                         window_start=start)
        return failures


login_delay = LoginDelay()


class DelayedModelBackend(ModelBackend):
    """Django's ModelBackend after the account's current delay; a failure is counted for the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"))
        if username is None or password is None:
            return None
        name = str(username)[:USERNAME_MAX_LENGTH]
        login_delay.wait(name)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_delay.record_failure(name)
        return user
