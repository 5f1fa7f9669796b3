"""The machine-readable catalog document (schema ``gongkai.catalog/1``, ``docs/catalog-schema.md``).

An element the source table does not determine (None) is exported as null: never guessed.
"""
from __future__ import annotations

import json
from datetime import datetime

from django.utils import timezone

from ..models import Catalog, CatalogItem, CatalogVersion

SCHEMA_ID = "gongkai.catalog/1"


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def item_document(item: CatalogItem) -> dict:
    """Return one item as it appears in a catalog document."""
    return {
        "key": item.key,
        "first_level": item.first_level,
        "second_level": item.second_level,
        "number": item.number,
        "content": item.content,
        "basis": item.basis,
        "time_limit_text": item.time_limit_text,
        "time_limit_rule": item.time_limit_rule,
        "subject": item.subject,
        "channels": item.channels,
        "audience": item.audience,
        "mode": item.mode,
        "level": item.level,
        "is_local": item.is_local,
        "retired": item.retired,
        "retired_reason": item.retired_reason,
        "anomalies": item.anomalies,
        "source": item.source,
    }


def catalog_document(catalog: Catalog, version: CatalogVersion) -> dict:
    """Return the schema document of one catalog version (every item, retired ones included)."""
    if version.catalog_id != catalog.pk:
        raise ValueError(f"version {version.pk} does not belong to catalog {catalog.pk}")
    organisation = catalog.organisation
    return {
        "schema": SCHEMA_ID,
        "id": catalog.pk,
        "title": catalog.title,
        "domain": catalog.domain,
        "is_template": catalog.is_template,
        "organisation": {"code": organisation.code, "name": organisation.name} if organisation else None,
        "template_id": catalog.template_id,
        "version": {"number": version.number, "status": version.status, "published_at": _iso(version.published_at)},
        "source_note": catalog.source_note,
        "anomalies": catalog.anomalies,
        "items": [item_document(i) for i in version.items.order_by("position", "pk")],
    }


def catalog_json(catalog: Catalog, version: CatalogVersion) -> bytes:
    """Return the document as UTF-8 JSON text, Chinese left readable."""
    return json.dumps(catalog_document(catalog, version), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
