"""The wording check (gongkai.proofing) of records and their interpretations: on save and on submit.

Checked: the record's title, summary and body; the interpretation's title and text sections. The
document's date (成文日期) is the date names and leaders' tenures are checked against. A severe
open finding blocks 报审 (``proofing.require_clear`` in the submit transition), as the privacy
check blocks publication.
"""
from __future__ import annotations

from gongkai.proofing import services as proofing

from ..models import Interpretation, Record
from .common import INTERPRETATION_TEXT_FIELDS, TEXT_FIELDS

INTERPRETATION_CHECKED = ("title",) + INTERPRETATION_TEXT_FIELDS


def record_texts(record: Record) -> dict[str, str]:
    return {f: getattr(record, f) or "" for f in TEXT_FIELDS}


def interpretation_texts(interpretation: Interpretation) -> dict[str, str]:
    return {f: getattr(interpretation, f) or "" for f in INTERPRETATION_CHECKED}


def check_record(record: Record, actor, *, trusted: bool = True) -> None:
    """Check the record's texts as stored (inside its own transition: the kernel checked the permission)."""
    proofing.check_object(record, record_texts(record), organisation=record.organisation,
                          on_date=record.formation_date, actor=actor, trusted=trusted)


def check_interpretation(interpretation: Interpretation, actor, *, trusted: bool = True) -> None:
    record = interpretation.record
    proofing.check_object(interpretation, interpretation_texts(interpretation), organisation=record.organisation,
                          on_date=record.formation_date, actor=actor, trusted=trusted)


def check_before_submit(record: Record, actor) -> None:
    """Check the record and its interpretation before 报审, in a transaction of its own: the findings stay
    stored (and shown in place) when the submission is then refused."""
    check_record(record, actor, trusted=False)
    interpretation = Interpretation.objects.filter(record=record).first()
    if interpretation is not None:
        check_interpretation(interpretation, actor, trusted=False)


def require_clear(record: Record) -> None:
    """Refuse 报审 while a severe finding of the record or its interpretation is open."""
    proofing.require_clear(record, Interpretation.objects.filter(record=record).first())
