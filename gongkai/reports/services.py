"""Writes to annual reports: one keyword-only function per action, atomic and audited."""
from __future__ import annotations

from dataclasses import asdict

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.permissions import Action, require

from . import layout
from .checks import failures, run_checks
from .figures import key_figures
from .formats import format_for_year, get_format
from .models import AnnualReport
from .states import ALLOWED_TRANSITIONS, ReportStatus
from .statistics import compute_tables

NARRATIVE_FIELDS = ("overview", "problems", "other")
MAX_FIGURE_LENGTH = 40


def report_format(report: AnnualReport) -> dict:
    return get_format(report.format_version)


def live_tables(report: AnnualReport):
    return compute_tables(report.organisation, report.year, report_format(report), report.manual_figures)


def manual_cell_keys(fmt: dict) -> set[str]:
    """Return the keys of section 二 cells staff may fill in (every cell of section 二)."""
    return {
        f"s2.{block['key']}.{row['key']}.{col}"
        for block in fmt["proactive"]["blocks"] for row in block["rows"] for col in row["cells"]
    }


def _require_draft(report: AnnualReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise InvalidTransition(_("报告已发布，不能再修改。"))


@transaction.atomic
def report_open(*, organisation, year: int, actor, format_version: str | None = None) -> AnnualReport:
    """Create the organisation's report for `year` (or return the existing one)."""
    require(actor, Action.REPORT_EDIT, organisation)
    existing = AnnualReport.objects.filter(organisation=organisation, year=year).first()
    if existing:
        return existing
    fmt = get_format(format_version) if format_version else format_for_year(year)
    report = AnnualReport.objects.create(organisation=organisation, year=year, format_version=fmt["version"], created_by=actor)
    audit.record("report.opened", actor=actor, organisation=organisation, target=report,
                 after={"year": year, "format_version": fmt["version"]})
    return report


@transaction.atomic
def report_update_narrative(*, report: AnnualReport, actor, data: dict) -> AnnualReport:
    """Save the narrative sections written by staff."""
    require(actor, Action.REPORT_EDIT, report.organisation)
    report = AnnualReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_draft(report)
    before = {f: getattr(report, f) for f in NARRATIVE_FIELDS}
    for name in NARRATIVE_FIELDS:
        if name in data:
            setattr(report, name, (data[name] or "").strip())
    report.save()
    after = {f: getattr(report, f) for f in NARRATIVE_FIELDS}
    changed = [f for f in NARRATIVE_FIELDS if before[f] != after[f]]
    audit.record("report.narrative_updated", actor=actor, organisation=report.organisation, target=report,
                 before={f: len(before[f]) for f in changed}, after={f: len(after[f]) for f in changed})
    return report


@transaction.atomic
def report_set_figure(*, report: AnnualReport, actor, key: str, value: str, note: str) -> AnnualReport:
    """Enter a figure the system does not hold (or override a counted one), with its source."""
    require(actor, Action.REPORT_EDIT, report.organisation)
    report = AnnualReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_draft(report)
    problems = []
    if key not in manual_cell_keys(report_format(report)):
        problems.append(_("该单元格不能人工填报。"))
    value, note = (value or "").strip(), (note or "").strip()
    if not value:
        problems.append(_("请填写数值（没有的填“0”或“无”）。"))
    elif len(value) > MAX_FIGURE_LENGTH:
        problems.append(_("数值过长。"))
    if not note:
        problems.append(_("人工填报的数据必须注明来源（如：行政审批系统导出，2027年1月5日）。"))
    if problems:
        raise ValidationFailed(_("填报数据有误。"), problems=problems)
    before = report.manual_figures.get(key)
    report.manual_figures[key] = {"value": value, "note": note, "by": actor.username, "at": clock.now().isoformat()}
    report.save(update_fields=["manual_figures", "updated_at"])
    audit.record("report.figure_entered", actor=actor, organisation=report.organisation, target=report,
                 before={key: before} if before else {}, after={key: report.manual_figures[key]}, reason=note)
    return report


@transaction.atomic
def report_clear_figure(*, report: AnnualReport, actor, key: str) -> AnnualReport:
    """Remove a staff-entered figure; counted cells fall back to the system's count."""
    require(actor, Action.REPORT_EDIT, report.organisation)
    report = AnnualReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_draft(report)
    before = report.manual_figures.pop(key, None)
    if before is None:
        raise InvalidTransition(_("该单元格没有人工填报的数据。"))
    report.save(update_fields=["manual_figures", "updated_at"])
    audit.record("report.figure_cleared", actor=actor, organisation=report.organisation, target=report,
                 before={key: before}, after={})
    return report


def build_snapshot(report: AnnualReport) -> dict:
    """Return the tables, their grids and the key figures in JSON form."""
    tables = live_tables(report)
    grids = {
        "proactive": [[[asdict(c) for c in line] for line in layout.proactive_grid(b)] for b in tables.proactive],
        "requests": [[asdict(c) for c in line] for line in layout.requests_grid(tables)],
        "appeals": [[asdict(c) for c in line] for line in layout.appeals_grid(tables)],
    }
    figures = key_figures(report.organisation, report.year)
    return {"tables": tables.as_dict(), "grids": grids, "key_figures": figures.sentences()}


@transaction.atomic
def report_publish(*, report: AnnualReport, actor, comment: str = "") -> AnnualReport:
    """Approve and publish the report; refused while any cross-check fails or a narrative is empty."""
    require(actor, Action.REPORT_APPROVE, report.organisation)
    report = AnnualReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if ReportStatus.PUBLISHED not in ALLOWED_TRANSITIONS[report.status]:
        raise InvalidTransition(_("报告已发布。"))
    problems = [r.message for r in failures(run_checks(live_tables(report)))]
    if not report.overview:
        problems.append(_("“总体情况”尚未填写。"))
    if not report.problems:
        problems.append(_("“存在的主要问题及改进情况”尚未填写。"))
    if problems:
        raise ValidationFailed(_("报告未通过校验，不能发布。"), problems=problems)
    report.snapshot = build_snapshot(report)
    report.status = ReportStatus.PUBLISHED
    report.approved_by, report.approval_comment, report.published_at = actor, (comment or "").strip(), clock.now()
    report.save()
    audit.record("report.published", actor=actor, organisation=report.organisation, target=report,
                 before={"status": ReportStatus.DRAFT}, after={"status": ReportStatus.PUBLISHED}, reason=comment)
    return report
