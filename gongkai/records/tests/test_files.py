"""Attachments: type by content, size limit, text extraction, masked copies."""
import io

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.core import files
from gongkai.records import services
from gongkai.records.states import FindingStatus

from .factories import (
    PNG_1PX, SAMPLE_CARD, SAMPLE_ID, attach, committed, create_record, docx_bytes, mask, pdf_bytes, xlsx_bytes,
)


def test_kind_is_detected_from_content():
    assert files.detect_kind(b"%PDF-1.7 ...") == "pdf"
    assert files.detect_kind(PNG_1PX) == "png"
    assert files.detect_kind(docx_bytes("正文")) == "docx"
    assert files.detect_kind(xlsx_bytes([["a"]])) == "xlsx"
    assert files.detect_kind(b"MZ\x90\x00 executable") is None


def test_extension_must_match_the_content():
    with pytest.raises(ValidationFailed) as exc:
        files.validate("名单.pdf", docx_bytes("正文"))
    assert "不符" in exc.value.problems[0]
    with pytest.raises(ValidationFailed):
        files.validate("程序.pdf", b"MZ\x90\x00")
    assert files.validate("图.JPG", b"\xff\xd8\xff\xe0rest") == "jpeg"


def test_size_limit(settings):
    settings.RECORDS_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(ValidationFailed) as exc:
        files.validate("大.pdf", b"%PDF-" + b"0" * 200)
    assert "大小上限" in exc.value.problems[0]


def test_docx_xlsx_pdf_text_is_extracted():
    assert "救灾资金" in files.extract_text("docx", docx_bytes("救灾资金发放名单"))
    assert "单元格" in files.extract_text("docx", docx_bytes("x"))
    assert "6222" in files.extract_text("xlsx", xlsx_bytes([["户名", "账号"], ["某户", int(SAMPLE_CARD[:15])]]))
    assert "隐患排查" in files.extract_text("pdf", pdf_bytes("隐患排查情况"))


def test_damaged_file_is_a_validation_problem():
    with pytest.raises(ValidationFailed):
        files.extract_text("xlsx", b"PK\x03\x04 broken")


def test_attachment_findings_are_masked_in_a_docx_copy(w, media_root):
    record = create_record(w)
    att = attach(record=record, actor=w.users["yc_drafter"], name="名单.docx",
                                  data=docx_bytes("救助对象", f"身份证号：{SAMPLE_ID}"))
    finding = record.findings.get(attachment=att)
    assert finding.kind == "id_number"
    mask(finding=finding, actor=w.users["yc_drafter"])
    att.refresh_from_db()
    masked = files.extract_text("docx", att.masked_file.open("rb").read())
    assert SAMPLE_ID not in masked and "1101**********4514" in masked
    assert SAMPLE_ID in files.extract_text("docx", att.file.open("rb").read())  # the original is kept internally
    assert record.findings.get(pk=finding.pk).status == FindingStatus.MASKED


def test_xlsx_copy_masks_numeric_and_text_cells(w):
    record = create_record(w)
    att = attach(record=record, actor=w.users["yc_drafter"], name="发放表.xlsx",
                                  data=xlsx_bytes([["户名", "卡号", "身份证"], ["某户", SAMPLE_CARD, SAMPLE_ID]]))
    for finding in record.findings.filter(attachment=att):
        mask(finding=finding, actor=w.users["yc_drafter"])
    att.refresh_from_db()
    text = files.extract_text("xlsx", att.masked_file.open("rb").read())
    assert SAMPLE_CARD not in text and SAMPLE_ID not in text and "户名" in text
    assert not record.findings.filter(status=FindingStatus.OPEN).exists()


def test_pdf_copy_is_a_text_rendition_without_the_value(w):
    record = create_record(w)
    att = attach(record=record, actor=w.users["yc_drafter"], name="通报.pdf",
                                  data=pdf_bytes(f"受灾户身份证号{SAMPLE_ID}已领取"))
    mask(finding=record.findings.get(attachment=att), actor=w.users["yc_drafter"])
    att.refresh_from_db()
    data = att.masked_file.open("rb").read()
    assert data.startswith(b"%PDF-")
    text = files.extract_text("pdf", data)
    assert SAMPLE_ID not in text and "遮蔽版" in text
    assert SAMPLE_ID not in att.public_text


def test_images_are_accepted_without_text(w):
    record = create_record(w)
    att = attach(record=record, actor=w.users["yc_drafter"], name="现场.png", data=PNG_1PX)
    assert att.kind == "png" and att.extracted_text == ""
    assert io.BytesIO(att.file.open("rb").read()).read(8) == PNG_1PX[:8]


