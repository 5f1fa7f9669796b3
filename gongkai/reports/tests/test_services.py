"""Report workflow: open, figures with sources, narrative, checks that block publication, publish."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core import clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi.tests.factories import submitted
from gongkai.foi.models import DisclosureRequest
from gongkai.reports import services
from gongkai.reports.checks import failures, run_checks
from gongkai.reports.states import ReportStatus

LICENCE_KEY = "s2.art20_5.licensing.previous"
# 10:00 on 5 January 2026 in Beijing: the 2025 reporting year is over, the 31 January deadline ahead.
AFTER_2025 = dt.datetime(2026, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def county(tree):
    orgs, users = tree
    yield orgs["sx-jc-zz"], users
    clock.pin(None)


def fill_required(report, office):
    for key in sorted(services.manual_cell_keys(services.report_format(report))):
        cell = services.live_tables(report).cell(key)
        if cell.source == "missing":
            services.report_set_figure(report=report, actor=office, key=key, value="0", note="本机关无此类事项（办公室核实）")


def test_open_picks_the_format_of_the_year(county):
    org, users = county
    r2020 = services.report_open(organisation=org, year=2020, actor=users["zz_office"])
    r2025 = services.report_open(organisation=org, year=2025, actor=users["zz_office"])
    assert (r2020.format_version, r2025.format_version) == ("2019", "2021")
    assert services.report_open(organisation=org, year=2025, actor=users["zz_office"]) == r2025
    assert r2025.due_date == dt.date(2026, 1, 31)
    with pytest.raises(PermissionDenied):
        services.report_open(organisation=org, year=2024, actor=users["zz_drafter"])
    with pytest.raises(PermissionDenied):
        services.report_open(organisation=org, year=2024, actor=users["jc_supervisor"])


def test_manual_figure_needs_a_source_note(county):
    org, users = county
    report = services.report_open(organisation=org, year=2025, actor=users["zz_office"])
    with pytest.raises(ValidationFailed) as exc:
        services.report_set_figure(report=report, actor=users["zz_office"], key="s2.art20_8.fees.amount", value="0", note="")
    assert any("注明来源" in p for p in exc.value.problems)
    with pytest.raises(ValidationFailed):
        services.report_set_figure(report=report, actor=users["zz_office"], key="s3.new.natural", value="5", note="x")
    services.report_set_figure(report=report, actor=users["zz_office"], key="s2.art20_8.fees.amount", value="0",
                               note="财务股提供的收费台账")
    report.refresh_from_db()
    cell = services.live_tables(report).cell("s2.art20_8.fees.amount")
    assert (cell.value, cell.source, cell.note) == ("0", "manual", "财务股提供的收费台账")
    assert AuditEvent.objects.filter(action="report.figure_entered", reason="财务股提供的收费台账").exists()


def test_publication_is_refused_until_checks_pass_then_freezes_the_tables(county):
    org, users = county
    office, leader = users["zz_office"], users["zz_leader"]
    clock.pin(AFTER_2025)
    report = services.report_open(organisation=org, year=2025, actor=office)
    with pytest.raises(ValidationFailed) as exc:
        services.report_submit(report=report, actor=office)
    problems = exc.value.problems
    assert any("须由工作人员填报" in p for p in problems) and any("总体情况" in p for p in problems)
    assert not AuditEvent.objects.filter(action="report.submitted").exists()
    fill_required(report, office)
    services.report_update_narrative(report=report, actor=office, data={
        "overview": "2025年，本局扎实推进政务公开工作。", "problems": "基层公开队伍力量有待加强。"})
    services.report_submit(report=report, actor=office)

    # A request whose recorded outcome fits no row of the table (data edited outside the system)
    # breaks the balance: the failure names the column and the request.
    req, _ = submitted(org, day=dt.date(2025, 3, 3))
    DisclosureRequest.objects.filter(pk=req.pk).update(closed_on=dt.date(2025, 3, 20), outcome="withheld",
                                                       reason="not_a_reason", status="closed")
    clock.pin(AFTER_2025)
    report.refresh_from_db()
    failed = failures(run_checks(services.live_tables(report)))
    assert any(f.code == "balance.natural" and "不一致" in f.message for f in failed)
    assert any(f.code == "unclassified" and str(req.pk) in f.message for f in failed)
    with pytest.raises(ValidationFailed):
        services.report_publish(report=report, actor=leader)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not report.snapshot
    DisclosureRequest.objects.filter(pk=req.pk).update(closed_on=None, outcome="", reason="", status=req.status)

    with pytest.raises(PermissionDenied):
        services.report_publish(report=report, actor=office)
    services.report_publish(report=report, actor=leader, comment="同意发布")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.approved_by == leader
    assert report.snapshot["tables"]["三、收到和处理政府信息公开申请情况"]["一、本年新收政府信息公开申请数量"]["自然人"] == 1
    with pytest.raises(InvalidTransition):
        services.report_update_narrative(report=report, actor=office, data={"overview": "改"})
    with pytest.raises(InvalidTransition):
        services.report_publish(report=report, actor=leader)
    # Later data changes do not alter the published tables.
    submitted(org, day=dt.date(2025, 6, 3))
    clock.pin(None)
    report.refresh_from_db()
    assert report.snapshot["tables"]["三、收到和处理政府信息公开申请情况"]["一、本年新收政府信息公开申请数量"]["自然人"] == 1
    assert AuditEvent.objects.filter(action="report.published", actor=leader).count() == 1


@pytest.mark.parametrize("year", [2007, "2025", None])
def test_a_report_year_outside_the_regulation_or_not_a_year_is_refused(county, year):
    from gongkai.reports.models import AnnualReport

    org, users = county
    with pytest.raises(ValidationFailed):
        services.report_open(organisation=org, year=year, actor=users["zz_office"])
    with pytest.raises(ValidationFailed):  # a year not yet begun
        services.report_open(organisation=org, year=clock.today().year + 1, actor=users["zz_office"])
    # 2008–2018 are years of the Regulation but no format here covers them: a clear refusal, not a 500.
    with pytest.raises(ValidationFailed) as refused:
        services.report_open(organisation=org, year=2008, actor=users["zz_office"])
    assert "2019" in str(refused.value.problems[0])
    assert not AnnualReport.objects.exists()
    assert services.report_open(organisation=org, year=2019, actor=users["zz_office"]).year == 2019
