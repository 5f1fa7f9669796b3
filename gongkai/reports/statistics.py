"""The statistical tables of the annual report, computed by aggregation in the database.

Section 三 follows the counting the format implies (seed 004 三, FACTS.md §3):
- 本年新收: requests received (收到申请之日) in the year;
- 上年结转: received before the year and still open on 1 January;
- 本年度办理结果: requests closed in the year, by outcome and reason;
- 结转下年度继续办理: received by 31 December and still open after it.
So a request open on 31 December counts as carried over in this year and as 上年结转 in the
next, and the rule 一 + 二 = 三(总计) + 四 holds per applicant column whenever every closed
request has an outcome (checks.py reports the ones that break it).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from gongkai.decisions import selectors as decision_selectors
from gongkai.foi.constants import ApplicantType, AppealKind, AppealResult, Outcome, reasons_for
from gongkai.foi.selectors import appeal_statistics, report_request_filters, request_statistics, requests_of
from gongkai.records import statistics as record_statistics

APPLICANT_COLUMNS: list[tuple[str, str]] = [(t.value, str(t.label)) for t in ApplicantType] + [("total", "总计")]

# Section 三 reason rows come from the one reason vocabulary (gongkai.foi.constants.REASONS),
# numbered as in the official table ("1.属于国家秘密" …); 其他处理's rows come from the format file.
def _reason_rows(outcome: str) -> list[tuple[str, str]]:
    return [(r.code, r.numbered_label) for r in reasons_for(outcome) if r.counted]


APPEAL_GROUPS = [
    (AppealKind.RECONSIDERATION.value, "行政复议"),
    (AppealKind.LITIGATION_DIRECT.value, "未经复议直接起诉"),
    (AppealKind.LITIGATION_AFTER.value, "复议后起诉"),
]
APPEAL_COLUMNS = [(r.value, str(r.label)) for r in AppealResult] + [("total", "总计")]


@dataclass
class Cell:
    key: str
    value: object
    source: str  # "requests", "appeals", "records", "decisions", "manual", "missing"
    note: str = ""
    unit: str = ""
    source_text: str = ""  # where the figure comes from, in words (section 二)

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        if isinstance(self.value, Decimal):
            text = format(self.value.normalize(), "f")
        else:
            text = str(self.value)
        return f"{text}{self.unit}" if self.unit and self.source != "manual" else text


@dataclass
class Row:
    key: str
    label: str
    group: str = ""
    level: int = 0  # 0: numbered row (一、二…), 1: outcome group, 2: reason
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Block:
    key: str
    caption: str
    columns: list[dict]
    rows: list[Row]


@dataclass
class ReportTables:
    year: int
    format_version: str
    proactive: list[Block]
    requests: list[Row]
    request_columns: list[tuple[str, str]]
    appeals: dict[str, Cell]
    unclassified: list[int]  # ids of requests closed in the year that fit no row

    def all_cells(self):
        """Every value cell, in the order of the report (section 二, 三, 四)."""
        for block in self.proactive:
            for row in block.rows:
                yield from row.cells.values()
        for row in self.requests:
            yield from row.cells.values()
        yield from self.appeals.values()

    def cell(self, key: str) -> Cell:
        for cell in self.all_cells():
            if cell.key == key:
                return cell
        raise KeyError(key)

    def sources(self) -> list[dict]:
        """Return, for every section 二 cell, its place in the table, figure and source in words."""
        found = []
        for block in self.proactive:
            labels = {c["key"]: c["label"] for c in block.columns}
            for row in block.rows:
                for col, cell in row.cells.items():
                    found.append({"key": cell.key, "caption": block.caption, "row": row.label,
                                  "column": labels[col], "value": cell.display, "kind": cell.source,
                                  "source": cell.source_text})
        return found

    def as_dict(self) -> dict:
        """Return the tables as nested objects keyed by the official row and column labels."""
        proactive = {}
        for block in self.proactive:
            labels = {c["key"]: c["label"] for c in block.columns}
            proactive[block.caption] = {
                row.label: {labels[k]: _plain(c.value) for k, c in row.cells.items()} for row in block.rows
            }
        labels = dict(self.request_columns)
        requests = {}
        for row in self.requests:
            name = f"{row.group} {row.label}".strip() if row.level == 2 else row.label
            requests[name] = {labels[k]: c.value for k, c in row.cells.items()} if row.cells else {}
        appeals = {}
        for kind, group in APPEAL_GROUPS:
            appeals[group] = {label: self.appeals[f"s4.{kind}.{key}"].value for key, label in APPEAL_COLUMNS}
        return {
            "year": self.year, "format_version": self.format_version,
            "二、主动公开政府信息情况": proactive,
            "三、收到和处理政府信息公开申请情况": requests,
            "四、政府信息公开行政复议、行政诉讼情况": appeals,
        }


def _plain(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# ---------------------------------------------------------------- section 三

def request_filters(year: int) -> dict[str, Q]:
    return report_request_filters(year)


def outcome_rows(fmt: dict) -> list[tuple[str, str, str, int, Q]]:
    """Return (key, group, label, level, filter over closed requests) for every outcome row."""
    rows = [
        ("disclosed", "", "（一）予以公开", 1, Q(outcome=Outcome.DISCLOSED)),
        ("partial", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, Q(outcome=Outcome.PARTIAL)),
        ("withheld", "", "（三）不予公开", 1, None),
    ]
    rows += [(f"withheld.{c}", "（三）不予公开", label, 2, Q(outcome=Outcome.WITHHELD, reason=c))
             for c, label in _reason_rows(Outcome.WITHHELD)]
    rows.append(("unavailable", "", "（四）无法提供", 1, None))
    rows += [(f"unavailable.{c}", "（四）无法提供", label, 2, Q(outcome=Outcome.UNAVAILABLE, reason=c))
             for c, label in _reason_rows(Outcome.UNAVAILABLE)]
    rows.append(("not_processed", "", "（五）不予处理", 1, None))
    rows += [(f"not_processed.{c}", "（五）不予处理", label, 2, Q(outcome=Outcome.NOT_PROCESSED, reason=c))
             for c, label in _reason_rows(Outcome.NOT_PROCESSED)]
    other_rows = fmt["requests"]["other_rows"]
    if len(other_rows) == 1 and not other_rows[0]["label"]:
        rows.append(("other", "", "（六）其他处理", 1, Q(outcome=Outcome.OTHER)))
    else:
        rows.append(("other", "", "（六）其他处理", 1, None))
        rows += [(r["key"], "（六）其他处理", r["label"], 2, Q(outcome=Outcome.OTHER, reason__in=r["reasons"])) for r in other_rows]
    return rows


def requests_queryset(organisation):
    return requests_of(organisation)


def _foi_key(row_key: str, fmt: dict) -> str:
    """Map a row of this format to the row key of gongkai.foi's section 三 statistics."""
    if row_key in ("disclosed", "partial") or (row_key == "other" and len(fmt["requests"]["other_rows"]) == 1):
        return f"outcome.{row_key}"
    return row_key


