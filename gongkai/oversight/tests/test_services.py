"""Oversight services and figures: reposting delays, column staleness, national thresholds,
progress-report deadlines, evaluation scoring, and bad input that writes nothing."""
import datetime as dt
from decimal import Decimal

import pytest

from gongkai.core import clock
from gongkai.engagement.models import Message
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.oversight import evaluation, metrics, selectors, services
from gongkai.oversight.models import (Column, DirtyOrganisation, Indicator, IndicatorSet, MetricValue, ProgressReport,
                                      Repost, RepostNotice, Score, Task, TaskEvidence)
from gongkai.oversight.states import PeriodKind, RepostStatus, UpdateRule

from .factories import at, record


def message(w, org, *, received, answered=None):
    from gongkai.engagement.models import Message
    n = Message.objects.count() + 1
    return Message.objects.create(organisation=org, number=f"M{n}", secret_digest="x", kind="consultation",
                                  name="留言人", phone="13800000000", subject=f"留言{n}", body="内容",
                                  received_on=received, due_date=received + dt.timedelta(days=21),
                                  status="answered" if answered else "received", answered_on=answered,
                                  answer="答复" if answered else "")


def nothing_written(fn, *models):
    before = [m.objects.count() for m in models] + [AuditEvent.objects.count()]
    with pytest.raises(ValidationFailed) as exc:
        fn()
    assert [m.objects.count() for m in models] + [AuditEvent.objects.count()] == before
    return exc.value


# ------------------------------------------------------------------ reposting

def test_notice_is_pushed_to_every_subordinate_with_target_and_deadline(w):
    # Friday 20 November 2026, 10:00: target 11:00; never later than the next working day (Monday 23rd).
    notice = services.repost_notice_issue(organisation=w.sx, actor=w.users["sx_supervisor"], title="上级通知",
                                          url="https://www.mem.gov.cn/x.html")
    reposts = Repost.objects.filter(notice=notice)
    assert {r.organisation.code for r in reposts} == {o.code for o in w.sx.descendants()}
    r = reposts.get(organisation=w.yc)
    assert r.target_at == at(2026, 11, 20, 11, 0)
    assert clock.now().tzinfo and r.due_at.astimezone(r.target_at.tzinfo).date() == dt.date(2026, 11, 23)


def test_repost_delay_late_and_missing_are_measured(w):
    notice = services.repost_notice_issue(organisation=w.jc, actor=w.users["jc_supervisor"], title="市局通知",
                                          url="/records/", published_at=at(2026, 11, 13, 9, 0))  # a Friday
    yc = Repost.objects.get(notice=notice, organisation=w.yc)
    zz = Repost.objects.get(notice=notice, organisation=w.zz)
    services.repost_confirm(repost=yc, actor=w.users["yc_office"], url="/r/1/", reposted_at=at(2026, 11, 13, 11, 30))
    yc.refresh_from_db()
    assert yc.delay == dt.timedelta(hours=2, minutes=30) and yc.missed_target() and not yc.is_late(clock.now())
    # 泽州县 never reposted: past Monday 16th it is missing and late, on both dashboards.
    assert zz.is_late(clock.now())
    assert zz in set(selectors.late_reposts_below(w.jc)) and yc not in set(selectors.late_reposts_below(w.jc))
    assert selectors.late_reposts_of(w.zz).get() == zz
    assert not selectors.late_reposts_of(w.yc).exists()
    period = metrics.Period.of(2026, 4, clock.now())
    assert metrics.reposts_late({"ids": [w.yc.pk, w.zz.pk]}, period) == {w.zz.pk: 1.0}
    # A repost confirmed after the working-day deadline stays late.
    township = Repost.objects.get(notice=notice, organisation=w.orgs["sx-jc-zz-nc"])
    from gongkai.oversight.workflow import REPOST_WORKFLOW
    REPOST_WORKFLOW.run("confirm", township, actor=None, trusted=True,
                        apply=lambda r: setattr(r, "reposted_at", at(2026, 11, 17, 9, 0)))
    township.refresh_from_db()
    assert township.status == RepostStatus.REPOSTED and township.is_late(clock.now())
    assert township in set(selectors.late_reposts_below(w.jc))


