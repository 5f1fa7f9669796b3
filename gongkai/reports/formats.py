"""Annual-report formats as data: one JSON file per official format in `formats/`.

A new revision of the format is a new file, not a code branch. A file names the narrative
sections, the blocks of section 二 (rows, columns and, per cell, where its figure comes from),
and the rows of 其他处理 in section 三 (one row in 2019, three in 2021).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from gongkai.decisions.states import DecisionKind
from gongkai.records import statistics as record_statistics
from gongkai.records.states import DocumentType

FORMATS_DIR = Path(__file__).resolve().parent / "formats"
CELL_KINDS = {"records", "manual", "decisions"}


class FormatError(ValueError):
    pass


def _check(fmt: dict, name: str) -> None:
    problems = []
    for key in ("version", "name", "source", "applies_to_years", "narratives", "proactive", "requests", "appeals"):
        if key not in fmt:
            problems.append(f"missing '{key}'")
    for block in fmt.get("proactive", {}).get("blocks", []):
        columns = {c["key"] for c in block["columns"]}
        for row in block["rows"]:
            if set(row["cells"]) != columns:
                problems.append(f"{block['key']}.{row['key']}: cells {sorted(row['cells'])} != columns {sorted(columns)}")
            for col, spec in row["cells"].items():
                if spec.get("kind") not in CELL_KINDS:
                    problems.append(f"{block['key']}.{row['key']}.{col}: unknown kind {spec.get('kind')!r}")
                if spec.get("kind") == "records" and (
                        spec.get("measure") not in record_statistics.MEASURES
                        or spec.get("document_type") not in DocumentType.values or not spec.get("source")):
                    problems.append(f"{block['key']}.{row['key']}.{col}: a records cell needs a known measure, "
                                    "a document_type and a source text")
                if spec.get("kind") == "decisions" and (spec.get("decision_kind") not in DecisionKind.values
                                                        or not spec.get("source")):
                    problems.append(f"{block['key']}.{row['key']}.{col}: a decisions cell needs a decision_kind "
                                    "and a source text")
    reasons = [r for row in fmt.get("requests", {}).get("other_rows", []) for r in row["reasons"]]
    if sorted(reasons) != ["other", "uncorrected", "unpaid"]:
        problems.append("requests.other_rows must cover the reasons uncorrected, unpaid and other exactly once")
    if problems:
        raise FormatError(f"{name}: " + "; ".join(problems))


@lru_cache(maxsize=None)
def formats() -> dict[str, dict]:
    """Return every format file, keyed by version, each checked for consistency."""
    result = {}
    for path in sorted(FORMATS_DIR.glob("*.json")):
        fmt = json.loads(path.read_text(encoding="utf-8"))
        _check(fmt, path.name)
        result[fmt["version"]] = fmt
    return result


def get_format(version: str) -> dict:
    try:
        return formats()[str(version)]
    except KeyError:
        raise FormatError(f"unknown report format {version!r}; known: {', '.join(formats())}") from None


def format_for_year(year: int) -> dict:
    """Return the format that applies to the report of `year` (the newest whose range covers it)."""
    best = None
    for fmt in formats().values():
        first, last = fmt["applies_to_years"]
        if first <= year and (last is None or year <= last):
            if best is None or first > best["applies_to_years"][0]:
                best = fmt
    if best is None:
        raise FormatError(f"no report format covers the year {year}")
    return best
