"""The public-page cache: whole anonymous pages in Django's cache, invalidated by a shared generation.

How it works
------------
``PublicPageCacheMiddleware`` answers GET/HEAD requests for the URL names listed in
``settings.GONGKAI_PAGE_CACHE_VIEWS`` from Django's cache (``settings.GONGKAI_PAGE_CACHE_ALIAS``):

* Only anonymous requests without a session or pending messages are served from or stored in the
  cache: a logged-in user's page (names, buttons, drafts) is never cached.
* Where it sits: right after the language middleware (settings.MIDDLEWARE). A hit is answered
  before the CSRF, authentication, messages and validation middleware run — none of them has
  anything to do for an anonymous GET of a public page — and the outer middleware (security
  headers, CSP) still adds its headers. A miss goes down the whole chain; what comes back (after
  every inner middleware) is what is stored, with the headers listed in ``_KEPT_HEADERS``. A
  request the validation layer would refuse is never a hit: its answer (400) was never stored.
* The cache key holds the path with its sorted query string, host and scheme, the active language,
  the cookies listed in ``GONGKAI_PAGE_CACHE_VARY_COOKIES`` (the care/elder mode) and every cookie
  named ``gk_…``, today's
  date (Asia/Shanghai) and the **generation**: a token in the database (``ops.PageGeneration``)
  replaced ONCE after the commit of every transaction that changed a model listed in
  ``GONGKAI_PAGE_CACHE_MODELS`` (record publication and withdrawal, catalog publication, report
  publication, ...): the one side-effect path, ``core.effects`` — an audit event about such a
  model, or ``effects.touch()`` for a write that is not audited (admin, import, demo loader). The
  row is written by an autocommit UPDATE after the commit, never inside a writer's transaction, so
  public-model writers do not queue on it. Every process on every server reads the token before
  answering, so a publish on one server is seen by all at once, whatever cache backend each
  process uses (the bump lands a few milliseconds after the commit).
* CSRF tokens are never shared: a page that holds one (a form that changes data) is not stored.
  Public pages hold none — their only forms are the language and care-mode switches, which are
  guarded without a token (gongkai.core.preferences) — so a cached answer does no CSRF work and
  sets no cookie.
* Conditional GET: the ETag names the generation and the page; Last-Modified is the generation's
  time. A matching ``If-None-Match`` gets 304.
  ``Cache-Control: no-cache`` makes browsers and a reverse proxy revalidate every time.
"""
from __future__ import annotations

import hashlib
import logging
import re
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections, router, transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import http_date

from gongkai.core import clock

_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken"')
logger = logging.getLogger(__name__)