def test_repost_bad_input_writes_nothing(w):
    sup = w.users["sx_supervisor"]
    exc = nothing_written(lambda: services.repost_notice_issue(organisation=w.sx, actor=sup, title=" ",
                                                              url="javascript:alert(1)"), RepostNotice, Repost)
    assert "请填写标题。" in exc.problems and any("链接" in p for p in exc.problems)
    township = w.orgs["sx-jc-zz-nc"]
    from gongkai.oversight.tests.factories import make_user
    from gongkai.organisations.models import Role
    office = make_user("nc_office", township, Role.OFFICE)
    exc = nothing_written(lambda: services.repost_notice_issue(organisation=township, actor=office, title="通知",
                                                              url="/x/"), RepostNotice)
    assert any("没有下级机构" in p for p in exc.problems)
    notice = services.repost_notice_issue(organisation=w.jc, actor=w.users["jc_supervisor"], title="通知", url="/x/")
    r = Repost.objects.get(notice=notice, organisation=w.yc)
    nothing_written(lambda: services.repost_confirm(repost=r, actor=w.users["yc_office"], url=""), Repost)
    nothing_written(lambda: services.repost_confirm(repost=r, actor=w.users["yc_office"], url="/r/",
                                                    reposted_at=at(2026, 11, 1, 9, 0)), Repost)
    r.refresh_from_db()
    assert r.status == RepostStatus.PENDING


# ------------------------------------------------------------------ columns

def test_columns_stale_and_empty_by_their_own_rule(w):
    key = w.items["sx-jc-yc"][0].key
    monthly = Column.objects.create(organisation=w.yc, name="隐患公开", rule=UpdateRule.MONTHLY, catalog_keys=[key])
    yearly = Column.objects.create(organisation=w.yc, name="预算情况", rule=UpdateRule.YEARLY, catalog_keys=[key])
    empty = Column.objects.create(organisation=w.yc, name="空栏目", rule=UpdateRule.QUARTERLY, catalog_keys=["nothing"])
    event = Column.objects.create(organisation=w.yc, name="事故快讯", rule=UpdateRule.SAME_DAY, catalog_keys=["x"])
    record(w, w.yc, published_at=at(2026, 10, 1, 9, 0))  # 50 days before 20 November
    states = {s.column.name: s for s in metrics.column_states({"ids": [w.yc.pk]}, clock.now())[w.yc.pk]}
    assert states["隐患公开"].stale and "50" in states["隐患公开"].reason
    assert not states["预算情况"].stale and states["预算情况"].last_update == at(2026, 10, 1, 9, 0)
    assert states["空栏目"].empty and not states["空栏目"].stale
    assert not states["事故快讯"].stale and states["事故快讯"].empty
    # A logged manual update counts too.
    services.column_log_update(column=monthly, actor=w.users["yc_office"], when=at(2026, 11, 2, 9, 0))
    states = {s.column.name: s for s in metrics.column_states({"ids": [w.yc.pk]}, clock.now())[w.yc.pk]}
    assert not states["隐患公开"].stale
    assert yearly.pk and empty.pk and event.pk


