"""Parsing the holiday list (text and JSON)."""
import datetime as dt

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.workdays.formats import parse_day_list

D = dt.date


def test_text_with_ranges_comments_and_chinese_kinds():
    parsed = parse_day_list(
        "# 2026 春节\n2026-02-15..2026-02-23 holiday 春节\n2026-02-14 workday 春节调休上班\n2026-02-28 补班\n"
    )
    assert len(parsed.days) == 11
    assert parsed.days[0].date == D(2026, 2, 14) and parsed.days[0].kind == "makeup_workday"
    assert [d.date for d in parsed.days if d.kind == "holiday"][-1] == D(2026, 2, 23)
    assert parsed.days[-1].name == ""


def test_json_object_form():
    parsed = parse_day_list(
        '{"year": 2026, "source": "国办发明电", "holidays": [{"date": "2026-10-01..2026-10-07", "name": "国庆节"}],'
        ' "makeup_workdays": ["2026-09-20", {"date": "2026-10-10", "name": "国庆节调休上班"}]}'
    )
    assert parsed.year == 2026 and parsed.source == "国办发明电"
    assert sum(d.kind == "holiday" for d in parsed.days) == 7
    assert {d.date for d in parsed.days if d.kind == "makeup_workday"} == {D(2026, 9, 20), D(2026, 10, 10)}


def test_json_list_form():
    parsed = parse_day_list('[{"date": "2026-01-01", "kind": "holiday", "name": "元旦"}]')
    assert parsed.days[0].name == "元旦"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("2026-02-30 holiday", "无法识别的日期"),
        ("2026-02-15 vacation", "未知类型"),
        ("2026-02-15", "应为"),
        ("2026-02-15 holiday\n2026-02-15 workday", "既是放假又是调休上班"),
        ("2026-02-20..2026-02-15 holiday", "结束早于开始"),
        ('[{"kind": "holiday"}]', "缺少 date"),
    ],
)
def test_every_problem_is_reported(text, problem):
    with pytest.raises(ValidationFailed) as info:
        parse_day_list(text)
    assert any(problem in p for p in info.value.problems)


def test_empty_and_bad_json():
    with pytest.raises(ValidationFailed):
        parse_day_list("# nothing\n")
    with pytest.raises(ValidationFailed):
        parse_day_list("{not json")