def _cache_errors() -> tuple[type[BaseException], ...]:
    """Errors a cache backend raises when its service is unreachable (Redis when installed)."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


CACHE_ERRORS = _cache_errors()
_TEXT_TYPES = ("text/", "application/xml", "application/json", "application/rss", "application/atom")
# Headers a stored page keeps: those the view and the middleware inside this one gave it (security
# headers set outside — HSTS, CSP, nosniff, referrer policy — are added to every answer anyway).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "X-Robots-Tag", "X-Frame-Options")


# -- the generation ---------------------------------------------------------------------------

_generation_sql: dict[str, tuple[str, tuple]] = {}


def current_generation() -> tuple[str, object]:
    """Return (token, changed_at) of the shared page generation.

    Read on every cached answer, so the ORM compiles the query once per database alias and the
    compiled statement (with its parameters) is reused through a plain cursor.
    """
    from .models import PageGeneration

    alias = router.db_for_read(PageGeneration)
    if alias not in _generation_sql:
        qs = PageGeneration.objects.using(alias).filter(pk=1).values_list("token", "changed_at")
        _generation_sql[alias] = qs.query.get_compiler(alias).as_sql()
    sql, params = _generation_sql[alias]
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return ("0", None)
    changed_at = PageGeneration._meta.get_field("changed_at")
    converters = connection.ops.get_db_converters(changed_at.get_col(PageGeneration._meta.db_table))
    value = row[1]
    for converter in converters:
        value = converter(value, changed_at, connection)
    return (row[0], value)


def bump() -> None:
    """Give public pages a new generation now: one autocommit UPDATE of the generation row.

    Called after the commit of a transaction that changed a public model (``_on_commit``), never
    inside a writer's transaction: no writer holds this shared row while it works, and a rolled
    back change never bumps. Every process on every server reads the row, so all see it at once.
    """
    from .models import PageGeneration

    token, now = secrets.token_hex(8), clock.now()
    if not PageGeneration.objects.filter(pk=1).update(token=token, changed_at=now):
        with transaction.atomic():
            PageGeneration.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})


def _public_labels() -> set[str]:
    return {label.lower() for label in settings.GONGKAI_PAGE_CACHE_MODELS}


def _on_commit(batch) -> None:
    """After-commit subscriber (core.effects): one new generation per transaction that changed a public model.

    A transaction changed a public model when it wrote an audit event about one (every kernel
    transition does; so do audited non-kernel services, also those writing with QuerySet.update())
    or called ``core.effects.touch()`` for one (admin edits, imports, demo loaders).
    """
    if batch.labels & _public_labels():
        bump()


def connect_invalidation() -> None:
    from gongkai.core import effects

    effects.subscribe(_on_commit)


# -- the middleware ---------------------------------------------------------------------------

def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def page_key(request, token: str) -> str:
    """Return the cache key of the page `request` asks for in generation `token` (also ops.blank_forms)."""
    query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    names = set(settings.GONGKAI_PAGE_CACHE_VARY_COOKIES) | {n for n in request.COOKIES if n.startswith("gk_")}
    cookies = "|".join(f"{n}={request.COOKIES.get(n, '')[:40]}" for n in sorted(names))
    parts = "\n".join([
        token, request.scheme, request.get_host(), request.path, query,
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE), cookies, clock.today().isoformat(),
    ])
    return "gongkai:page:" + hashlib.sha256(parts.encode()).hexdigest()


def _finish(request, response: HttpResponse, key: str, changed_at) -> HttpResponse:
    """Add the validators and revalidation headers; answer 304 when the client's copy is current."""
    etag = '"%s"' % salted_hmac("gongkai.page-etag", key).hexdigest()[:32]
    response["ETag"] = etag
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ("Cookie",))
    last_modified = int(changed_at.timestamp()) if changed_at is not None else None
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PublicPageCacheMiddleware:
    """Serve listed anonymous public pages from the cache (see the module docstring).

    The first request for a path resolves its URL as usual and ``process_view`` learns whether the
    path belongs to a listed page; later requests for a learned path are answered before URL
    resolution (the URLconf maps a path to one view for the life of the process).
    """

    MAX_LEARNED_PATHS = 50000

    def __init__(self, get_response):
        self.get_response = get_response
        self.cacheable_paths: set[str] = set()

    def __call__(self, request):
        if (settings.GONGKAI_PAGE_CACHE and request.path_info in self.cacheable_paths
                and _cacheable_request(request)):
            response = self._lookup(request)
            if response is not None:
                return response
        response = self.get_response(request)
        fill = getattr(request, "_gongkai_page_fill", None)
        if fill is None:
            return response
        key, changed_at = fill
        if (response.status_code != 200 or response.streaming or response.cookies
                or "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", "")):
            return response
        if not response.get("Content-Type", "").startswith(_TEXT_TYPES):
            return response
        if _CSRF_INPUT.search(response.content):
            # A form with a CSRF token: the token belongs to this client (and reveals its secret).
            logger.warning("page cache: %s holds a CSRF token and is not cached", request.path)
            return response
        entry = {
            "content": response.content,
            "headers": {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)},
        }
        try:
            caches[settings.GONGKAI_PAGE_CACHE_ALIAS].set(key, entry, settings.GONGKAI_PAGE_CACHE_SECONDS)
        except CACHE_ERRORS:
            logger.warning("page cache: could not store %s", request.path, exc_info=True)
        return _finish(request, response, key, changed_at)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.GONGKAI_PAGE_CACHE or hasattr(request, "_gongkai_page_fill"):
            return None
        match = request.resolver_match
        if match is None or match.view_name not in settings.GONGKAI_PAGE_CACHE_VIEWS:
            return None
        if len(self.cacheable_paths) < self.MAX_LEARNED_PATHS:
            self.cacheable_paths.add(request.path_info)
        if not _cacheable_request(request):
            return None
        return self._lookup(request)

    def _lookup(self, request):
        """Return the cached answer, or None after marking the request for storing its response."""
        try:
            token, changed_at = current_generation()
        except DatabaseError:
            return None  # not migrated yet: render normally
        key = page_key(request, token)
        try:
            entry = caches[settings.GONGKAI_PAGE_CACHE_ALIAS].get(key)
        except CACHE_ERRORS:
            # A shared cache (Redis) that is down costs speed, never an answer: render the page.
            logger.warning("page cache: could not read %s", request.path, exc_info=True)
            request._gongkai_page_fill = None  # neither look again in process_view nor store
            return None
        if entry is None:
            request._gongkai_page_fill = (key, changed_at)
            return None
        content = entry.get("content") if isinstance(entry, dict) else None
        if content is None:  # an entry in an older layout: render again
            request._gongkai_page_fill = (key, changed_at)
            return None
        response = HttpResponse(content)
        for header, value in entry["headers"].items():
            response[header] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        return _finish(request, response, key, changed_at)


def clear() -> None:
    """Drop every cached page (e.g. after a restore): a new generation makes them unreachable."""
    with transaction.atomic():
        bump()