def test_national_thresholds_veto(w):
    key = w.items["sx-jc-yc"][0].key
    for n in range(5):
        Column.objects.create(organisation=w.yc, name=f"动态{n}", rule=UpdateRule.MONTHLY, catalog_keys=[key])
    record(w, w.yc, published_at=at(2026, 9, 1, 9, 0))
    period = metrics.Period.of(2026, 4, clock.now())
    scope = {"ids": [w.yc.pk]}
    assert metrics.columns_stale(scope, period)[w.yc.pk] == 5
    assert metrics.homepage_idle_days(scope, period)[w.yc.pk] == 80
    assert metrics.inspection_vetoes(scope, period)[w.yc.pk] == 2  # stale ≥ 5 and homepage > 2 weeks
    titles = [r.title for r in metrics.inspection_rows(w.yc, period)]
    assert any("单项否决" in t for t in titles) and not any("留言" in t for t in titles)
    # A message unanswered for more than three months within the year is a third veto.
    message(w, w.yc, received=dt.date(2026, 6, 1))
    message(w, w.yc, received=dt.date(2026, 6, 2), answered=dt.date(2026, 6, 20))  # answered in time
    assert metrics.messages_unanswered(scope, period) == {w.yc.pk: 1.0}
    assert metrics.inspection_vetoes(scope, period)[w.yc.pk] == 3
    assert any("留言" in r.title for r in metrics.inspection_rows(w.yc, period))
    [row] = metrics.METRICS["messages_unanswered"].rows(w.yc, period)
    assert row.date == dt.date(2026, 6, 1) and "未答复" in row.detail
    Message.objects.all().delete()
    record(w, w.yc, published_at=at(2026, 11, 19, 9, 0), item=w.items["sx-jc-yc"][1])  # another item
    assert metrics.inspection_vetoes(scope, period)[w.yc.pk] == 1


def test_column_import_keeps_source_and_flags(w):
    result = services.columns_import(organisation=w.zz, actor=w.users["zz_office"])
    assert result["created"] > 60
    again = services.columns_import(organisation=w.zz, actor=w.users["zz_office"])
    assert again["created"] == 0
    merged = Column.objects.get(organisation=w.zz, name="内设部门")
    assert merged.parent.name == "机构设置" and merged.rule == UpdateRule.UNDETERMINED
    assert any("合并单元格" in f for f in merged.flags) and merged.source["cells"][0] == "内设部门"
    upper = Column.objects.get(organisation=w.zz, name="上级文件")
    assert (upper.rule, upper.rule_days) == (UpdateRule.AFTER_SUPERIOR, 1)
    assert Column.objects.get(organisation=w.zz, name="监管执法双随机一公开").rule == UpdateRule.BEFORE_PLAN
    assert Column.objects.get(organisation=w.zz, name="依申请公开", parent=None).rule == UpdateRule.HALF_YEARLY


def test_column_bad_input_writes_nothing(w):
    office = w.users["yc_office"]
    nothing_written(lambda: services.column_create(organisation=w.yc, actor=office, name="", rule="weekly"), Column)
    nothing_written(lambda: services.column_create(organisation=w.yc, actor=office, name="栏目", rule="monthly",
                                                   catalog_keys="a;DROP TABLE"), Column)
    c = services.column_create(organisation=w.yc, actor=office, name="栏目", rule="monthly")
    nothing_written(lambda: services.column_create(organisation=w.yc, actor=office, name="栏目", rule="monthly"), Column)
    nothing_written(lambda: services.column_edit(column=c, actor=office, lead_unit="", cooperating_units="",
                                                 rule="sync"), Column)
    nothing_written(lambda: services.column_retire(column=c, actor=office, reason=""), Column)


# ------------------------------------------------------------------ tasks

def test_task_import_keeps_cells_and_recurrences(w):
    assert services.tasks_import(organisation=w.sx, actor=None, trusted=True)["created"] == 27
    assert services.tasks_import(organisation=w.sx, actor=None, trusted=True)["created"] == 0
    t8 = Task.objects.get(organisation=w.sx, number=8)
    assert (t8.recurrence, t8.recurrence_month, t8.due_text) == ("yearly", 11, "每年11月前") and t8.flags
    t15 = Task.objects.get(organisation=w.sx, number=15)
    assert t15.lead_units == "规划科技处、省宣教中心" and t15.responsible_units == "各市安全监管局"
    assert t15.recurrence == "long_term" and t15.due_date == dt.date(2017, 9, 30)
    assert Task.objects.get(organisation=w.sx, number=14).recurrence == "continuous"
    assert Task.objects.get(organisation=w.sx, number=2).source["cells"][4] == "2017年12月底 长期坚持"


