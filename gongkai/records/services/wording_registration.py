"""Records and interpretations registered with the wording check (gongkai.proofing): a suggestion is
applied through the records' own edit services, which re-check the text."""
from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.proofing import registry

from ..models import Interpretation, Record
from ..states import EDITABLE
from .common import INTERPRETATION_FIELDS, TEXT_FIELDS
from .drafting import interpretation_save, record_update
from .wording import INTERPRETATION_CHECKED, interpretation_texts, record_texts


def _write_record(record: Record, field: str, text: str, actor) -> None:
    record_update(record=record, actor=actor, data={field: text})


def _write_interpretation(interpretation: Interpretation, field: str, text: str, actor) -> None:
    data = {f: getattr(interpretation, f) for f in INTERPRETATION_FIELDS}
    data[field] = text
    interpretation_save(record=interpretation.record, actor=actor, data=data)


def register() -> None:
    """Called from ``RecordsConfig.ready()``."""
    registry.register(registry.Spec(
        model=Record, fields=record_texts,
        labels={f: Record._meta.get_field(f).verbose_name for f in TEXT_FIELDS},
        on_date=lambda r: r.formation_date, write=_write_record, editable=lambda r: r.status in EDITABLE))
    registry.register(registry.Spec(
        model=Interpretation, fields=interpretation_texts,
        labels={f: format_lazy("{}：{}", _("解读材料"), Interpretation._meta.get_field(f).verbose_name)
                for f in INTERPRETATION_CHECKED},
        organisation=lambda i: i.record.organisation, on_date=lambda i: i.record.formation_date,
        write=_write_interpretation, editable=lambda i: i.record.status in EDITABLE))
