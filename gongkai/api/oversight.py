"""Oversight endpoints for supervisors (login required): the evaluation ranking of the
organisations below one, and one organisation's figures. Read from the precomputed scores
(gongkai.oversight.selectors); an organisation the caller may not supervise answers 404."""
from django.http import Http404
from ninja import Router, Schema
from ninja.security import django_auth

from gongkai.core import clock
from gongkai.organisations.permissions import Action
from gongkai.oversight import evaluation, metrics, selectors

from .schemas import OrgCodePath, Quarter, Year, errors

router = Router()


class RankingRowOut(Schema):
    rank: int
    organisation_code: str
    organisation_name: str
    total: float
    breakdown: dict[str, float | None]
    lowest_indicator: str | None


class RankingOut(Schema):
    organisation_code: str
    year: int
    quarter: int
    indicator_set_version: int
    computed_at: str | None
    rows: list[RankingRowOut]


class FigureOut(Schema):
    metric: str
    label: str
    unit: str
    value: float | None


@router.get("/oversight/{org_code}/ranking", response={200: RankingOut, **errors(404)}, auth=django_auth,
         tags=["oversight"], summary="Evaluation ranking of the organisations below one",
         description="Scores of every organisation below `org_code` for a year and quarter, best first. "
                     "A null indicator score means its source is not available (not zero).")
def ranking(request, org_code: OrgCodePath, year: Year = None, quarter: Quarter = None):
    root = selectors.organisation_for(request.user, org_code, Action.EVALUATION_VIEW)
    year = year or clock.today().year
    quarter = quarter or selectors.latest_quarter(year)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    iset = evaluation.current_set(root, year)
    if iset is None:
        raise Http404
    rows = selectors.ranking_for(request.user, root, iset, quarter)
    computed = selectors.freshness()["computed_at"]
    return RankingOut(
        organisation_code=root.code, year=year, quarter=quarter, indicator_set_version=iset.version,
        computed_at=computed.isoformat() if computed else None,
        rows=[RankingRowOut(rank=r.rank, organisation_code=r.organisation.code, organisation_name=r.organisation.name,
                            total=r.total, breakdown=r.breakdown, lowest_indicator=r.lowest)
              for r in rows])


@router.get("/oversight/{org_code}/figures", response={200: list[FigureOut], **errors(404)}, auth=django_auth,
         tags=["oversight"], summary="One organisation's precomputed figures for a quarter")
def figures(request, org_code: OrgCodePath, year: Year = None, quarter: Quarter = None):
    org = selectors.organisation_for(request.user, org_code, Action.EVALUATION_VIEW)
    year = year or clock.today().year
    quarter = quarter or selectors.latest_quarter(year)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    stored = selectors.figures(org, year, quarter)
    return [FigureOut(metric=k, label=str(m.label), unit=str(m.unit), value=stored.get(k))
            for k, m in metrics.METRICS.items()]
