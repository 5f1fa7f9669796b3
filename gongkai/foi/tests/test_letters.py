"""Letters: .docx and PDF on A4, numbered per organisation, with seal position and remedy clause (issue 10 item 11)."""
import datetime as dt
import io
import shutil
import subprocess

import docx
import pytest

from django.urls import reverse

from gongkai.core.models import Sequence
from gongkai.foi import letters, services
from gongkai.foi.constants import REASONS, Outcome, legal_basis
from gongkai.foi.models import Letter, LetterKind, RequestAttachment

from .factories import pin, submitted, synthetic_id

D = dt.date


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize("outcome, reason, article", [
    ("disclosed", "provided", "第三十六条第（二）项"),
    ("disclosed", "proactive", "第三十六条第（一）项"),
    ("partial", "third_party", "第三十七条、第十五条"),
    ("partial", "needs_creation", "第三十七条、第三十八条"),
    ("withheld", "state_secret", "第十四条"),
    ("unavailable", "not_held", "第三十六条第（四）项"),
    ("unavailable", "needs_creation", "第三十八条"),
    ("not_processed", "repeat", "第三十六条第（六）项"),
    ("not_processed", "petition", "第三十九条第一款"),
    ("other", "other", ""),
])
def test_letter_names_the_outcome_and_cites_the_article(zz, office, outcome, reason, article):
    req, _s = submitted(zz, day=D(2026, 3, 2))
    pin(D(2026, 3, 20))
    req = services.foi_request_answer(request=req, actor=office, outcome=outcome, reason=reason,
                                      reply_text="答复正文第一段。\n答复正文第二段。")
    text = docx_text(bytes(letters.docx(req.letter)))
    assert "政府信息公开申请答复告知书" in text and "泽州县应急管理局" in text
    assert req.tracking_number in text and "测试申请人：" in text
    assert "答复正文第二段。" in text
    assert "第五十一条" in text  # the remedy paragraph
    if article:
        assert f"《中华人民共和国政府信息公开条例》{article}" in text
    assert bytes(letters.pdf(req.letter)).startswith(b"%PDF")


def test_pdf_text_matches(zz, office):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    req, _s = submitted(zz, day=D(2026, 3, 2))
    pin(D(2026, 3, 20))
    req = services.foi_request_answer(request=req, actor=office, outcome="withheld", reason="security", reply_text="理由。")
    text = subprocess.run(["pdftotext", "-", "-"], input=bytes(letters.pdf(req.letter)), capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    assert "政府信息公开申请答复告知书" in flat and "第十四条" in flat and "不予公开" in flat


def test_every_reason_has_a_basis_or_is_the_residual_row():
    for r in REASONS:
        assert legal_basis(r.outcome, r.code) or r.key == "other.other", r.key
    assert legal_basis(Outcome.PARTIAL, "") == "《中华人民共和国政府信息公开条例》第三十七条"


def test_basis_is_configurable(settings):
    settings.FOI_LEGAL_BASIS_OVERRIDES = {"withheld.security": "本地规定第1条"}
    assert legal_basis("withheld", "security") == "本地规定第1条"


def _pdf_page_size_mm(data: bytes) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width) * 25.4 / 72, float(box.height) * 25.4 / 72


