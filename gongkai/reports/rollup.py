"""The rollup of the annual-report statistics over an organisation's subtree (internal supervisory
statistics; each organisation still publishes its own report). Issue 24 item 6.

Rules, in the order they are applied:

- **Units.** Every organisation of the subtree (the organisation itself included; the ministry, which
  publishes no department report here, left out, as in the supervisors' overview) is looked at once:
  the tree has one parent per organisation and the units are taken by primary key, so no unit is
  counted twice; an organisation has at most one report per year (a database constraint), and only a
  *published* one counts. A unit without one is *missing*; one published after 31 January of the next
  year is *late* (listed, and still included when its tables pass the checks).
- **Figures.** A unit's figures are those it published (the snapshot frozen at publication), read back
  into the report's own tables (``statistics.blank_tables``) and checked with the report's own checks
  (``checks.run_checks``: 一+二=三+四 per column, outcome rows = （七）总计, section 四's totals) plus its
  上年结转 against its own previous published report's 结转下年度继续办理 (``checks.carry_over_results``).
  A unit failing any check is listed in ``failed`` with the messages and is **excluded from the sums**
  (its figures are shown in the drill-down, marked as not added).
- **Sums.** Count cells add up cell by cell. Staff-entered section 二 figures (numbers written as text,
  “无” for none) are read as numbers; one that is not a number fails the unit. Section 二's counted
  cells count a jointly issued document (联合发文: one 文号 carried by records of several units) once.
- **Rates** are recomputed from the summed counts (``figures.shares``), never averaged. The official
  tables themselves hold only counts and amounts; the rates are those the reports state in words
  (予以公开和部分公开占比, 不予公开占比 of the effective requests).
- **Text sections** are compiled, each included unit's text under its name, not summed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.validators import fold
from gongkai.organisations.models import Level, Organisation
from gongkai.organisations.permissions import Action, require
from gongkai.records import statistics as record_statistics

from .checks import carry_over_results, run_checks
from .figures import shares
from .formats import FormatError, format_for_year, get_format
from .models import AnnualReport
from .states import ReportStatus
from .statistics import ReportTables, blank_tables

SECTIONS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
FIRST_YEAR = 2008
NONE_WORDS = {"无", "没有", "—", "-", "/", "／"}


@dataclass
class Unit:
    organisation: Organisation
    report: AnnualReport
    late: bool
    tables: ReportTables | None = None
    numbers: dict[str, object] = field(default_factory=dict)  # cell key → the number added up
    problems: list[str] = field(default_factory=list)

    @property
    def included(self) -> bool:
        return not self.problems


@dataclass
class Rate:
    key: str
    label: str
    numerator_label: str
    denominator_label: str
    numerator: int
    denominator: int
    percent: Decimal | None

    @property
    def display(self) -> str:
        return "—" if self.percent is None else f"{self.percent}%"


@dataclass
class Rollup:
    organisation: Organisation
    year: int
    fmt: dict
    tables: ReportTables
    units: list[Unit]  # every unit with a published report, included or failed
    missing: list[Organisation]
    joint: dict[str, list[dict]]  # cell key → shared 文号 with their organisations

    @property
    def included(self) -> list[Unit]:
        return [u for u in self.units if u.included]

    @property
    def failed(self) -> list[Unit]:
        return [u for u in self.units if not u.included]

    @property
    def late(self) -> list[Unit]:
        return [u for u in self.units if u.late]

    @property
    def rates(self) -> list[Rate]:
        return rates_of(self.tables)

    def failed_messages(self) -> list[str]:
        return [f"{u.organisation.code}（{u.organisation.name}）：{p}" for u in self.failed for p in u.problems]

    def contributions(self, key: str) -> list[tuple[Unit, object]]:
        """Every unit's figure in the cell `key` (included units first), for the drill-down."""
        self.tables.cell(key)  # KeyError for a key that is no cell of this format
        return [(u, u.numbers.get(key, u.tables.cell(key).value if u.tables else None))
                for u in sorted(self.units, key=lambda u: not u.included)]

    def narratives(self) -> list[dict]:
        """The text sections of the included units' reports, each under the unit's name."""
        titles = [(n["key"], f"{n['number']}、{n['title']}") for n in self.fmt["narratives"]]
        return [{"organisation": u.organisation.code, "name": u.organisation.name,
                 "sections": [{"title": t, "text": getattr(u.report, k, "")} for k, t in titles]}
                for u in self.included]

    def as_dict(self) -> dict:
        """The JSON of the command: the section keys of a single report, plus the rollup's lists."""
        data = self.tables.as_dict()
        code = {u.organisation.pk: u.organisation.code for u in self.units}
        data.update({
            "organisation": self.organisation.code,
            "rates": {r.label: {"numerator": r.numerator, "denominator": r.denominator,
                                "percent": None if r.percent is None else float(r.percent)} for r in self.rates},
            "joint_documents": {key: [{"doc_number": e["doc_number"], "records": e["records"],
                                       "organisations": [code.get(i, i) for i in e["organisation_ids"]]}
                                      for e in entries] for key, entries in self.joint.items()},
            "narratives": self.narratives(),
            "included": [u.organisation.code for u in self.included],
            "missing": [o.code for o in self.missing],
            "late": [u.organisation.code for u in self.late],
            "failed_checks": self.failed_messages(),
        })
        return data


