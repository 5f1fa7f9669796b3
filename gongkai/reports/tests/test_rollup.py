"""The rollup of the annual-report statistics over a subtree (issue 24 item 6), on two counties with a few
hundred imported requests each: it equals the cell-wise sum of the included units, rates are recomputed
from the summed counts, a jointly issued document counts once, a unit failing its checks is listed and
not added, missing and late units are listed, and only the organisation's staff and supervisors see it."""
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Level, Organisation, Role
from gongkai.records.tests.factories import make_user
from gongkai.reports import rollup
from gongkai.reports.figures import shares
from gongkai.reports.models import AnnualReport

from . import rollup_fixtures
from .rollup_fixtures import counties  # noqa: F401 (fixture)

S3 = "三、收到和处理政府信息公开申请情况"


def _units(result):
    return {u.organisation.code: u for u in result.units}


def test_the_rollup_is_the_cell_wise_sum_of_the_included_units(counties, tmp_path):
    orgs, _users, reports = counties
    result = rollup.rollup(orgs["sx-jc"], 2025)
    assert [u.organisation.code for u in result.included] == ["sx-jc-yc", "sx-jc-zz"]
    assert result.failed == [] and result.failed_messages() == []
    # The city and the four townships published nothing for 2025; 阳城县 published on 10 February.
    assert {o.code for o in result.missing} == {"sx-jc", "sx-jc-zz-nc", "sx-jc-zz-bg", "sx-jc-yc-fc", "sx-jc-yc-bl"}
    assert [u.organisation.code for u in result.late] == ["sx-jc-yc"]
    zz = rollup.published_tables(reports[("sx-jc-zz", 2025)])
    yc = rollup.published_tables(reports[("sx-jc-yc", 2025)])
    # Real figures: hundreds of requests, carried over from 2024, appeals, staff-entered figures.
    assert zz.cell("s3.new.total").value == 180 and yc.cell("s3.new.total").value == 130
    assert zz.cell("s3.carried_in.total").value == 6 and yc.cell("s3.carried_in.total").value == 6
    assert result.tables.cell("s4.reconsideration.upheld").value > 0
    compared = 0
    for cell in result.tables.all_cells():
        a, b = zz.cell(cell.key).value, yc.cell(cell.key).value
        if cell.key.startswith("s2.art20_1.normative"):
            continue  # the jointly issued document: test below
        expected = rollup._number(a) + rollup._number(b)
        assert cell.value == expected, cell.key
        compared += 1
    assert compared > 100
    assert result.tables.cell("s2.art20_8.fees.amount").value == Decimal("3.0")  # 1.5 万元 + 1.5 万元
    assert result.tables.cell("s2.art20_6.coercion.decisions").value == 0  # “无” is none
    # 一 + 二 = 三 + 四 holds for the sum as it does for each unit.
    t = result.tables
    assert t.cell("s3.new.total").value + t.cell("s3.carried_in.total").value == \
        t.cell("s3.total.total").value + t.cell("s3.carried_out.total").value
    # The drill-down gives each unit's figure of a cell.
    assert [(u.organisation.code, v) for u, v in result.contributions("s3.new.total")] == \
        [("sx-jc-yc", 130), ("sx-jc-zz", 180)]
    # The command writes the single report's section keys plus the rollup's lists.
    out = tmp_path / "rollup.json"
    call_command("annual_report", "--organisation", "sx-jc", "--year", "2025", "--rollup", "--output", str(out),
                 stdout=open("/dev/null", "w"))
    written = json.loads(out.read_text("utf-8"))
    single = reports[("sx-jc-zz", 2025)].snapshot["tables"]
    assert set(single) <= set(written)
    assert {"included", "missing", "late", "failed_checks"} <= set(written)
    assert written[S3]["一、本年新收政府信息公开申请数量"]["总计"] == 310
    assert written["included"] == ["sx-jc-yc", "sx-jc-zz"] and written["late"] == ["sx-jc-yc"]
    assert [n["name"] for n in written["narratives"]] == ["阳城县应急管理局", "泽州县应急管理局"]
    assert "泽州县应急管理局2025年度" in written["narratives"][1]["sections"][0]["text"]


