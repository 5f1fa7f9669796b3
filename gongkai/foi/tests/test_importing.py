"""Importing historical requests from CSV/XLSX: all or nothing, every bad row reported with its line."""
import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from gongkai.core.models import AuditEvent
from gongkai.foi.importing import ImportRefused, import_requests
from gongkai.foi.models import Appeal, DisclosureRequest
from gongkai.foi.selectors import request_statistics

from .factories import pin

D = dt.date
HEADER = "申请编号,申请人类型,申请人,申请渠道,收到申请日期,申请内容,补正,征求意见暂停,延长工作日,延期批准人,办理结果,具体情形,办结日期,行政复议结果,行政复议提起日期,直接起诉结果"
GOOD = [
    "SX-JC-ZZ-2025-00001,自然人,测试甲,当面提交,2025-03-03,安全生产检查记录,,,,,予以公开,,2025-03-20,,,",
    "SX-JC-ZZ-2025-00002,商业企业,测试商贸公司,邮寄（需签收）,2025/3/4,事故调查报告,2025-03-05..2025-03-10,2025-03-12..2025-03-20,10,分管负责人,不予公开,属于四类过程性信息,2025-04-30,维持,2025-05-10,",
    ",自然人,测试乙,网上申请,2025-12-29,救灾物资台账,,,,,,,,,,",
    "SX-JC-ZZ-2025-00004,其他,测试协会,电子邮件,2025-06-02,会议纪要,,,,,其他处理,逾期不补正,2025-06-30,,,尚未审结",
]


def csv_bytes(lines):
    return ("\n".join([HEADER] + lines) + "\n").encode("utf-8-sig")


@pytest.fixture(autouse=True)
def today():
    pin(D(2026, 3, 2))


def test_valid_csv_is_imported_with_clock_outcomes_and_appeals(zz, office):
    report = import_requests(organisation=zz, name="history.csv", data=csv_bytes(GOOD), actor=office)
    assert report.rows == 4 and not report.dry_run
    second = DisclosureRequest.objects.get(tracking_number="SX-JC-ZZ-2025-00002")
    assert (second.applicant_type, second.channel, second.outcome, second.reason) == ("commercial", "post", "withheld", "process")
    assert second.extension_days == 10 and second.corrected_on == D(2025, 3, 10)
    assert [p["kind"] for p in second.pauses] == ["correction", "third_party"]
    assert second.due_date is not None and second.deadline["explanation"]["lines"]
    open_one = DisclosureRequest.objects.get(applicant_name="测试乙")
    assert open_one.status == "in_progress" and open_one.tracking_number.startswith("SX-JC-ZZ-2025-")
    assert Appeal.objects.get(request=second).result == "upheld"
    assert Appeal.objects.get(request__tracking_number="SX-JC-ZZ-2025-00004").result == "pending"
    assert AuditEvent.objects.filter(action="foi_request.imported").count() == 4
    table = request_statistics(zz, 2025)
    assert table.value("new") == 4 and table.value("carried_out") == 1 and table.consistency_problems() == []


def test_invalid_rows_are_all_reported_and_nothing_is_written(zz, office):
    bad = GOOD + [
        "SX-JC-ZZ-2025-00001,自然人,测试丙,当面提交,2025-03-03,重复编号,,,,,,,,,,",
        ",外星人,测试丁,飞鸽传书,2025-02-30,,,,,,,,,,,",
        ",自然人,测试戊,当面提交,2025-03-03,延期过长,,,25,,,,,,,",
        ",自然人,测试己,当面提交,2025-03-03,结果不符,,,,,不予公开,重复申请,2025-03-10,,,",
        ",自然人,测试庚,当面提交,2025-03-03,办结早于收到,,,,,予以公开,,2025-03-01,,,",
        ",自然人,测试辛,当面提交,2025-03-03,缺少情形,,,,,无法提供,,2025-03-10,,,",
    ]
    with pytest.raises(ImportRefused) as exc:
        import_requests(organisation=zz, name="history.csv", data=csv_bytes(bad), actor=office)
    problems = "\n".join(exc.value.problems)
    assert "第6行：申请编号“SX-JC-ZZ-2025-00001”在文件中重复" in problems
    assert "第7行：申请人类型“外星人”无法识别" in problems
    assert "第7行：申请渠道“飞鸽传书”无法识别" in problems
    assert "第7行：收到申请日期“2025-02-30”不是有效日期" in problems
    assert "第7行：申请内容为空" in problems
    assert "第8行：延长工作日应为1至20的整数" in problems
    assert "第9行：具体情形“重复申请”不属于“不予公开”的情形" in problems
    assert "第10行：办结日期早于收到申请日期" in problems
    assert "第11行：办理结果为“无法提供”的，须填写具体情形" in problems
    assert not any(p.startswith(("第2行", "第3行", "第4行", "第5行")) for p in exc.value.problems)
    assert not DisclosureRequest.objects.exists() and not Appeal.objects.exists()


