"""Reads of the oversight app: what a user may see, the supervisors' dashboard (from the
precomputed figures and scores), drill-downs (live) and each organisation's own lists."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q
from django.http import Http404

from gongkai.core import clock
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from . import evaluation, metrics
from .models import (Accountability, Column, DirtyOrganisation, IndicatorSet, MetricValue, ProgressReport, Repost,
                     RepostNotice, Score, Task)
from .states import ColumnStatus, ProgressStatus, RepostStatus


def organisation_for(user, code: str, action: Action = Action.OVERSIGHT_VIEW) -> Organisation:
    """The organisation `code` when `user` may read its oversight data; 404 otherwise (existence not revealed)."""
    org = Organisation.objects.filter(code=code).first()
    if org is None or not can(user, action, org):
        raise Http404
    return org


def visible_organisations(user, action: Action = Action.OVERSIGHT_VIEW):
    return organisations_where(user, action)


def supervised_roots(user):
    """Organisations where the user supervises (an evaluation set may be kept there)."""
    return organisations_where(user, Action.EVALUATION_EDIT)


def _visible(model, user, pk, action: Action = Action.OVERSIGHT_VIEW, related=("organisation",)):
    """The object `pk` when `user` may read its organisation's oversight data; 404 otherwise."""
    obj = model.objects.select_related(*related).filter(pk=pk).first()
    if obj is None or not can(user, action, obj.organisation):
        raise Http404
    return obj


def column_for(user, pk) -> Column:
    return _visible(Column, user, pk, related=("organisation", "parent"))


def repost_for(user, pk) -> Repost:
    return _visible(Repost, user, pk, related=("organisation", "notice"))


def task_for(user, pk) -> Task:
    return _visible(Task, user, pk)


def accountability_for(user, pk) -> Accountability:
    return _visible(Accountability, user, pk)


def progress_for(user, pk) -> ProgressReport:
    return _visible(ProgressReport, user, pk)


def indicator_set_for(user, pk) -> IndicatorSet:
    return _visible(IndicatorSet, user, pk, Action.EVALUATION_VIEW)


# ------------------------------------------------------------------ an organisation's own lists

def column_of(organisation: Organisation, pk) -> Column | None:
    """The organisation's column `pk` (a parent or the column to keep in sync with), or None."""
    return Column.objects.filter(pk=pk, organisation=organisation).first() if pk else None


def column_tree(organisation: Organisation, states: dict) -> tuple[list[dict], list[Column]]:
    """First-level columns with their children, each with its state; and the first-level columns."""
    cols = list(Column.objects.filter(organisation=organisation).select_related("parent", "sync_with"))
    firsts = [c for c in cols if c.parent_id is None]
    tree = [{"column": first, "state": states.get(first.pk),
             "children": [{"column": c, "state": states.get(c.pk)} for c in cols if c.parent_id == first.pk]}
            for first in firsts]
    return tree, firsts


def sibling_columns(column: Column):
    return Column.objects.filter(organisation=column.organisation_id, status=ColumnStatus.ACTIVE).exclude(pk=column.pk)


def tasks_of(organisation: Organisation):
    return Task.objects.filter(organisation=organisation).prefetch_related("evidence", "evidence__record")


def progress_reports_of(organisation: Organisation):
    return ProgressReport.objects.filter(organisation=organisation)


def indicator_sets_of(organisation: Organisation):
    return IndicatorSet.objects.filter(organisation=organisation)


def score_history(iset: IndicatorSet, organisation: Organisation) -> dict[int, float]:
    return {s.quarter: s.total for s in iset.scores.filter(organisation=organisation)}


# ------------------------------------------------------------------ dashboard

@dataclass
class RankRow:
    rank: int
    organisation: Organisation
    total: float
    breakdown: dict
    lowest: str | None
    not_applicable: list = field(default_factory=list)  # indicator codes with nothing to measure (不适用)
    vetoed: bool = False  # 单项否决: 不合格 whatever the points, ranked after every organisation that passed


def latest_quarter(year: int, now: dt.datetime | None = None) -> int:
    quarters = evaluation.quarters_to_compute(year, now or clock.now())
    return quarters[-1] if quarters else 4


def ranking(iset: IndicatorSet, quarter: int, *, level: str | None = None) -> list[RankRow]:
    indicators = list(iset.indicators.all())
    weights = {i.code: float(i.weight) for i in indicators}
    qs = Score.objects.filter(indicator_set=iset, quarter=quarter).select_related("organisation")
    if level:
        qs = qs.filter(organisation__level=level)
    rows = []
    for s in qs.order_by("vetoed", "-total", "organisation__path"):
        ratios = {c: (v / weights[c] if weights.get(c) else None) for c, v in s.breakdown.items() if v is not None}
        lowest = min(ratios, key=lambda c: (ratios[c], c)) if ratios else None
        rows.append(RankRow(0, s.organisation, s.total, s.breakdown, lowest, list(s.not_applicable or []), s.vetoed))
    return share_ranks(rows)


def share_ranks(rows: list[RankRow]) -> list[RankRow]:
    """Competition ranking over rows already in order: equal totals share a rank (1, 2, 2, 4)."""
    for n, r in enumerate(rows):
        r.rank = rows[n - 1].rank if n and _rank_key(rows[n - 1]) == _rank_key(r) else n + 1
    return rows


def _rank_key(row: RankRow):
    """Larger is worse: a veto first, then fewer points."""
    return row.vetoed, -row.total


