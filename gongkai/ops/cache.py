"""The public-page cache: whole anonymous pages in Django's cache, invalidated by a shared generation.

How it works
------------
``PublicPageCacheMiddleware`` answers GET/HEAD requests for the URL names listed in
``settings.GONGKAI_PAGE_CACHE_VIEWS`` from Django's cache (``settings.GONGKAI_PAGE_CACHE_ALIAS``):

* Only anonymous requests without a session or pending messages are served from or stored in the
  cache: a logged-in user's page (names, buttons, drafts) is never cached.
* The cache key holds the path with its sorted query string, host and scheme, the active language,
  the cookies listed in ``GONGKAI_PAGE_CACHE_VARY_COOKIES`` (the care/elder mode) and every cookie
  named ``gk_…``, today's
  date (Asia/Shanghai) and the **generation**: a token in the database (``ops.PageGeneration``)
  replaced in the same transaction as any change to a model listed in
  ``GONGKAI_PAGE_CACHE_MODELS`` (record publication and withdrawal, catalog publication, report
  publication, ... — every save or delete of those models, whether through the workflow kernel, an
  import or the admin). Every process on every server reads the token before answering, so a
  publish on one server is seen by all at once, whatever cache backend each process uses.
* CSRF tokens are never shared: before storing, each ``csrfmiddlewaretoken`` value is replaced by a
  placeholder; on every answer the placeholder becomes the requesting client's own token.
* Conditional GET: the ETag names the generation, the page and (for pages with a form) the client's
  CSRF secret; Last-Modified is the generation's time. A matching ``If-None-Match`` gets 304.
  ``Cache-Control: no-cache`` makes browsers and a reverse proxy revalidate every time.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import http_date

from gongkai.core import clock

PLACEHOLDER = "__gongkai_csrf_placeholder__"
_CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "X-Robots-Tag")


# -- the generation ---------------------------------------------------------------------------

def current_generation() -> tuple[str, object]:
    """Return (token, changed_at) of the shared page generation."""
    from .models import PageGeneration

    row = PageGeneration.objects.filter(pk=1).values_list("token", "changed_at").first()
    return row if row is not None else ("0", None)


def bump(**_ignored) -> None:
    """Give public pages a new generation, in the current transaction (commits or rolls back with it)."""
    from .models import PageGeneration

    token, now = secrets.token_hex(8), clock.now()
    if not PageGeneration.objects.filter(pk=1).update(token=token, changed_at=now):
        with transaction.atomic():
            PageGeneration.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})


def _on_model_change(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: the restore command bumps once at the end
        return
    bump()


def _on_transition(transition, obj) -> None:
    """Kernel listener (after commit): a transition of a public model gives a new generation."""
    if obj._meta.label in settings.GONGKAI_PAGE_CACHE_MODELS:
        bump()


def connect_invalidation() -> None:
    from django.apps import apps

    from gongkai.core import workflow

    for label in settings.GONGKAI_PAGE_CACHE_MODELS:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue  # an app that is not installed in this configuration
        post_save.connect(_on_model_change, sender=model, dispatch_uid=f"page-cache-save-{label}")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=f"page-cache-delete-{label}")
    workflow.subscribe(_on_transition)


# -- the middleware ---------------------------------------------------------------------------

def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _key(request, token: str) -> str:
    query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    names = set(settings.GONGKAI_PAGE_CACHE_VARY_COOKIES) | {n for n in request.COOKIES if n.startswith("gk_")}
    cookies = "|".join(f"{n}={request.COOKIES.get(n, '')[:40]}" for n in sorted(names))
    parts = "\n".join([
        token, request.scheme, request.get_host(), request.path, query,
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE), cookies, clock.today().isoformat(),
    ])
    return "gongkai:page:" + hashlib.sha256(parts.encode()).hexdigest()


def _finish(request, response: HttpResponse, key: str, uses_csrf: bool, changed_at) -> HttpResponse:
    """Add the validators and revalidation headers; answer 304 when the client's copy is current."""
    tag = key
    if uses_csrf:
        tag += request.META.get("CSRF_COOKIE", "")
    etag = '"%s"' % salted_hmac("gongkai.page-etag", tag).hexdigest()[:32]
    response["ETag"] = etag
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ("Cookie",))
    last_modified = int(changed_at.timestamp()) if changed_at is not None else None
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PublicPageCacheMiddleware:
    """Serve listed anonymous public pages from the cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        fill = getattr(request, "_gongkai_page_fill", None)
        if fill is None:
            return response
        key, changed_at = fill
        if (response.status_code != 200 or response.streaming or response.cookies
                or "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", "")):
            return response
        text = response.content.decode(response.charset or "utf-8", errors="strict") \
            if response.get("Content-Type", "").startswith(("text/", "application/xml", "application/json", "application/rss", "application/atom")) else None
        if text is None:
            return response
        stored, uses_csrf = _CSRF_INPUT.subn(rf"\g<1>{PLACEHOLDER}\g<2>", text)
        entry = {
            "content": stored,
            "headers": {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)},
            "csrf": bool(uses_csrf),
        }
        caches[settings.GONGKAI_PAGE_CACHE_ALIAS].set(key, entry, settings.GONGKAI_PAGE_CACHE_SECONDS)
        return _finish(request, response, key, bool(uses_csrf), changed_at)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.GONGKAI_PAGE_CACHE:
            return None
        match = request.resolver_match
        if match is None or match.view_name not in settings.GONGKAI_PAGE_CACHE_VIEWS:
            return None
        if not _cacheable_request(request):
            return None
        try:
            token, changed_at = current_generation()
        except DatabaseError:
            return None  # not migrated yet: render normally
        key = _key(request, token)
        entry = caches[settings.GONGKAI_PAGE_CACHE_ALIAS].get(key)
        if entry is None:
            request._gongkai_page_fill = (key, changed_at)
            return None
        content = entry["content"]
        if entry["csrf"]:
            content = content.replace(PLACEHOLDER, get_token(request))
        response = HttpResponse(content)
        for header, value in entry["headers"].items():
            response[header] = value
        response["X-Page-Cache"] = "hit"
        return _finish(request, response, key, entry["csrf"], changed_at)


def clear() -> None:
    """Drop every cached page (e.g. after a restore): a new generation makes them unreachable."""
    with transaction.atomic():
        bump()