def test_xlsx_with_english_headers_and_date_cells(zz, office):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["applicant_type", "applicant_name", "channel", "received_on", "description", "outcome", "reason", "closed_on"])
    ws.append(["法律服务机构", "测试律师事务所", "传真", dt.datetime(2025, 5, 6), "行政处罚决定书", "部分公开", "保护第三方合法权益", dt.datetime(2025, 5, 20)])
    out = io.BytesIO()
    wb.save(out)
    import_requests(organisation=zz, name="h.xlsx", data=out.getvalue(), actor=office)
    req = DisclosureRequest.objects.get()
    assert (req.applicant_type, req.channel, req.outcome, req.reason, req.closed_on) == (
        "legal_service", "fax", "partial", "third_party", D(2025, 5, 20))


def test_dry_run_writes_nothing(zz, office):
    report = import_requests(organisation=zz, name="h.csv", data=csv_bytes(GOOD), actor=office, dry_run=True)
    assert report.rows == 4 and report.dry_run
    assert not DisclosureRequest.objects.exists()


def test_unknown_header_is_refused(zz, office):
    with pytest.raises(ImportRefused) as exc:
        import_requests(organisation=zz, name="h.csv", data="申请人,颜色\n测试,红\n".encode(), actor=office)
    assert "第1行：未知的列“颜色”。" in exc.value.problems


def test_back_office_import_needs_the_office_role(zz, tree):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_requests(organisation=zz, name="h.csv", data=csv_bytes(GOOD), actor=tree[1]["zz_leader"])


def test_command(zz, tmp_path, capsys):
    path = tmp_path / "history.csv"
    path.write_bytes(csv_bytes(GOOD))
    call_command("import_requests", str(path), "--organisation", "sx-jc-zz", "--dry-run")
    assert "检查通过：4" in capsys.readouterr().out
    assert not DisclosureRequest.objects.exists()
    call_command("import_requests", str(path), "--organisation", "sx-jc-zz")
    assert DisclosureRequest.objects.count() == 4
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([",外星人,测试,当面提交,2025-03-03,内容,,,,,,,,,,"]))
    with pytest.raises(CommandError):
        call_command("import_requests", str(bad), "--organisation", "sx-jc-zz")
    assert "第2行" in capsys.readouterr().err
    with pytest.raises(CommandError, match="机构代码不存在"):
        call_command("import_requests", str(path), "--organisation", "nowhere")


# ------------------------------------------------------------------------------ issue 11 items 1 and 6


def test_an_import_ahead_of_the_live_counter_never_breaks_later_submissions(zz, office):
    """Live numbering continues above the imported numbers of the year (issue 11 item 1, issue 20 item 2)."""
    from gongkai.foi import services

    from .factories import application, synthetic_id

    lines = ["SX-JC-ZZ-2026-00002,自然人,测试甲,当面提交,2026-01-05,历史申请一,,,,,予以公开,,2026-01-20,,,",
             "SX-JC-ZZ-2026-00003,自然人,测试乙,当面提交,2026-01-06,历史申请二,,,,,予以公开,,2026-01-21,,,"]
    import_requests(organisation=zz, name="history.csv", data=csv_bytes(lines), actor=office)
    first, _s = services.foi_request_submit(organisation=zz, application=application(id_number=synthetic_id(11)))
    second, _s = services.foi_request_submit(organisation=zz, application=application(id_number=synthetic_id(12)))
    third, _s = services.foi_request_register(organisation=zz, application=application(id_number=synthetic_id(13)),
                                              actor=office, channel="in_person", arrived_on=D(2026, 3, 2))
    assert [first.tracking_number, second.tracking_number, third.tracking_number] == [
        "SX-JC-ZZ-2026-00004", "SX-JC-ZZ-2026-00005", "SX-JC-ZZ-2026-00006"]


