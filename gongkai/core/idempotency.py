"""Double submits: a form posted twice (double click, browser retry) is carried out once.

A form that creates something carries a hidden one-time token (`IdempotencyTokenField`, field
name `idempotency_token`). IdempotencyMiddleware claims the token before the view runs by inserting
a row with a unique key (atomic on every database): the first POST runs the view and, when it
succeeds (a redirect, the Post/Redirect/Get pattern), stores where it redirected to; a repeated
POST with the same token waits briefly for the first to finish and gets the same redirect, so
nothing is created twice. A first POST that fails validation releases the token, so the corrected
form can be sent again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from . import clock
from .models import IdempotencyKey

FIELD = "idempotency_token"
WAIT_SECONDS = 10
KEEP = dt.timedelta(days=2)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class IdempotencyTokenField(forms.CharField):
    """The hidden one-time token of a form that creates something."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("initial", new_token)
        kwargs.setdefault("label", "")
        super().__init__(**kwargs)


def _key(token: str, path: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{path}:{token}".encode()).hexdigest()


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = ""
        if request.method == "POST" and request.content_type in (
                "application/x-www-form-urlencoded", "multipart/form-data"):
            # The field may carry a form prefix ("appeal-idempotency_token").
            token = next((v for k, v in request.POST.items() if k == FIELD or k.endswith("-" + FIELD)), "")
        token = token.strip()
        if not token or len(token) > 64:
            return self.get_response(request)
        key = _key(token, request.path)
        try:
            with transaction.atomic():
                claim = IdempotencyKey.objects.create(key=key, created_at=clock.now())
        except IntegrityError:
            return self.repeat(request, key)
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotencyKey.objects.filter(pk=claim.pk).delete()
            raise
        if 300 <= response.status_code < 400 and response.get("Location"):
            IdempotencyKey.objects.filter(pk=claim.pk).update(location=response["Location"][:500])
        else:  # nothing was done (form errors, refusal): the same form may be sent again
            IdempotencyKey.objects.filter(pk=claim.pk).delete()
        if secrets.randbelow(100) == 0:
            IdempotencyKey.objects.filter(created_at__lt=clock.now() - KEEP).delete()
        return response

    def repeat(self, request, key):
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            row = IdempotencyKey.objects.filter(key=key).values("location").first()
            if row is None:  # the first attempt failed and released the token: try again
                return self.__call__(request)
            if row["location"]:
                return HttpResponseRedirect(row["location"])
            if time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        from .middleware import bad_input_response

        return bad_input_response(request, _("该表单已提交，正在处理中，请勿重复提交。稍后刷新页面查看结果。"), 409)
