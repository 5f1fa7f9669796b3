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
from django.db import connections, router
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


def _claim(key: str) -> int | None:
    """Claim a token: return the new row's id, or None when a submission with it was received already.

    ONE statement, ``INSERT … ON CONFLICT (key) DO NOTHING RETURNING id`` (PostgreSQL; SQLite ≥ 3.35):
    a conflict raises nothing, so no transaction block (and its BEGIN and COMMIT round trips) or
    savepoint is needed — a single statement is atomic, in autocommit or inside a caller's
    transaction alike. Table and column names come from the model, the values are parameters.
    """
    meta = IdempotencyKey._meta
    connection = connections[router.db_for_write(IdempotencyKey)]
    q = connection.ops.quote_name
    table, pk = q(meta.db_table), q(meta.pk.column)
    key_col, location, created = (q(meta.get_field(f).column) for f in ("key", "location", "created_at"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_col}, {location}, {created}) VALUES (%s, '', %s) "  # noqa: S608
            f"ON CONFLICT ({key_col}) DO NOTHING RETURNING {pk}",
            [key, connection.ops.adapt_datetimefield_value(clock.now())])
        row = cursor.fetchone()
    return row[0] if row else None


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
        claim = _claim(key)
        if claim is None:
            return self.repeat(request, key)
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotencyKey.objects.filter(pk=claim).delete()
            raise
        if 300 <= response.status_code < 400 and response.get("Location"):
            IdempotencyKey.objects.filter(pk=claim).update(location=response["Location"][:500])
        else:  # nothing was done (form errors, refusal): the same form may be sent again
            IdempotencyKey.objects.filter(pk=claim).delete()
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
