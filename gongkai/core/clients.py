"""Who is calling: the client's address behind the configured reverse proxies.

Settings (docs/security.md):
* GONGKAI_TRUSTED_PROXIES: how many reverse proxies stand in front of the application and append
  to X-Forwarded-For (default 0: the application is reached directly, REMOTE_ADDR is the client).
* GONGKAI_CLIENT_IP_HEADER: the WSGI name of that header (default HTTP_X_FORWARDED_FOR).

With N trusted proxies the client is the N-th address from the right of the header: each proxy
appends the address it received the request from, so entries further left were written by the
client itself and cannot be trusted. Every place that identifies a client (rate limits, login
throttling) calls `client_ip`.
"""
from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """Return the client's address as seen through GONGKAI_TRUSTED_PROXIES proxies."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "") or "0.0.0.0"
    trusted = int(getattr(settings, "GONGKAI_TRUSTED_PROXIES", 0) or 0)
    if trusted <= 0:
        return remote
    header = getattr(settings, "GONGKAI_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
    chain = [part for part in (request.META.get(header) or "").split(",") if part.strip()]
    if not chain:
        return remote  # the proxy did not say: its own address is all we know
    # Fewer entries than proxies: the request skipped a proxy; the leftmost is the best guess.
    candidate = chain[-trusted] if len(chain) >= trusted else chain[0]
    return _valid(candidate) or remote


def client_key(request) -> str:
    """A keyed hash of the client address (the address itself is personal data and not stored)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:40]


def axes_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: login throttling keys on the same address."""
    return client_ip(request)
