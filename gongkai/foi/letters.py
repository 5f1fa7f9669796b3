"""Every letter a disclosure request produces, as .docx (python-docx) and PDF (WeasyPrint), on A4.

A letter is issued inside the transition that decides it (``issue()``): it takes the next number
of the organisation's letter sequence (``阳应急依申〔2026〕第12号``; prefix and pattern set per
organisation), and its wording is fixed then and stored in ``Letter.content``. The files are
rendered from that content on first download (``Letter.docx`` / ``Letter.pdf``) — never while the
request's row is locked — and kept, so a rolled-back transition leaves neither a row nor a file.

Both files are built from the same paragraphs, so they always say the same thing. Each letter
names the issuing organisation and date, leaves the seal position (印章) above the date, and —
when it decides something the recipient may challenge — ends with the remedy clause: 行政复议
within 60 days (《中华人民共和国行政复议法》) to the organisation's review body (set per
organisation), or 行政诉讼 within 6 months (《中华人民共和国行政诉讼法》第四十六条), FACTS.md §12.
The 征求第三方意见函 asks for an opinion and decides nothing, so it has no remedy clause.

The reply (答复告知书) wording comes from one template per outcome, ``foi/letters/<outcome>.txt``.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

from gongkai.core import clock, sequence

from .constants import REGULATION, ApplicantType, Delivery, Outcome, legal_basis
from .models import DisclosureRequest, Letter
from .states import LetterKind

PDF_FONT = "Noto Serif CJK SC"
DOCX_FONT = "仿宋"
TITLE = "政府信息公开申请答复告知书"
DEFAULT_PATTERN = "{prefix}〔{year}〕第{n}号"
# Phrases a letter must not repeat (the fixed wording and the office's reply text may both use them).
ONCE_ONLY_PHRASES = ("经审查，", "经研究，", "经检索，")
DEFAULT_FEE_PAYMENT = ("请持本通知书到本机关政府信息公开工作机构领取非税收入缴款书，按缴款书载明的方式缴纳，"
                       "费用全额缴入国库")
A4_MM = (210, 297)


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Content:
    """What a letter says; stored as JSON on the Letter row."""

    organisation: str
    title: str
    number: str
    salutation: str
    paragraphs: list[str]
    remedy: str
    date: str
    basis: str = ""
    attachments: list[str] = field(default_factory=list)
    reference: str = ""  # the request's tracking number, so a reply can be matched to its request


# ------------------------------------------------------------------------------ numbering


def pattern_problem(pattern: str) -> str | None:
    """Return why a letter-number pattern is unusable, or None."""
    if not pattern:
        return None
    try:
        text = pattern.format(prefix="", year=2026, n=987654321)
    except (KeyError, IndexError, ValueError):
        return "文号格式只能使用 {prefix}、{year}、{n}。"
    if "987654321" not in text:
        return "文号格式须包含序号 {n}。"
    return None


def letter_number(organisation, year: int) -> str:
    """Take the next number of `organisation`'s letter sequence for `year` (inside a transaction)."""
    n = sequence.next_value(f"foi.letter.{organisation.pk}.{year}")
    pattern = organisation.foi_letter_pattern or DEFAULT_PATTERN
    if pattern_problem(pattern):
        pattern = DEFAULT_PATTERN
    return pattern.format(prefix=organisation.foi_letter_prefix or organisation.name, year=year, n=n)


# ------------------------------------------------------------------------------ wording


def _you(req: DisclosureRequest) -> str:
    return "您" if req.applicant_type == ApplicantType.NATURAL else "贵单位"


# Sentence-ending punctuation a quoted request loses: the letter's own sentence ends it ("“…”。").
_QUOTE_ENDINGS = "。．.；;，,、！!？?：: \t\n"


def quote(text: str, limit: int = 300) -> str:
    """Return `text` fit to be quoted inside a sentence: trimmed, at most `limit` characters, no final stop."""
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[:limit - 1].rstrip(_QUOTE_ENDINGS) + "…"
    return text.rstrip(_QUOTE_ENDINGS)


def _received(req: DisclosureRequest) -> str:
    doc = f"（文号：{req.document_number}）" if req.document_number else ""
    return f"本机关于{cn_date(req.received_on)}收到{_you(req)}提出的政府信息公开申请，申请获取“{quote(req.description)}”{doc}。"


