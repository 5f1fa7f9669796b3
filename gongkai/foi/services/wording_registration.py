"""Disclosure requests registered with the wording check (gongkai.proofing): the office's texts of the
reply and correction letters, held by proofing until the letter is issued."""
from __future__ import annotations

from gongkai.proofing import registry

from ..models import DisclosureRequest


def register() -> None:
    """Called from ``FoiConfig.ready()``."""
    registry.register(registry.Spec(
        model=DisclosureRequest,
        fields=lambda r: {"reply_text": r.reply_text or "", "correction_items": r.correction_items or ""},
        labels={f: DisclosureRequest._meta.get_field(f).verbose_name for f in ("reply_text", "correction_items")},
        editable=lambda r: r.is_open))
