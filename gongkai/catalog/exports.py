"""Export a catalog version in the one data format (seed 000 二(一)2 "数据格式统一").

- `catalog_document()` — the machine-readable JSON document (schema ``gongkai.catalog/1``,
  ``schema/catalog.schema.json``, documented in ``docs/catalog-schema.md``);
- `validate_document()` — every problem of a document, schema and semantics;
- `catalog_xlsx()` / `catalog_pdf()` — the official table (附件2 layout) for people.

An element the source table does not determine (None) is exported as null and printed as an
empty cell: the exports never guess a value.
"""
from __future__ import annotations

import copy
import io
import json
import math
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from .constants import AUDIENCES, CHANNELS, DOMAIN_TITLES, LEVELS, MARK_COLUMNS, MODES
from .models import Catalog, CatalogItem, CatalogVersion
from .timelimits import parse_time_limit

SCHEMA_ID = "gongkai.catalog/1"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "catalog.schema.json"

# The note printed under both official tables (seed 000, 附件2).
TABLE_NOTE = "注：公开标准目录中所选公开渠道和载体仅供参考，各地在制定本地公开标准时可根据实际情况进行调整，确保取得公开实效。"

# How the official table lays out the channel boxes: two per line, the long 公示栏 label alone.
CHANNEL_LINES: tuple[tuple[str, ...], ...] = (
    CHANNELS[0:2], CHANNELS[2:4], CHANNELS[4:6], CHANNELS[6:8], CHANNELS[8:10], CHANNELS[10:11], CHANNELS[11:13],
)
assert sum(CHANNEL_LINES, ()) == CHANNELS, "CHANNEL_LINES must list every channel once, in order"

VOCABULARIES = {"channels": CHANNELS, "audience": AUDIENCES, "mode": MODES, "level": LEVELS}


# ---------------------------------------------------------------- JSON document

def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def item_document(item: CatalogItem) -> dict:
    """Return one item as it appears in a catalog document."""
    return {
        "key": item.key,
        "first_level": item.first_level,
        "second_level": item.second_level,
        "number": item.number,
        "content": item.content,
        "basis": item.basis,
        "time_limit_text": item.time_limit_text,
        "time_limit_rule": item.time_limit_rule,
        "subject": item.subject,
        "channels": item.channels,
        "audience": item.audience,
        "mode": item.mode,
        "level": item.level,
        "is_local": item.is_local,
        "retired": item.retired,
        "retired_reason": item.retired_reason,
        "anomalies": item.anomalies,
        "source": item.source,
    }


def catalog_document(catalog: Catalog, version: CatalogVersion) -> dict:
    """Return the schema document of one catalog version (every item, retired ones included)."""
    if version.catalog_id != catalog.pk:
        raise ValueError(f"version {version.pk} does not belong to catalog {catalog.pk}")
    organisation = catalog.organisation
    return {
        "schema": SCHEMA_ID,
        "id": catalog.pk,
        "title": catalog.title,
        "domain": catalog.domain,
        "is_template": catalog.is_template,
        "organisation": {"code": organisation.code, "name": organisation.name} if organisation else None,
        "template_id": catalog.template_id,
        "version": {"number": version.number, "status": version.status, "published_at": _iso(version.published_at)},
        "source_note": catalog.source_note,
        "anomalies": catalog.anomalies,
        "items": [item_document(i) for i in version.items.order_by("position", "pk")],
    }


def catalog_json(catalog: Catalog, version: CatalogVersion) -> bytes:
    """Return the document as UTF-8 JSON text, Chinese left readable."""
    return json.dumps(catalog_document(catalog, version), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


# ---------------------------------------------------------------- validation

@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def load_schema() -> dict:
    """Return (a copy of) the catalog document's JSON Schema."""
    return copy.deepcopy(_schema())


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value) -> bool:
        # RFC 3339 requires the offset; fromisoformat alone would accept naive times.
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value):
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return Draft202012Validator(_schema(), format_checker=checker)


_TYPE_NAMES = {
    "object": "对象", "array": "数组", "string": "字符串", "integer": "整数", "number": "数字",
    "boolean": "布尔值", "null": "null",
}


