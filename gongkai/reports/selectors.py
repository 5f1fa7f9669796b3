"""Reads of annual reports: visibility, the previous year's text, and supervisors' overview."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.core import clock
from gongkai.organisations.models import Level, Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from .models import AnnualReport
from .states import ReportStatus


def published_reports():
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("organisation")


def published_report_of(organisation_id: int, pk) -> AnnualReport | None:
    """The published report `pk` of organisation `organisation_id` (evidence an office cites), else None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**63:
        return None
    return published_reports().filter(pk=pk, organisation_id=organisation_id).first()


def can_view(user, report: AnnualReport) -> bool:
    return report.is_published or can(user, Action.REPORT_VIEW_UNPUBLISHED, report.organisation)


def reports_visible_to(user):
    orgs = organisations_where(user, Action.REPORT_VIEW_UNPUBLISHED)
    return AnnualReport.objects.filter(Q(status=ReportStatus.PUBLISHED) | Q(organisation__in=orgs)).select_related("organisation")


def previous_report(report: AnnualReport) -> AnnualReport | None:
    return AnnualReport.objects.filter(organisation=report.organisation, year=report.year - 1).first()


@dataclass
class OverviewRow:
    organisation: Organisation
    report: AnnualReport | None
    state: str  # "published", "late", "draft", "missing"
    state_label: str
    due_date: dt.date


def overview(user, year: int) -> list[OverviewRow]:
    """Return, for each organisation the user supervises, whether its report of `year` is out on time."""
    orgs = organisations_where(user, Action.REPORT_OVERVIEW).exclude(level=Level.MINISTRY).order_by("path")
    reports = {r.organisation_id: r for r in AnnualReport.objects.filter(year=year, organisation__in=orgs)}
    due = dt.date(year + 1, 1, 31)
    today = clock.today()
    rows = []
    for org in orgs:
        report = reports.get(org.pk)
        if report and report.is_published:
            published_on = timezone.localtime(report.published_at).date()
            state = "published" if published_on <= due else "late"
            label = "按时发布" if state == "published" else f"逾期发布（{published_on:%Y-%m-%d}）"
        elif today > due:
            state, label = "late", "逾期未发布"
        else:
            state, label = ("draft", "编写中") if report else ("missing", "未开始")
        rows.append(OverviewRow(org, report, state, label, due))
    return rows


# Independent evaluations of disclosure reports criticise reports that copy most of the previous
# year's text (up to 90 % in the worst cases): warn when a narrative repeats at least this share.
REPETITION_WARNING_SHARE = 0.5
_SHINGLE = 8  # characters; long enough that common phrases ("政府信息公开") alone do not count


def _shingles(text: str) -> set[str]:
    compact = "".join((text or "").split())
    return {compact[i:i + _SHINGLE] for i in range(max(len(compact) - _SHINGLE + 1, 0))}


def repeated_share(text: str, previous_text: str) -> float:
    """Return the share of `text` (by 8-character runs) that also appears in `previous_text`."""
    mine = _shingles(text)
    if not mine:
        return 0.0
    return len(mine & _shingles(previous_text)) / len(mine)


@dataclass
class Repetition:
    field: str
    label: str
    share: float

    @property
    def percent(self) -> int:
        return round(self.share * 100)


def repetition(report: AnnualReport, previous: AnnualReport | None) -> list[Repetition]:
    """Return the narrative sections that repeat most of last year's text (for a warning)."""
    if previous is None:
        return []
    found = []
    for name, label in (("overview", "总体情况"), ("problems", "存在的主要问题及改进情况"), ("other", "其他需要报告的事项")):
        share = repeated_share(getattr(report, name), getattr(previous, name))
        if share >= REPETITION_WARNING_SHARE:
            found.append(Repetition(name, label, share))
    return found


# ---------------------------------------------------------------- for other apps (the JSON API)

def _published_report_figures(report: AnnualReport, *, full: bool) -> dict:
    data = {
        "id": report.pk, "organisation_code": report.organisation.code, "organisation_name": report.organisation.name,
        "year": report.year, "format_version": report.format_version, "title": report.title,
        "published_at": report.published_at.isoformat() if report.published_at else None,
    }
    if full:
        data.update(overview=report.overview, problems=report.problems, other=report.other,
                    tables=(report.snapshot or {}).get("tables") or {})
    return data


def published_report_list(*, organisation_code: str | None = None, year: int | None = None,
                          limit: int = 500) -> list[dict]:
    """Published annual reports as plain figures, newest first (no tables: see published_report)."""
    qs = published_reports().order_by("-year", "organisation__path")
    if organisation_code:
        qs = qs.filter(organisation__code=organisation_code)
    if year:
        qs = qs.filter(year=year)
    return [_published_report_figures(r, full=False) for r in qs[:limit]]


def published_report(pk: int) -> dict | None:
    """One published report with its narratives and its tables as published (either format), or None."""
    report = published_reports().filter(pk=pk).first()
    return _published_report_figures(report, full=True) if report else None


def published_pages(organisation_ids=None, *, pks=None) -> list[dict]:
    """The published annual reports as plain pages (links, site inspection): address, texts, dates."""
    qs = published_reports().order_by("pk")
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    return [{"source": "reports.annualreport", "pk": r.pk, "organisation_id": r.organisation_id, "title": str(r),
             "url": r.get_absolute_url(), "edit_url": reverse("reports_office:report", args=[r.pk]),
             "date": r.published_at, "doc_date": r.published_at.date() if r.published_at else None,
             "texts": {str(AnnualReport._meta.get_field(f).verbose_name): getattr(r, f)
                       for f in ("overview", "problems", "other")},
             "links": [], "attachments": []} for r in qs]


def is_public_report(pk: int) -> bool:
    return published_reports().filter(pk=pk).exists()