def test_task_evidence_must_point_at_own_data(w):
    task = Task.objects.create(organisation=w.yc, number=1, text="任务")
    peer = record(w, w.zz, published_at=at(2026, 11, 1, 9, 0))
    office = w.users["yc_office"]
    nothing_written(lambda: services.task_add_evidence(task=task, actor=office, kind="record", note="x",
                                                       record_id=peer.pk), TaskEvidence)
    nothing_written(lambda: services.task_add_evidence(task=task, actor=office, kind="link", note="x", url=""),
                    TaskEvidence)
    nothing_written(lambda: services.task_add_evidence(task=task, actor=office, kind="report", note="x",
                                                       report_id=999), TaskEvidence)
    own = record(w, w.yc, published_at=at(2026, 11, 1, 9, 0))
    ev = services.task_add_evidence(task=task, actor=office, kind="record", note="发布的通知", record_id=own.pk)
    assert ev.record == own


# ------------------------------------------------------------------ progress reports

def test_progress_deadlines_and_prefill(w):
    assert services.progress_due(PeriodKind.QUARTER, 2026, 3) == dt.date(2026, 9, 30)
    assert services.progress_due(PeriodKind.HALF, 2026, 1) == dt.date(2026, 7, 10)
    assert services.progress_due(PeriodKind.HALF, 2026, 2) == dt.date(2027, 1, 10)
    record(w, w.yc, published_at=at(2026, 8, 3, 9, 0))
    report = services.progress_open(organisation=w.yc, actor=w.users["yc_office"], kind=PeriodKind.QUARTER,
                                    year=2026, period=3)
    assert report.figures["records_published"]["value"] == 1
    assert report.figures["consultations"]["value"] == 0
    services.progress_edit(report=report, actor=w.users["yc_office"], narrative="第三季度进展")
    services.progress_submit(report=report, actor=w.users["yc_office"])
    report.refresh_from_db()
    assert report.submitted_late  # submitted 20 November for a report due 30 September
    period = metrics.Period.of(2026, 3, clock.now())
    late = metrics.progress_late({"ids": [w.yc.pk, w.zz.pk]}, period)
    assert late == {w.yc.pk: 1.0, w.zz.pk: 1.0}  # late, and missing


def test_progress_bad_input(w):
    office = w.users["yc_office"]
    nothing_written(lambda: services.progress_open(organisation=w.yc, actor=office, kind="month", year=2026,
                                                   period=1), ProgressReport)
    nothing_written(lambda: services.progress_open(organisation=w.yc, actor=office, kind="quarter", year=2026,
                                                   period=5), ProgressReport)
    nothing_written(lambda: services.progress_open(organisation=w.sx, actor=w.users["sx_office"], kind="quarter",
                                                   year=2026, period=1), ProgressReport)


# ------------------------------------------------------------------ evaluation

def _province_set(w):
    s = services.indicator_set_create(organisation=w.sx, actor=w.users["sx_supervisor"], year=2026)
    services.indicator_set_publish(indicator_set=s, actor=w.users["sx_supervisor"])
    return s


def test_scores_from_system_data_and_ranking(w):
    s = _province_set(w)
    assert s.indicators.count() == len(evaluation.DEFAULT_INDICATORS)
    assert sum(i.weight for i in s.indicators.all()) == Decimal(100)
    for n in range(30):
        record(w, w.yc, published_at=at(2026, 10, 2 + n % 20, 9, 0))
    record(w, w.zz, published_at=at(2026, 10, 5, 9, 0))
    evaluation.refresh(year=2026)
    ranking = selectors.ranking(s, 4)
    assert ranking[0].organisation == w.yc
    yc = Score.objects.get(indicator_set=s, organisation=w.yc, quarter=4)
    zz = Score.objects.get(indicator_set=s, organisation=w.zz, quarter=4)
    assert yc.breakdown["publish"] == 10.0 and zz.breakdown["publish"] == 0.33  # weight 10 since 双公示 (5) joined
    # No opinion event was due: nothing to measure is 不适用 (no free marks), its weight shared out.
    assert yc.breakdown["opinion"] is None and "opinion" in yc.not_applicable
    # The total is rescaled to the available weight.
    weights = {i.code: float(i.weight) for i in s.indicators.all()}
    avail = [c for c, v in yc.breakdown.items() if v is not None]
    assert yc.total == round(sum(yc.breakdown[c] for c in avail) * 100 / sum(weights[c] for c in avail), 1)
    # The drill-down lists the rows behind the figure.
    assert MetricValue.objects.get(organisation=w.yc, year=2026, quarter=4, metric="records_published").value == 30
    assert len(selectors.drill(w.yc, "records_published", 2026, 4)) == 30


