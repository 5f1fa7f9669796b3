"""The supervisors' rollup pages: the summed tables in the report's layout, the unit lists, the drill-down per
cell, the .xlsx export, the links to them, and no 500 on any parameter."""
import io

import openpyxl
import pytest
from django.urls import reverse

from gongkai.organisations.models import Level, Organisation, Role
from gongkai.records.tests.factories import make_user

from .rollup_fixtures import counties  # noqa: F401 (fixture)

URL = "/office/reports/rollup/"


def test_the_rollup_page_drill_down_and_export(client, counties):
    _orgs, users, _reports = counties
    client.force_login(users["jc_supervisor"])
    page = client.get(URL, {"organisation": "sx-jc", "year": "2025"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "纳入汇总（2）" in html and "阳城县应急管理局（2026-02-10）" in html and "未发布（缺报，5）" in html
    assert ">310<" in html  # 一、本年新收 总计 of both counties
    assert "予以公开和部分公开占比" in html and "晋市应急〔2025〕7号" in html
    assert "rollup/cell/?organisation=sx-jc&amp;year=2025&amp;key=s3.new.total" in html
    assert "泽州县应急管理局2025年度政府信息公开工作总体情况" in html  # the compiled narratives
    cell = client.get(URL + "cell/", {"organisation": "sx-jc", "year": "2025", "key": "s3.new.total"})
    assert cell.status_code == 200
    text = cell.content.decode()
    assert ">180<" in text and ">130<" in text and "<strong>310</strong>" in text
    joint = client.get(URL + "cell/", {"organisation": "sx-jc", "year": "2025", "key": "s2.art20_1.normative.issued"})
    assert "汇总计 1 件" in joint.content.decode()
    export = client.get(URL, {"organisation": "sx-jc", "year": "2025", "format": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("部分", "项目", "列", "单元格", "汇总", "阳城县应急管理局", "泽州县应急管理局")
    assert next(r for r in rows if r[3] == "s3.new.total")[4:7] == (310, 130, 180)
    assert any(r[0] == "逾期发布" and r[1] == "阳城县应急管理局" for r in rows)
    # A unit failing its checks: listed with the reason, not added.
    report = _reports[("sx-jc-yc", 2025)]
    report.snapshot["tables"]["三、收到和处理政府信息公开申请情况"]["四、结转下年度继续办理"]["自然人"] += 1
    report.save(update_fields=["snapshot"])
    html = client.get(URL, {"organisation": "sx-jc", "year": "2025"}).content.decode()
    assert "未通过校验、未计入汇总（1）" in html and "“自然人”列" in html and ">180<" in html


def test_links_from_the_reports_office_and_the_oversight_dashboard(client, tree):
    _orgs, users = tree
    client.force_login(users["jc_supervisor"])
    assert URL in client.get(reverse("reports_office:list")).content.decode()
    assert URL in client.get(reverse("oversight:home")).content.decode()


@pytest.mark.parametrize("year", ["abc", "9" * 5000, "\u200b", "-1", "２０２５", "2015", "2199"])
def test_bad_years_are_answered_in_words(client, tree, year):
    """The site-wide guard answers a year that is no integer of 1900–2200 (400); the page answers a year
    without a report format or in the future; nothing is a 500."""
    _orgs, users = tree
    client.force_login(users["jc_supervisor"])
    page = client.get(URL, {"organisation": "sx-jc", "year": year})
    text = page.content.decode()
    if year in ("2015", "2199"):
        assert page.status_code == 200 and 'role="alert"' in text and "年度" in text
    else:
        assert page.status_code == 400 and "year" in text and "整数" in text
    assert client.get(URL + "cell/", {"organisation": "sx-jc", "year": year, "key": "s3.new.total"}).status_code in (400, 404)


def test_unknown_organisation_or_cell_is_404_and_strangers_are_refused(client, tree):
    orgs, users = tree
    client.force_login(users["jc_supervisor"])
    assert client.get(URL, {"organisation": "nope", "year": "2025"}).status_code == 404
    assert client.get(URL, {"organisation": "x" * 5000}).status_code == 404
    assert client.get(URL + "cell/", {"organisation": "sx-jc", "year": "2025", "key": "s9.bogus"}).status_code == 404
    assert client.get(URL + "cell/", {"organisation": "sx-jc", "year": "2015", "key": "s3.new.total"}).status_code == 404
    # A county's office may not see the city's rollup, nor may another city's supervisor.
    client.force_login(users["zz_office"])
    assert client.get(URL, {"organisation": "sx-jc", "year": "2025"}).status_code == 403
    assert client.get(URL + "cell/", {"organisation": "sx-jc", "year": "2025", "key": "s3.new.total"}).status_code == 403
    assert client.get(URL, {"organisation": "sx-jc-zz", "year": "2025"}).status_code == 200
    other_city = Organisation.objects.create(code="sx-dt", name="大同市应急管理局（测试）", level=Level.CITY,
                                             parent=orgs["sx"])
    client.force_login(make_user("dt_supervisor", other_city, Role.SUPERVISOR))
    assert client.get(URL, {"organisation": "sx-jc", "year": "2025"}).status_code == 403
    assert client.get(URL, {"organisation": "sx-jc", "format": "xlsx"}).status_code == 403
    client.force_login(users["zz_drafter"])  # no rollup anywhere
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_the_export_is_formula_safe(client, tree):
    orgs, users = tree
    Organisation.objects.create(code="sx-jc-zz-x", name="=HYPERLINK(\"http://example.invalid\")", level=Level.TOWNSHIP,
                                parent=orgs["sx-jc-zz"])
    client.force_login(users["jc_supervisor"])
    export = client.get(URL, {"organisation": "sx-jc", "year": "2025", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    row = next(r for r in sheet.iter_rows() if r[0].value == "未发布（缺报）")
    cell = next(c for c in row if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix
