"""Hostile and malformed input: bad credit codes, bad dates, full-width and invisible characters, huge or wrong
files — always a Chinese message, never a 500, never partial data."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.decisions import importing, services
from gongkai.decisions.demo import demo_credit_code
from gongkai.decisions.models import Decision

from .factories import data

GOOD_CODE = demo_credit_code("140525", 1)


def _problems(w, **over) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        services.decision_create(organisation=w.zz, actor=w.users["zz_office"], data=data(**over))
    assert Decision.objects.count() == 0
    return info.value.problems


@pytest.mark.parametrize("over, words", [
    ({"credit_code": GOOD_CODE[:-1] + ("0" if GOOD_CODE[-1] != "0" else "1")}, "校验位不正确"),
    ({"credit_code": "12345"}, "18位"),
    ({"credit_code": ""}, "须填写统一社会信用代码"),
    ({"subject_type": "person", "subject_name": "演示个人", "credit_code": GOOD_CODE}, "自然人没有统一社会信用代码"),
    ({"subject_type": "person", "subject_name": "演示个人", "credit_code": "", "id_number": "140525198001010001"},
     "校验位"),
    ({"id_number": "140525198001010009"}, "只有自然人"),
    ({"decided_on": "2026-02-30"}, "不是有效日期"),
    ({"decided_on": "昨天"}, "不是有效日期"),
    ({"decided_on": "99999-01-01"}, "不是有效日期"),
    ({"decided_on": "2026-10-10"}, "不能晚于今天"),
    ({"decided_on": "1999-01-01"}, "不能早于"),
    ({"decided_on": ""}, "决定日期不能为空"),
    ({"publicity_until": "2026-09-01"}, "应晚于决定日期"),
    ({"valid_until": "2027-09-01"}, "只适用于行政许可"),
    ({"fine_amount": "三万"}, "应为数字"),
    ({"fine_amount": "NaN"}, "0至99999999"),
    ({"fine_amount": "-1"}, "0至99999999"),
    ({"fine_amount": "1e20"}, "0至99999999"),
    ({"fine_amount": "1.00001"}, "最多4位小数"),
    ({"kind": "licensing"}, "只适用于行政处罚"),
    ({"kind": "罚款"}, "决定类别应为"),
    ({"subject_type": "robot"}, "行政相对人类别应为"),
    ({"subject_name": "\u200b\u200b"}, "不可见字符"),
    ({"document_number": "号" * 101}, "不能超过100字"),
    ({"basis": ""}, "不能为空"),
])
def test_bad_content_is_refused_with_a_chinese_message(w, over, words):
    problems = _problems(w, **over)
    assert any(words in p for p in problems), problems
    assert AuditEvent.objects.count() == 0


def test_full_width_and_spaced_identifiers_are_folded_before_the_check(w):
    wide = "".join(chr(ord(c) + 0xFEE0) for c in GOOD_CODE)
    d = services.decision_create(organisation=w.zz, actor=w.users["zz_office"], data=data(
        credit_code=f" {wide[:6]} {wide[6:]}\u200b", decided_on="２０２６年９月３０日", subject_name="\u202e【演示】某公司"))
    assert d.credit_code == GOOD_CODE and str(d.decided_on) == "2026-09-30" and d.subject_name == "【演示】某公司"


# ------------------------------------------------------------------ the .xlsx import

def xlsx(rows, header=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header or list(importing.columns()))
    keys = list(importing.columns().values())
    for row in rows:
        sheet.append([row.get(k, "") for k in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_creates_every_row(w):
    created = importing.decisions_import(organisation=w.zz, actor=w.users["zz_drafter"], name="决定.xlsx", data=xlsx([
        data(), data(document_number="泽应急罚〔2026〕2号", kind="行政处罚", subject_type="法人及非法人组织")]))
    assert len(created) == 2 and Decision.objects.count() == 2
    assert AuditEvent.objects.filter(action="decision.imported").count() == 2


def test_one_bad_row_imports_nothing_and_names_each_bad_row(w):
    rows = [data(), data(document_number="泽应急罚〔2026〕2号", credit_code="91140525MA0000000X"),
            data(document_number="泽应急罚〔2026〕3号", decided_on="2026-13-01"), data()]
    with pytest.raises(ValidationFailed) as info:
        importing.decisions_import(organisation=w.zz, actor=w.users["zz_office"], name="a.xlsx", data=xlsx(rows))
    text = "\n".join(info.value.problems)
    assert "第3行" in text and "统一社会信用代码" in text
    assert "第4行" in text and "不是有效日期" in text
    assert "第5行" in text and "与第2行重复" in text
    assert "第2行" not in text.replace("与第2行", "")
    assert Decision.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.parametrize("name, payload, words", [
    ("a.xlsx", b"%PDF-1.4 not a spreadsheet", "扩展名"),
    ("a.pdf", b"%PDF-1.4 a pdf", "只接受 .xlsx"),
    ("a.csv", "决定类别,决定文书号\n".encode(), "只接受 PDF"),
    ("a.xlsx", b"", "文件为空"),
    ("a.xlsx", b"PK\x03\x04broken zip", "只接受 PDF"),
])
def test_wrong_files_are_refused(w, name, payload, words):
    with pytest.raises(ValidationFailed) as info:
        importing.decisions_import(organisation=w.zz, actor=w.users["zz_office"], name=name, data=payload)
    assert any(words in p for p in [info.value.message, *info.value.problems]), (info.value.message, info.value.problems)
    assert Decision.objects.count() == 0


def test_wrong_headers_and_too_many_rows_are_refused(w, monkeypatch):
    with pytest.raises(ValidationFailed) as info:
        importing.decisions_import(organisation=w.zz, actor=w.users["zz_office"], name="a.xlsx",
                                   data=xlsx([data()], header=["决定类别", "名称", "日期"]))
    assert any("不认识的列“名称”" in p for p in info.value.problems)
    assert any("缺少必需的列“决定文书号”" in p for p in info.value.problems)
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    with pytest.raises(ValidationFailed) as info:
        importing.decisions_import(organisation=w.zz, actor=w.users["zz_office"], name="a.xlsx",
                                   data=xlsx([data(document_number=f"n{i}") for i in range(3)]))
    assert "最多2行" in info.value.message


def test_an_oversized_file_is_refused_by_the_size_check(w, settings):
    settings.RECORDS_MAX_ATTACHMENT_BYTES = 1024
    with pytest.raises(ValidationFailed) as info:
        importing.decisions_import(organisation=w.zz, actor=w.users["zz_office"], name="a.xlsx",
                                   data=xlsx([data()] + [data(document_number=f"n{i}", facts="长" * 500) for i in range(20)]))
    assert any("大小上限" in p for p in info.value.problems)


def test_the_import_page_answers_bad_files_with_400_not_500(w, client):
    client.force_login(w.users["zz_office"])
    url = "/office/decisions/orgs/sx-jc-zz/import/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": SimpleUploadedFile("a.xlsx", b"garbage")})
    assert bad.status_code == 400 and "导入文件不符合要求" in bad.content.decode()
    good = client.post(url, {"file": SimpleUploadedFile("a.xlsx", xlsx([data()]))})
    assert good.status_code == 302 and Decision.objects.count() == 1


def test_a_file_that_expands_too_far_is_refused_before_parsing(w, settings):
    settings.RECORDS_MAX_EXPANDED_BYTES = 2000  # the zip-bomb guard of core.files
    with pytest.raises(ValidationFailed) as info:
        importing.decisions_import(organisation=w.zz, actor=w.users["zz_office"], name="a.xlsx", data=xlsx([data()]))
    assert "展开后过大" in info.value.message
    assert Decision.objects.count() == 0
