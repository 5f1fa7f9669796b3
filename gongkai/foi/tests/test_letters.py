"""Reply letters: .docx and PDF from the per-outcome template, naming the outcome and the article."""
import datetime as dt
import io
import shutil
import subprocess

import docx
import pytest

from gongkai.foi import services
from gongkai.foi.constants import REASONS, Outcome, legal_basis

from .factories import pin, submitted

D = dt.date


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize("outcome, reason, article", [
    ("disclosed", "provided", "第三十六条第（二）项"),
    ("disclosed", "proactive", "第三十六条第（一）项"),
    ("partial", "third_party", "第三十七条、第十五条"),
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
    text = docx_text(bytes(req.letter.docx))
    assert "政府信息公开申请答复告知书" in text and "泽州县应急管理局" in text
    assert req.tracking_number in text and "测试申请人：" in text
    assert "答复正文第二段。" in text
    assert "第五十一条" in text  # the remedy paragraph
    if article:
        assert f"《中华人民共和国政府信息公开条例》{article}" in text
    assert bytes(req.letter.pdf).startswith(b"%PDF")


def test_pdf_text_matches(zz, office):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    req, _s = submitted(zz, day=D(2026, 3, 2))
    pin(D(2026, 3, 20))
    req = services.foi_request_answer(request=req, actor=office, outcome="withheld", reason="security", reply_text="理由。")
    text = subprocess.run(["pdftotext", "-", "-"], input=bytes(req.letter.pdf), capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    assert "政府信息公开申请答复告知书" in flat and "第十四条" in flat and "不予公开" in flat


def test_every_reason_has_a_basis_or_is_the_residual_row():
    for r in REASONS:
        assert legal_basis(r.outcome, r.code) or r.key == "other.other", r.key
    assert legal_basis(Outcome.PARTIAL, "") == "《中华人民共和国政府信息公开条例》第三十七条"


def test_basis_is_configurable(settings):
    settings.FOI_LEGAL_BASIS_OVERRIDES = {"withheld.security": "本地规定第1条"}
    assert legal_basis("withheld", "security") == "本地规定第1条"