def _type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, float):
        return "数字"
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _error_messages(error) -> list[str]:
    """Translate one jsonschema error (and, for oneOf, the errors of the branch meant) into Chinese."""
    path = error.json_path
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind in ("oneOf", "anyOf") and error.context:
        # A nullable element (null | array …): report the errors of the branch whose type fits.
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [
            errs for errs in branches.values()
            if not any(e.validator == "type" and not e.relative_path for e in errs)
        ]
        if len(fitting) == 1:
            return [m for sub in fitting[0] for m in _error_messages(sub)]
        allowed = "或".join(
            _TYPE_NAMES.get(b.get("type"), str(b.get("type"))) for b in value if isinstance(b, dict)
        )
        return [f"{path}：类型应为{allowed}，实为{_type_of(instance)}。"]
    if kind == "required":
        missing = re.match(r"^'(.+)' is a required property$", error.message)
        name = missing.group(1) if missing else error.message
        return [f"{path}：缺少必填字段“{name}”。"]
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known] if isinstance(instance, dict) else []
        return [f"{path}：含有不允许的字段“{'”、“'.join(extra)}”。"]
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = "或".join(_TYPE_NAMES.get(t, t) for t in wanted)
        return [f"{path}：类型应为{names}，实为{_type_of(instance)}。"]
    if kind == "enum":
        return [f"{path}：值 {_show(instance)} 不在允许的取值中（{'、'.join(map(str, value))}）。"]
    if kind == "const":
        return [f"{path}：值应为 {_show(value)}，实为 {_show(instance)}。"]
    if kind == "minLength":
        return [f"{path}：不能为空。"] if value == 1 else [f"{path}：长度不能少于 {value} 个字符。"]
    if kind == "maxLength":
        return [f"{path}：长度不能超过 {value} 个字符（实为 {len(instance)} 个）。"]
    if kind == "pattern":
        if path.endswith(".retired_reason"):
            return [f"{path}：停用事项必须填写停用理由。"]
        if path.endswith(".key"):
            return [f"{path}：事项标识 {_show(instance)} 格式不符，应为“一级事项/序号”或“local/序号”。"]
        return [f"{path}：值 {_show(instance)} 格式不符（应匹配 {value}）。"]
    if kind == "minimum":
        return [f"{path}：不能小于 {value}（实为 {_show(instance)}）。"]
    if kind == "maximum":
        return [f"{path}：不能大于 {value}（实为 {_show(instance)}）。"]
    if kind == "uniqueItems":
        return [f"{path}：含有重复的值。"]
    if kind == "format":
        return [f"{path}：{_show(instance)} 不是带时区的 ISO 8601 日期时间。"]
    if kind == "not" and value == {}:
        # `{"not": {}}` marks a field that does not belong here (a time-limit parameter of another kind).
        return [f"{path}：该字段不适用于此类时限规则（kind）。"]
    return [f"{path}：{error.message}"]


def _semantic_problems(data: dict) -> list[str]:
    problems: list[str] = []
    items = data.get("items")
    if not isinstance(items, list):
        return problems
    keys: dict[str, int] = {}
    numbers: dict[tuple[str, int], int] = {}
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        key = item.get("key")
        if isinstance(key, str):
            if key in keys:
                problems.append(f"$.items[{n}].key：事项标识“{key}”重复（与 $.items[{keys[key]}] 相同）。")
            else:
                keys[key] = n
        first_level, number = item.get("first_level"), item.get("number")
        if isinstance(first_level, str) and isinstance(number, int) and not isinstance(number, bool):
            pair = (first_level, number)
            if pair in numbers:
                problems.append(
                    f"$.items[{n}].number：一级事项“{first_level}”下序号 {number} 重复（与 $.items[{numbers[pair]}] 相同）。"
                )
            else:
                numbers[pair] = n
        text, rule = item.get("time_limit_text"), item.get("time_limit_rule")
        if isinstance(text, str) and isinstance(rule, dict):
            if rule.get("text") != text:
                problems.append(f"$.items[{n}].time_limit_rule.text：与公开时限文本“{text}”不一致。")
            expected = parse_time_limit(text)
            # A recognised text fixes the rule; an unrecognised one ("manual") may carry a rule a person set.
            if expected["kind"] != "manual":
                fields = ("kind", "days", "month", "day")
                if any(rule.get(f) != expected.get(f) for f in fields):
                    wanted = {f: expected[f] for f in fields if f in expected}
                    problems.append(
                        f"$.items[{n}].time_limit_rule：与公开时限文本不符，按文本应为 {_show(wanted)}。"
                    )
    return problems