def test_indicator_score_formula():
    ind = Indicator(code="x", weight=Decimal(10), metric="m", target=Decimal(4), higher_is_better=True)
    assert evaluation.indicator_score(ind, {"m": 2}) == 5.0
    assert evaluation.indicator_score(ind, {"m": 9}) == 10.0
    ind.higher_is_better = False
    assert evaluation.indicator_score(ind, {"m": 1}) == 7.5
    assert evaluation.indicator_score(ind, {"m": 5}) == 0.0
    assert evaluation.indicator_score(ind, {"m": None}) is None
    ind.base_metric, ind.higher_is_better, ind.target = "b", True, Decimal("0.5")
    assert evaluation.indicator_score(ind, {"m": 1, "b": 4}) == 5.0
    assert evaluation.indicator_score(ind, {"m": 0, "b": 0}) == evaluation.NOT_APPLICABLE  # nothing to measure


def test_indicator_edit_bad_input_writes_nothing(w):
    s = services.indicator_set_create(organisation=w.sx, actor=w.users["sx_supervisor"], year=2026)
    count = s.indicators.count()
    sup = w.users["sx_supervisor"]
    good = dict(code="a", category="信息公开", name="发布", weight="100", metric="records_published", target="3",
                higher_is_better=True)
    for bad in [dict(good, weight="60"), dict(good, metric="nope"), dict(good, code="A b"), dict(good, target="x"),
                dict(good, name="")]:
        nothing_written(lambda bad=bad: services.indicator_set_edit(indicator_set=s, actor=sup, rows=[bad]), Indicator)
    nothing_written(lambda: services.indicator_set_edit(indicator_set=s, actor=sup, rows=[good, dict(good)]), Indicator)
    assert s.indicators.count() == count
    services.indicator_set_edit(indicator_set=s, actor=sup, rows=[good])
    assert s.indicators.get().code == "a"
    v2 = services.indicator_set_create(organisation=w.sx, actor=sup, year=2026)
    assert v2.version == 2 and v2.indicators.get().code == "a"  # a new version copies the latest


def test_ancestor_set_applies_below(w):
    s = _province_set(w)
    assert evaluation.current_set(w.jc, 2026) == s
    assert evaluation.current_set(w.yc, 2025) is None


def test_accountability_needs_evidence_and_counts(w):
    items = {a.kind: a for a in services.accountabilities_for(organisation=w.yc, year=2026)}
    assert len(items) == 4
    office = w.users["yc_office"]
    item = items["press_conference"]
    from gongkai.oversight.models import Accountability
    nothing_written(lambda: services.accountability_complete(item=item, actor=office, done_on=dt.date(2026, 5, 1)),
                    Accountability)
    nothing_written(lambda: services.accountability_complete(item=item, actor=office, done_on=dt.date(2026, 12, 1),
                                                             evidence_url="/x/"), Accountability)
    nothing_written(lambda: services.accountability_complete(item=item, actor=office, done_on=dt.date(2025, 5, 1),
                                                             evidence_url="/x/"), Accountability)
    services.accountability_complete(item=item, actor=office, done_on=dt.date(2026, 5, 1), evidence_url="/x/")
    period = metrics.Period.of(2026, 4, clock.now())
    assert metrics.accountabilities_done({"ids": [w.yc.pk]}, period) == {w.yc.pk: 1.0}
    # The head's attendance is counted from the press-conference register (gongkai.outreach), not from
    # the office's declaration: nothing registered, nothing counted.
    assert metrics.press_conference_done({"ids": [w.yc.pk]}, period) == {w.yc.pk: 0.0}


