"""The deadline and import_holidays management commands."""
import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.models import AuditEvent
from gongkai.workdays import calendar
from gongkai.workdays.models import HolidayYear

from . import factories

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_deadline_text_output():
    out = run("deadline", "--from", "2026-09-24", "--working-days", "20")
    assert out.startswith("截止日期：2026-10-29\n临时：否\n")
    assert "跳过法定节假日：国庆节" in out


def test_deadline_json_with_pause_into_provisional_2027():
    out = run("deadline", "--from", "2026-12-10", "--working-days", "20", "--pause", "2026-12-14:2026-12-18", "--json")
    data = json.loads(out)
    # 4 working days (12-15..12-18) paused: the provisional 2027-01-08 moves to 2027-01-14.
    assert data["due_date"] == "2027-01-14"
    assert data["provisional"] is True
    assert data["explanation"]["pauses"][0]["excluded_working_days"] == 4
    assert "暂定：" in data["explanation"]["text"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-13-01", "--working-days", "20"], "无效日期"),
        (["--from", "2026-09-24", "--working-days", "0"], "正整数"),
        (["--from", "2026-09-24", "--working-days", "20", "--pause", "2026-09-28"], "无效暂停区间"),
        (["--from", "2026-09-24", "--working-days", "20", "--pause", "2026-10-09:2026-09-28"], "早于暂停日期"),
        (["--from", "2026-12-10", "--working-days", "20", "--strict"], "2027年的节假日安排尚未录入"),
    ],
)
def test_deadline_bad_input(args, message):
    with pytest.raises(CommandError) as info:
        call_command("deadline", *args)
    assert message in str(info.value)


def test_deadline_bad_input_exits_non_zero(capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as info:
        ManagementUtility(["manage.py", "deadline", "--from", "nope", "--working-days", "20"]).execute()
    assert info.value.code != 0
    assert "无效日期" in capsys.readouterr().err


def test_import_holidays_from_text_file(tmp_path):
    admin = factories.calendar_admin()
    path = tmp_path / "2027.txt"
    path.write_text("2027-01-01..2027-01-03 holiday 元旦\n2027-02-20 workday 春节调休上班\n", encoding="utf-8")
    out = run("import_holidays", str(path), "--year", "2027", "--source", "测试安排", "--actor", admin.username)
    assert "放假 3 天、调休上班 1 天" in out
    assert HolidayYear.objects.get(year=2027).entered_by == admin
    assert AuditEvent.objects.get(action="workdays.year_entered").actor == admin
    assert calendar.is_working_day(dt.date(2027, 2, 20))


def test_import_holidays_from_json_with_year_inside(tmp_path):
    path = tmp_path / "2027.json"
    path.write_text(json.dumps({"year": 2027, "source": "测试安排", "holidays": ["2027-01-01"]}), encoding="utf-8")
    run("import_holidays", str(path))
    assert HolidayYear.objects.get(year=2027).source == "测试安排"


@pytest.mark.parametrize(
    "content, args, message",
    [
        ("2027-01-01 holiday", [], "--year"),
        ("2027-01-01 holiday", ["--year", "2027"], "请填写依据"),
        ("2027-01-01 vacation", ["--year", "2027", "--source", "x"], "未知类型"),
        ('{"year": 2028, "holidays": ["2028-01-01"]}', ["--year", "2027", "--source", "x"], "不一致"),
        ("2027-01-01 holiday", ["--year", "2027", "--source", "x", "--actor", "nobody"], "不存在"),
    ],
)
def test_import_holidays_bad_input(tmp_path, content, args, message):
    path = tmp_path / "in.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import_holidays", str(path), *args)
    assert message in str(info.value)
    assert not HolidayYear.objects.exists()


def test_import_holidays_missing_file():
    with pytest.raises(CommandError) as info:
        call_command("import_holidays", "/nonexistent/2027.txt", "--year", "2027")
    assert "无法读取文件" in str(info.value)


def test_import_holidays_refuses_an_actor_without_the_admin_role(tmp_path):
    from gongkai.organisations.models import Role

    office = factories.user(role=Role.OFFICE)
    path = tmp_path / "in.txt"
    path.write_text("2027-01-01 holiday 元旦", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import_holidays", str(path), "--year", "2027", "--source", "x", "--actor", office.username)
    assert "系统管理员" in str(info.value)
    assert not HolidayYear.objects.exists()
