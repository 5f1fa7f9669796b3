"""Bulk import of a rule list (.xlsx or .csv): provinces keep lists of thousands of terms.

All or nothing: every row is validated first; one problem anywhere and nothing is written. A row
whose (category, term) the organisation already has updates that rule. One audit event for the
import, with the counts; the rule-set version is raised once.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, files
from gongkai.core.errors import ValidationFailed

from .models import WordingRule
from .rule_services import RULE_FIELDS, clean_rule, require_edit
from .services import bump_version
from .states import RuleKind, Severity, WordingEvent

COLUMNS = (("类别", "kind"), ("用语", "term"), ("建议改为", "suggestion"), ("严重程度", "severity"),
           ("依据", "source"), ("说明", "explanation"), ("起始日期", "valid_from"), ("截止日期", "valid_to"))
MAX_ROWS = 200_000
MAX_LISTED = 20
_KIND_WORDS = {str(label): value for value, label in RuleKind.choices} | {v: v for v in RuleKind.values} | {
    "过时名称": RuleKind.OUTDATED_NAME, "禁用用语": RuleKind.FORBIDDEN, "替换用语": RuleKind.FORBIDDEN,
    "错别字": RuleKind.TYPO}
_SEVERITY_WORDS = {str(label): value for value, label in Severity.choices} | {v: v for v in Severity.values} | {
    "严重错误": Severity.SEVERE, "一般错误": Severity.MINOR}


@dataclass
class ImportResult:
    created: int
    updated: int


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        value = value.date() if hasattr(value, "date") and callable(value.date) else value
        return value.isoformat()
    return str(value).strip()


def _rows(name: str, data: bytes):
    if len(data) == 0:
        raise ValidationFailed(_("文件为空。"))
    if len(data) > files.max_bytes():
        raise ValidationFailed(_("文件超过大小上限（%(mb)d MB）。") % {"mb": files.max_bytes() // (1024 * 1024)})
    kind = files.detect_kind(data)
    if kind == "xlsx":
        import openpyxl

        files.check_ooxml_bounds(data)
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return [[_cell(c) for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise ValidationFailed(_("无法读取该 Excel 文件。")) from exc
    if kind is None and name.lower().endswith(".csv") and b"\x00" not in data:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationFailed(_("无法识别 CSV 文件的编码（支持 UTF-8 和 GB18030）。"))
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""))]
    raise ValidationFailed(_("只接受 .xlsx 或 .csv 文件。"))


def parse(name: str, data: bytes) -> list[dict]:
    """Return the validated rule dicts of a file; raise ValidationFailed listing the bad rows."""
    rows = _rows(name, data)
    if not rows:
        raise ValidationFailed(_("文件中没有内容。"))
    labels = {label: field for label, field in COLUMNS}
    header = {i: labels[c.strip("*＊ ")] for i, c in enumerate(rows[0]) if c.strip("*＊ ") in labels}
    if "term" not in header.values() or "kind" not in header.values():
        raise ValidationFailed(_("第一行须为表头，至少包含“类别”和“用语”两列。"))
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationFailed(_("一次最多导入 %(n)d 条规则。") % {"n": MAX_ROWS})
    out, problems, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        values = {field: row[i] for i, field in header.items() if i < len(row)}
        if not any(values.values()):
            continue
        values["kind"] = _KIND_WORDS.get(values.get("kind", ""), values.get("kind", ""))
        values["severity"] = _SEVERITY_WORDS.get(values.get("severity", ""), values.get("severity") or Severity.MAJOR)
        try:
            rule = clean_rule(values)
        except ValidationFailed as exc:
            problems.append(_("第%(n)d行：%(p)s") % {"n": number, "p": "；".join(exc.problems)})
            continue
        key = (rule["kind"], rule["term"])
        if key in seen:
            problems.append(_("第%(n)d行：与第%(m)d行重复。") % {"n": number, "m": seen[key]})
            continue
        seen[key] = number
        out.append(rule)
    if problems:
        listed = problems[:MAX_LISTED]
        if len(problems) > MAX_LISTED:
            listed.append(_("……另有 %(n)d 行有误。") % {"n": len(problems) - MAX_LISTED})
        raise ValidationFailed(_("导入文件有误，未导入任何规则。"), problems=listed)
    if not out:
        raise ValidationFailed(_("文件中没有规则。"))
    return out


def import_rules(*, actor, organisation, name: str, data: bytes) -> ImportResult:
    require_edit(actor, organisation)
    rules = parse(name, data)
    with transaction.atomic():
        existing = {(r.kind, r.term): r for r in WordingRule.objects.select_for_update().filter(organisation=organisation)}
        new, changed = [], []
        for fields in rules:
            row = existing.get((fields["kind"], fields["term"]))
            if row is None:
                new.append(WordingRule(organisation=organisation, **fields))
                continue
            for field, value in fields.items():
                setattr(row, field, value)
            changed.append(row)
        WordingRule.objects.bulk_create(new, batch_size=1000)
        if changed:
            WordingRule.objects.bulk_update(changed, list(RULE_FIELDS), batch_size=1000)
        audit.record(WordingEvent.RULES_IMPORTED, actor=actor, target=organisation, organisation=organisation,
                     after={"file": name[:100], "created": len(new), "updated": len(changed)})
        bump_version()
    return ImportResult(created=len(new), updated=len(changed))
