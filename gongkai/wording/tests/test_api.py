"""The API other apps code against: check_text, check_fields, apply_suggestion; the CLI."""
import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.errors import ValidationFailed
from gongkai.wording.engine import Finding
from gongkai.wording.services import apply_suggestion, check_fields, check_text

D2024 = dt.date(2024, 5, 1)


def test_check_text_national_rules_and_apply_each_suggestion():
    text = "截止2024年底，全市安监局按晋应急发[2024]5号文件开展检查。"
    findings = check_text(text, on_date=D2024)
    assert [f.rule for f in findings] == ["format:jiezhi", "outdated:sa-bureau-abbr", "format:docno-bracket"]
    fixed = text
    for f in reversed(findings):
        fixed = apply_suggestion(fixed, f)
    assert fixed == "截至2024年底，全市应急管理局按晋应急发〔2024〕5号文件开展检查。"
    assert check_text(fixed, on_date=D2024) == []


def test_apply_suggestion_refuses_a_changed_text():
    text = "县安监局"
    (f,) = check_text(text, on_date=D2024)
    with pytest.raises(ValidationFailed) as exc:
        apply_suggestion("县应急管理局", f)
    assert "原文" in exc.value.message
    with pytest.raises(ValidationFailed):
        apply_suggestion("县", f)   # span beyond the text
    with pytest.raises(ValidationFailed):
        apply_suggestion(text, Finding(1, 4, "安监局", "leader", "severe", "", "leader:1"))


def test_check_fields_and_bad_input():
    result = check_fields({"title": "二O二四年工作要点", "body": "县应急管理局", "empty": None}, on_date=D2024)
    assert [f.rule for f in result["title"]] == ["format:cn-zero"]
    assert result["body"] == [] and result["empty"] == []
    with pytest.raises(ValidationFailed):
        check_text(123, on_date=D2024)
    with pytest.raises(ValidationFailed):
        check_text("县安监局", on_date="2024-05-01")
    with pytest.raises(ValidationFailed):
        check_fields(["县安监局"], on_date=D2024)


def test_on_date_defaults_to_today_and_accepts_datetime():
    assert len(check_text("县安监局")) == 1
    assert check_text("县安监局", on_date=dt.datetime(2018, 1, 1, 9, 0)) == []


def _cli(*args):
    out = StringIO()
    call_command("wording_check", *args, stdout=out)
    return out.getvalue()


def test_cli_json_shape_and_offsets(tmp_path):
    text = "\ufeff二O一八年，县安监局"
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    data = json.loads(_cli(str(path), "--date", "2024-05-01", "--json"))
    assert [set(f) for f in data["findings"]] == [
        {"start", "end", "text", "kind", "severity", "suggestion", "rule"}] * 2
    for f in data["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
    assert json.loads(_cli(str(path), "--date", "2018-05-01", "--json"))["findings"][0]["rule"] == "format:cn-zero"
    assert len(json.loads(_cli(str(path), "--date", "2018-05-01", "--json"))["findings"]) == 1


def test_cli_gb18030_file(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("请县安监局报送。".encode("gb18030"))
    data = json.loads(_cli(str(path), "--date", "2024-05-01", "--json"))
    assert [(f["start"], f["end"], f["text"]) for f in data["findings"]] == [(2, 5, "安监局")]


@pytest.mark.parametrize("args, message", [
    (["/nonexistent/file.txt", "--json"], "找不到文件"),
    (["{tmp}", "--json"], "找不到文件"),
    (["{bin}", "--json"], "不是文本文件"),
    (["{txt}", "--date", "2024-13-01"], "日期格式"),
])
def test_cli_errors_are_clear(tmp_path, args, message):
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\xff")
    (tmp_path / "a.txt").write_text("文本", encoding="utf-8")
    args = [a.format(tmp=tmp_path, bin=tmp_path / "b.bin", txt=tmp_path / "a.txt") for a in args]
    with pytest.raises(CommandError) as exc:
        _cli(*args)
    assert message in str(exc.value)


def test_cli_unknown_organisation(tmp_path, db):
    (tmp_path / "a.txt").write_text("文本", encoding="utf-8")
    with pytest.raises(CommandError, match="找不到机构代码"):
        _cli(str(tmp_path / "a.txt"), "--organisation", "nope")


def test_cli_process_exit_codes_and_no_traceback(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    good = tmp_path / "doc.txt"
    good.write_text("县安监局", encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, str(root / "manage.py"), "wording_check", *a],  # noqa: E731
                                    capture_output=True, text=True, cwd=root, timeout=120)
    ok = run(str(good), "--date", "2024-05-01", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["findings"][0]["text"] == "安监局"
    bad = run(str(tmp_path / "missing.txt"), "--json")
    assert bad.returncode != 0 and "找不到文件" in bad.stderr and "Traceback" not in bad.stderr
