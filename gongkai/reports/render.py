"""The report as HTML context, .docx (python-docx) and PDF (WeasyPrint), in the official layout."""
from __future__ import annotations

import io
from dataclasses import asdict

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from . import layout
from .figures import key_figures
from .models import AnnualReport
from .services import live_tables, report_format

INTRO = "根据《中华人民共和国政府信息公开条例》要求，编制{org}{year}年政府信息公开工作年度报告。报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"


def report_content(report: AnnualReport) -> dict:
    """Return everything a rendering needs: sections in order, each narrative or grids."""
    fmt = report_format(report)
    if report.is_published and report.snapshot:
        grids = report.snapshot["grids"]
        key_sentences = report.snapshot.get("key_figures", [])
        sources = report.snapshot.get("sources", [])
    else:
        tables = live_tables(report)
        grids = {
            "proactive": [[[asdict(c) for c in line] for line in layout.proactive_grid(b)] for b in tables.proactive],
            "requests": [[asdict(c) for c in line] for line in layout.requests_grid(tables)],
            "appeals": [[asdict(c) for c in line] for line in layout.appeals_grid(tables)],
        }
        key_sentences = key_figures(report.organisation, report.year).sentences()
        sources = tables.sources()
    narratives = {n["key"]: n for n in fmt["narratives"]}
    sections = [
        {"key": "overview", "number": "一", "title": "总体情况", "text": report.overview},
        {"key": "proactive", "number": fmt["proactive"]["number"], "title": fmt["proactive"]["title"],
         "grids": grids["proactive"]},
        {"key": "requests", "number": fmt["requests"]["number"], "title": fmt["requests"]["title"],
         "grids": [grids["requests"]]},
        {"key": "appeals", "number": fmt["appeals"]["number"], "title": fmt["appeals"]["title"],
         "grids": [grids["appeals"]]},
        {"key": "problems", "number": "五", "title": narratives["problems"]["title"], "text": report.problems},
        {"key": "other", "number": "六", "title": narratives["other"]["title"], "text": report.other or "无。"},
    ]
    return {
        "report": report,
        "title": report.title,
        "intro": INTRO.format(org=report.organisation.name, year=report.year),
        "sections": sections,
        "key_sentences": key_sentences,
        "sources": sources,
        "format": fmt,
    }


def report_html_for_pdf(report: AnnualReport) -> str:
    return render_to_string("reports/report_print.html", report_content(report))


def report_pdf(report: AnnualReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html_for_pdf(report)).write_pdf()


def _set_cell_text(cell, text: str, *, bold: bool = False, align: str = "left", size: float = 9) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    run.font.name = "宋体"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def _add_grid(document, grid: list[list[dict]]) -> None:
    cells = [[layout.GridCell(**c) for c in line] for line in grid]
    positions, width = layout.placed(cells)
    table = document.add_table(rows=len(cells), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in positions:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        _set_cell_text(target, cell.text, bold=cell.header, align=cell.align)
    document.add_paragraph()


def report_docx(report: AnnualReport) -> bytes:
    content = report_content(report)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    style.font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(content["title"])
    run.bold = True
    run.font.size = Pt(18)
    document.add_paragraph(content["intro"])
    for section in content["sections"]:
        heading = document.add_paragraph()
        heading_run = heading.add_run(f"{section['number']}、{section['title']}")
        heading_run.bold = True
        heading_run.font.size = Pt(14)
        if "text" in section:
            for paragraph in (section["text"] or "").splitlines():
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
        for grid in section.get("grids", []):
            _add_grid(document, grid)
    footer = document.add_paragraph(f"{report.organisation.name}")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if report.published_at:
        date = document.add_paragraph(timezone.localtime(report.published_at).strftime("%Y年%m月%d日").replace("年0", "年").replace("月0", "月"))
        date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
