"""Reply letters (政府信息公开申请答复告知书) as .docx (python-docx) and PDF (WeasyPrint).

The wording comes from one template per outcome, `foi/letters/<outcome>.txt`, rendered to
paragraphs (one per non-empty line); both files are built from the same paragraphs, so the
.docx and the PDF always say the same thing. The letter cites the article of the regulation
that the outcome rests on (constants.legal_basis) and names every attachment or link.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string

from gongkai.core import clock

from .constants import REGULATION, ApplicantType, Delivery, Outcome, legal_basis
from .models import DisclosureRequest, ReplyLetter

PDF_FONT = "Noto Serif CJK SC"
DOCX_FONT = "宋体"
TITLE = "政府信息公开申请答复告知书"


def _cn_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Letter:
    organisation: str
    title: str
    number: str
    salutation: str
    paragraphs: list[str]
    attachments: list[str]
    remedy: str
    date: str
    basis: str


def compose(req: DisclosureRequest) -> Letter:
    """Return the letter's content for a closed request."""
    outcome = Outcome(req.outcome)
    basis = legal_basis(req.outcome, req.reason)
    you = "您" if req.applicant_type == ApplicantType.NATURAL else "贵单位"
    context = {
        "req": req, "you": you, "basis": basis, "reason": req.reason, "reason_label": req.reason_label,
        "received": _cn_date(req.received_on), "regulation": REGULATION,
        "delivery": Delivery(req.delivery).label,
    }
    text = render_to_string(f"foi/letters/{outcome.value}.txt", context)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    attachments = [a.name for a in req.attachments.all()]
    if req.reply_link:
        attachments.append(f"信息获取链接：{req.reply_link}")
    return Letter(
        organisation=req.organisation.name,
        title=TITLE,
        number=f"申请编号：{req.tracking_number}",
        salutation=f"{req.applicant_name}：",
        paragraphs=paragraphs,
        attachments=attachments,
        remedy=f"{you}如对本答复不服，可以依法申请行政复议或者提起行政诉讼（{REGULATION}第五十一条）。",
        date=_cn_date(req.closed_on),
        basis=basis,
    )


def render_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = DOCX_FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)

    def para(text, *, bold=False, size=None, align=None, indent=True):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        run.font.name = DOCX_FONT
        run._element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        elif indent:
            p.paragraph_format.first_line_indent = Pt(28)
        return p

    para(letter.organisation, bold=True, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(letter.title, bold=True, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(letter.number, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(letter.salutation, indent=False)
    for text in letter.paragraphs:
        para(text)
    if letter.attachments:
        para("附件：", indent=False)
        for n, name in enumerate(letter.attachments, start=1):
            para(f"{n}. {name}")
    para(letter.remedy)
    para(letter.organisation, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(letter.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    html = render_to_string("foi/letters/letter_print.html", {"letter": letter, "font": PDF_FONT})
    return HTML(string=html, base_url=None).write_pdf()


def store_letter(req: DisclosureRequest) -> ReplyLetter:
    """Compose the letter of a closed request and keep both files (called inside its transaction)."""
    letter = compose(req)
    ReplyLetter.objects.filter(request=req).delete()
    return ReplyLetter.objects.create(
        request=req, title=f"{letter.organisation}{letter.title}（{req.tracking_number}）",
        basis=letter.basis[:300], docx=render_docx(letter), pdf=render_pdf(letter), created_at=clock.now(),
    )
