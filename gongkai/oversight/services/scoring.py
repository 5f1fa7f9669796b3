"""A supervisor's request to recount the figures and scores of the evaluation."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied

from gongkai.core import clock
from gongkai.ops import scheduler
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can

from .. import evaluation
from ..models import DirtyOrganisation, MetricValue


def evaluation_refresh(*, organisation: Organisation, actor, year: int) -> dict:
    """Recount what changed since the last refresh. Only the organisations changed since then, in the
    request when they are few; a year never computed (the whole province) or many changes go to the
    scheduler, which any server runs at its next tick — a province-wide recomputation takes minutes.

    Returns ``{"outcome": "nothing" | "scheduled" | "too_big" | "done", ...}`` (with the counts when done)."""
    if not (can(actor, Action.OVERSIGHT_REVIEW, organisation) or can(actor, Action.EVALUATION_EDIT, organisation)):
        raise PermissionDenied
    dirty = list(DirtyOrganisation.objects.values_list("organisation_id", flat=True))
    never = not MetricValue.objects.filter(year=year).exists()
    running = year == clock.now().year
    if not never and not dirty:
        return {"outcome": "nothing"}
    if never or len(dirty) > evaluation.INLINE_REFRESH_LIMIT:
        job = "oversight_refresh" if never else "oversight_refresh_changed"
        if (never or running) and scheduler.run_soon(job):
            return {"outcome": "scheduled"}
        return {"outcome": "too_big"}
    return {"outcome": "done", **evaluation.refresh(year=year, organisation_ids=dirty)}
