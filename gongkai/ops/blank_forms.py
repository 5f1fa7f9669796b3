"""Blank public forms rendered once and given to every visitor with their own values put in (issue 25).

The page of a blank public form (the 依申请公开 application, the 留言 form) is the same for every
anonymous visitor but for the values that must be theirs alone: the CSRF token, the form's one-time
submission token and the human-check question with its signed token. ``render`` renders the page
once per page-cache key (``ops.cache.page_key``: the page generation — an organisation renamed, the demo
flag — path, language, care-mode cookies, date) with markers in those places, keeps it per process
(the ``fragments`` cache, so a new release never serves the previous one's page), and answers every
visitor with a copy in which the markers are replaced by their own values, escaped.

A logged-in visitor (the header shows their name), a visitor with messages waiting to be shown, and
a page whose generation cannot be read are rendered as before. The markers are derived from the
secret key, so no text on the page (an organisation's name) can imitate one.
"""
from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render as render_page
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.html import escape

from . import cache as page_cache

ALIAS = "fragments"
SECONDS = 3600


def marker(name: str) -> str:
    return "gkhole" + salted_hmac("gongkai.blank-form-hole", name).hexdigest()[:24]


def _shared(request) -> bool:
    """Return True when the page may be the one every anonymous visitor gets."""
    if request.method != "GET" or request.user.is_authenticated:
        return False
    return not len(get_messages(request))  # len() does not mark the messages as shown


def render(request, template: str, context_for: Callable[[dict], dict], values: dict[str, str]) -> HttpResponse:
    """Return the page of `template` with `context_for(values)`; `values` are the visitor's own strings.

    ``context_for`` must put each value where the page shows it and nothing else of this visitor.
    """
    if not _shared(request):
        return render_page(request, template, context_for(values))
    try:
        generation, _changed = page_cache.current_generation()
    except DatabaseError:
        return render_page(request, template, context_for(values))
    key = page_cache.page_key(request, generation) + ":blank:" + template
    store = caches[ALIAS]
    page = store.get(key)
    if page is None:
        page = render_to_string(template, context_for({name: marker(name) for name in values}), request)
        store.set(key, page, SECONDS)
    for name, value in values.items():
        page = page.replace(marker(name), str(escape(value)))
    return HttpResponse(page)