def rates_of(tables: ReportTables) -> list[Rate]:
    """The rates the reports state, from the counts of section 三's 总计 column."""
    def total(prefix: str) -> int:
        return sum(c.value or 0 for c in tables.all_cells()
                   if c.key.startswith(f"s3.{prefix}") and c.key.endswith(".total") and isinstance(c.value, int))

    counts = {"disclosed": total("disclosed."), "partial": total("partial."), "withheld": total("withheld."),
              "unavailable": total("unavailable.")}
    effective = sum(counts.values())
    disclosed_share, withheld_share = shares(**counts)
    words = _("有效申请（予以公开、部分公开、不予公开、无法提供）")
    return [
        Rate("disclosed_share", _("予以公开和部分公开占比"), _("予以公开＋部分公开"), words,
             counts["disclosed"] + counts["partial"], effective, disclosed_share),
        Rate("withheld_share", _("不予公开占比"), _("不予公开"), words, counts["withheld"], effective, withheld_share),
    ]


# ---------------------------------------------------------------- a unit's published figures

@lru_cache(maxsize=None)
def _label_paths(version: str, year: int) -> dict[str, tuple[str, ...]]:
    """{cell key: path of labels in ``ReportTables.as_dict()``} for a format (the tables' own layout)."""
    tables = blank_tables(get_format(version), year)
    for cell in tables.all_cells():
        cell.value = cell.key
    paths = {}

    def walk(node, path):
        for label, value in node.items():
            if isinstance(value, dict):
                walk(value, path + (label,))
            elif isinstance(value, str) and value.startswith("s"):
                paths[value] = path + (label,)

    data = tables.as_dict()
    walk({s: data[s] for s in SECTIONS}, ())
    return paths


def cell_label(result: Rollup, key: str) -> tuple[str, ...]:
    """The labels of a cell of the rollup (section, table, row, column); KeyError for no such cell."""
    return _label_paths(result.fmt["version"], result.year)[key]


def published_tables(report: AnnualReport) -> ReportTables:
    """The tables of a published report as published (its snapshot), in the report's own cells."""
    fmt = get_format(report.format_version)
    tables = blank_tables(fmt, report.year)
    snapshot = (report.snapshot or {}).get("tables") or {}
    paths = _label_paths(fmt["version"], report.year)
    for cell in tables.all_cells():
        node = snapshot
        for label in paths[cell.key]:
            node = node.get(label) if isinstance(node, dict) else None
        cell.value = node
        if cell.key.startswith("s2."):
            cell.source = "manual" if cell.key in (report.manual_figures or {}) else cell.source
            if node is None:
                cell.source = "missing"
    return tables


