"""Attachment files: type detection by content, text extraction, masked copies."""
from __future__ import annotations

import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed

from . import privacy

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}
EXTENSIONS = {"pdf": {"pdf"}, "docx": {"docx"}, "xlsx": {"xlsx"}, "png": {"png"}, "jpeg": {"jpg", "jpeg"},
              "gif": {"gif"}}
TEXT_KINDS = {"pdf", "docx", "xlsx"}


def max_bytes() -> int:
    return int(getattr(settings, "RECORDS_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024))


def detect_kind(data: bytes) -> str | None:
    """Return the file kind from its leading bytes (and, for OOXML, its parts), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def validate(name: str, data: bytes) -> str:
    """Return the kind of an upload, or raise ValidationFailed listing every problem."""
    problems = []
    if len(data) == 0:
        problems.append(_("文件为空。"))
    if len(data) > max_bytes():
        problems.append(_("文件超过大小上限（%(mb)d MB）。") % {"mb": max_bytes() // (1024 * 1024)})
    kind = detect_kind(data)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is None:
        problems.append(_("只接受 PDF、DOCX、XLSX 和图片（PNG、JPEG、GIF）文件；该文件的内容不属于这些格式。"))
    elif ext not in EXTENSIONS[kind]:
        problems.append(_("文件扩展名“%(ext)s”与文件内容（%(kind)s）不符。") % {"ext": ext or "-", "kind": kind.upper()})
    if problems:
        raise ValidationFailed(_("附件不符合要求。"), problems=problems)
    return kind


# Limits on what an OOXML file may expand to before any parser sees it (issue 11 item 5): a small
# .docx can hold a million paragraphs (133 KB compressed, 30 s and 600 MB to parse).
DEFAULT_MAX_EXPANDED_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_ELEMENTS = 500_000
DEFAULT_MAX_ZIP_ENTRIES = 2_000
_CHUNK = 1024 * 1024
_START_RE = re.compile(rb"<[A-Za-z]")  # an element start in XML


def max_expanded_bytes() -> int:
    return int(getattr(settings, "RECORDS_MAX_EXPANDED_BYTES", DEFAULT_MAX_EXPANDED_BYTES))


def max_elements() -> int:
    return int(getattr(settings, "RECORDS_MAX_XML_ELEMENTS", DEFAULT_MAX_ELEMENTS))


def check_ooxml_bounds(data: bytes) -> None:
    """Refuse a .docx/.xlsx whose parts expand beyond the limits, before it is parsed.

    The declared sizes in the zip directory are checked first (cheap), then each XML part is
    decompressed in chunks, counting bytes and element starts ("<" followed by a name), so a
    file lying about its sizes is stopped as soon as it crosses a limit.
    """
    too_big = ValidationFailed(_("附件展开后过大或结构过于复杂，无法安全读取。"), problems=[
        _("请删去多余内容或拆分文件后重新上传（展开后不超过 %(mb)d MB，元素不超过 %(n)d 个）。")
        % {"mb": max_expanded_bytes() // (1024 * 1024), "n": max_elements()}])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationFailed(_("无法读取附件内容。"), problems=[_("文件已损坏或不是有效的压缩包。")]) from exc
    if len(entries) > DEFAULT_MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > max_expanded_bytes():
        raise too_big
    total, elements = 0, 0
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(entry) as fh:
            previous = b""
            while chunk := fh.read(_CHUNK):
                total += len(chunk)
                # the last byte of the previous chunk joins in, so a "<w" split across chunks counts once
                elements += len(_START_RE.findall(previous[-1:] + chunk))
                previous = chunk
                if total > max_expanded_bytes() or elements > max_elements():
                    raise too_big


def extract_text(kind: str, data: bytes) -> str:
    """Return the text of a PDF, DOCX or XLSX file ("" for images: they are not read)."""
    if kind in ("docx", "xlsx"):
        check_ooxml_bounds(data)
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            return "\n".join((page.extract_text() or "") for page in reader.pages)
        if kind == "docx":
            import docx

            document = docx.Document(io.BytesIO(data))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.append("\t".join(cell.text for cell in row.cells))
            return "\n".join(parts)
        if kind == "xlsx":
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            parts = []
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    cells = [_cell_text(v) for v in row if v is not None]
                    if cells:
                        parts.append("\t".join(cells))
            return "\n".join(parts)
    except Exception as exc:  # a damaged file is a validation problem, not a server error
        raise ValidationFailed(_("无法读取附件内容。"), problems=[str(exc)[:200]]) from exc
    return ""


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def masked_copy(kind: str, data: bytes, targets: set[tuple[str, str]], text: str, title: str) -> tuple[bytes | None, str]:
    """Return (masked file or None, masked text) for an attachment.

    DOCX and XLSX are masked in place, keeping the layout. A PDF's text cannot be edited
    reliably, so its masked copy is a new PDF of the masked text (layout not kept); the public
    gets that copy instead of the original. Images carry no extracted text: nothing to mask.
    """
    masked_text, _count = privacy.mask_text(text, targets)
    if kind == "docx":
        return _mask_docx(data, targets), masked_text
    if kind == "xlsx":
        return _mask_xlsx(data, targets), masked_text
    if kind == "pdf":
        return _text_pdf(title, masked_text), masked_text
    return None, masked_text


def _mask_paragraph(paragraph, targets) -> None:
    new, count = privacy.mask_text(paragraph.text, targets)
    if not count:
        return
    runs = paragraph.runs
    # Values often span several runs; keep the first run's formatting for the whole paragraph.
    if runs:
        runs[0].text = new
        for run in runs[1:]:
            run.text = ""


def _mask_docx(data, targets) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for section in document.sections:
        paragraphs.extend(section.header.paragraphs)
        paragraphs.extend(section.footer.paragraphs)
    for paragraph in paragraphs:
        _mask_paragraph(paragraph, targets)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _mask_xlsx(data, targets) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or isinstance(cell.value, bool):
                    continue
                text = _cell_text(cell.value) if isinstance(cell.value, (int, float)) else str(cell.value)
                new, count = privacy.mask_text(text, targets)
                if count:
                    cell.value = new
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_pdf(title: str, text: str) -> bytes:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    html = render_to_string("records/masked_copy.html", {"title": title, "text": text})
    return HTML(string=html).write_pdf()
