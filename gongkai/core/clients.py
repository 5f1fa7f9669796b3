"""Who is calling: the client's address, believing forwarded addresses only from our own proxies.

Settings (docs/security.md):
* GONGKAI_TRUSTED_PROXY_IPS: the addresses or networks (CIDR) of the reverse proxies in front of
  the application, comma-separated (e.g. ``127.0.0.1,10.0.0.0/24``). Only a request whose socket
  address (REMOTE_ADDR) is one of them has its X-Forwarded-For header read at all.
* GONGKAI_TRUSTED_PROXIES: kept for old configurations. Above 0 with no GONGKAI_TRUSTED_PROXY_IPS,
  only a proxy on the same machine (127.0.0.0/8, ::1) is trusted — never "whoever sends the header".
* GONGKAI_CLIENT_IP_HEADER: the WSGI name of the header (default HTTP_X_FORWARDED_FOR).

The header is walked from the right: each proxy appends the address it received the request from,
so the rightmost entries were written by our proxies; the first entry (from the right) that is not
a trusted proxy is the client. Entries further left were written by the client and are ignored.
Every place that identifies a client (intake rate limits, the status API's limit, login throttling)
calls `client_ip`.
"""
from __future__ import annotations

import functools
import hashlib
import ipaddress

from django.conf import settings

LOOPBACK = ("127.0.0.0/8", "::1/128")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


@functools.lru_cache(maxsize=16)
def parse_networks(spec: str) -> tuple[Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` → networks; a malformed entry is a configuration error."""
    networks = []
    for part in spec.replace(";", ",").split(","):
        if part.strip():
            try:
                networks.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                raise ValueError(f"GONGKAI_TRUSTED_PROXY_IPS: {part.strip()!r} is not an address or network") from None
    return tuple(networks)


def trusted_networks() -> tuple[Network, ...]:
    spec = getattr(settings, "GONGKAI_TRUSTED_PROXY_IPS", "") or ""
    if isinstance(spec, (list, tuple)):
        spec = ",".join(spec)
    networks = parse_networks(spec)
    if not networks and int(getattr(settings, "GONGKAI_TRUSTED_PROXIES", 0) or 0) > 0:
        networks = parse_networks(",".join(LOOPBACK))
    return networks


def _trusted(address: str, networks) -> bool:
    ip = ipaddress.ip_address(address)
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return any(ip.version == net.version and ip in net for net in networks)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or, when that is a trusted proxy, the first address in
    X-Forwarded-For (walking from the right) that is not a trusted proxy."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "") or "0.0.0.0"
    networks = trusted_networks()
    if not networks or not _trusted(remote, networks):
        return remote  # not sent by our proxy: whatever headers it carries were written by the sender
    header = getattr(settings, "GONGKAI_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
    chain = [part.strip() for part in (request.META.get(header) or "").split(",") if part.strip()]
    client = remote
    for entry in reversed(chain):
        address = _valid(entry)
        if address is None:
            break  # garbage written before our proxies' entries: the last good hop is the best we know
        client = address
        if not _trusted(address, networks):
            break
    return client


def client_key(request) -> str:
    """A keyed hash of the client address (the address itself is personal data and not stored)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:40]


def axes_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: login throttling keys on the same address."""
    return client_ip(request)


FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"


class UntrustedForwardingMiddleware:
    """Drop X-Forwarded-Proto from a request our proxies did not send.

    ``SECURE_PROXY_SSL_HEADER`` makes Django believe the header whenever a proxy is configured, from
    whoever sends it; a client that reaches the application server directly could then pass as
    HTTPS (secure-cookie and redirect decisions). Only a request whose socket address is a trusted
    proxy keeps the header. First in MIDDLEWARE, before SecurityMiddleware reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if FORWARDED_PROTO in request.META:
            remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
            networks = trusted_networks()
            if remote is None or not networks or not _trusted(remote, networks):
                del request.META[FORWARDED_PROTO]
        return self.get_response(request)
