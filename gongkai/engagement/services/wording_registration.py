"""Consultations and message answers registered with the wording check (gongkai.proofing): a suggestion
in a consultation is applied through its own edit service; a message answer is held until it is sent."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.proofing import registry

from ..models import Consultation, Message
from ..states import ConsultationStatus
from .consultations import CONSULTATION_FIELDS, consultation_update
from .wording import ANSWERABLE, CONSULTATION_CHECKED, consultation_texts


def _write_consultation(c: Consultation, field: str, text: str, actor) -> None:
    data = {f: getattr(c, f) for f in CONSULTATION_FIELDS}
    data[field] = text
    consultation_update(consultation=c, actor=actor, data=data)


def register() -> None:
    """Called from ``EngagementConfig.ready()``."""
    registry.register(registry.Spec(
        model=Consultation, fields=consultation_texts,
        labels={f: Consultation._meta.get_field(f).verbose_name for f in CONSULTATION_CHECKED},
        write=_write_consultation, editable=lambda c: c.status == ConsultationStatus.DRAFT))
    registry.register(registry.Spec(
        model=Message, fields=lambda m: {"answer": m.answer or ""}, labels={"answer": _("答复内容")},
        editable=lambda m: m.status in ANSWERABLE))