def remedy_clause(organisation, you: str) -> str:
    """The remedy paragraph: 行政复议 (60 days, the organisation's review body) or 行政诉讼 (6 months)."""
    body = organisation.review_body or "有管辖权的行政复议机关"
    return (f"{you}如对本告知书不服，可以依照{REGULATION}第五十一条的规定，自收到本告知书之日起60日内向{body}"
            f"申请行政复议（《中华人民共和国行政复议法》），或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼"
            f"（《中华人民共和国行政诉讼法》第四十六条）。")


def dedupe_phrases(paragraphs: list[str]) -> list[str]:
    """Drop every repeat of a once-only phrase ("经审查，") after its first use in the letter."""
    seen: set[str] = set()
    out = []
    for text in paragraphs:
        for phrase in ONCE_ONLY_PHRASES:
            if phrase in text:
                if phrase in seen:
                    text = text.replace(phrase, "")
                else:
                    head, sep, tail = text.partition(phrase)
                    text = head + sep + tail.replace(phrase, "")
                    seen.add(phrase)
        if text.strip():
            out.append(text)
    return out


def _reply_paragraphs(req: DisclosureRequest) -> tuple[list[str], str]:
    basis = legal_basis(req.outcome, req.reason)
    context = {
        "req": req, "you": _you(req), "basis": basis, "reason": req.reason, "reason_label": req.reason_label,
        "received": cn_date(req.received_on), "regulation": REGULATION, "delivery": Delivery(req.delivery).label,
        "quoted": quote(req.description),
    }
    text = render_to_string(f"foi/letters/{Outcome(req.outcome).value}.txt", context)
    return [line.strip() for line in text.splitlines() if line.strip()], basis


def _paragraphs(kind: str, req: DisclosureRequest, facts: dict) -> tuple[list[str], str]:
    """Return (paragraphs, legal basis) of a letter of `kind`."""
    you = _you(req)
    if kind == LetterKind.REPLY:
        return _reply_paragraphs(req)
    if kind == LetterKind.CORRECTION:
        return [
            _received(req),
            f"{you}的申请内容不够明确。根据{REGULATION}第三十条的规定，请{you}自收到本告知书之日起"
            f"{facts['period']}个工作日内（{facts['due']}前）就下列事项作出补正：{facts['items']}",
            f"答复期限自本机关收到补正的申请之日起计算。{you}无正当理由逾期不补正的，视为放弃申请，"
            f"本机关不再处理该政府信息公开申请。",
        ], f"{REGULATION}第三十条"
    if kind == LetterKind.EXTENSION:
        return [
            _received(req),
            f"因{facts['reason']}，本机关不能在{REGULATION}第三十三条第二款规定的期限（{facts['original_due']}）内答复。"
            f"经本机关政府信息公开工作机构负责人同意，答复期限延长{facts['days']}个工作日，"
            f"至{facts['new_due']}。",
        ], f"{REGULATION}第三十三条第二款"
    if kind == LetterKind.CONSULTATION:
        return [
            f"本机关于{cn_date(req.received_on)}收到一件政府信息公开申请，申请获取的政府信息为：“{quote(facts['subject'])}”。"
            f"公开该政府信息可能损害贵方的合法权益。根据{REGULATION}第三十二条的规定，现书面征求贵方意见。",
            "请贵方自收到本函之日起15个工作日内向本机关提出书面意见；逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。",
            "贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，予以公开，"
            "并将决定公开的政府信息内容和理由书面告知贵方。",
        ], f"{REGULATION}第三十二条"
    if kind == LetterKind.THIRD_PARTY_NOTICE:
        return [
            f"本机关于{facts['sent']}就一件政府信息公开申请（申请获取的政府信息为：“{quote(facts['subject'])}”）书面征求贵方意见，"
            f"贵方不同意公开。",
            f"本机关认为不公开该政府信息可能对公共利益造成重大影响，根据{REGULATION}第三十二条的规定，决定予以公开。"
            f"决定公开的政府信息内容：{quote(facts['content'], 500)}。理由：{facts['public_interest']}",
        ], f"{REGULATION}第三十二条"
    if kind == LetterKind.FEE:
        return [
            _received(req),
            f"根据{REGULATION}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
            f"本机关向{you}收取信息处理费。计收依据、标准和数额如下：",
            *facts["calculation"],
            f"缴纳方式：{facts['payment']}。请{you}在收到本通知次日起20个工作日内（{facts['pay_due']}前）缴纳。",
            f"自本通知发出之日至{you}缴费之日的期间，不计算在答复期限内。{you}逾期未缴纳的，视为放弃申请，"
            f"本机关不再处理该政府信息公开申请。",
        ], f"{REGULATION}第四十二条，《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    if kind == LetterKind.REASONS:
        return [
            _received(req),
            f"{you}申请公开政府信息的数量、频次明显超过合理范围。根据{REGULATION}第三十五条的规定，"
            f"请{you}说明理由：{facts['question']}",
            f"理由合理但本机关无法在规定期限内答复的，本机关将确定延迟答复的合理期限并告知{you}；"
            f"理由不合理的，本机关将告知{you}不予处理。",
        ], f"{REGULATION}第三十五条"
    if kind == LetterKind.LATER_DEADLINE:
        return [
            _received(req),
            f"本机关于{facts['asked']}要求{you}说明理由，{you}于{facts['answered']}作出了说明。"
            f"{you}说明的理由合理，但本机关无法在{REGULATION}第三十三条规定的期限内答复。"
            f"根据第三十五条的规定，本机关确定答复期限为{facts['later_due']}，届时将依法答复。",
        ], f"{REGULATION}第三十五条"
    raise ValueError(kind)


