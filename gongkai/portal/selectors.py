"""Reads of the portal's own data for other apps (the JSON API): plain figures, never QuerySets."""
from __future__ import annotations

from .models import DisclosureGuide
from .states import GuideStatus

GUIDE_FIELDS = ("functions", "classification", "how_to_obtain", "office_name", "office_address", "office_hours",
                "phone", "fax", "online_contact", "postal_code", "postal_address")


def _guide_figures(guide: DisclosureGuide) -> dict:
    return {
        "organisation_code": guide.organisation.code, "organisation_name": guide.organisation.name,
        **{name: getattr(guide, name) for name in GUIDE_FIELDS},
        "mailing_address": guide.mailing_address,
        "updated_at": guide.updated_at.isoformat() if guide.updated_at else None,
        "stale": guide.is_stale(),
    }


def published_guide(organisation_code: str) -> dict | None:
    """The organisation's published 政府信息公开指南 as plain figures, or None (none published)."""
    guide = (DisclosureGuide.objects.filter(organisation__code=organisation_code, status=GuideStatus.PUBLISHED)
             .select_related("organisation").first())
    return _guide_figures(guide) if guide else None


def published_guides() -> list[dict]:
    guides = (DisclosureGuide.objects.filter(status=GuideStatus.PUBLISHED).select_related("organisation")
              .order_by("organisation__path"))
    return [_guide_figures(g) for g in guides]
