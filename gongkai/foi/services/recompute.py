"""Recomputing stored due dates when a year's holiday arrangement is entered.
"""
from __future__ import annotations

from gongkai.core import audit

from .. import deadlines
from ..models import DisclosureRequest
from ..states import OPEN_STATES, FoiEvent


def foi_recompute_year(year: int, *, actor=None) -> int:
    """Recompute the stored due dates of open requests whose clock touches `year`; return how many changed.

    Registered with gongkai.workdays.recompute: it runs inside holiday_year_enter()'s transaction.
    A recomputation is no state change, so it is audited directly (DEADLINE_RECOMPUTED).
    """
    changed = 0
    qs = DisclosureRequest.objects.select_for_update().filter(status__in=OPEN_STATES, received_on__year__lte=year)
    for req in qs.select_related("organisation"):
        if req.due_date and req.due_date.year < year:
            continue
        before = {"foi_due_date": req.due_date.isoformat() if req.due_date else None}
        old_provisional = req.deadline_provisional
        if deadlines.apply(req) or old_provisional != req.deadline_provisional:
            req.save(update_fields=["due_date", "deadline", "deadline_provisional", "updated_at"])
            audit.record(FoiEvent.DEADLINE_RECOMPUTED, actor=actor, target=req, organisation=req.organisation,
                         before=before, after={"foi_due_date": req.due_date.isoformat() if req.due_date else None},
                         reason=f"{year}年节假日安排录入")
            changed += 1
        else:
            req.save(update_fields=["deadline", "updated_at"])
    return changed
