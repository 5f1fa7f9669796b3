"""Writes of the link check: scan published pages for links (internal links and attachments checked at
once, without HTTP), check external links on a schedule (bounded, polite, SSRF-safe), keep one row per
link and page with its last outcome and when it first failed.

The rows are derived data (like a search index): they are rebuilt from the published pages, so their
writes are not audited; the office's "重新检查" is a permission-checked service like any other write.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from gongkai.core import clock
from gongkai.organisations import permissions
from gongkai.organisations.permissions import Action

from . import extract, fetch, internal, sources
from .models import LinkCheck
from .states import LinkKind, LinkStatus

log = logging.getLogger(__name__)


def _hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def external_enabled() -> bool:
    return bool(getattr(settings, "GONGKAI_LINKS_EXTERNAL", False))


def links_of(page: dict) -> list[tuple[str, str, str]]:
    """(url, kind, reason) of every link and attachment of a page; an attachment's file is checked here."""
    found: dict[str, tuple[str, str, str]] = {}
    for text in list(page["texts"].values()) + list(page.get("links") or ()):
        for link in extract.find_links(text or "", page["url"]):
            found.setdefault(link.url, (link.url, link.kind, link.reason))
    for att in page.get("attachments") or ():
        found[att["url"]] = (att["url"], LinkKind.ATTACHMENT, "" if att["exists"] else "missing_file")
    return list(found.values())[:extract.MAX_LINKS_PER_PAGE]


def _outcome(kind: str, url: str, reason: str) -> tuple[str, str]:
    """Status and reason of a link that needs no network."""
    if kind == "invalid":
        return LinkStatus.INVALID, reason
    if kind == LinkKind.ATTACHMENT:
        if reason:
            return LinkStatus.DEAD, reason
        alive, why = internal.check(url)
        return (LinkStatus.OK, "") if alive else (LinkStatus.DEAD, why)
    if kind == LinkKind.INTERNAL:
        alive, why = internal.check(url)
        return (LinkStatus.OK, "") if alive else (LinkStatus.DEAD, why)
    return (LinkStatus.PENDING, "") if external_enabled() else (LinkStatus.SKIPPED, "external_off")


def _apply(row: LinkCheck, status: str, reason: str, code, now) -> None:
    row.status, row.reason, row.http_code, row.last_checked = status, reason, code, now
    if status in (LinkStatus.DEAD, LinkStatus.INVALID):
        row.first_failed = row.first_failed or now
    elif status == LinkStatus.OK:
        row.first_failed = None


def scan(pages: list[dict], *, gone: set[tuple[str, int]] = frozenset(), now=None) -> dict:
    """Bring the rows of these pages up to date with their links; drop the rows of pages in `gone`."""
    now = now or clock.now()
    counts = {"pages": 0, "links": 0, "failed": 0}
    with transaction.atomic():
        for source, pk in gone:
            LinkCheck.objects.filter(source=source, object_id=pk).delete()
        for page in pages:
            counts["pages"] += 1
            existing = {r.url_hash: r for r in LinkCheck.objects.filter(source=page["source"], object_id=page["pk"])}
            keep = set()
            for url, kind, reason in links_of(page):
                h = _hash(url)
                keep.add(h)
                row = existing.get(h) or LinkCheck(source=page["source"], object_id=page["pk"], url=url, url_hash=h,
                                                   host=(urlsplit(url).hostname or "")[:255] if kind == "external" else "")
                row.organisation_id = page["organisation_id"]
                row.page_title, row.page_url, row.edit_url = page["title"][:300], page["url"][:500], page["edit_url"][:500]
                # An unusable address (javascript:, malformed) is filed with the site's own links: no fetch.
                row.kind = {"external": LinkKind.EXTERNAL, LinkKind.ATTACHMENT: LinkKind.ATTACHMENT}.get(
                    kind, LinkKind.INTERNAL)
                row.seen_at = now
                status, why = _outcome(kind, url, reason)
                if kind == "external":
                    # Fetched only by the scheduled check: a checked link keeps its outcome until then.
                    if status == LinkStatus.SKIPPED or row.status not in (LinkStatus.OK, LinkStatus.DEAD):
                        row.status, row.reason = status, why
                else:
                    _apply(row, status, why, None, now)
                row.save()
                counts["links"] += 1
                counts["failed"] += row.status in (LinkStatus.DEAD, LinkStatus.INVALID)
            stale = [h for h in existing if h not in keep]
            if stale:
                LinkCheck.objects.filter(source=page["source"], object_id=page["pk"], url_hash__in=stale).delete()
    return counts


