"""Importing decisions from an .xlsx file: all or nothing, a Chinese message for every bad row.

The file goes through core's upload checks first (``core.files.validate``: size, content matches the
.xlsx extension; ``check_ooxml_bounds``: what the zip expands to), then openpyxl reads the first sheet.
Row 1 holds the headers (the Chinese labels of ``COLUMNS``, in any order); every later non-empty row is
one decision, checked by the same rule as the form (``cleaning``). One bad row and nothing is written.
"""
from __future__ import annotations

import io
import re

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, files
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, require

from . import cleaning
from .models import Decision
from .services import checked
from .states import DecisionEvent

MAX_ROWS = 2000
MAX_PROBLEMS = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def columns() -> dict[str, str]:
    """Return {Chinese header: field key} of the import file (the model's own labels)."""
    return {cleaning.label(key): key for key in cleaning.FIELDS}


def _refuse(message: str, problems=None):
    raise ValidationFailed(message, problems=problems or [message])


def read_rows(name: str, data: bytes) -> list[tuple[int, dict]]:
    """Return (line number, {key: value}) for every non-empty data row of the .xlsx upload."""
    try:
        kind = files.validate(name or "", data)
    except ValidationFailed as exc:
        raise ValidationFailed(_("导入文件不符合要求。"), problems=exc.problems) from None
    if kind != "xlsx":
        _refuse(_("只接受 .xlsx 格式的导入文件。"))
    files.check_ooxml_bounds(data)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                _refuse(_("文件超过每次最多%(n)d行数据的限制，未导入任何数据，请拆分后分别导入。") % {"n": MAX_ROWS})
    except ValidationFailed:
        raise
    except Exception:  # openpyxl raises many types for a damaged file
        _refuse(_("无法读取该 XLSX 文件，请用表格软件重新保存后再试。"))
    if not rows:
        _refuse(_("文件没有内容。"))
    known = columns()
    header = [str(h or "").strip() for h in rows[0]]
    unknown = [h for h in header if h and h not in known]
    keys = [known.get(h) for h in header]
    missing = [h for h, key in known.items() if key in ("kind", "document_number", "subject_name", "decided_on")
               and key not in keys]
    if unknown or missing:
        problems = [_("第1行：不认识的列“%(h)s”。") % {"h": h} for h in unknown]
        problems += [_("第1行：缺少必需的列“%(h)s”。") % {"h": h} for h in missing]
        raise ValidationFailed(_("表头不符合导入格式。"), problems=problems)
    out = []
    for line, row in enumerate(rows[1:], start=2):
        values = {key: row[i] for i, key in enumerate(keys) if key and i < len(row)}
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        values = {k: (_CONTROL.sub("", v) if isinstance(v, str) else v) for k, v in values.items()}
        out.append((line, values))
    if not out:
        _refuse(_("文件中没有数据行。"))
    return out


def decisions_import(*, organisation, actor, name: str, data: bytes) -> list[Decision]:
    """Enter every decision of the .xlsx file in `organisation`'s register, or none (every bad row named)."""
    require(actor, Action.DECISION_EDIT, organisation)
    rows = read_rows(name, data)
    problems: list[str] = []
    values_by_line: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for line, raw in rows:
        try:
            values = checked(organisation, raw)
        except ValidationFailed as exc:
            problems.extend(_("第%(line)d行：%(p)s") % {"line": line, "p": p} for p in (exc.problems or [exc.message]))
            continue
        number = values["document_number"]
        if number in seen:
            problems.append(_("第%(line)d行：决定文书号“%(n)s”与第%(other)d行重复。")
                            % {"line": line, "n": number, "other": seen[number]})
            continue
        seen[number] = line
        values_by_line.append((line, values))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(_("……另有%(n)d个问题未列出。") % {"n": len(problems) - MAX_PROBLEMS})
        raise ValidationFailed(_("有%(n)d处错误，未导入任何数据。请改正后重新导入。") % {"n": len(problems)},
                               problems=shown)
    created = []
    with transaction.atomic():
        for line, values in values_by_line:
            decision = Decision.objects.create(organisation=organisation, created_by=actor, **values)
            audit.record(DecisionEvent.IMPORTED, actor=actor, organisation=organisation, target=decision,
                         after={"status": decision.status, "due_on": decision.due_on.isoformat(), "line": line,
                                "file": (name or "")[:200]})
            created.append(decision)
    return created