def section_three(organisation, year: int, fmt: dict) -> tuple[list[Row], list[int]]:
    """Lay the foi app's section 三 figures out in the rows of `fmt`; report requests that fit no row."""
    stats = request_statistics(organisation, year)
    figures = {row.key: row.values for row in stats.rows}
    rows = section_three_rows(fmt, figures)
    unclassified: list[int] = []
    classified = next(r for r in rows if r.key == "total").cells["total"].value
    if classified != figures["total"]["total"]:
        # Some request closed in the year has an outcome/reason that is no row of the table.
        fits = Q(pk__in=[])
        for _key, _group, _label, _level, q in outcome_rows(fmt):
            if q is not None:
                fits |= q
        closed = requests_queryset(organisation).filter(request_filters(year)["closed"])
        unclassified = list(closed.exclude(fits).values_list("pk", flat=True))
    return rows, unclassified


def section_three_rows(fmt: dict, figures: dict[str, dict[str, int]]) -> list[Row]:
    """Lay figures ({foi row key: {applicant column: count}}) out in the rows of `fmt`; （七）总计 is
    the sum of the outcome rows."""
    columns = [t for t, _ in APPLICANT_COLUMNS]

    def cells(prefix: str, values: dict[str, int]) -> dict[str, Cell]:
        return {t: Cell(f"s3.{prefix}.{t}", values[t], "requests") for t in columns}

    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", cells=cells("new", figures["new"])),
        Row("carried_in", "二、上年结转政府信息公开申请数量", cells=cells("carried_in", figures["carried_in"])),
        Row("results", "三、本年度办理结果"),
    ]
    classified = {t: 0 for t in columns}
    for key, group, label, level, q in outcome_rows(fmt):
        if q is None:
            rows.append(Row(key, label, group, level))
            continue
        values = figures[_foi_key(key, fmt)]
        for t in columns:
            classified[t] += values[t]
        rows.append(Row(key, label, group, level, cells(key, values)))
    rows.append(Row("total", "（七）总计", "", 1, cells("total", classified)))
    rows.append(Row("carried_out", "四、结转下年度继续办理", cells=cells("carried_out", figures["carried_out"])))
    return rows


def row_filter(fmt: dict, row_key: str, year: int) -> Q:
    """Return the filter selecting the requests behind one row of section 三 (for drill-down)."""
    f = request_filters(year)
    if row_key in ("new", "carried_in", "carried_out"):
        return f[row_key]
    if row_key == "total":
        return f["closed"] & ~Q(outcome="")
    for key, _group, _label, _level, q in outcome_rows(fmt):
        if key == row_key and q is not None:
            return f["closed"] & q
    raise KeyError(row_key)


# ---------------------------------------------------------------- section 四

def section_four(organisation, year: int) -> dict[str, Cell]:
    """Section 四 from the foi app's appeal statistics (appeals filed in the year, results as of 31 December)."""
    return section_four_cells(appeal_statistics(organisation, year))


def section_four_cells(stats: dict[str, dict[str, int]]) -> dict[str, Cell]:
    """Lay appeal figures ({kind: {result: count}}) out as the cells of section 四."""
    return {
        f"s4.{kind}.{result}": Cell(f"s4.{kind}.{result}", stats[kind][result], "appeals")
        for kind, _ in APPEAL_GROUPS for result, _label in APPEAL_COLUMNS
    }