def _assert_a4(letter_row_or_bytes):
    docx_bytes, pdf_bytes = letter_row_or_bytes
    section = docx.Document(io.BytesIO(docx_bytes)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297  # not US Letter (216 × 279)
    w, h = _pdf_page_size_mm(pdf_bytes)
    assert round(w) == 210 and round(h) == 297


def test_reply_letter_is_a4_numbered_sealed_with_the_remedy_clause(zz, office):
    zz.foi_letter_prefix, zz.review_body = "泽应急依申", "泽州县人民政府"
    zz.save()
    req, _s = submitted(zz, day=D(2026, 3, 2))
    pin(D(2026, 3, 20))
    req = services.foi_request_answer(request=req, actor=office, outcome="withheld", reason="process", reply_text="理由。")
    letter = req.letter
    assert letter.number == "泽应急依申〔2026〕第1号"
    text = docx_text(letters.docx(letter))
    assert "泽应急依申〔2026〕第1号" in text and "（印章）" in text
    assert text.rstrip().endswith("泽州县应急管理局\n2026年3月20日")
    assert "60日内向泽州县人民政府申请行政复议" in text and "6个月内依法向人民法院提起行政诉讼" in text
    _assert_a4((letters.docx(letter), letters.pdf(letter)))


def test_letter_numbers_follow_a_per_organisation_yearly_sequence_and_pattern(zz, office, tree):
    zz.foi_letter_prefix, zz.foi_letter_pattern = "泽应急依申", "{prefix}〔{year}〕{n}号"
    zz.save()
    yc = tree[0]["sx-jc-yc"]
    pin(D(2026, 3, 2))
    first, _s = submitted(zz)
    second, _s = submitted(zz, id_number=synthetic_id(2))
    services.foi_request_ask_correction(request=first, actor=office, items="请写明文件名称。")
    services.foi_request_answer(request=second, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    numbers = list(Letter.objects.filter(request__organisation=zz).order_by("pk").values_list("number", flat=True))
    assert numbers == ["泽应急依申〔2026〕1号", "泽应急依申〔2026〕2号"]
    other, _s = submitted(yc)
    services.foi_request_answer(request=other, actor=tree[1]["yc_office"], outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert other.letter.number == "阳城县应急管理局〔2026〕第1号"  # its own sequence; default pattern and prefix
    pin(D(2027, 1, 5))
    third, _s = submitted(zz, id_number=synthetic_id(3))
    services.foi_request_answer(request=third, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert third.letter.number == "泽应急依申〔2027〕1号"  # a new year starts at 1


def test_a_bad_pattern_is_reported_and_never_breaks_numbering(zz, office):
    assert letters.pattern_problem("{prefix}{x}") and letters.pattern_problem("{prefix}〔{year}〕")
    assert letters.pattern_problem("{prefix}〔{year}〕第{n}号") is None
    zz.foi_letter_pattern = "{prefix}{oops}"
    zz.save()
    req, _s = submitted(zz, day=D(2026, 3, 2))
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert req.letter.number == "泽州县应急管理局〔2026〕第1号"


def test_no_phrase_is_repeated(zz, office):
    req, _s = submitted(zz, day=D(2026, 3, 2))
    req = services.foi_request_answer(request=req, actor=office, outcome="withheld", reason="internal",
                                      reply_text="经审查，答复如下：该信息属于内部事务信息。")
    text = docx_text(letters.docx(req.letter))
    assert text.count("经审查") == 1
    assert "答复如下：该信息属于内部事务信息。" in text


def test_files_are_rendered_on_first_download_not_in_the_transition(zz, office, monkeypatch):
    calls = []
    monkeypatch.setattr(letters, "render_docx", lambda content: calls.append("docx") or b"PK docx")
    monkeypatch.setattr(letters, "render_pdf", lambda content: calls.append("pdf") or b"%PDF-1.7")
    req, _s = submitted(zz, day=D(2026, 3, 2))
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    assert calls == []  # nothing rendered while the row was locked
    row = Letter.objects.get(request=req)
    assert row.docx_data is None and row.pdf_data is None
    assert letters.docx(row) == b"PK docx" and letters.pdf(row) == b"%PDF-1.7"
    assert letters.docx(Letter.objects.get(pk=row.pk)) == b"PK docx"  # kept: the second download renders nothing
    assert calls == ["docx", "pdf"]


def test_a_rolled_back_transition_leaves_no_letter_and_no_number(zz, office, monkeypatch):
    from gongkai.core.errors import ValidationFailed

    req, _s = submitted(zz, day=D(2026, 3, 2))

    def broken(*args, **kwargs):
        raise ValidationFailed("模拟写入失败。")

    monkeypatch.setattr(RequestAttachment.objects, "create", broken)
    with pytest.raises(ValidationFailed):
        services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="见附件。",
                                    attachments=[services.Attachment("a.txt", "text/plain", b"x")])
    assert not Letter.objects.exists()
    assert not Sequence.objects.filter(key__startswith="foi.letter.").exclude(last=0).exists()


def test_every_letter_kind_is_issued_as_docx_and_pdf_on_a4(zz, office, tree):
    """补正告知书, 征求第三方意见函, 延期答复告知书, 收费通知书, 说明理由/答复期限告知书, the art. 32 notice, replies."""
    head = tree[1]["zz_office_head"]
    pin(D(2026, 3, 2))
    a, _s = submitted(zz)
    services.foi_request_ask_correction(request=a, actor=office, items="请写明文件名称。")
    b, _s = submitted(zz, id_number=synthetic_id(2))
    services.foi_request_consult(request=b, actor=office, third_party="某某有限公司", sent_on=D(2026, 3, 2))
    services.foi_request_third_party_replied(request=b, actor=office, replied_on=D(2026, 3, 2), objected=True,
                                             opinion="不同意公开")
    services.foi_request_request_extension(request=b, actor=office, working_days=10, reason="需要检索多年档案")
    services.foi_request_approve_extension(request=b, actor=head)
    services.foi_request_answer(request=b, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。",
                                public_interest="涉及公共安全，不公开可能对公共利益造成重大影响。")
    c, _s = submitted(zz, id_number=synthetic_id(3))
    services.foi_request_assess_fee(request=c, actor=office, scheme="per_page", units=40)
    d, _s = submitted(zz, id_number=synthetic_id(4))
    services.foi_request_ask_reasons(request=d, actor=office, question="请说明一次申请200项信息的用途。")
    services.foi_request_accept_reasons(request=d, actor=office, received_on=D(2026, 3, 2), reasons="学术研究",
                                        later_due_date=D(2026, 5, 29))
    kinds = set(Letter.objects.values_list("kind", flat=True))
    assert kinds == {LetterKind.CORRECTION, LetterKind.CONSULTATION, LetterKind.EXTENSION, LetterKind.REPLY,
                     LetterKind.THIRD_PARTY_NOTICE, LetterKind.FEE, LetterKind.REASONS, LetterKind.LATER_DEADLINE}
    for row in Letter.objects.all():
        text = docx_text(letters.docx(row))
        assert row.number and row.number in text and "（印章）" in text and "泽州县应急管理局" in text, row.kind
        assert ("申请行政复议" in text) == (row.kind != LetterKind.CONSULTATION), row.kind
        _assert_a4((letters.docx(row), letters.pdf(row)))
    notice = docx_text(letters.docx(Letter.objects.get(kind=LetterKind.THIRD_PARTY_NOTICE)))
    assert notice.startswith("泽州县应急管理局\n政府信息公开决定告知书") and "某某有限公司：" in notice
    assert "第三十二条" in notice and "公共利益造成重大影响" in notice
    consultation = docx_text(letters.docx(Letter.objects.get(kind=LetterKind.CONSULTATION)))
    assert "测试申请人" not in consultation  # the applicant's name is not given to the third party
    fee = docx_text(letters.docx(Letter.objects.get(kind=LetterKind.FEE)))
    assert "国办函〔2020〕109号" in fee and "合计：100元" in fee and "不计算在答复期限内" in fee


def test_blank_application_form_is_public_in_docx_and_pdf(client):
    url = reverse("foi:application_form", args=["docx"])
    response = client.get(url)
    assert response.status_code == 200
    text = "\n".join(c.text for t in docx.Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert "所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述" in text
    pdf = client.get(reverse("foi:application_form", args=["pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    _assert_a4((response.content, pdf.content))
    assert client.get(reverse("foi:application_form", args=["exe"])).status_code == 404
