"""Office lists as spreadsheets: one .xlsx and one CSV response from a header and rows, formula-safe.

Every export in the product goes through here (issue 21 item 19), so the rule that keeps a cell
from being read as a formula lives once:

- a text cell whose first visible character is ``=``, ``+``, ``-``, ``@``, a tab, CR or LF (or the
  full-width ``＝＋－＠`` a spreadsheet converts on input) is a formula to Excel, LibreOffice and
  WPS. In the .xlsx it is stored as a text cell with the "quote prefix" flag (shown and re-edited
  as the text it is, nothing added to the value); in the CSV, which has no cell types, it gets a
  leading apostrophe (the OWASP "CSV injection" advice);
- numbers stay numbers, dates are written as ``YYYY-MM-DD`` (date-times in local time), ``None``
  is an empty cell, booleans are 是/否.

The CSV is UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens it without
garbling. The file name (Chinese allowed) goes into Content-Disposition per RFC 6266/5987.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

# A spreadsheet reads a cell starting with one of these as a formula (or, for the full-width
# forms, converts it into one on input).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Excel's limit on a sheet title.
_SHEET_TITLE_MAX = 31


def is_formula_like(value) -> bool:
    """Return True when a spreadsheet would read the text `value` as a formula."""
    return isinstance(value, str) and value.lstrip(" \u3000").startswith(FORMULA_PREFIXES)


def plain(value):
    """Return `value` as a spreadsheet cell holds it: text, a number, or None (empty)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_cell(value) -> str:
    """Return `value` as CSV text; text a spreadsheet would run as a formula gets a leading apostrophe."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if is_formula_like(value) else value
    return str(value)


def put_cell(ws, row: int, column: int, value):
    """Write `value` into an openpyxl cell; text is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        return cell  # an empty (or merged) cell
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell


def csv_bytes(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    """Return the CSV (UTF-8 with BOM, CRLF line ends) of `header` and `rows`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], *, title: str = "") -> bytes:
    """Return an .xlsx workbook with one sheet: a bold header row (frozen) and `rows`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(title or _("导出"))
    widths = [len(str(h)) for h in header]
    for column, value in enumerate(header, start=1):
        put_cell(ws, 1, column, plain(value)).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            value = plain(value)
            put_cell(ws, r, column, value)
            if value is not None and column <= len(widths):
                widths[column - 1] = max(widths[column - 1], min(len(str(value)), 60))
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = max(8, width * 2 + 2)  # CJK: two units a char
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:_SHEET_TITLE_MAX] or "Sheet1"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """Return a download of `header` + `rows` as `filename`.csv."""
    name = filename if filename.endswith(".csv") else f"{filename}.csv"
    return _attachment(HttpResponse(csv_bytes(header, rows), content_type=CSV_CONTENT_TYPE), name)


def xlsx_response(filename: str, header: Sequence, rows: Iterable[Sequence], *, title: str = "") -> HttpResponse:
    """Return a download of `header` + `rows` as `filename`.xlsx (one sheet named `title`)."""
    name = filename if filename.endswith(".xlsx") else f"{filename}.xlsx"
    return _attachment(HttpResponse(xlsx_bytes(header, rows, title=title or filename), content_type=XLSX_CONTENT_TYPE),
                       name)


def export_response(fmt: str, filename: str, header: Sequence, rows: Iterable[Sequence], *, title: str = ""):
    """Return the .xlsx (``fmt == "xlsx"``) or CSV (``fmt == "csv"``) download; None for another format."""
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows, title=title)
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return None
