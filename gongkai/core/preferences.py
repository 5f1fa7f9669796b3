"""Preference switches (language, 关怀模式) that public pages offer without a CSRF token.

Why no token: the footer's language switch and the header's care-mode switch are on every public
page, and public pages are served from the shared page cache (gongkai.ops.cache). A token in them
would make every cached answer mask a fresh token for its client and set a cookie — about a fifth
of the cost of a cached answer — and would tie an anonymous visitor's first page to a CSRF cookie.

What protects them instead: the request must come from this site. Browsers send
``Sec-Fetch-Site`` (Fetch Metadata) and ``Origin`` with every form POST; a request that says it
comes from another site is refused (403), which is the check Django's own CSRF middleware makes
first for HTTPS requests and the one Go's ``CrossOriginProtection`` relies on alone. A request
with neither header does not come from a current browser's cross-site form, and all such a
request can do is set a preference cookie in the requester's own cookie jar.

What the views may do: only answer with a redirect and a preference cookie. Anything that
changes data on the server keeps Django's CSRF token.
"""
from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

SAME_SITE_FETCH = {"same-origin", "none"}  # "none": typed or bookmarked, not from another page


def from_this_site(request) -> bool:
    """True unless the browser says the request comes from another origin."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None and origin in settings.CSRF_TRUSTED_ORIGINS:
        return True  # e.g. the public address of a proxy that rewrites the host
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site.lower() not in SAME_SITE_FETCH:
        return False
    if origin is None:
        return True
    if origin == "null":  # sandboxed frames, data: URLs, privacy redirects
        return False
    # Compared as text, as Django's CSRF check does: a malformed Origin is simply another origin.
    return origin.lower() == f"{request.scheme}://{request.get_host()}".lower()


def preference_switch(view):
    """A POST-only view that sets a preference cookie; refused (403) when posted from another site."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not from_this_site(request):
            raise PermissionDenied("cross-site preference switch")
        return view(request, *args, **kwargs)

    return csrf_exempt(require_POST(wrapped))
