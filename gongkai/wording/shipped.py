"""The shipped national rules, read from ``data/*.json`` (with their sources). Pure Python."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

from .engine import OUTDATED_NAME, TYPO, Rule

DATA = Path(__file__).resolve().parent / "data"
FILES = {"outdated_names.json": OUTDATED_NAME, "typos.json": TYPO, "variants.json": TYPO}


def _date(value):
    return dt.date.fromisoformat(value) if value else None


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    for name, kind in FILES.items():
        for row in json.loads((DATA / name).read_text(encoding="utf-8")):
            out.append(Rule(key=row["key"], kind=kind, term=row["term"], suggestion=row.get("suggestion", ""),
                            severity=row.get("severity", "minor"), valid_from=_date(row.get("valid_from")),
                            valid_to=_date(row.get("valid_to")), explanation=row.get("explanation", ""),
                            source=row.get("source", "")))
    return tuple(out)
