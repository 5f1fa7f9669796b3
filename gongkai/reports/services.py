"""Writes to annual reports: each validates its input, then runs a declared transition
(workflow.REPORT_TRANSITIONS) through the workflow kernel, which locks, checks state and
permission, saves and audits."""
from __future__ import annotations

from dataclasses import asdict

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, require

from . import layout
from .checks import failures, run_checks
from .figures import key_figures
from .formats import FormatError, format_for_year, formats, get_format
from .models import AnnualReport
from .states import ReportEvent
from .statistics import compute_tables
from .workflow import REPORT_WORKFLOW

NARRATIVE_FIELDS = ("overview", "problems", "other")
MAX_FIGURE_LENGTH = 40
MAX_NOTE_LENGTH = 300
FIRST_REPORT_YEAR = 2008

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


@transaction.atomic
def report_open(*, organisation, year: int, actor, format_version: str | None = None) -> AnnualReport:
    """Create the organisation's report for `year` (or return the existing one)."""
    require(actor, Action.REPORT_EDIT, organisation)
    # The Regulation took effect on 1 May 2008 (first reports for 2008); a report for the current
    # year may be started during it (published only after it ends, see workflow.py).
    if not isinstance(year, int) or not FIRST_REPORT_YEAR <= year <= clock.today().year:
        raise ValidationFailed(_("年度无效。"), problems=[
            _("年度应在%(first)s年至%(last)s年之间。") % {"first": FIRST_REPORT_YEAR, "last": clock.today().year}])
    existing = AnnualReport.objects.filter(organisation=organisation, year=year).first()
    if existing:
        return existing
    try:
        fmt = get_format(format_version) if format_version else format_for_year(year)
    except FormatError:
        # The two national formats cover the reports from 2019 on (国办公开办函〔2019〕60号, 〔2021〕30号);
        # an earlier year's report was written in a format this system does not hold.
        raise ValidationFailed(_("该年度没有可用的报告格式。"), problems=[
            _("本系统支持%(first)s年及以后年度的报告格式，更早年度的报告请按原格式另行编制。")
            % {"first": min(f["applies_to_years"][0] for f in formats().values())}])
    report = AnnualReport.objects.create(organisation=organisation, year=year, format_version=fmt["version"], created_by=actor)
    audit.record(ReportEvent.OPENED, actor=actor, organisation=organisation, target=report,
                 after={"year": year, "format_version": fmt["version"]})
    return report


def report_update_narrative(*, report: AnnualReport, actor, data: dict) -> AnnualReport:
    """Save the narrative sections written by staff."""
    changed: dict[str, tuple[int, int]] = {}

    def apply(locked: AnnualReport):
        for name in NARRATIVE_FIELDS:
            if name in data:
                new = (data[name] or "").strip()
                old = getattr(locked, name)
                if new != old:
                    changed[name] = (len(old), len(new))
                    setattr(locked, name, new)

    return REPORT_WORKFLOW.run("edit_narrative", report, actor=actor, apply=apply,
                               extra={"changed_lengths": changed} if changed else None).instance


def report_set_figure(*, report: AnnualReport, actor, key: str, value: str, note: str) -> AnnualReport:
    """Enter a figure the system does not hold (or override a counted one), with its source."""
    value, note = (value or "").strip(), (note or "").strip()

    def apply(locked: AnnualReport):
        problems = []
        if key not in manual_cell_keys(report_format(locked)):
            problems.append(_("该单元格不能人工填报。"))
        if not value:
            problems.append(_("请填写数值（没有的填“0”或“无”）。"))
        elif len(value) > MAX_FIGURE_LENGTH:
            problems.append(_("数值过长。"))
        elif "\x00" in value:
            problems.append(_("数值含有无效字符。"))
        if not note:
            problems.append(_("人工填报的数据必须注明来源（如：行政审批系统导出，2027年1月5日）。"))
        elif len(note) > MAX_NOTE_LENGTH or "\x00" in note:
            problems.append(_("数据来源说明过长或含有无效字符。"))
        if problems:
            raise ValidationFailed(_("填报数据有误。"), problems=problems)
        locked.manual_figures[key] = {"value": value, "note": note, "by": audit.actor_name(actor),
                                      "at": clock.now().isoformat()}

    return REPORT_WORKFLOW.run("set_figure", report, actor=actor, apply=apply, reason=note,
                               extra={"cell": key, "value": value}).instance


def report_clear_figure(*, report: AnnualReport, actor, key: str) -> AnnualReport:
    """Remove a staff-entered figure; counted cells fall back to the system's count."""

    def apply(locked: AnnualReport):
        if locked.manual_figures.pop(key, None) is None:
            raise ValidationFailed(_("该单元格没有人工填报的数据。"))

    return REPORT_WORKFLOW.run("clear_figure", report, actor=actor, apply=apply, extra={"cell": key}).instance


def build_snapshot(report: AnnualReport) -> dict:
    """Return the tables, their grids and the key figures in JSON form."""
    tables = live_tables(report)
    grids = {
        "proactive": [[[asdict(c) for c in line] for line in layout.proactive_grid(b)] for b in tables.proactive],
        "requests": [[asdict(c) for c in line] for line in layout.requests_grid(tables)],
        "appeals": [[asdict(c) for c in line] for line in layout.appeals_grid(tables)],
    }
    figures = key_figures(report.organisation, report.year)
    return {"tables": tables.as_dict(), "grids": grids, "key_figures": figures.sentences(),
            "sources": tables.sources()}


def publication_problems(report: AnnualReport) -> list[str]:
    """Return every reason the report cannot be submitted or published yet (empty when none)."""
    problems = [r.message for r in failures(run_checks(live_tables(report)))]
    if not report.overview:
        problems.append(_("“总体情况”尚未填写。"))
    if not report.problems:
        problems.append(_("“存在的主要问题及改进情况”尚未填写。"))
    return problems


def _require_complete(report: AnnualReport) -> None:
    problems = publication_problems(report)
    if problems:
        raise ValidationFailed(_("报告未通过校验，不能提交或发布。"), problems=problems)


def report_submit(*, report: AnnualReport, actor, note: str = "") -> AnnualReport:
    """Submit the compiled report to the approver (it appears in the approver's queue)."""
    return REPORT_WORKFLOW.run("submit", report, actor=actor, apply=_require_complete, reason=(note or "").strip()).instance


def report_return(*, report: AnnualReport, actor, comment: str) -> AnnualReport:
    """Return the submitted report to the office with the approver's comments."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed(_("退回修改须写明意见。"), problems=[_("请填写退回意见。")])

    def apply(locked: AnnualReport):
        locked.approval_comment = comment

    return REPORT_WORKFLOW.run("return", report, actor=actor, apply=apply, reason=comment).instance


def report_publish(*, report: AnnualReport, actor, comment: str = "") -> AnnualReport:
    """Approve and publish the report; refused before the year has ended, while any cross-check
    fails or a narrative is empty. The tables are frozen at publication."""
    comment = (comment or "").strip()

    def apply(locked: AnnualReport):
        _require_complete(locked)
        locked.snapshot = build_snapshot(locked)
        locked.approved_by, locked.approval_comment, locked.published_at = actor, comment, clock.now()

    return REPORT_WORKFLOW.run("publish", report, actor=actor, apply=apply, reason=comment).instance