def test_imported_rows_without_a_number_take_live_numbers(zz, office):
    line = ",自然人,测试丙,当面提交,2026-01-05,历史申请,,,,,予以公开,,2026-01-20,,,"
    import_requests(organisation=zz, name="history.csv", data=csv_bytes([line]), actor=office)
    assert DisclosureRequest.objects.get().tracking_number == "SX-JC-ZZ-2026-00001"


def test_a_file_over_the_row_cap_is_refused_before_any_row_is_checked(zz, office, monkeypatch):
    from gongkai.foi import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    checked = []
    monkeypatch.setattr(importing, "parse_rows", lambda *a, **k: checked.append(1) or ([], []))
    for dry_run in (True, False):
        with pytest.raises(ImportRefused, match="超过每次最多3行数据的限制") as info:
            import_requests(organisation=zz, name="history.csv", data=csv_bytes(GOOD + GOOD), actor=office,
                            dry_run=dry_run)
        assert "拆分为多个文件" in info.value.message
    assert checked == [] and not DisclosureRequest.objects.exists()
    report = import_requests(organisation=zz, name="history.csv", data=csv_bytes(GOOD[:3]), actor=office, dry_run=True)
    assert report.dry_run and checked == [1]  # three rows are within the cap


def test_the_import_is_trusted_only_when_said_so(zz, tree):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_requests(organisation=zz, name="history.csv", data=csv_bytes(GOOD), actor=tree[1]["zz_leader"])
    report = import_requests(organisation=zz, name="history.csv", data=csv_bytes(GOOD), actor=None, trusted=True)
    assert report.rows == 4


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f"])
def test_control_characters_in_an_import_file_are_refused_with_the_row(zz, office, char):
    """A NUL byte would make PostgreSQL fail the insert (a 500): the file is refused, nothing written."""
    lines = list(GOOD)
    lines[1] = lines[1].replace("事故调查报告", f"事故{char}调查报告")
    with pytest.raises(ImportRefused) as exc:
        import_requests(organisation=zz, name="h.csv", data=csv_bytes(lines), actor=office)
    assert exc.value.problems == ["第3行含有无效的控制字符（如 NUL）。"]
    assert not DisclosureRequest.objects.exists()



# ------------------------------------------------------------------------------ issue 20 item 2: tracking numbers


def _row(number, received="2026-01-05"):
    """One closed historical row whose first column is `number`."""
    return f"{number},自然人,测试甲,当面提交,{received},历史申请,,,,,予以公开,,2026-01-20,,,"


def test_tracking_numbers_are_folded_to_the_live_format(zz, office):
    """Full-width and lower-case forms of the organisation's own number are stored as the live number."""
    import_requests(organisation=zz, name="h.csv", data=csv_bytes([_row("ｓｘ-ｊｃ-ｚｚ-２０２６-００３６２"),
                                                                   _row(" sx-jc-zz-2026-00017 ")]), actor=office)
    assert set(DisclosureRequest.objects.values_list("tracking_number", flat=True)) == {
        "SX-JC-ZZ-2026-00362", "SX-JC-ZZ-2026-00017"}


