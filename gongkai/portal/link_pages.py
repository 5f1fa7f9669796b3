"""The published 政府信息公开指南 as pages whose links are checked and which the site inspection reads
(registered with gongkai.links in PortalConfig.ready())."""
from __future__ import annotations

from django.urls import reverse

from .models import DisclosureGuide
from .states import GuideStatus

FIELDS = ("functions", "classification", "how_to_obtain", "online_contact", "office_address", "postal_address")


def published_guides(organisation_ids=None, *, pks=None) -> list[dict]:
    qs = DisclosureGuide.objects.filter(status=GuideStatus.PUBLISHED).select_related("organisation").order_by("pk")
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    return [{"source": "portal.disclosureguide", "pk": g.pk, "organisation_id": g.organisation_id, "title": str(g),
             "url": reverse("portal:column_guide", args=[g.organisation.code]),
             "edit_url": reverse("office:guide_edit", args=[g.organisation.code]), "date": g.updated_at,
             "doc_date": g.updated_at.date() if g.updated_at else None,
             "texts": {str(DisclosureGuide._meta.get_field(f).verbose_name): getattr(g, f) for f in FIELDS},
             "links": [], "attachments": []} for g in qs]