def _stored(media_root):
    return sorted(p.name for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


class Boom(Exception):
    pass


def test_files_reach_storage_only_after_commit_and_a_rollback_leaves_none(w, media_root):
    from django.db import transaction

    from gongkai.records.models import Attachment

    record = create_record(w)
    with committed():
        with pytest.raises(Boom):
            with transaction.atomic():
                services.attachment_add(record=record, actor=w.users["yc_drafter"], name="图.png", data=PNG_1PX)
                assert _stored(media_root) == []  # nothing is written while the transaction is open
                raise Boom
    assert _stored(media_root) == [] and not Attachment.objects.exists()
    with committed():
        att = services.attachment_add(record=record, actor=w.users["yc_drafter"], name="图.png", data=PNG_1PX)
    assert _stored(media_root) == [att.file.name.rsplit("/", 1)[1]]


def test_a_rolled_back_removal_keeps_the_file_and_a_committed_one_deletes_it(w, media_root):
    from django.db import transaction

    from gongkai.records.models import Attachment

    record = create_record(w)
    att = attach(record=record, actor=w.users["yc_drafter"], name="图.png", data=PNG_1PX)
    with committed():
        with pytest.raises(Boom):
            with transaction.atomic():
                services.attachment_remove(attachment=att, actor=w.users["yc_drafter"])
                raise Boom
    # the row still exists and still points to a file that exists
    assert Attachment.objects.get(pk=att.pk).file.storage.exists(att.file.name)
    with committed():
        services.attachment_remove(attachment=att, actor=w.users["yc_drafter"])
    assert _stored(media_root) == [] and not Attachment.objects.exists()


def test_a_rolled_back_mask_keeps_the_previous_copy(w, media_root):
    from django.db import transaction

    record = create_record(w)
    att = attach(record=record, actor=w.users["yc_drafter"], name="名单.docx",
                 data=docx_bytes(f"身份证号：{SAMPLE_ID}", "手机 13800138000"))
    first, second = record.findings.order_by("kind")
    mask(finding=first, actor=w.users["yc_drafter"])
    att.refresh_from_db()
    copy = att.masked_file.name
    with committed():
        with pytest.raises(Boom):
            with transaction.atomic():
                services.finding_mask(finding=second, actor=w.users["yc_drafter"])
                raise Boom
    att.refresh_from_db()
    assert att.masked_file.name == copy and att.masked_file.storage.exists(copy)
    mask(finding=second, actor=w.users["yc_drafter"])
    att.refresh_from_db()
    assert att.masked_file.name != copy and att.masked_file.storage.exists(att.masked_file.name)
    assert not att.masked_file.storage.exists(copy)  # the superseded copy is deleted after commit


def test_long_attachment_names_keep_their_extension(w):
    """Issue 11 item 14: a name over 200 characters was cut to 200 and lost its extension."""
    record = create_record(w)
    name = "关于" + "很长的名称" * 60 + ".docx"
    att = services.attachment_add(record=record, actor=w.users["yc_drafter"], name=name, data=docx_bytes("正文"))
    assert len(att.original_name) == 200 and att.original_name.endswith(".docx")
    assert att.original_name.startswith("关于很长的名称")


def _docx_with_paragraphs(count: int) -> bytes:
    """A valid .docx whose body holds `count` empty paragraphs (small compressed, huge expanded)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes("正文")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, tail = data.decode().partition("<w:body>")
                data = (head + "<w:body>" + "<w:p/>" * count + tail).encode()
            target.writestr(item, data)
    return out.getvalue()


def test_a_docx_with_a_million_paragraphs_is_refused_quickly():
    """Issue 11 item 5: a ~130 KB .docx with a million paragraphs took 30 s and 600 MB to read."""
    import time

    bomb = _docx_with_paragraphs(1_000_000)
    assert len(bomb) < 200_000
    started = time.monotonic()
    with pytest.raises(ValidationFailed) as exc:
        files.extract_text("docx", bomb)
    assert time.monotonic() - started < 3
    assert "过于复杂" in exc.value.message


def test_expansion_limits_apply_to_xlsx_and_normal_files_still_read(settings):
    settings.RECORDS_MAX_EXPANDED_BYTES = 20_000
    with pytest.raises(ValidationFailed):
        files.extract_text("xlsx", xlsx_bytes([["甲" * 50] * 20] * 40))
    settings.RECORDS_MAX_EXPANDED_BYTES = 50 * 1024 * 1024
    assert "救灾" in files.extract_text("docx", docx_bytes("救灾物资"))
    assert files.extract_text("docx", _docx_with_paragraphs(10)).count("\n") >= 10
    assert "甲" in files.extract_text("xlsx", xlsx_bytes([["甲"]]))


def test_an_attachment_whose_file_is_not_in_storage_answers_404_not_500(w, client):
    record = create_record(w)
    att = services.attachment_add(record=record, actor=w.users["yc_drafter"], name="图.png", data=PNG_1PX)
    client.force_login(w.users["yc_drafter"])  # the after-commit write never ran in this test
    assert client.get(f"/records/{record.pk}/attachments/{att.pk}/").status_code == 404