@pytest.mark.parametrize("number, words", [
    ("SX-JC-ZZ-2026-0362", "不是本机关的编号格式"),         # four digits
    ("SX-JC-YC-2026-00362", "不是本机关的编号格式"),        # another organisation's number
    ("2026-00362", "不是本机关的编号格式"),
    ("SX-JC-ZZ-2025-00362", "年份与收到申请日期的年份（2026）不一致"),
    ("SX-JC-ZZ-2026-00000", "序号不能为00000"),
    ("X" * 65, "申请编号超过64个字符"),
])
def test_a_number_outside_the_live_format_refuses_the_whole_file_with_a_report(zz, office, number, words):
    with pytest.raises(ImportRefused) as exc:
        import_requests(organisation=zz, name="h.csv", data=csv_bytes([_row("SX-JC-ZZ-2026-00001"), _row(number)]),
                        actor=office)
    assert any(p.startswith("第3行：") and words in p for p in exc.value.problems), exc.value.problems
    assert "未导入任何数据" in exc.value.message
    assert not DisclosureRequest.objects.exists()


def test_a_number_imported_in_another_case_is_a_duplicate(zz, office):
    import_requests(organisation=zz, name="h.csv", data=csv_bytes([_row("SX-JC-ZZ-2026-00362")]), actor=office)
    with pytest.raises(ImportRefused) as exc:
        import_requests(organisation=zz, name="h.csv", data=csv_bytes([_row("sx-jc-zz-2026-00362")]), actor=office)
    assert "第2行：申请编号“SX-JC-ZZ-2026-00362”已存在。" in exc.value.problems


def test_a_former_systems_number_goes_to_the_legacy_column_and_the_row_gets_a_live_number(zz, office):
    header = HEADER.replace("申请编号", "原编号", 1)
    data = (header + "\n" + _row("  ＨＩＳＴ-2026-001 ") + "\n" + _row("旧系统（2026）第 7 号") + "\n").encode()
    import_requests(organisation=zz, name="h.csv", data=data, actor=office)
    rows = list(DisclosureRequest.objects.order_by("pk").values_list("tracking_number", "legacy_number"))
    assert rows == [("SX-JC-ZZ-2026-00001", "HIST-2026-001"), ("SX-JC-ZZ-2026-00002", "旧系统(2026)第7号")]  # NFKC


def test_an_overlong_legacy_number_or_name_is_reported_not_a_server_error(zz, office):
    """A value longer than its column gave a 500 on PostgreSQL (and an unrestorable backup on SQLite)."""
    header = HEADER.replace("申请编号", "原编号", 1)
    long_name_row = _row("").replace("测试甲", "名" * 121)
    data = (header + "\n" + _row("Y" * 65) + "\n" + long_name_row + "\n").encode()
    with pytest.raises(ImportRefused) as exc:
        import_requests(organisation=zz, name="h.csv", data=data, actor=office)
    assert "第2行：原编号超过64个字符。" in exc.value.problems
    assert "第3行：申请人超过120个字符。" in exc.value.problems
    assert not DisclosureRequest.objects.exists()


def test_live_numbering_stays_above_every_imported_number_of_the_year(zz, office):
    """The live intake issued …-00362 a second time after an import (issue 20 item 2)."""
    from gongkai.foi import services

    from .factories import application, synthetic_id

    import_requests(organisation=zz, name="h.csv", data=csv_bytes([_row("SX-JC-ZZ-2026-00362"),
                                                                   _row("SX-JC-ZZ-2026-00100"),
                                                                   _row("SX-JC-ZZ-2025-00900", "2025-06-02")]),
                    actor=office)
    live, _s = services.foi_request_submit(organisation=zz, application=application(id_number=synthetic_id(21)))
    assert live.tracking_number == "SX-JC-ZZ-2026-00363"
    register, _s = services.foi_request_register(organisation=zz, application=application(id_number=synthetic_id(22)),
                                                 actor=office, channel="in_person", arrived_on=D(2025, 12, 30))
    assert register.tracking_number == "SX-JC-ZZ-2025-00901"


def test_another_organisations_numbering_is_untouched_by_an_import(zz, office, tree):
    from gongkai.foi import services

    from .factories import application, synthetic_id

    import_requests(organisation=zz, name="h.csv", data=csv_bytes([_row("SX-JC-ZZ-2026-05350")]), actor=office)
    yc = tree[0]["sx-jc-yc"]
    other, _s = services.foi_request_submit(organisation=yc, application=application(id_number=synthetic_id(23)))
    assert other.tracking_number == "SX-JC-YC-2026-00001"
