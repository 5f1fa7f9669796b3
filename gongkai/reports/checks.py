"""Cross-checks a report must pass before it can be published."""
from __future__ import annotations

from dataclasses import dataclass

from .statistics import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, ReportTables


@dataclass
class CheckResult:
    code: str
    ok: bool
    message: str
    cells: tuple[str, ...] = ()


def run_checks(tables: ReportTables) -> list[CheckResult]:
    """Return one result per check; a report with any failed result cannot be published."""
    results: list[CheckResult] = []
    rows = {row.key: row for row in tables.requests}
    labels = dict(APPLICANT_COLUMNS)
    for col, label in APPLICANT_COLUMNS:
        new, carried_in = rows["new"].cells[col].value, rows["carried_in"].cells[col].value
        total, carried_out = rows["total"].cells[col].value, rows["carried_out"].cells[col].value
        ok = new + carried_in == total + carried_out
        results.append(CheckResult(
            f"balance.{col}", ok,
            f"“{labels[col]}”列：第一项 {new} + 第二项 {carried_in} = {new + carried_in}，"
            f"第三项总计 {total} + 第四项 {carried_out} = {total + carried_out}" + ("，一致。" if ok else "，不一致。"),
            (rows["new"].cells[col].key, rows["carried_in"].cells[col].key, rows["total"].cells[col].key,
             rows["carried_out"].cells[col].key),
        ))
    if tables.unclassified:
        results.append(CheckResult(
            "unclassified", False,
            f"有 {len(tables.unclassified)} 件申请已办结但没有可计入报表的办理结果（既未计入办理结果，也未结转），"
            f"申请记录编号：{', '.join(str(pk) for pk in tables.unclassified[:20])}"
            + ("……" if len(tables.unclassified) > 20 else "") + "。请补录办理结果。",
        ))
    total_row = rows["total"].cells["total"].value
    summed = sum(rows[k].cells["total"].value for k in rows if rows[k].level in (1, 2) and rows[k].cells and k != "total")
    results.append(CheckResult("results_sum", summed == total_row,
                               f"办理结果各项之和 {summed}，（七）总计 {total_row}" + ("，一致。" if summed == total_row else "，不一致。")))
    for kind, group in APPEAL_GROUPS:
        parts = [tables.appeals[f"s4.{kind}.{key}"].value for key, _label in APPEAL_COLUMNS if key != "total"]
        total = tables.appeals[f"s4.{kind}.total"].value
        ok = sum(parts) == total
        results.append(CheckResult(
            f"appeals.{kind}", ok, f"第四部分“{group}”：结果维持、结果纠正、其他结果、尚未审结之和 {sum(parts)}，"
                                   f"总计 {total}" + ("，一致。" if ok else "，不一致。"),
            tuple(f"s4.{kind}.{key}" for key, _label in APPEAL_COLUMNS)))
    for block in tables.proactive:
        for row in block.rows:
            for cell in row.cells.values():
                if cell.source == "missing":
                    column = next(c["label"] for c in block.columns if cell.key.endswith("." + c["key"]))
                    results.append(CheckResult(
                        f"missing.{cell.key}", False,
                        f"{block.caption}“{row.label}”的“{column}”须由工作人员填报并注明数据来源。", (cell.key,),
                    ))
    return results


def carry_over_results(tables: ReportTables, previous: ReportTables) -> list[CheckResult]:
    """Check the report's 上年结转 against the 结转下年度继续办理 of the same organisation's report of
    the year before, column by column (a request open on 31 December is carried into the next year)."""
    rows = {row.key: row for row in tables.requests}
    before = {row.key: row for row in previous.requests}
    results = []
    for col, label in APPLICANT_COLUMNS:
        carried_in = rows["carried_in"].cells[col].value
        carried_out = before["carried_out"].cells[col].value
        ok = carried_in == carried_out
        results.append(CheckResult(
            f"carry_over.{col}", ok,
            f"“{label}”列：本年第二项上年结转 {carried_in}，{previous.year}年报告第四项结转下年度继续办理 {carried_out}"
            + ("，一致。" if ok else "，不一致。"), (rows["carried_in"].cells[col].key,)))
    return results


def failures(results: list[CheckResult]) -> list[CheckResult]:
    return [r for r in results if not r.ok]
