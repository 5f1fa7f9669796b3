"""The annual report's transition table, one parametrised test: the right actor in the right state
succeeds with exactly one audit row; a wrong state raises InvalidTransition; an actor without the
permission raises PermissionDenied; neither failure writes anything."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core import clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.reports import selectors, services
from gongkai.reports.models import AnnualReport
from gongkai.reports.states import ReportStatus
from gongkai.reports.workflow import REPORT_TRANSITIONS, REPORT_WORKFLOW

from .test_services import AFTER_2025, fill_required

S = ReportStatus
COMPLETE = {"overview": "2025年，本局扎实推进政务公开工作。", "problems": "基层公开队伍力量有待加强。"}

# name: (source state, target state, right actor, wrong actor, a state it may not run from, call)
CASES = {
    "edit_narrative": (S.DRAFT, S.DRAFT, "zz_office", "zz_leader", S.SUBMITTED,
                       lambda r, u: services.report_update_narrative(report=r, actor=u, data={"other": "无。"})),
    "set_figure": (S.DRAFT, S.DRAFT, "zz_office", "jc_supervisor", S.PUBLISHED,
                   lambda r, u: services.report_set_figure(report=r, actor=u, key="s2.art20_8.fees.amount",
                                                           value="0", note="财务股收费台账")),
    "clear_figure": (S.DRAFT, S.DRAFT, "zz_office", "yc_office", S.SUBMITTED,
                     lambda r, u: services.report_clear_figure(report=r, actor=u, key="s2.art20_8.fees.amount")),
    "submit": (S.DRAFT, S.SUBMITTED, "zz_office", "zz_drafter", S.SUBMITTED,
               lambda r, u: services.report_submit(report=r, actor=u)),
    "return": (S.SUBMITTED, S.DRAFT, "zz_leader", "zz_office", S.DRAFT,
               lambda r, u: services.report_return(report=r, actor=u, comment="第三部分数据请核实")),
    "publish": (S.SUBMITTED, S.PUBLISHED, "zz_leader", "yc_leader", S.DRAFT,
                lambda r, u: services.report_publish(report=r, actor=u, comment="同意")),
}


def test_every_declared_transition_has_a_case():
    assert {t.name for t in REPORT_TRANSITIONS} == set(CASES)


@pytest.fixture
def ready(tree):
    """A complete 2025 report of 泽州县 (every required figure and narrative filled), clock in January 2026."""
    orgs, users = tree
    clock.pin(AFTER_2025)
    report = services.report_open(organisation=orgs["sx-jc-zz"], year=2025, actor=users["zz_office"])
    fill_required(report, users["zz_office"])
    services.report_update_narrative(report=report, actor=users["zz_office"], data=COMPLETE)
    services.report_set_figure(report=report, actor=users["zz_office"], key="s2.art20_8.fees.amount", value="0",
                               note="财务股收费台账")
    report.refresh_from_db()
    yield report, users
    clock.pin(None)


def _put(report, state):
    AnnualReport.objects.filter(pk=report.pk).update(status=state)
    report.refresh_from_db()


def _count():
    return AuditEvent.objects.filter(target_type="reports.annualreport").count()


def _row(report):
    return AnnualReport.objects.filter(pk=report.pk).values(
        "status", "overview", "other", "manual_figures", "snapshot", "approval_comment", "published_at").get()


@pytest.mark.parametrize("name", sorted(CASES))
def test_right_actor_in_right_state_succeeds_with_one_audit_row(ready, name):
    report, users = ready
    source, target, right, _wrong, _bad_state, call = CASES[name]
    _put(report, source)
    before = _count()
    call(report, users[right])
    report.refresh_from_db()
    assert report.status == target
    assert _count() == before + 1
    event = AuditEvent.objects.filter(target_type="reports.annualreport").first()
    assert event.action == REPORT_WORKFLOW[name].event.value


@pytest.mark.parametrize("name", sorted(CASES))
def test_wrong_state_raises_invalid_transition_and_writes_nothing(ready, name):
    report, users = ready
    _source, _target, right, _wrong, bad_state, call = CASES[name]
    _put(report, bad_state)
    before, row = _count(), _row(report)
    with pytest.raises(InvalidTransition):
        call(report, users[right])
    assert _count() == before and _row(report) == row


@pytest.mark.parametrize("name", sorted(CASES))
def test_actor_without_permission_is_refused_and_nothing_is_written(ready, name):
    report, users = ready
    source, _target, _right, wrong, _bad_state, call = CASES[name]
    _put(report, source)
    before, row = _count(), _row(report)
    with pytest.raises(PermissionDenied):
        call(report, users[wrong])
    assert _count() == before and _row(report) == row


def test_a_report_cannot_be_published_before_its_year_has_ended(ready):
    report, users = ready
    services.report_submit(report=report, actor=users["zz_office"])
    # 31 December 2025, 23:00 Beijing time: the statistics period is not over yet.
    clock.pin(dt.datetime(2025, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    with pytest.raises(InvalidTransition) as info:
        services.report_publish(report=report, actor=users["zz_leader"])
    assert "尚未结束" in info.value.message
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert not REPORT_WORKFLOW.may("publish", report, users["zz_leader"])
    # 00:30 on 1 January 2026 Beijing time (still 31 December in UTC): the year is over.
    clock.pin(dt.datetime(2026, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    services.report_publish(report=report, actor=users["zz_leader"])
    report.refresh_from_db()
    assert report.status == S.PUBLISHED


def test_submission_puts_the_report_in_the_approvers_queue_and_return_needs_a_comment(ready, client):
    report, users = ready
    client.force_login(users["zz_leader"])
    assert "待审批的年度报告" not in client.get("/office/").content.decode()
    response = client.post(f"/office/reports/{report.pk}/action/submit/", {"comment": ""})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == S.DRAFT  # the leader cannot submit the office's report
    client.force_login(users["zz_office"])
    client.post(f"/office/reports/{report.pk}/action/submit/", {"comment": "请审批"})
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    client.force_login(users["zz_leader"])
    dashboard = client.get("/office/").content.decode()
    assert "待审批的年度报告（1）" in dashboard and f"/office/reports/{report.pk}/" in dashboard
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert "批准并发布" in page and "退回修改" in page
    with pytest.raises(ValidationFailed):
        services.report_return(report=report, actor=users["zz_leader"], comment="  ")
    client.post(f"/office/reports/{report.pk}/action/return/", {"comment": "请补充第二部分数据来源"})
    report.refresh_from_db()
    assert report.status == S.DRAFT and report.approval_comment == "请补充第二部分数据来源"
    client.force_login(users["zz_office"])
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert "请补充第二部分数据来源" in page and "提交审批" in page
    assert "report.returned" not in page and "zz_leader" not in page  # history in words and display names
    assert "退回修改" in page


def test_the_office_sees_no_publish_button_and_the_leader_no_edit_form(ready, client):
    report, users = ready
    client.force_login(users["zz_office"])
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert "批准并发布" not in page and "保存正文" in page
    client.force_login(users["zz_leader"])
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert "保存正文" not in page and "提交审批" not in page


def test_narrative_repeating_last_years_text_is_flagged(tree, client):
    orgs, users = tree
    org, office = orgs["sx-jc-zz"], users["zz_office"]
    text = ("2024年，本局深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，"
            "围绕安全生产、防灾减灾救灾和应急救援等重点领域，持续加大信息公开力度。")
    clock.pin(AFTER_2025)
    last = services.report_open(organisation=org, year=2024, actor=office)
    services.report_update_narrative(report=last, actor=office, data={"overview": text})
    this = services.report_open(organisation=org, year=2025, actor=office)
    services.report_update_narrative(report=this, actor=office, data={"overview": text.replace("2024", "2025")})
    this.refresh_from_db()
    found = selectors.repetition(this, selectors.previous_report(this))
    assert [r.field for r in found] == ["overview"] and found[0].percent >= 90
    client.force_login(office)
    assert "与上年报告重复" in client.get(f"/office/reports/{this.pk}/").content.decode()
    services.report_update_narrative(report=this, actor=office, data={
        "overview": "2025年，本局新建依申请公开网上办理系统，全年受理申请三十二件，均在法定期限内答复。"})
    this.refresh_from_db()
    assert selectors.repetition(this, last) == []
    clock.pin(None)


def test_repeated_share_measures_overlap():
    assert selectors.repeated_share("", "abc") == 0.0
    assert selectors.repeated_share("一二三四五六七八九十", "一二三四五六七八九十") == 1.0
    assert selectors.repeated_share("一二三四五六七八九十", "完全不同的另外一段文字内容") == 0.0


@pytest.mark.parametrize("key, value, note, problem", [
    ("s3.new.natural", "5", "台账", "不能人工填报"),
    ("s2.art20_8.fees.amount", "", "台账", "请填写数值"),
    ("s2.art20_8.fees.amount", "1" * 41, "台账", "数值过长"),
    ("s2.art20_8.fees.amount", "1\x002", "台账", "无效字符"),
    ("s2.art20_8.fees.amount", "0", "", "注明来源"),
    ("s2.art20_8.fees.amount", "0", "说" * 301, "过长"),
])
def test_each_bad_figure_is_refused_for_its_own_reason_and_nothing_is_written(ready, key, value, note, problem):
    report, users = ready
    before, row = _count(), _row(report)
    with pytest.raises(ValidationFailed) as info:
        services.report_set_figure(report=report, actor=users["zz_office"], key=key, value=value, note=note)
    assert len(info.value.problems) == 1 and problem in info.value.problems[0]
    assert _count() == before and _row(report) == row


def test_clearing_a_figure_that_was_never_entered_is_refused(ready):
    report, users = ready
    before = _count()
    with pytest.raises(ValidationFailed):
        services.report_clear_figure(report=report, actor=users["zz_office"], key="s2.art20_1.rules.issued")
    assert _count() == before


@pytest.mark.parametrize("year", [2007, 2027, 99999, -5])
def test_a_report_is_opened_only_for_a_year_that_can_have_one(tree, year):
    orgs, users = tree
    clock.pin(AFTER_2025)
    with pytest.raises(ValidationFailed):
        services.report_open(organisation=orgs["sx-jc-zz"], year=year, actor=users["zz_office"])
    assert not AnnualReport.objects.exists()
    clock.pin(None)
