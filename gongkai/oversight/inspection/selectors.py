"""Reads of the site inspection: the latest run per organisation, a supervisor's ranking, a run's history."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max

from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can

from .indicators import BY_CODE, ITEMS, verdict_label
from ..inspection_models import InspectionRun


def latest_runs(organisation_ids, before=None) -> dict[int, InspectionRun]:
    """The newest run of each organisation (at or before `before`)."""
    qs = InspectionRun.objects.filter(organisation_id__in=list(organisation_ids))
    if before is not None:
        qs = qs.filter(as_of__lt=before)
    newest = qs.values("organisation_id").annotate(m=Max("as_of")).order_by()
    wanted = {(r["organisation_id"], r["m"]) for r in newest}
    out: dict[int, InspectionRun] = {}
    for run in qs.filter(as_of__in={m for _o, m in wanted}).select_related("organisation").order_by("as_of", "id"):
        if (run.organisation_id, run.as_of) in wanted:
            out[run.organisation_id] = run
    return out


@dataclass
class InspectionRank:
    rank: int
    organisation: Organisation
    run: InspectionRun | None
    verdict: str


def _key(run: InspectionRun | None):
    return (2, 0) if run is None else (int(run.vetoed), -float(run.score))


def ranking(user, root: Organisation) -> list[InspectionRank]:
    """The organisations below `root` the user may see, ranked by their latest run: vetoed ones (不合格)
    after the others, then by score; equal results share a rank (1, 2, 2, 4); never inspected last."""
    orgs = [o for o in Organisation.objects.filter(path__startswith=root.path).exclude(pk=root.pk).order_by("path")
            if can(user, Action.OVERSIGHT_VIEW, o)]
    runs = latest_runs([o.pk for o in orgs])
    rows = sorted((InspectionRank(0, o, runs.get(o.pk), "") for o in orgs), key=lambda r: _key(r.run))
    for n, r in enumerate(rows):
        r.rank = rows[n - 1].rank if n and _key(rows[n - 1].run) == _key(r.run) else n + 1
        r.verdict = verdict_label(r.run.vetoed, r.run.score) if r.run else ""
    return rows


def run_for(user, pk) -> InspectionRun | None:
    run = InspectionRun.objects.select_related("organisation").filter(pk=pk).first()
    if run is None or not can(user, Action.OVERSIGHT_VIEW, run.organisation):
        return None
    return run


def report(run: InspectionRun) -> dict:
    """A run as the page, the .xlsx and the PDF show it: items in the document's order, findings per item."""
    items = {i.code: i for i in run.items.all()}
    findings: dict[str, list] = {}
    for f in run.findings.all():
        findings.setdefault(f.code, []).append(f)
    # Column findings below the veto live under the scored items; at the veto under the veto items.
    lines = []
    for item in ITEMS:
        stored = items.get(item.code)
        if stored is None:
            continue
        lines.append({"item": item, "stored": stored, "findings": findings.get(item.code, [])})
    return {"run": run, "vetoes": [ln for ln in lines if ln["item"].veto], "scored": [ln for ln in lines if not ln["item"].veto],
            "verdict": verdict_label(run.vetoed, run.score), "deducted": 100 - run.score}


def history(organisation: Organisation, limit: int = 24) -> list[InspectionRun]:
    return list(InspectionRun.objects.filter(organisation=organisation).order_by("-as_of", "-id")[:limit])


__all__ = ["BY_CODE", "history", "latest_runs", "ranking", "report", "run_for"]