def sweep(organisation_ids=None, *, now=None) -> dict:
    """Rescan every published page of the organisations (None: all); rows of pages no longer public go."""
    now = now or clock.now()
    pages = sources.pages(organisation_ids)
    listed = {(p["source"], p["pk"]) for p in pages}
    rows = LinkCheck.objects.all()
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=list(organisation_ids))
    gone = set(rows.values_list("source", "object_id").distinct()) - listed
    return scan(pages, gone=gone, now=now)


def on_commit(batch) -> None:
    """After a committed change to published content (publication, withdrawal, edit): rescan those pages'
    links at once (internal links and attachments; external ones wait for the scheduled check)."""
    keys: dict[str, set[int]] = defaultdict(set)
    for event in batch.events:
        if event.target_type in sources.sources() and str(event.target_id).isdigit():
            keys[event.target_type].add(int(event.target_id))
    if not keys:
        return
    pages, asked = sources.pages_of(keys)
    present = {(p["source"], p["pk"]) for p in pages}
    scan(pages, gone=asked - present)


def check_external(*, limit: int | None = None, now=None, sleep: Callable[[float], None] = time.sleep,
                   fetcher: Callable[[str], fetch.Outcome] = fetch.fetch, out=None) -> dict:
    """Check external links that are due, oldest first: each address once per run, at most `limit`
    addresses, at least GONGKAI_LINKS_HOST_INTERVAL seconds between two requests to one host and
    GONGKAI_LINKS_MIN_INTERVAL between any two. Off (nothing fetched) unless GONGKAI_LINKS_EXTERNAL."""
    if not external_enabled():
        return {"checked": 0, "failed": 0, "refused": 0, "enabled": False}
    now = now or clock.now()
    limit = limit or int(getattr(settings, "GONGKAI_LINKS_PER_RUN", 200))
    host_gap = float(getattr(settings, "GONGKAI_LINKS_HOST_INTERVAL", 2.0))
    any_gap = float(getattr(settings, "GONGKAI_LINKS_MIN_INTERVAL", 0.2))
    recheck = now - dt.timedelta(hours=float(getattr(settings, "GONGKAI_LINKS_RECHECK_HOURS", 24)))
    due = LinkCheck.objects.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=recheck),
                                   kind=LinkKind.EXTERNAL).exclude(status=LinkStatus.INVALID)
    urls: list[str] = []
    seen: set[str] = set()
    for url in due.order_by("last_checked", "id").values_list("url", flat=True).iterator():
        if url not in seen:
            seen.add(url)
            urls.append(url)
        if len(urls) >= limit:
            break
    last_host: dict[str, float] = {}
    last_any = 0.0
    result = {"checked": 0, "failed": 0, "refused": 0, "enabled": True}
    for url in urls:
        host = urlsplit(url).hostname or ""
        wait = max(last_host.get(host, -1e9) + host_gap, last_any + any_gap) - time.monotonic()
        if wait > 0:
            sleep(wait)
        outcome = fetcher(url)
        last_host[host] = last_any = time.monotonic()
        if outcome.alive is None:
            status, result["refused"] = LinkStatus.SKIPPED, result["refused"] + 1
        else:
            status = LinkStatus.OK if outcome.alive else LinkStatus.DEAD
            result["failed"] += not outcome.alive
        result["checked"] += 1
        with transaction.atomic():
            for row in LinkCheck.objects.select_for_update().filter(url_hash=_hash(url), kind=LinkKind.EXTERNAL):
                _apply(row, status, outcome.reason, outcome.code, now)
                row.save(update_fields=["status", "reason", "http_code", "last_checked", "first_failed"])
        if out:
            out.write(f"{status} {outcome.code or '-'} {url}\n")
    return result


def recheck(*, organisation, actor) -> dict:
    """The office asks for its pages' links to be checked again now (internal links and attachments;
    external ones are queued for the next scheduled check)."""
    permissions.require(actor, Action.OVERSIGHT_EDIT, organisation)
    LinkCheck.objects.filter(organisation=organisation, kind=LinkKind.EXTERNAL).update(last_checked=None)
    return sweep([organisation.pk])
