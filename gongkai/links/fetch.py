"""Fetch an external address safely: HEAD, then GET when HEAD is refused; bounded time and size; never a
private, loopback, link-local or otherwise non-public address unless the allow-list names it (SSRF).

The host is resolved once, every address it resolves to is checked, and the connection goes to the
checked address (a DNS answer that changes between check and connect cannot redirect the request
inward); redirects are followed by hand, each hop checked again. Settings (``GONGKAI_LINKS_*``):
``EXTERNAL`` (fetch at all; off by default — intranet deployments have no route out), ``ALLOW``
(hosts or networks fetched even when private, e.g. an intranet portal), ``DENY`` (hosts or networks
never fetched), ``TIMEOUT`` (seconds per request).
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 5
USER_AGENT = "Gongkai-LinkCheck/1.0 (government disclosure platform; link inspection)"


@dataclass(frozen=True)
class Outcome:
    alive: bool | None  # None: not fetched (refused by policy)
    code: int | None = None
    reason: str = ""


def _networks(names) -> tuple[set[str], list]:
    hosts, nets = set(), []
    for n in names or ():
        n = str(n).strip().lower()
        if not n:
            continue
        try:
            nets.append(ipaddress.ip_network(n, strict=False))
        except ValueError:
            hosts.add(n.lstrip("."))
    return hosts, nets


def _listed(host: str, addresses, names) -> bool:
    hosts, nets = _networks(names)
    if host in hosts or any(host.endswith("." + h) for h in hosts):
        return True
    return any(ipaddress.ip_address(a) in net for a in addresses for net in nets
               if ipaddress.ip_address(a).version == net.version)


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve_safe(host: str, port: int) -> tuple[str | None, str]:
    """(address to connect to, reason refused) under the allow/deny lists."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return None, "dns"
    addresses = sorted({i[4][0] for i in infos})
    if not addresses:
        return None, "dns"
    if _listed(host, addresses, getattr(settings, "GONGKAI_LINKS_DENY", ())):
        return None, "denied"
    if not all(_public(a) for a in addresses) and not _listed(host, addresses, getattr(settings, "GONGKAI_LINKS_ALLOW", ())):
        return None, "private"
    return addresses[0], ""


class _Pinned(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _target(url: str):
    parts = urlsplit(url)
    host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._")
    if parts.query:
        path += "?" + quote(parts.query, safe="=&%/:@!$'()*+,;~-._?")
    return parts.scheme.lower(), host, parts.port or (443 if parts.scheme.lower() == "https" else 80), path


def _request(method: str, url: str, timeout: float) -> tuple[int, str | None, str]:
    scheme, host, port, path = _target(url)
    address, refused = resolve_safe(host, port)
    if address is None:
        return 0, None, refused
    cls = _PinnedTLS if scheme == "https" else _Pinned
    conn = cls(host, port, address, timeout)
    try:
        conn.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close",
                                            **({"Range": "bytes=0-0"} if method == "GET" else {})})
        resp = conn.getresponse()
        resp.read(1024)  # never the whole body
        return resp.status, resp.getheader("Location"), ""
    finally:
        conn.close()


def fetch(url: str, *, timeout: float | None = None) -> Outcome:
    """Whether `url` answers: 2xx (after up to MAX_REDIRECTS redirects) is alive; 4xx/5xx, timeouts and
    connection errors are dead; an address the policy refuses is not fetched (alive None)."""
    timeout = timeout or float(getattr(settings, "GONGKAI_LINKS_TIMEOUT", 10))
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            code, location, refused = _request("HEAD", url, timeout)
            if refused:
                return Outcome(None, None, refused) if refused in ("private", "denied") else Outcome(False, None, refused)
            if code in (403, 405, 501) or code >= 500:
                code, location, refused = _request("GET", url, timeout)  # some servers refuse HEAD
            if code in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                if urlsplit(url).scheme.lower() not in ("http", "https"):
                    return Outcome(False, code, "redirect")
                continue
            return Outcome(code < 400, code, "" if code < 400 else "http")
        return Outcome(False, None, "redirect_loop")
    except (socket.timeout, TimeoutError):
        return Outcome(False, None, "timeout")
    except ssl.SSLError:
        return Outcome(False, None, "tls")
    except (OSError, http.client.HTTPException, ValueError, UnicodeError):
        return Outcome(False, None, "connection")