TITLES = {
    LetterKind.REPLY: TITLE,
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULTATION: "政府信息公开征求第三方意见函",
    LetterKind.THIRD_PARTY_NOTICE: "政府信息公开决定告知书",
    LetterKind.FEE: "政府信息公开信息处理费收费通知书",
    LetterKind.REASONS: "政府信息公开申请说明理由告知书",
    LetterKind.LATER_DEADLINE: "政府信息公开申请答复期限告知书",
}
TO_THIRD_PARTY = {LetterKind.CONSULTATION, LetterKind.THIRD_PARTY_NOTICE}
NO_REMEDY = {LetterKind.CONSULTATION}


def compose(req: DisclosureRequest, kind: str = LetterKind.REPLY, *, facts: dict | None = None,
            day: dt.date | None = None, number: str = "") -> Content:
    """Return the content of a letter of `kind` about `req` (no number is taken here)."""
    facts = facts or {}
    kind = LetterKind(kind)
    paragraphs, basis = _paragraphs(kind, req, facts)
    to_third_party = kind in TO_THIRD_PARTY
    attachments = []
    if kind == LetterKind.REPLY:
        attachments = [a.name for a in req.attachments.all()]
        if req.reply_link:
            attachments.append(f"信息获取链接：{req.reply_link}")
    addressee = "贵方" if to_third_party else _you(req)
    return Content(
        organisation=req.organisation.name,
        title=TITLES[kind],
        number=number,
        salutation=f"{facts['party'] if to_third_party else req.applicant_name}：",
        paragraphs=dedupe_phrases(paragraphs),
        remedy="" if kind in NO_REMEDY else remedy_clause(req.organisation, addressee),
        date=cn_date(day or clock.today()),
        basis=basis,
        attachments=attachments,
        reference=f"申请编号：{req.tracking_number}",
    )


def issue(req: DisclosureRequest, kind: str, *, facts: dict | None = None) -> Letter:
    """Number and store a letter of `kind` about `req` (call inside the transition's transaction)."""
    day = clock.today()
    number = letter_number(req.organisation, day.year)
    content = compose(req, kind, facts=facts, day=day, number=number)
    recipient = (facts or {}).get("party", "") if kind in TO_THIRD_PARTY else req.applicant_name
    return Letter.objects.create(
        request=req, kind=kind, number=number, title=content.title, recipient=recipient[:200],
        basis=content.basis[:300], issued_on=day, content=asdict(content), created_at=clock.now(),
    )


# ------------------------------------------------------------------------------ files


def render(letter: Letter, which: str) -> bytes:
    """Render a stored letter's file (`which` is "docx" or "pdf") from its frozen content."""
    content = Content(**letter.content)
    return render_docx(content) if which == "docx" else render_pdf(content)


def letter_file(letter: Letter, which: str) -> bytes:
    """Return a letter's file, rendering and keeping it on first download (never inside a transition)."""
    field_name = f"{which}_data"
    data = getattr(letter, field_name)
    if data is None:
        data = render(letter, which)
        setattr(letter, field_name, data)
        Letter.objects.filter(pk=letter.pk, **{f"{field_name}__isnull": True}).update(**{field_name: data})
    return bytes(data)


def docx(letter: Letter) -> bytes:
    return letter_file(letter, "docx")


def pdf(letter: Letter) -> bytes:
    return letter_file(letter, "pdf")