# ---------------------------------------------------------------- section 二

MISSING_SOURCE = "来源未知：须由工作人员填报并注明数据来源"


def section_two(organisation, year: int, fmt: dict, manual: dict[str, dict]) -> list[Block]:
    """Lay out section 二: each cell counted by the records app's selectors (documents of the
    type *issued by this organisation*), or entered by staff with a source note, or missing
    (which blocks publication). Every cell says where its figure comes from."""
    specs = {}
    for block in fmt["proactive"]["blocks"]:
        for row in block["rows"]:
            for col, spec in row["cells"].items():
                specs[f"s2.{block['key']}.{row['key']}.{col}"] = spec
    values = record_statistics.section_two_counts(
        organisation, year, {k: spec for k, spec in specs.items() if spec["kind"] == "records"})
    decisions = decision_selectors.organisation_year_counts(organisation.pk, year)  # 双公示 register
    return section_two_blocks(fmt, values, manual, decisions)


def section_two_blocks(fmt: dict, values: dict[str, object], manual: dict[str, dict],
                       decisions: dict[str, int]) -> list[Block]:
    """Lay section 二 out: counted cells from `values` (records) and `decisions` (the 双公示 register, by
    decision kind), staff-entered ones from `manual`, else missing."""
    blocks = []
    for block in fmt["proactive"]["blocks"]:
        rows = []
        for row in block["rows"]:
            cells = {}
            for col, spec in row["cells"].items():
                key = f"s2.{block['key']}.{row['key']}.{col}"
                unit = spec.get("unit", row.get("unit", ""))
                entry = manual.get(key)
                if entry is not None:
                    cells[col] = Cell(key, entry["value"], "manual", entry.get("note", ""), unit,
                                      f"人工填报：{entry.get('note', '')}")
                elif spec["kind"] == "records":
                    cells[col] = Cell(key, values[key], "records", "", unit, spec["source"])
                elif spec["kind"] == "decisions":
                    cells[col] = Cell(key, decisions[spec["decision_kind"]], "decisions", "", unit, spec["source"])
                else:
                    cells[col] = Cell(key, None, "missing", "", unit,
                                      f"{MISSING_SOURCE}（{spec['hint']}）" if spec.get("hint") else MISSING_SOURCE)
            rows.append(Row(row["key"], row["label"], cells=cells))
        blocks.append(Block(block["key"], block["caption"], block["columns"], rows))
    return blocks


def decision_cells(fmt: dict) -> dict[str, str]:
    """Return {section 二 cell key: decision kind} for the cells counted from the 双公示 register."""
    return {f"s2.{block['key']}.{row['key']}.{col}": spec["decision_kind"]
            for block in fmt["proactive"]["blocks"] for row in block["rows"]
            for col, spec in row["cells"].items() if spec.get("kind") == "decisions"}


def records_spec(fmt: dict, key: str) -> dict:
    """Return the records spec of a section 二 cell key ("s2.block.row.column"); KeyError otherwise."""
    _s2, block_key, row_key, col = key.split(".")
    for block in fmt["proactive"]["blocks"]:
        if block["key"] == block_key:
            for row in block["rows"]:
                if row["key"] == row_key and row["cells"].get(col, {}).get("kind") == "records":
                    return row["cells"][col]
    raise KeyError(key)


def compute_tables(organisation, year: int, fmt: dict, manual: dict[str, dict] | None = None) -> ReportTables:
    """Compute every statistical table of the report of `organisation` for `year`."""
    manual = manual or {}
    requests, unclassified = section_three(organisation, year, fmt)
    return ReportTables(
        year=year, format_version=fmt["version"],
        proactive=section_two(organisation, year, fmt, manual),
        requests=requests, request_columns=APPLICANT_COLUMNS,
        appeals=section_four(organisation, year),
        unclassified=unclassified,
    )


def blank_tables(fmt: dict, year: int) -> ReportTables:
    """Return the tables of `fmt` with every count at zero (every cell and its key in place), for
    figures that come from elsewhere than the database (a published snapshot, a rollup)."""
    zero_columns = {t: 0 for t, _ in APPLICANT_COLUMNS}
    figures = defaultdict(lambda: dict(zero_columns))
    zero_appeals = {kind: {result: 0 for result, _ in APPEAL_COLUMNS} for kind, _ in APPEAL_GROUPS}
    records = {f"s2.{b['key']}.{r['key']}.{c}": 0 for b in fmt["proactive"]["blocks"] for r in b["rows"]
               for c, spec in r["cells"].items() if spec["kind"] == "records"}
    decisions = {kind: 0 for kind in decision_cells(fmt).values()}
    return ReportTables(year=year, format_version=fmt["version"],
                        proactive=section_two_blocks(fmt, records, {}, decisions),
                        requests=section_three_rows(fmt, figures), request_columns=APPLICANT_COLUMNS,
                        appeals=section_four_cells(zero_appeals), unclassified=[])
