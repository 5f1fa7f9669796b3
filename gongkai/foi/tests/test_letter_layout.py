"""Letters follow GB/T 9704-2012 (issue 21 item 2): the signature (organisation, date, seal) is on the
same page as the text — never alone on a page — and the wording quotes the request cleanly.

Each letter's PDF is rendered and read back page by page with pypdf.
"""
import datetime as dt
import io

import pypdf
import pytest

from gongkai.foi import letters, services
from gongkai.foi.models import Letter, LetterKind

from .factories import pin, submitted, synthetic_id
from .test_letters import docx_text

D = dt.date
ORG = "泽州县应急管理局"
FOOTER = "页"


def pages(data: bytes) -> list[str]:
    return ["".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def _issue_every_kind(zz, office, head, description):
    pin(D(2026, 3, 2))
    a, _s = submitted(zz, description=description)
    services.foi_request_ask_correction(request=a, actor=office, items="请写明所需信息的文件名称、文号或者其他特征描述。")
    b, _s = submitted(zz, id_number=synthetic_id(2), description=description)
    services.foi_request_consult(request=b, actor=office, third_party="某某安全技术有限公司", sent_on=D(2026, 3, 2))
    services.foi_request_third_party_replied(request=b, actor=office, replied_on=D(2026, 3, 2), objected=True,
                                             opinion="不同意公开")
    services.foi_request_request_extension(request=b, actor=office, working_days=10, reason="需要检索多年档案")
    services.foi_request_approve_extension(request=b, actor=head)
    services.foi_request_answer(request=b, actor=office, outcome="disclosed",
                                reply_text="所申请的信息：该企业2025年度隐患整改完成情况为已全部整改。",
                                public_interest="涉及周边群众生命安全，不公开可能对公共利益造成重大影响。")
    c, _s = submitted(zz, id_number=synthetic_id(3), description=description)
    services.foi_request_assess_fee(request=c, actor=office, scheme="per_page", units=40)
    d, _s = submitted(zz, id_number=synthetic_id(4), description=description)
    services.foi_request_ask_reasons(request=d, actor=office, question="请说明一次申请200项信息的用途。")
    services.foi_request_accept_reasons(request=d, actor=office, received_on=D(2026, 3, 2), reasons="学术研究",
                                        later_due_date=D(2026, 5, 29))
    e, _s = submitted(zz, id_number=synthetic_id(5), description=description)
    services.foi_request_answer(request=e, actor=office, outcome="withheld", reason="process",
                                reply_text="所申请的信息属于内部讨论记录，不予公开。")


@pytest.mark.parametrize("description", [
    "2025年度本县安全生产事故统计数据。",
    "请公开本县2025年度全部生产安全事故的调查报告、整改落实情况评估报告以及对相关责任单位和责任人员的处理结果，"
    "包括事故调查组成员名单、调查报告全文和批复文件。" * 2,
])
def test_the_signature_is_on_a_page_with_text_in_every_letter(zz, office, tree, description):
    _issue_every_kind(zz, office, tree[1]["zz_office_head"], description)
    assert Letter.objects.values("kind").distinct().count() == len(LetterKind)
    for row in Letter.objects.all():
        content = row.content
        texts = pages(letters.pdf(row))
        last = texts[-1]
        date = "".join(content["date"].split())
        assert date in last and ORG in last, (row.kind, len(texts))
        # The last page holds body text, not only the signature (and its page number).
        body = [p for p in content["paragraphs"] + [content["remedy"]] if p]
        tail = "".join(body[-1].split())[-12:]
        assert tail in last, (row.kind, len(texts), last[:80])
        if len(texts) > 1:
            # Page 1 had no room: the text continues over the break, so page 2 starts with body text.
            assert len(last.replace(date, "").replace(ORG, "").replace("（印章）", "")) > 40, (row.kind, last)


def test_the_request_is_quoted_without_doubled_punctuation(zz, office, tree):
    _issue_every_kind(zz, office, tree[1]["zz_office_head"], "请公开2025年度本县安全生产事故统计数据。")
    for row in Letter.objects.all():
        text = docx_text(letters.docx(row))
        assert "。”。" not in text and "。”）" not in text, row.kind
    reply = docx_text(letters.docx(Letter.objects.filter(kind=LetterKind.REPLY).first()))
    assert "申请获取“请公开2025年度本县安全生产事故统计数据”。" in reply


def test_the_third_party_notice_describes_the_information_not_the_reply(zz, office, tree):
    _issue_every_kind(zz, office, tree[1]["zz_office_head"], "某某安全技术有限公司2025年度隐患整改情况。")
    notice = docx_text(letters.docx(Letter.objects.get(kind=LetterKind.THIRD_PARTY_NOTICE)))
    assert "决定公开的政府信息内容：某某安全技术有限公司2025年度隐患整改情况" in notice
    assert "经审查" not in notice and "。。" not in notice and "所申请的信息：" not in notice
    assert "涉及周边群众生命安全" in notice