def validate_document(data) -> list[str]:
    """Return every problem of a catalog document (empty when it is valid)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: (e.json_path, list(e.schema_path).__repr__()))
    problems = [m for e in errors for m in _error_messages(e)]
    if isinstance(data, dict):
        problems.extend(_semantic_problems(data))
    return list(dict.fromkeys(problems))


# ---------------------------------------------------------------- the official table

@dataclass
class TableRow:
    """One printed row of the official table."""

    item: CatalogItem
    first_level_span: int  # rows the first-level cell spans; 0 on rows covered by the cell above
    channel_lines: list[str] | None  # None: undetermined, printed empty
    marks: list[str]  # six cells, "√" or ""

    @property
    def channel_text(self) -> str:
        return "\n".join(self.channel_lines) if self.channel_lines is not None else ""


def channel_lines(channels: list[str] | None) -> list[str] | None:
    """Return the ■/□ lines of a channel cell, all boxes in the official order."""
    if channels is None:
        return None
    return ["   ".join(("■" if c in channels else "□") + c for c in line) for line in CHANNEL_LINES]


def table_rows(version: CatalogVersion) -> list[TableRow]:
    """Return the rows of the published table: active items in order, first-level cells merged."""
    items = list(version.items.filter(retired=False).order_by("position", "pk"))
    rows: list[TableRow] = []
    for n, item in enumerate(items):
        span = 0
        if n == 0 or items[n - 1].first_level != item.first_level:
            span = 1
            while n + span < len(items) and items[n + span].first_level == item.first_level:
                span += 1
        marks = []
        for field_name, label in MARK_COLUMNS:
            chosen = getattr(item, field_name)
            marks.append("√" if chosen is not None and label in chosen else "")
        rows.append(TableRow(item, span, channel_lines(item.channels), marks))
    return rows


def _subtitle(catalog: Catalog, version: CatalogVersion) -> dict:
    published = timezone.localtime(version.published_at) if version.published_at else None
    return {
        "organisation": catalog.organisation.name if catalog.organisation else "国家标准目录模板（应急管理部）",
        "version": f"第 {version.number} 版（{version.get_status_display()}）",
        "published": f"{published.year}年{published.month}月{published.day}日" if published else "未发布",
    }


# Column layout of the xlsx: (header, width in Excel character units).
XLSX_COLUMNS = (
    ("一级事项", 8), ("序号", 5), ("二级事项", 12), ("公开内容", 38), ("公开依据", 30), ("公开时限", 14),
    ("公开主体", 10), ("公开渠道和载体", 34), ("全社会", 5), ("特定群体", 5), ("主动", 5), ("依申请", 5),
    ("县级", 5), ("乡级", 5),
)
XLSX_FONT = "宋体"
_FIRST_DATA_ROW = 4


def _display_width(text: str) -> float:
    # Excel measures widths in digits of the default font; a CJK character is about two.
    return sum(1.0 if ord(ch) < 0x2E80 else 1.9 for ch in text)


def _line_count(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in (text or "").split("\n"))


def catalog_xlsx(catalog: Catalog, version: CatalogVersion) -> bytes:
    """Return the official table of a catalog version as an .xlsx workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    info = _subtitle(catalog, version)
    rows = table_rows(version)
    last_col = len(XLSX_COLUMNS)
    last_letter = get_column_letter(last_col)

    wb = Workbook()
    ws = wb.active
    ws.title = DOMAIN_TITLES[catalog.domain].replace("领域基层政务公开标准目录", "")[:31] or "目录"
    wb.properties.title = catalog.title
    wb.properties.subject = f"{info['organisation']} {info['version']}"
    wb.properties.creator = "gongkai"

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    body_font = Font(name=XLSX_FONT, size=10)
    head_font = Font(name=XLSX_FONT, size=10, bold=True)

    for n, (_, width) in enumerate(XLSX_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width

    # Title row.
    ws.merge_cells(f"A1:{last_letter}1")
    ws["A1"] = catalog.title
    ws["A1"].font = Font(name=XLSX_FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32

    # The two header rows, merged exactly like the official table.
    header = {
        "A2": "公开事项", "D2": "公开内容", "E2": "公开依据", "F2": "公开时限", "G2": "公开主体",
        "H2": "公开渠道和载体", "I2": "公开对象", "K2": "公开方式", "M2": "公开层级",
        "A3": "一级事项", "B3": "二级事项",
        "I3": "全社会", "J3": "特定群体", "K3": "主动", "L3": "依申请", "M3": "县级", "N3": "乡级",
    }
    for ref, text in header.items():
        ws[ref] = text
    for rng in ("A2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:J2", "K2:L2", "M2:N2", "B3:C3"):
        ws.merge_cells(rng)
    for r in (2, 3):
        for c in range(1, last_col + 1):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.alignment, cell.border = head_font, center, border
    ws.row_dimensions[2].height = 20
    ws.row_dimensions[3].height = 30

    for offset, row in enumerate(rows):
        r = _FIRST_DATA_ROW + offset
        item = row.item
        values = [
            item.first_level if row.first_level_span else None, item.number, item.second_level, item.content,
            item.basis, item.time_limit_text, item.subject, row.channel_text or None, *[m or None for m in row.marks],
        ]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = border
            cell.font = body_font
            cell.alignment = left if c in (4, 5, 8) else center
        if row.first_level_span > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r + row.first_level_span - 1, end_column=1)
        lines = max(_line_count(str(v or ""), XLSX_COLUMNS[c][1]) for c, v in enumerate(values))
        ws.row_dimensions[r].height = max(lines * 13.5 + 6, 30)

    note_row = _FIRST_DATA_ROW + len(rows)
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=last_col)
    ws.cell(row=note_row, column=1, value=TABLE_NOTE).font = body_font
    ws.cell(row=note_row, column=1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.row_dimensions[note_row].height = 22

    ws.freeze_panes = f"A{_FIRST_DATA_ROW}"
    ws.print_title_rows = "2:3"
    ws.print_area = f"A1:{last_letter}{note_row}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.center.text = f"{info['organisation']}  {info['version']}  发布日期：{info['published']}"
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def catalog_pdf(catalog: Catalog, version: CatalogVersion) -> bytes:
    """Return the official table of a catalog version as a landscape A4 PDF."""
    from weasyprint import HTML

    html = render_to_string("catalog/catalog_print.html", {
        "catalog": catalog,
        "version": version,
        "info": _subtitle(catalog, version),
        "rows": table_rows(version),
        "note": TABLE_NOTE,
    })
    # No base URL: the template is self-contained and must not fetch anything.
    return HTML(string=html, base_url=None).write_pdf()
