"""The official table (附件2 layout) of a catalog version, for people: rows, the .xlsx and the PDF.

An undetermined element (None) is printed as an empty cell. Text that a spreadsheet would
read as a formula is written as text (see ``_text``).
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.core.exports import put_cell

from ..constants import CHANNELS, DOMAIN_TITLES, MARK_COLUMNS
from ..models import Catalog, CatalogItem, CatalogVersion

# The note printed under both official tables (seed 000, 附件2).
TABLE_NOTE = "注：公开标准目录中所选公开渠道和载体仅供参考，各地在制定本地公开标准时可根据实际情况进行调整，确保取得公开实效。"

# How the official table lays out the channel boxes: two per line, the long 公示栏 label alone.
CHANNEL_LINES: tuple[tuple[str, ...], ...] = (
    CHANNELS[0:2], CHANNELS[2:4], CHANNELS[4:6], CHANNELS[6:8], CHANNELS[8:10], CHANNELS[10:11], CHANNELS[11:13],
)
assert sum(CHANNEL_LINES, ()) == CHANNELS, "CHANNEL_LINES must list every channel once, in order"


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


# Text a spreadsheet would read as a formula is stored as text with Excel's "quote prefix" flag
# (issue 11, item 12); the rule lives once, in gongkai.core.exports.
_put = put_cell


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
    _put(ws, 1, 1, catalog.title)
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
            cell = _put(ws, r, c, value)
            cell.border = border
            cell.font = body_font
            cell.alignment = left if c in (4, 5, 8) else center
        if row.first_level_span > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r + row.first_level_span - 1, end_column=1)
        lines = max(_line_count(str(v or ""), XLSX_COLUMNS[c][1]) for c, v in enumerate(values))
        ws.row_dimensions[r].height = max(lines * 13.5 + 6, 30)

    note_row = _FIRST_DATA_ROW + len(rows)
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=last_col)
    _put(ws, note_row, 1, TABLE_NOTE).font = body_font
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
