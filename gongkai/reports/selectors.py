"""Reads of annual reports: visibility, the previous year's text, and supervisors' overview."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from gongkai.core import clock
from gongkai.organisations.models import Level, Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from .models import AnnualReport
from .states import ReportStatus


def published_reports():
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("organisation")


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