def _number(value):
    """A figure as a number to add up, or None when it is not one (staff write figures as text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        value = str(value)
    text = fold(str(value or "")).replace(",", "").removesuffix("万元").removesuffix("件")
    if text in NONE_WORDS:
        return 0
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0:
        return None
    return int(number) if number == number.to_integral_value() and "." not in text else number


def _check_unit(unit: Unit, previous: AnnualReport | None) -> None:
    tables = unit.tables = published_tables(unit.report)
    for cell in tables.all_cells():
        number = _number(cell.value) if cell.value is not None else None
        if cell.key.startswith(("s3.", "s4.")) and (not isinstance(cell.value, int) or isinstance(cell.value, bool)
                                                    or cell.value < 0):
            unit.problems.append(_("单元格 %(key)s 缺失或不是非负整数（%(value)s），无法汇总。")
                                 % {"key": cell.key, "value": cell.value})
        elif cell.source != "missing" and number is None:
            unit.problems.append(_("第二部分单元格 %(key)s 的填报值“%(value)s”不是数字，无法汇总。")
                                 % {"key": cell.key, "value": cell.value})
        else:
            unit.numbers[cell.key] = number
    if unit.problems:
        return
    results = run_checks(tables)
    if previous is not None:
        results += carry_over_results(tables, published_tables(previous))
    unit.problems += [r.message for r in results if not r.ok]


# ---------------------------------------------------------------- the rollup

def _format(year) -> dict:
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= clock.today().year:
        raise ValidationFailed(_("年度无效。"), problems=[
            _("年度应为%(first)s年至%(last)s年之间的整数。") % {"first": FIRST_YEAR, "last": clock.today().year}])
    try:
        return format_for_year(year)
    except FormatError:
        raise ValidationFailed(_("该年度没有可用的报告格式，无法汇总。"), problems=[
            _("汇总按2019年及以后年度的报告格式进行。")]) from None


def rollup_for(*, actor, organisation: Organisation, year) -> Rollup:
    """The rollup as `actor` may see it: the organisation's own staff and the supervisors above it."""
    require(actor, Action.REPORT_ROLLUP, organisation)
    return rollup(organisation, year)


def rollup(organisation: Organisation, year) -> Rollup:
    """Sum the published reports of `organisation` and every unit below it for `year` (see the module)."""
    fmt = _format(year)
    orgs = {o.pk: o for o in Organisation.objects.filter(path__startswith=organisation.path)
            .exclude(level=Level.MINISTRY).order_by("path")}
    reports = list(AnnualReport.objects.filter(
        organisation_id__in=list(orgs), year__in=(year - 1, year), status=ReportStatus.PUBLISHED))
    previous = {r.organisation_id: r for r in reports if r.year == year - 1}
    current = {r.organisation_id: r for r in reports if r.year == year}
    due = dt.date(year + 1, 1, 31)
    units, missing = [], []
    for pk, org in orgs.items():
        report = current.get(pk)
        if report is None:
            missing.append(org)
            continue
        report.organisation = org
        unit = Unit(org, report, late=bool(report.published_at) and timezone.localtime(report.published_at).date() > due)
        if report.format_version != fmt["version"]:
            unit.problems.append(_("报告使用%(used)s年版格式，本年度汇总按%(version)s年版格式，无法逐格汇总。")
                                 % {"used": report.format_version, "version": fmt["version"]})
        else:
            _check_unit(unit, previous.get(pk))
        units.append(unit)
    tables = blank_tables(fmt, year)
    included = [u for u in units if u.included]
    joint = _joint_documents(fmt, year, included)
    for cell in tables.all_cells():
        total = sum((u.numbers.get(cell.key) or 0 for u in included), 0)
        total -= sum(e["records"] - 1 for e in joint.get(cell.key, ()))
        cell.value, cell.source, cell.unit = total, "summed", ""
    return Rollup(organisation, year, fmt, tables, units, missing, joint)


def _joint_documents(fmt: dict, year: int, included: list[Unit]) -> dict[str, list[dict]]:
    """Jointly issued documents among the included units' counted section 二 cells (see records)."""
    found = {}
    for block in fmt["proactive"]["blocks"]:
        for row in block["rows"]:
            for col, spec in row["cells"].items():
                key = f"s2.{block['key']}.{row['key']}.{col}"
                counted = [u.organisation.pk for u in included if u.tables.cell(key).source == "records"]
                if spec["kind"] != "records" or len(counted) < 2:
                    continue
                found.update(record_statistics.joint_documents(counted, year, {key: spec}))
    return found