def test_transitions_mark_the_organisation_for_refresh(w, django_capture_on_commit_callbacks):
    c = Column.objects.create(organisation=w.yc, name="栏目", rule=UpdateRule.MONTHLY)
    with django_capture_on_commit_callbacks(execute=True):
        services.column_log_update(column=c, actor=w.users["yc_office"])
    assert DirtyOrganisation.objects.filter(organisation=w.yc).exists()
    evaluation.refresh(year=2026, organisation_ids=[w.yc.pk])
    assert not DirtyOrganisation.objects.exists()
    assert selectors.freshness()["dirty"] == 0


def test_refresh_commands(w):
    import io
    from django.core.management import call_command
    out = io.StringIO()
    call_command("oversight_refresh_changed", stdout=out)
    assert "nothing to refresh" in out.getvalue()
    evaluation.mark_dirty(w.yc.pk)
    call_command("oversight_refresh_changed", stdout=out)
    assert not DirtyOrganisation.objects.exists()
    assert set(MetricValue.objects.values_list("organisation_id", flat=True)) == {w.yc.pk}
    call_command("oversight_refresh", "--year", "2026", stdout=out)
    assert MetricValue.objects.values("organisation_id").distinct().count() == 8
    from django.conf import settings
    assert settings.GONGKAI_SCHEDULED_COMMANDS["oversight_refresh_changed"] == "every 5 minutes"


def test_engagement_figures_and_their_absence(w, monkeypatch):
    from gongkai.engagement.models import OpinionEvent
    OpinionEvent.objects.create(organisation=w.yc, source="微博", summary="某企业事故传言", first_seen_at=at(2026, 11, 2, 8, 0),
                                response_due=at(2026, 11, 2, 13, 0))
    OpinionEvent.objects.create(organisation=w.yc, source="网站", summary="已按时回应", first_seen_at=at(2026, 11, 3, 8, 0),
                                response_due=at(2026, 11, 3, 13, 0), responded_at=at(2026, 11, 3, 12, 0),
                                status="responded")
    period = metrics.Period.of(2026, 4, clock.now())
    scope = {"ids": [w.yc.pk, w.zz.pk]}
    assert metrics.opinion_events_late(scope, period) == {w.yc.pk: 1.0}
    [row] = metrics.METRICS["opinion_events_late"].rows(w.yc, period)
    assert "某企业事故传言" in row.title
    s = _province_set(w)
    evaluation.refresh(year=2026)
    yc = Score.objects.get(indicator_set=s, organisation=w.yc, quarter=4)
    assert yc.breakdown["opinion"] == 0.0  # one late event of a target of 1 takes the whole weight
    # Without the engagement module the figures are not available: excluded and the total rescaled.
    monkeypatch.setattr("gongkai.oversight.sources.engagement_available", lambda: False)
    assert metrics.METRICS["opinion_events_late"].compute(scope, period) == {w.yc.pk: None, w.zz.pk: None}
    evaluation.refresh(year=2026)
    yc = Score.objects.get(indicator_set=s, organisation=w.yc, quarter=4)
    assert yc.breakdown["opinion"] is None and yc.breakdown["messages"] is None
    assert MetricValue.objects.get(organisation=w.yc, year=2026, quarter=4, metric="consultations").value is None
    weights = {i.code: float(i.weight) for i in s.indicators.all()}
    avail = [c for c, v in yc.breakdown.items() if v is not None]
    # 15 points not available (opinion, messages); the repost and request indicators have nothing to
    # measure in this world (不适用): their weight is shared out too.
    # (the live-broadcast indicator reads engagement meetings: not available either)
    assert sum(weights[c] for c in avail) == 100 - 15 - 2 - sum(weights[c] for c in yc.not_applicable)
    assert yc.total == round(sum(yc.breakdown[c] for c in avail) * 100 / sum(weights[c] for c in avail), 1)
