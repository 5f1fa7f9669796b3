"""The report's tables as grids of cells with spans, shared by the HTML, .docx and PDF output.

The layout follows the official format as printed in the seed's 2020 report: section 二 as one
small table per article item, section 三 with its three-row header (勾稽关系 note, 申请人情况,
法人或其他组织 over five columns) and merged label columns, section 四 with 行政复议 and 行政诉讼
(未经复议直接起诉 / 复议后起诉) headers.
"""
from __future__ import annotations

from dataclasses import dataclass

from .statistics import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, Block, ReportTables

BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass
class GridCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    key: str | None = None  # the statistic behind a value cell (drill-down)
    source: str = ""
    note: str = ""
    align: str = "left"


Grid = list[list[GridCell]]


def _value(cell) -> GridCell:
    return GridCell(cell.display, key=cell.key, source=cell.source, note=cell.note, align="center")


def proactive_grid(block: Block) -> Grid:
    width = len(block.columns) + 1
    grid: Grid = [[GridCell(block.caption, colspan=width, header=True, align="center")]]
    grid.append([GridCell("信息内容", header=True, align="center")]
                + [GridCell(c["label"], header=True, align="center") for c in block.columns])
    for row in block.rows:
        grid.append([GridCell(row.label)] + [_value(row.cells[c["key"]]) for c in block.columns])
    return grid


def requests_grid(tables: ReportTables) -> Grid:
    legal_person = [label for key, label in APPLICANT_COLUMNS if key not in ("natural", "total")]
    grid: Grid = [
        [GridCell(BALANCE_NOTE, colspan=3, rowspan=3, header=True, align="center"),
         GridCell("申请人情况", colspan=7, header=True, align="center")],
        [GridCell("自然人", rowspan=2, header=True, align="center"),
         GridCell("法人或其他组织", colspan=5, header=True, align="center"),
         GridCell("总计", rowspan=2, header=True, align="center")],
        [GridCell(label, header=True, align="center") for label in legal_person],
    ]
    columns = [key for key, _ in APPLICANT_COLUMNS]
    rows = tables.requests
    results = [r for r in rows if r.key not in ("new", "carried_in", "results", "carried_out") and r.cells]
    group_sizes: dict[str, int] = {}
    for r in results:
        if r.level == 2:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    seen_groups: set[str] = set()
    first_result = True
    for row in rows:
        if not row.cells:
            continue
        values = [_value(row.cells[c]) for c in columns]
        if row.key in ("new", "carried_in", "carried_out"):
            grid.append([GridCell(row.label, colspan=3)] + values)
            continue
        line: list[GridCell] = []
        if first_result:
            line.append(GridCell("三、本年度办理结果", rowspan=len(results)))
            first_result = False
        if row.level == 2:
            if row.group not in seen_groups:
                line.append(GridCell(row.group, rowspan=group_sizes[row.group]))
                seen_groups.add(row.group)
            line.append(GridCell(row.label))
        else:
            line.append(GridCell(row.label, colspan=2))
        grid.append(line + values)
    return grid


def appeals_grid(tables: ReportTables) -> Grid:
    labels = [label for _, label in APPEAL_COLUMNS]
    grid: Grid = [
        [GridCell("行政复议", colspan=5, header=True, align="center"),
         GridCell("行政诉讼", colspan=10, header=True, align="center")],
        [GridCell(label, rowspan=2, header=True, align="center") for label in labels]
        + [GridCell(APPEAL_GROUPS[1][1], colspan=5, header=True, align="center"),
           GridCell(APPEAL_GROUPS[2][1], colspan=5, header=True, align="center")],
        [GridCell(label, header=True, align="center") for label in labels * 2],
    ]
    values = []
    for kind, _group in APPEAL_GROUPS:
        values += [_value(tables.appeals[f"s4.{kind}.{key}"]) for key, _ in APPEAL_COLUMNS]
    grid.append(values)
    return grid


def placed(grid: Grid) -> tuple[list[tuple[int, int, GridCell]], int]:
    """Return (row, column, cell) for every cell, resolving spans, and the grid's width."""
    occupied: set[tuple[int, int]] = set()
    result = []
    width = 0
    for r, line in enumerate(grid):
        c = 0
        for cell in line:
            while (r, c) in occupied:
                c += 1
            result.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return result, width