def ranking_for(user, root: Organisation, iset: IndicatorSet | None, quarter: int, level: str | None = None):
    """The ranking of the organisations below `root` that `user` may see, with shared ranks for ties."""
    rows = ranking(iset, quarter, level=level or None) if iset else []
    rows = [r for r in rows if r.organisation.path.startswith(root.path) and r.organisation.pk != root.pk
            and can(user, Action.EVALUATION_VIEW, r.organisation)]
    return share_ranks(rows)


def top_and_bottom(rows: list[RankRow], n: int = 3) -> tuple[list[RankRow], list[RankRow]]:
    """The organisations ranked in the first `n` places and those in the last `n` places (worst first).
    Ties are named honestly: everyone sharing a rank at the edge is included, so there may be more
    than `n`; when every organisation ties no one is singled out."""
    if len(rows) <= n or _rank_key(rows[0]) == _rank_key(rows[-1]):
        return [], []
    best = [r for r in rows if r.rank <= n]
    edge = _rank_key(rows[-n])
    worst = [r for r in rows if _rank_key(r) >= edge and r not in best]
    return best, worst[::-1]


def distribution(iset: IndicatorSet, quarter: int, *, level: str | None = None) -> list[tuple[str, int]]:
    """Counts of scores per 10-point band (0–9, 10–19 … 90–100)."""
    qs = Score.objects.filter(indicator_set=iset, quarter=quarter)
    if level:
        qs = qs.filter(organisation__level=level)
    bands = [0] * 10
    for total in qs.values_list("total", flat=True):
        bands[min(9, int(total // 10))] += 1
    return [(f"{i * 10}–{i * 10 + 9 if i < 9 else 100}", n) for i, n in enumerate(bands)]


def trend(iset: IndicatorSet, organisation_ids: list[int], *, level: str | None = None) -> dict:
    """Average score per quarter of all organisations, and each of `organisation_ids`."""
    qs = Score.objects.filter(indicator_set=iset)
    if level:
        qs = qs.filter(organisation__level=level)
    from django.db.models import Avg
    overall = {r["quarter"]: round(r["avg"], 1) for r in qs.values("quarter").annotate(avg=Avg("total")).order_by()}
    per_org = {}
    for s in Score.objects.filter(indicator_set=iset, organisation_id__in=organisation_ids).select_related("organisation"):
        per_org.setdefault(s.organisation, {})[s.quarter] = s.total
    return {"overall": overall, "organisations": per_org}


def breakdown_average(iset: IndicatorSet, quarter: int, *, level: str | None = None) -> dict[str, float]:
    """Average score per indicator over all organisations (as a share of its weight)."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    qs = Score.objects.filter(indicator_set=iset, quarter=quarter)
    if level:
        qs = qs.filter(organisation__level=level)
    for b in qs.values_list("breakdown", flat=True):
        for code, v in b.items():
            if v is not None:
                sums[code] = sums.get(code, 0.0) + v
                counts[code] = counts.get(code, 0) + 1
    return {c: round(sums[c] / counts[c], 2) for c in sums}


def freshness() -> dict:
    last = MetricValue.objects.aggregate(last=Max("computed_at"))["last"]
    return {"computed_at": last, "dirty": DirtyOrganisation.objects.count()}


def figures(organisation: Organisation, year: int, quarter: int) -> dict[str, float | None]:
    return dict(MetricValue.objects.filter(organisation=organisation, year=year, quarter=quarter)
                .values_list("metric", "value"))


def score_of(iset: IndicatorSet, organisation: Organisation, quarter: int) -> Score | None:
    return Score.objects.filter(indicator_set=iset, organisation=organisation, quarter=quarter).first()


def drill(organisation: Organisation, metric_key: str, year: int, quarter: int) -> list[metrics.Row]:
    metric = metrics.METRICS.get(metric_key)
    if metric is None:
        raise Http404
    return metric.rows(organisation, metrics.Period.of(year, quarter, clock.now()))


# ------------------------------------------------------------------ reposts

def reposts_of(organisation: Organisation):
    return Repost.objects.filter(organisation=organisation).select_related("notice", "notice__organisation")


def late_reposts_below(organisation: Organisation, now=None):
    """Reposts of every organisation below `organisation` that are late or missing."""
    now = now or clock.now()
    return Repost.objects.filter(organisation__path__startswith=organisation.path).exclude(
        organisation=organisation).filter(
        Q(reposted_at__gt=F("due_at")) | Q(status=RepostStatus.PENDING, due_at__lt=now)
    ).select_related("notice", "organisation")


def late_reposts_of(organisation: Organisation, now=None):
    now = now or clock.now()
    return reposts_of(organisation).filter(
        Q(reposted_at__gt=F("due_at")) | Q(status=RepostStatus.PENDING, due_at__lt=now))



def notices_issued(organisation: Organisation):
    return RepostNotice.objects.filter(organisation=organisation).annotate(
        total=Count("reposts"), done=Count("reposts", filter=Q(reposts__status=RepostStatus.REPOSTED)))


# ------------------------------------------------------------------ progress reports

def progress_reports_below(organisation: Organisation):
    return ProgressReport.objects.filter(organisation__path__startswith=organisation.path) \
        .exclude(organisation=organisation).select_related("organisation")


def progress_awaiting_review(user):
    return ProgressReport.objects.filter(status=ProgressStatus.SUBMITTED,
                                         organisation__in=organisations_where(user, Action.OVERSIGHT_REVIEW)) \
        .select_related("organisation")
