"""The items of organisations' published catalogs as plain pages, for the link check and the site
inspection (gongkai.links reads them; a selector for another app: plain dicts only)."""
from __future__ import annotations

from django.urls import reverse

from .models import CatalogItem
from .states import VersionStatus


def published_pages(organisation_ids=None, *, pks=None) -> list[dict]:
    """Each live item of an organisation's published catalog version: its public page, its texts."""
    qs = (CatalogItem.objects.filter(version__status=VersionStatus.PUBLISHED, retired=False,
                                     version__catalog__organisation__isnull=False)
          .select_related("version__catalog").order_by("pk"))
    if organisation_ids is not None:
        qs = qs.filter(version__catalog__organisation_id__in=list(organisation_ids))
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    pages = []
    for item in qs:
        catalog = item.version.catalog
        pages.append({"source": "catalog.catalogitem", "pk": item.pk, "organisation_id": catalog.organisation_id,
                      "title": f"{catalog.title} · {item.first_level} / {item.second_level}",
                      "url": reverse("portal:catalog_item", args=[catalog.pk, item.pk]),
                      "edit_url": reverse("office:catalog", args=[catalog.pk]),
                      "date": item.version.published_at,
                      "doc_date": item.version.published_at.date() if item.version.published_at else None,
                      "texts": {str(CatalogItem._meta.get_field(f).verbose_name): getattr(item, f)
                                for f in ("content", "basis")},
                      "links": [], "attachments": []})
    return pages


def is_public_catalog(pk: int) -> bool:
    from .selectors import published_catalogs
    return published_catalogs().filter(pk=pk).exists()


def is_public_catalog_item(pk: int, item_pk: int) -> bool:
    return CatalogItem.objects.filter(pk=item_pk, version__catalog_id=pk, version__status=VersionStatus.PUBLISHED,
                                      retired=False).exists()
