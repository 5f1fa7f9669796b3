"""The published pages whose links are checked (and which the site inspection reads): plain dicts from the
apps that own them, through their selectors. A page: source, pk, organisation_id, title, url, edit_url,
date, doc_date, texts {label: text}, links [extra addresses], attachments [{name, url, exists}]."""
from __future__ import annotations

from gongkai.catalog import pages as catalog_selectors
from gongkai.engagement import pages as engagement_selectors
from gongkai.records import selectors as record_selectors
from gongkai.reports import selectors as report_selectors

RECORD_SOURCES = ("records.record", "records.interpretation")
SOURCES = RECORD_SOURCES + ("reports.annualreport", "engagement.consultation", "engagement.message",
                            "catalog.catalogitem")

# Pages of apps above this one (the portal's 政府信息公开指南): source → fn(organisation_ids, pks=None) → pages.
_REGISTERED: dict = {}


def register(source: str, published_pages) -> None:
    """An app above this layer adds its published pages (called from its AppConfig.ready())."""
    _REGISTERED[source] = published_pages


def sources() -> tuple[str, ...]:
    return SOURCES + tuple(_REGISTERED)


def pages(organisation_ids=None) -> list[dict]:
    """Every published page of the organisations (None: all)."""
    out = (record_selectors.published_pages(organisation_ids) + report_selectors.published_pages(organisation_ids)
           + engagement_selectors.published_pages(organisation_ids) + catalog_selectors.published_pages(organisation_ids))
    for fn in _REGISTERED.values():
        out += fn(organisation_ids)
    return out


def pages_of(keys: dict[str, set[int]]) -> tuple[list[dict], set[tuple[str, int]]]:
    """The pages named by {source: pks} that are published now, and every (source, pk) asked about (a page
    asked about but not returned is no longer public: its rows go)."""
    found: list[dict] = []
    record_pks = keys.get("records.record", set()) | keys.get("records.interpretation", set())
    if record_pks:
        found += [p for p in record_selectors.published_pages(pks=record_pks) if p["pk"] in keys.get(p["source"], ())
                  or p["source"] == "records.interpretation" and p["pk"] in record_pks]
    if keys.get("reports.annualreport"):
        found += report_selectors.published_pages(pks=keys["reports.annualreport"])
    if keys.get("engagement.consultation") or keys.get("engagement.message"):
        found += engagement_selectors.published_pages(pks=keys)
    if keys.get("catalog.catalogitem"):
        found += catalog_selectors.published_pages(pks=keys["catalog.catalogitem"])
    for source, fn in _REGISTERED.items():
        if keys.get(source):
            found += fn(None, pks=keys[source])
    asked = {(s, pk) for s, pks in keys.items() for pk in pks}
    if record_pks:
        asked |= {(s, pk) for s in RECORD_SOURCES for pk in record_pks}
    return found, asked
