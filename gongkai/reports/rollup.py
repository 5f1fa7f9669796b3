"""The rollup of the annual-report statistics over an organisation's subtree (internal supervisory
statistics; each organisation still publishes its own report).

Each unit below (and including) the organisation is looked at once: a unit without a published report
of the year is *missing*; one published after 31 January of the next year is *late* (and still
included); a unit whose tables fail the report's own consistency checks is listed with the failed
checks and *not* added. The count cells of the included units are added cell by cell, with the same
section keys as a single organisation's report (``ReportTables.as_dict()``).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from gongkai.organisations.models import Organisation

from .checks import run_checks
from .models import AnnualReport
from .services import live_tables
from .states import ReportStatus

SECTIONS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")


def _add(total, value):
    """Add one unit's cell to the running total: numbers add up; anything else (text) is not a count."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return total
    return value if total is None else total + value


def _merge(total: dict, part: dict) -> dict:
    for key, value in part.items():
        if isinstance(value, dict):
            total[key] = _merge(total.get(key) or {}, value)
        else:
            total[key] = _add(total.get(key), value)
    return total


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def rollup(organisation: Organisation, year: int) -> dict:
    """The summed tables of the published reports of `organisation` and every unit below it for `year`,
    with ``included``, ``missing``, ``late`` (organisation codes) and ``failed_checks`` (messages)."""
    units = list(Organisation.objects.filter(path__startswith=organisation.path).order_by("path"))
    reports = {r.organisation_id: r for r in AnnualReport.objects.filter(
        organisation__in=units, year=year, status=ReportStatus.PUBLISHED).select_related("organisation")}
    due = dt.date(year + 1, 1, 31)
    out = {"year": year, "organisation": organisation.code, **{s: {} for s in SECTIONS},
           "included": [], "missing": [], "late": [], "failed_checks": []}
    for unit in units:
        report = reports.get(unit.pk)
        if report is None:
            out["missing"].append(unit.code)
            continue
        tables = live_tables(report)
        failed = [r for r in run_checks(tables) if not r.ok]
        if failed:
            out["failed_checks"].extend(f"{unit.code}: {r.message}" for r in failed)
            continue
        if timezone.localtime(report.published_at).date() > due:
            out["late"].append(unit.code)
        # The figures the unit published (its snapshot), else the live tables.
        data = (report.snapshot or {}).get("tables") or tables.as_dict()
        for section in SECTIONS:
            out[section] = _merge(out[section], data.get(section) or {})
        out["included"].append(unit.code)
    for section in SECTIONS:
        out[section] = _plain(out[section])
    return out
