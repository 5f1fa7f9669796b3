"""manage.py privacy_scan (issue 10 item 12): the publication scanner for a file on disk."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from .factories import SAMPLE_ID, SAMPLE_MOBILE, docx_bytes, xlsx_bytes


def _run(*args):
    out = StringIO()
    call_command("privacy_scan", *map(str, args), stdout=out)
    return out.getvalue()


def test_text_file_findings_with_offsets_as_written(tmp_path):
    written_id = "110101 1990 0307 4514"
    text = f"受助人：某某，身份证号{written_id}，电话 138-0013-8000。统一社会信用代码91140522MA0K4P8Y2D"
    path = tmp_path / "名单.txt"
    path.write_text(text, encoding="utf-8")
    data = json.loads(_run(path, "--json"))
    start = text.index(written_id)
    assert data["findings"] == [
        {"kind": "id_number", "label": "居民身份证号码", "text": written_id, "start": start,
         "end": start + len(written_id)},
        {"kind": "mobile", "label": "手机号码", "text": "138-0013-8000", "start": text.index("138-"),
         "end": text.index("138-") + 13},
    ]
    plain = _run(path)
    assert f"居民身份证号码\t{written_id}\t{start}-{start + len(written_id)}" in plain and "共 2 处" in plain


def test_docx_and_xlsx_are_scanned_without_offsets(tmp_path):
    docx = tmp_path / "通报.docx"
    docx.write_bytes(docx_bytes(f"身份证号：{SAMPLE_ID}"))
    assert json.loads(_run(docx, "--json"))["findings"] == [
        {"kind": "id_number", "label": "居民身份证号码", "text": SAMPLE_ID}]
    xlsx = tmp_path / "发放表.xlsx"
    xlsx.write_bytes(xlsx_bytes([["户名", "电话"], ["某户", SAMPLE_MOBILE]]))
    assert "手机号码\t13800138000" in _run(xlsx)


def test_gb18030_text_and_nothing_found(tmp_path):
    path = tmp_path / "说明.txt"
    path.write_bytes("本通知不含个人信息。".encode("gb18030"))
    assert _run(path).strip() == "未发现个人信息。"


@pytest.mark.parametrize("content", [None, b"\x89PNG\r\n\x1a\n" + b"0" * 20, b"\xff\xfe\xfa\x00\xd8"])
def test_unreadable_input_is_a_clear_error(tmp_path, content):
    path = tmp_path / "x.bin"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError):
        _run(path)