def _a4(doc) -> None:
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def render_docx(letter: Content) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    _a4(doc)
    style = doc.styles["Normal"]
    style.font.name = DOCX_FONT
    style.font.size = Pt(16)
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
            p.paragraph_format.first_line_indent = Pt(32)
        return p

    para(letter.organisation, bold=True, size=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(letter.title, bold=True, size=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    if letter.number:
        para(letter.number, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    if letter.reference:
        para(letter.reference, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(letter.salutation, indent=False)
    for text in letter.paragraphs:
        para(text)
    if letter.attachments:
        para("附件：", indent=False)
        for n, name in enumerate(letter.attachments, start=1):
            para(f"{n}. {name}")
    if letter.remedy:
        para(letter.remedy)
    para("")
    para("（印章）", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(letter.organisation, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(letter.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# Line spacing and the gap above the signature, loosest first. GB/T 9704-2012 (7.3.5.1): when the
# space left cannot hold the seal and date, adjust the line spacing so they stay with the text.
PDF_SPACINGS = ((1.75, 16), (1.6, 10), (1.5, 8))


def render_pdf(letter: Content) -> bytes:
    """Render the PDF on A4; the last paragraph and the signature are kept on one page, and the
    spacing is tightened when that saves a page (so page 1 is used when it has room)."""
    from weasyprint import HTML

    if letter.remedy:
        body, closing = list(letter.paragraphs), letter.remedy
    else:
        body, closing = list(letter.paragraphs[:-1]), (letter.paragraphs[-1] if letter.paragraphs else "")
    best = None
    for line_height, sign_gap in PDF_SPACINGS:
        html = render_to_string("foi/letters/letter_print.html", {
            "letter": letter, "font": PDF_FONT, "body": body, "closing": closing,
            "line_height": line_height, "sign_gap": sign_gap})
        document = HTML(string=html, base_url=None).render()
        if best is None or len(document.pages) < len(best.pages):
            best = document
        if len(document.pages) == 1:
            break
    return best.write_pdf()


def fee_payment_text() -> str:
    return getattr(settings, "FOI_FEE_PAYMENT_TEXT", "") or DEFAULT_FEE_PAYMENT


# ------------------------------------------------------------------------------ the blank application form

FORM_TITLE = "政府信息公开申请表"
FORM_ROWS = (
    ("申请人信息", (
        ("公民", "姓名、证件名称、证件号码、联系电话、电子邮箱、通信地址、邮政编码"),
        ("法人或其他组织", "名称、统一社会信用代码、联系人姓名、联系电话、电子邮箱、通信地址、邮政编码"),
    )),
    ("所需信息情况", (
        ("所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述", ""),
        ("所需信息的用途（选填）", ""),
    )),
    ("获取方式", (
        ("信息的载体形式（请选择）", "□ 纸质　□ 电子"),
        ("获取信息的方式（请选择）", "□ 邮寄　□ 电子邮件　□ 当面领取　□ 网上获取"),
    )),
)
FORM_NOTES = (
    f"依据{REGULATION}第二十九条填写。申请人应当提供身份证明（公民为身份证件复印件，法人或其他组织为"
    "统一社会信用代码证明复印件）。",
    "以邮寄方式提交的，以本机关签收之日为收到申请之日；当面提交的，以提交之日为收到申请之日（《条例》第三十一条）。",
    "申请人签名或者盖章：＿＿＿＿＿＿＿＿　　申请日期：＿＿＿＿年＿＿月＿＿日",
)


def application_form_docx() -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    _a4(doc)
    style = doc.styles["Normal"]
    style.font.name = DOCX_FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)
    title = doc.add_paragraph()
    run = title.add_run(FORM_TITLE)
    run.bold, run.font.size = True, Pt(20)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = sum(len(items) for _group, items in FORM_ROWS)
    table = doc.add_table(rows=rows, cols=3)
    table.style = "Table Grid"
    r = 0
    for group, items in FORM_ROWS:
        first = r
        for label, hint in items:
            table.cell(r, 1).text = label
            table.cell(r, 2).text = hint
            r += 1
        merged = table.cell(first, 0).merge(table.cell(r - 1, 0))
        merged.text = group
    for note in FORM_NOTES:
        doc.add_paragraph(note)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def application_form_pdf() -> bytes:
    from weasyprint import HTML

    html = render_to_string("foi/letters/application_form.html", {
        "title": FORM_TITLE, "rows": FORM_ROWS, "notes": FORM_NOTES, "font": PDF_FONT})
    return HTML(string=html, base_url=None).write_pdf()