def test_rates_are_recomputed_from_the_summed_counts_not_averaged(counties):
    orgs, _users, reports = counties
    result = rollup.rollup(orgs["sx-jc"], 2025)
    per_unit = [rollup.rates_of(rollup.published_tables(reports[(c, 2025)]))[0] for c in ("sx-jc-zz", "sx-jc-yc")]
    rate = result.rates[0]
    assert rate.numerator == sum(r.numerator for r in per_unit)
    assert rate.denominator == sum(r.denominator for r in per_unit)
    assert rate.percent == shares(**_substantive(result.tables))[0]
    averaged = (per_unit[0].percent + per_unit[1].percent) / 2
    assert abs(rate.percent - averaged) > 5  # the counties differ in size and share


def _substantive(tables):
    def total(prefix):
        return sum(c.value for c in tables.all_cells() if c.key.startswith(f"s3.{prefix}") and c.key.endswith(".total"))
    return {k: total(f"{k}.") for k in ("disclosed", "partial", "withheld", "unavailable")}


def test_a_jointly_issued_document_counts_once(counties):
    orgs, _users, reports = counties
    zz = rollup.published_tables(reports[("sx-jc-zz", 2025)]).cell("s2.art20_1.normative.issued").value
    yc = rollup.published_tables(reports[("sx-jc-yc", 2025)]).cell("s2.art20_1.normative.issued").value
    assert (zz, yc) == (2, 3)  # each county counts the joint document in its own report
    result = rollup.rollup(orgs["sx-jc"], 2025)
    assert result.tables.cell("s2.art20_1.normative.issued").value == 4
    assert result.tables.cell("s2.art20_1.normative.in_force").value == 4
    joint = result.as_dict()["joint_documents"]["s2.art20_1.normative.issued"]
    assert joint == [{"doc_number": rollup_fixtures.JOINT_NUMBER, "records": 2, "organisations": ["sx-jc-zz", "sx-jc-yc"]}]


def test_a_unit_failing_its_checks_is_listed_and_not_added(counties):
    orgs, _users, reports = counties
    yc = reports[("sx-jc-yc", 2025)]
    yc.snapshot["tables"][S3]["一、本年新收政府信息公开申请数量"]["自然人"] += 5  # 一 + 二 ≠ 三 + 四
    yc.save(update_fields=["snapshot"])
    result = rollup.rollup(orgs["sx-jc"], 2025)
    assert [u.organisation.code for u in result.included] == ["sx-jc-zz"]
    messages = result.as_dict()["failed_checks"]
    assert messages and all(m.startswith("sx-jc-yc（阳城县应急管理局）：") for m in messages)
    assert any("“自然人”列" in m and "不一致" in m for m in messages)
    zz = rollup.published_tables(reports[("sx-jc-zz", 2025)])
    assert result.tables.cell("s3.new.total").value == zz.cell("s3.new.total").value == 180
    assert result.tables.cell("s2.art20_1.normative.issued").value == 2  # no joint document left to merge
    # Still late, and in the drill-down, marked as not added.
    assert [u.organisation.code for u in result.late] == ["sx-jc-yc"]
    assert [(u.organisation.code, u.included) for u, _v in result.contributions("s3.new.natural")] == \
        [("sx-jc-zz", True), ("sx-jc-yc", False)]


def test_carry_over_is_checked_against_the_units_previous_report(counties):
    orgs, _users, reports = counties
    zz_2024 = reports[("sx-jc-zz", 2024)]
    zz_2024.snapshot["tables"][S3]["四、结转下年度继续办理"]["总计"] = 9
    zz_2024.save(update_fields=["snapshot"])
    result = rollup.rollup(orgs["sx-jc"], 2025)
    assert [u.organisation.code for u in result.included] == ["sx-jc-yc"]
    assert any("上年结转 6" in m and "2024年报告" in m and "不一致" in m for m in result.failed_messages())
    # Without the previous report there is nothing to compare with: 2025 alone passes again.
    zz_2024.delete()
    assert [u.organisation.code for u in rollup.rollup(orgs["sx-jc"], 2025).included] == ["sx-jc-yc", "sx-jc-zz"]


