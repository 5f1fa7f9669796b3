"""Public consultations and published message answers as plain pages, for the link check and the site
inspection (gongkai.links reads them; a selector for another app: plain dicts only)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Consultation
from .selectors import public_consultations, published_messages


def published_pages(organisation_ids=None, *, pks=None) -> list[dict]:
    """Public consultations and disclosed message answers as plain pages: address, texts, dates.
    `pks`: {"engagement.consultation": [...], "engagement.message": [...]} to read only those."""
    pages = []
    cons = public_consultations().order_by("pk")
    msgs = published_messages().order_by("pk")
    if organisation_ids is not None:
        cons = cons.filter(organisation_id__in=list(organisation_ids))
        msgs = msgs.filter(organisation_id__in=list(organisation_ids))
    if pks is not None:
        cons = cons.filter(pk__in=list(pks.get("engagement.consultation", ())))
        msgs = msgs.filter(pk__in=list(pks.get("engagement.message", ())))
    for c in cons:
        texts = {str(Consultation._meta.get_field(f).verbose_name): getattr(c, f)
                 for f in ("title", "draft_text", "basis", "explanation", "report_summary")}
        pages.append({"source": "engagement.consultation", "pk": c.pk, "organisation_id": c.organisation_id,
                      "title": c.title, "url": c.get_absolute_url(),
                      "edit_url": reverse("engagement_office:consultation", args=[c.pk]), "date": c.published_at,
                      "doc_date": c.published_at.date() if c.published_at else None, "texts": texts, "links": [],
                      "attachments": []})
    for m in msgs:
        pages.append({"source": "engagement.message", "pk": m.pk, "organisation_id": m.organisation_id,
                      "title": m.subject, "url": reverse("engagement:message", args=[m.number]),
                      "edit_url": reverse("engagement_office:message", args=[m.pk]), "date": m.published_at,
                      "doc_date": m.published_at.date() if m.published_at else None,
                      "texts": {_("答复内容"): m.answer}, "links": [], "attachments": []})
    return pages


def is_public_consultation(pk: int) -> bool:
    return public_consultations().filter(pk=pk).exists()


def is_public_message(number: str) -> bool:
    return published_messages().filter(number=number).exists()
