"""The third way in: a spreadsheet (.xlsx template) with one row per record, attachment names pointing into
the uploaded folder or .zip. Each row becomes the same ParsedPage a saved page would give."""
from __future__ import annotations

import datetime as dt
import io
import re

from gongkai.core.errors import DomainError
from gongkai.core import files as record_files

from .parse import ParsedPage, parse_date
from .parse.body import attachment_kind
from .parse.page import PROBLEM_NO_DATE, PROBLEM_NO_TITLE, _document_type, _validity
from .pages import SourceIssue, SourcePage

# The template's columns (the header row of the download), in order, with the field each fills.
COLUMNS = (("标题", "title"), ("索引号", "index_number"), ("文号", "document_number"), ("发布机构", "issuer"),
           ("成文日期", "written_date"), ("发布日期", "publish_date"), ("有效性", "validity"),
           ("文件类型", "document_type"), ("栏目", "column"), ("正文", "body_text"),
           ("附件文件名", "attachments"), ("原网址", "url"))
REQUIRED = {"title", "publish_date"}
_SPLIT = re.compile(r"[;；,，\n]+")


def _header_map(row) -> dict[int, str]:
    names = {label: field for label, field in COLUMNS}
    found = {}
    for i, cell in enumerate(row):
        label = re.sub(r"[\s*＊]|（必填）|\(必填\)", "", str(cell or ""))
        if label in names:
            found[i] = names[label]
    return found


def is_template(data: bytes) -> bool:
    """True for an .xlsx whose first row carries the template's required columns (not any attachment)."""
    try:
        return REQUIRED <= set(_header_map(next(_rows(data), ())).values())
    except Exception:  # not a readable workbook: not ours
        return False


def _rows(data: bytes):
    import openpyxl

    record_files.check_ooxml_bounds(data)  # zip-bomb and element caps before openpyxl reads it
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    yield from book.worksheets[0].iter_rows(values_only=True)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"[ \t\u3000\xa0]+", " ", str(value)).strip()


def pages(data: bytes, name: str, locator: dict):
    """SourcePages (already parsed) of the template's rows; a damaged workbook is one skipped entry."""

    try:
        rows = _rows(data)
        header = _header_map(next(rows, ()))
    except DomainError:
        yield SourcePage(name, None, issue=SourceIssue("zip_bomb"))
        return
    except Exception:  # openpyxl raises many kinds for a damaged file
        yield SourcePage(name, None, issue=SourceIssue("bad_archive"))
        return
    for number, row in enumerate(rows, start=2):
        values = {field: _text(row[i]) for i, field in header.items() if i < len(row)}
        if not any(values.values()):
            continue
        page = ParsedPage(path=f"{name}:第{number}行", url=values.get("url") or None, profile="spreadsheet",
                          body_from="spreadsheet")
        page.title = values.get("title") or None
        page.index_number = values.get("index_number") or None
        page.document_number = values.get("document_number") or None
        page.issuer = values.get("issuer") or None
        page.publish_date = parse_date(values.get("publish_date"))
        page.written_date = parse_date(values.get("written_date"))
        page.validity, page.validity_label = _validity(values.get("validity"))
        page.document_type = _document_type(values.get("document_type"))
        page.column = values.get("column") or None
        page.body_text = values.get("body_text", "")
        for file_name in _SPLIT.split(values.get("attachments", "")):
            file_name = file_name.strip()
            if file_name:
                page.attachments.append({"url": file_name, "href": file_name, "text": file_name,
                                         "kind": attachment_kind(file_name, file_name) or "file", "inline": False})
        if not page.title:
            page.problems.append(PROBLEM_NO_TITLE)
        if not page.publish_date:
            page.problems.append(PROBLEM_NO_DATE)
        yield SourcePage(page.path, None, url=page.url, parsed=page, locator=locator)


def template_bytes() -> bytes:
    from gongkai.core.exports import xlsx_bytes

    return xlsx_bytes([label for label, _field in COLUMNS], [], title="政府信息导入模板")