def test_a_staff_figure_that_is_no_number_fails_the_unit(counties):
    orgs, _users, reports = counties
    zz = reports[("sx-jc-zz", 2025)]
    zz.snapshot["tables"]["二、主动公开政府信息情况"]["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] = "若干"
    zz.save(update_fields=["snapshot"])
    result = rollup.rollup(orgs["sx-jc"], 2025)
    assert [u.organisation.code for u in result.failed] == ["sx-jc-zz"]
    assert any("若干" in m for m in result.failed_messages())


def test_the_province_counts_each_unit_once(counties):
    orgs, _users, _reports = counties
    province = rollup.rollup(orgs["sx"], 2025)
    city = rollup.rollup(orgs["sx-jc"], 2025)
    assert [u.organisation.code for u in province.included] == ["sx-jc-yc", "sx-jc-zz"]
    assert province.tables.cell("s3.new.total").value == city.tables.cell("s3.new.total").value == 310
    assert "sx" in {o.code for o in province.missing}


def test_bad_parameters_are_refused_in_words(tree):
    orgs, _users = tree
    for year in ("abc", 1999.5, 2007, 3000, None, True):
        with pytest.raises(ValidationFailed):
            rollup.rollup(orgs["sx-jc"], year)
    with pytest.raises(ValidationFailed) as exc:
        rollup.rollup(orgs["sx-jc"], 2015)  # before the national formats
    assert "报告格式" in exc.value.message
    with pytest.raises(CommandError):
        call_command("annual_report", "--organisation", "nope", "--year", "2025", "--rollup", "--output", "/tmp/x.json")
    with pytest.raises(CommandError):
        call_command("annual_report", "--organisation", "sx-jc", "--year", "2015", "--rollup", "--output", "/tmp/x.json")


def test_who_may_see_a_rollup(tree):
    orgs, users = tree
    other_city = Organisation.objects.create(code="sx-dt", name="大同市应急管理局（测试）", level=Level.CITY,
                                             parent=orgs["sx"])
    other = make_user("dt_supervisor", other_city, Role.SUPERVISOR)
    for actor in (users["zz_office"], users["zz_leader"], users["yc_office"], other, users["sx_admin"],
                  users["zz_drafter"]):
        with pytest.raises(PermissionDenied):
            rollup.rollup_for(actor=actor, organisation=orgs["sx-jc"], year=2025)
    for actor, code in ((users["jc_supervisor"], "sx-jc"), (users["sx_supervisor"], "sx-jc"),
                        (users["sx_supervisor"], "sx"), (users["zz_office"], "sx-jc-zz"),
                        (users["zz_leader"], "sx-jc-zz")):
        assert rollup.rollup_for(actor=actor, organisation=orgs[code], year=2025).organisation == orgs[code]
    assert not AnnualReport.objects.exists()  # a read: nothing written


def test_a_unit_in_another_format_or_with_a_broken_count_is_listed_not_added(counties):
    orgs, _users, reports = counties
    yc, zz = reports[("sx-jc-yc", 2025)], reports[("sx-jc-zz", 2025)]
    yc.format_version = "2019"
    yc.save(update_fields=["format_version"])
    zz.snapshot["tables"]["四、政府信息公开行政复议、行政诉讼情况"]["行政复议"]["结果纠正"] = "两件"
    zz.save(update_fields=["snapshot"])
    result = rollup.rollup(orgs["sx-jc"], 2025)
    assert result.included == [] and {u.organisation.code for u in result.failed} == {"sx-jc-yc", "sx-jc-zz"}
    messages = result.failed_messages()
    assert any(m.startswith("sx-jc-yc") and "2019年版格式" in m for m in messages)
    assert any(m.startswith("sx-jc-zz") and "s4.reconsideration.corrected" in m and "非负整数" in m for m in messages)
    assert result.tables.cell("s3.new.total").value == 0


def test_a_broken_appeals_total_fails_the_unit(counties):
    orgs, _users, reports = counties
    zz = reports[("sx-jc-zz", 2025)]
    zz.snapshot["tables"]["四、政府信息公开行政复议、行政诉讼情况"]["行政复议"]["总计"] += 1
    zz.save(update_fields=["snapshot"])
    result = rollup.rollup(orgs["sx-jc"], 2025)
    assert [u.organisation.code for u in result.failed] == ["sx-jc-zz"]
    assert any("第四部分“行政复议”" in m and "不一致" in m for m in result.failed_messages())
