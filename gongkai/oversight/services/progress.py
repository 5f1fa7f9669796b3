"""Progress reports to the superior (seed 000 三(三), seed 001 五(二))."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .. import metrics, sources
from ..models import ProgressReport
from ..states import OversightEvent as E
from ..states import PeriodKind
from ..workflow import PROGRESS_WORKFLOW
from ._common import _fail, _text


def progress_due(kind: str, year: int, period: int) -> dt.date:
    """Quarterly: the last day of the quarter (seed 000 三(三) “每季度末报送工作进展”).
    Half-yearly: 10 July for the first half, 10 January of the next year for the whole year (seed 001 五(二))."""
    if kind == PeriodKind.QUARTER:
        return metrics.quarter_due(year, period)
    return dt.date(year, 7, 10) if period == 1 else dt.date(year + 1, 1, 10)


def progress_period_bounds(kind: str, year: int, period: int) -> list[int]:
    """The quarters a report covers."""
    if kind == PeriodKind.QUARTER:
        return [period]
    return [1, 2] if period == 1 else [1, 2, 3, 4]


def progress_figures(organisation: Organisation, kind: str, year: int, period: int) -> dict:
    """The system's figures for the report period (live, summed over the quarters it covers)."""
    now = clock.now()
    out: dict[str, dict] = {}
    quarters = [q for q in progress_period_bounds(kind, year, period) if metrics.Period.of(year, q, now).start < now]
    for key, metric in metrics.METRICS.items():
        missing = 0.0 if metric.available() else None
        values = [metric.compute({"ids": [organisation.pk]}, metrics.Period.of(year, q, now)).get(organisation.pk, missing)
                  for q in quarters]
        if any(v is None for v in values) or not values:
            value = None
        elif key in {"columns_stale", "columns_empty", "homepage_idle_days", "inspection_vetoes",
                     "accountabilities_done", "press_conference_done", "tasks_overdue"}:
            value = values[-1]  # a state at the end of the period, not a sum
        else:
            value = sum(values)
        out[key] = {"label": str(metric.label), "unit": str(metric.unit), "value": value}
    out["catalogs_published"] = {"label": _("已发布的标准目录"), "unit": _("个"),
                                 "value": sources.published_catalog_count(organisation.pk)}
    return out


def progress_open(*, organisation: Organisation, actor, kind: str, year: int, period: int) -> ProgressReport:
    require(actor, Action.OVERSIGHT_EDIT, organisation)
    problems: list[str] = []
    if kind not in PeriodKind.values:
        problems.append(_("请选择报告周期。"))
    elif not (1 <= int(period) <= (4 if kind == PeriodKind.QUARTER else 2)):
        problems.append(_("期次不正确。"))
    if not (2000 <= int(year) <= clock.today().year + 1):
        problems.append(_("年度不正确。"))
    if organisation.parent_id is None:
        problems.append(_("本机构没有上级机构，无需报送进展报告。"))
    _fail(problems)
    existing = ProgressReport.objects.filter(organisation=organisation, kind=kind, year=year, period=period).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                organisation=organisation, kind=kind, year=year, period=period,
                due_date=progress_due(kind, year, period), created_by=actor,
                figures=progress_figures(organisation, kind, year, period))
            audit.record(E.PROGRESS_OPENED, actor=actor, organisation=organisation, target=report,
                         after={"status": report.status})
    except IntegrityError:
        return ProgressReport.objects.get(organisation=organisation, kind=kind, year=year, period=period)
    return report


def progress_edit(*, report: ProgressReport, actor, narrative: str, refresh_figures: bool = False) -> ProgressReport:
    problems: list[str] = []
    narrative = _text(narrative, _("工作进展"), problems, required=False, max_length=20000)
    _fail(problems)
    figures = progress_figures(report.organisation, report.kind, report.year, report.period) if refresh_figures else None

    def apply(r):
        r.narrative = narrative
        if figures is not None:
            r.figures = figures

    return PROGRESS_WORKFLOW.run("edit", report, actor=actor, apply=apply).instance


def progress_submit(*, report: ProgressReport, actor) -> ProgressReport:
    figures = progress_figures(report.organisation, report.kind, report.year, report.period)

    def apply(r):
        r.figures = figures  # the figures as of submission
        r.submitted_at = clock.now()

    return PROGRESS_WORKFLOW.run("submit", report, actor=actor, apply=apply,
                                 extra={"late": clock.today() > report.due_date}).instance


def progress_return(*, report: ProgressReport, actor, comment: str) -> ProgressReport:
    problems: list[str] = []
    comment = _text(comment, _("退回意见"), problems, max_length=2000)
    _fail(problems)

    def apply(r):
        r.review_comment, r.reviewed_at = comment, clock.now()

    return PROGRESS_WORKFLOW.run("return", report, actor=actor, apply=apply, reason=comment).instance


def progress_accept(*, report: ProgressReport, actor, comment: str = "") -> ProgressReport:
    problems: list[str] = []
    comment = _text(comment, _("审核意见"), problems, required=False, max_length=2000)
    _fail(problems)

    def apply(r):
        r.review_comment, r.reviewed_at = comment, clock.now()

    return PROGRESS_WORKFLOW.run("accept", report, actor=actor, apply=apply, reason=comment).instance
