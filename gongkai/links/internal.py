"""Check a link to this site without HTTP: resolve it against the URL configuration and ask the owning
app whether the object it names exists and is public."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve

from gongkai.catalog import pages as catalog_pages
from gongkai.engagement import pages as engagement_selectors
from gongkai.records import selectors as record_selectors
from gongkai.reports import selectors as report_selectors

# URL name → a check of the object it names (keyword arguments of the URL pattern → bool).
_CHECKS: dict[str, Callable[..., bool]] = {
    "records:record": lambda pk: record_selectors.is_public_record(pk),
    "records:interpretation": lambda pk: record_selectors.is_public_interpretation(pk),
    "records:attachment": lambda pk, attachment_pk: record_selectors.is_public_attachment(pk, attachment_pk),
    "reports:report": lambda pk: report_selectors.is_public_report(pk),
    "reports:download": lambda pk, fmt: report_selectors.is_public_report(pk) and fmt in ("pdf", "docx", "html"),
    "engagement:consultation": lambda pk: engagement_selectors.is_public_consultation(pk),
    "engagement:message": lambda number: engagement_selectors.is_public_message(number),
    "portal:catalog": lambda pk: catalog_pages.is_public_catalog(pk),
    "portal:catalog_item": lambda pk, item_pk: catalog_pages.is_public_catalog_item(pk, item_pk),
}

# Back-office addresses are not public pages: a reader without a login gets the login page.
_PRIVATE_PREFIXES = ("/office/", "/admin/")


def register(url_name: str, check: Callable[..., bool]) -> None:
    """An app above this one (the portal) adds the check of its own pages."""
    _CHECKS[url_name] = check


def check(path: str) -> tuple[bool, str]:
    """(alive, reason) of a site path such as ``/records/12/?x=1``."""
    raw = urlsplit(path).path or "/"
    target = unquote(raw)
    if target.startswith(_PRIVATE_PREFIXES):
        return False, "private"
    try:
        match = resolve(target)
    except Resolver404:
        return False, "no_route"
    except (ValueError, TypeError):
        return False, "no_route"
    name = match.view_name
    fn = _CHECKS.get(name)
    if fn is None:
        return True, ""
    if any(isinstance(v, int) and not 0 < v < 2 ** 63 for v in match.kwargs.values()):
        return False, "no_object"
    try:
        alive = fn(**match.kwargs)
    except (ValueError, TypeError, OverflowError):
        alive = False
    return (True, "") if alive else (False, "no_object")
