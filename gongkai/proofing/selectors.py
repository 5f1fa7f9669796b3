"""Reads of the wording check: the findings of an object as its back-office page shows them."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from gongkai.organisations.permissions import Action, can

from . import registry
from .models import HeldText, WordingFinding
from .states import FindingStatus, Severity

EXCERPT = 30  # characters shown on each side of a finding


def of(obj) -> dict:
    """The lookup of everything stored about `obj` (content type and id)."""
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


def current_text(obj, field: str) -> str:
    """The text a finding's offsets refer to: the held text if any, else the stored field."""
    held = HeldText.objects.filter(**of(obj), field=field).first()
    if held is not None:
        return held.text
    return registry.spec_for(obj).fields(obj).get(field, "") or ""


def held_text(obj, field: str) -> str | None:
    """The text held for `obj`'s `field` while its submission waits (None when none is held)."""
    if obj is None or obj.pk is None:
        return None
    held = HeldText.objects.filter(**of(obj), field=field).first()
    return held.text if held is not None else None


def open_severe_count(obj) -> int:
    return WordingFinding.objects.filter(**of(obj), status=FindingStatus.OPEN, severity=Severity.SEVERE).count()


def panel(obj, user) -> dict:
    """Everything the findings panel of `obj` shows `user`: each finding in its text, and what they may do."""
    spec = registry.spec_for(obj)
    stored = WordingFinding.objects.filter(**of(obj))
    organisation = spec.organisation(obj)
    editable = spec.editable(obj)
    may_fix = editable and can(user, Action.PROOFING_FIX, organisation)
    may_override = can(user, Action.PROOFING_OVERRIDE, organisation)
    texts: dict[str, str] = {}
    rows = []
    for f in stored.filter(status__in=(FindingStatus.OPEN, FindingStatus.OVERRIDDEN)).select_related("resolved_by"):
        if f.field not in texts:
            texts[f.field] = current_text(obj, f.field)
        text = texts[f.field]
        in_place = text[f.start:f.end] == f.text
        rows.append({
            "finding": f,
            "field": spec.labels.get(f.field, f.field),
            "before": ("…" if f.start > EXCERPT else "") + text[max(0, f.start - EXCERPT):f.start] if in_place else "",
            "after": text[f.end:f.end + EXCERPT] + ("…" if f.end + EXCERPT < len(text) else "") if in_place else "",
            "blocking": f.status == FindingStatus.OPEN and f.severity == Severity.SEVERE,
            "may_apply": may_fix and in_place and f.status == FindingStatus.OPEN and bool(f.suggestion),
            "may_override": may_override and f.status == FindingStatus.OPEN,
        })
    return {
        "rows": rows,
        "blocking": sum(1 for r in rows if r["blocking"]),
        "open": sum(1 for r in rows if r["finding"].status == FindingStatus.OPEN),
        "fixed": stored.filter(status=FindingStatus.FIXED).count(),
        "editable": editable,
    }
