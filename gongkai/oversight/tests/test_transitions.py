"""Every declared transition, table-driven: the right actor in the right state succeeds (new
state, exactly one audit row); a wrong state raises InvalidTransition; a wrong actor raises
PermissionDenied; neither failure writes anything."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict

from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent
from gongkai.oversight import services
from gongkai.oversight.models import (Accountability, Column, Indicator, IndicatorSet, ProgressReport, Repost,
                                      RepostNotice, Task, TaskEvidence)
from gongkai.oversight.states import (AccountabilityKind, ColumnStatus, IndicatorSetStatus, PeriodKind,
                                      ProgressStatus, RepostStatus, TaskStatus, UpdateRule)

from .factories import at


def column(w, status=ColumnStatus.ACTIVE):
    return Column.objects.create(organisation=w.yc, name=f"栏目{Column.objects.count()}", status=status,
                                 rule=UpdateRule.MONTHLY)


def repost(w, status=RepostStatus.PENDING):
    notice = RepostNotice.objects.create(organisation=w.sx, title="上级信息", url="/x/",
                                         published_at=at(2026, 11, 19, 9, 0))
    return Repost.objects.create(notice=notice, organisation=w.yc, status=status, target_at=at(2026, 11, 19, 10, 0),
                                 due_at=at(2026, 11, 20, 23, 59), reposted_at=at(2026, 11, 19, 9, 30)
                                 if status == RepostStatus.REPOSTED else None)


def task(w, status=TaskStatus.OPEN, evidence=True):
    t = Task.objects.create(organisation=w.yc, number=Task.objects.count() + 1, text="任务", status=status)
    if evidence:
        TaskEvidence.objects.create(task=t, kind="link", url="/x/", note="佐证", added_by=None,
                                    added_at=at(2026, 11, 1, 9, 0))
    return t


def progress(w, status=ProgressStatus.DRAFT, narrative="本季度工作进展。"):
    return ProgressReport.objects.create(organisation=w.yc, kind=PeriodKind.QUARTER, year=2026,
                                         period=ProgressReport.objects.count() % 4 + 1, due_date=dt.date(2026, 9, 30),
                                         status=status, narrative=narrative)


def iset(w, status=IndicatorSetStatus.DRAFT):
    s = IndicatorSet.objects.create(organisation=w.sx, year=2026, version=IndicatorSet.objects.count() + 1,
                                    status=status)
    Indicator.objects.create(indicator_set=s, code="publish", category="信息公开", name="发布", weight=100,
                             metric="records_published", target=10)
    return s


def accountability(w, status="pending"):
    return Accountability.objects.create(organisation=w.yc, year=2026, kind=AccountabilityKind.HEAR_REPORT,
                                         status=status, done_on=dt.date(2026, 3, 1) if status == "done" else None)


ROWS = [
    # (name, make(w, state), good state, wrong state or None, run(obj, actor), good actor, bad actors, expected state)
    ("column.edit", column, ColumnStatus.ACTIVE, ColumnStatus.RETIRED,
     lambda o, a: services.column_edit(column=o, actor=a, lead_unit="办公室", cooperating_units="", rule="quarterly"),
     "yc_office", ["zz_office", "jc_supervisor", "yc_leader"], ColumnStatus.ACTIVE),
    ("column.log_update", column, ColumnStatus.ACTIVE, ColumnStatus.RETIRED,
     lambda o, a: services.column_log_update(column=o, actor=a), "yc_office", ["zz_office", "sx_supervisor"],
     ColumnStatus.ACTIVE),
    ("column.retire", column, ColumnStatus.ACTIVE, ColumnStatus.RETIRED,
     lambda o, a: services.column_retire(column=o, actor=a, reason="栏目合并"), "yc_office", ["zz_office", "yc_leader"],
     ColumnStatus.RETIRED),
    ("repost.confirm", repost, RepostStatus.PENDING, RepostStatus.REPOSTED,
     lambda o, a: services.repost_confirm(repost=o, actor=a, url="/records/1/"), "yc_office",
     ["zz_office", "jc_supervisor"], RepostStatus.REPOSTED),
    ("task.add_evidence", task, TaskStatus.OPEN, None,
     lambda o, a: services.task_add_evidence(task=o, actor=a, kind="link", note="会议纪要", url="/x/"), "yc_office",
     ["zz_office", "yc_leader"], TaskStatus.OPEN),
    ("task.complete", task, TaskStatus.OPEN, TaskStatus.DONE,
     lambda o, a: services.task_complete(task=o, actor=a), "yc_office", ["zz_office", "jc_supervisor"], TaskStatus.DONE),
    ("task.reopen", task, TaskStatus.DONE, TaskStatus.OPEN,
     lambda o, a: services.task_reopen(task=o, actor=a, reason="需补充材料"), "yc_office", ["yc_leader"], TaskStatus.OPEN),
    ("progress.edit", progress, ProgressStatus.DRAFT, ProgressStatus.SUBMITTED,
     lambda o, a: services.progress_edit(report=o, actor=a, narrative="修改"), "yc_office",
     ["jc_supervisor", "zz_office"], ProgressStatus.DRAFT),
    ("progress.submit", progress, ProgressStatus.RETURNED, ProgressStatus.ACCEPTED,
     lambda o, a: services.progress_submit(report=o, actor=a), "yc_office", ["yc_leader", "jc_supervisor"],
     ProgressStatus.SUBMITTED),
    ("progress.return", progress, ProgressStatus.SUBMITTED, ProgressStatus.DRAFT,
     lambda o, a: services.progress_return(report=o, actor=a, comment="请补充转载情况"), "jc_supervisor",
     ["yc_office", "zz_office", "yc_leader"], ProgressStatus.RETURNED),
    ("progress.accept", progress, ProgressStatus.SUBMITTED, ProgressStatus.RETURNED,
     lambda o, a: services.progress_accept(report=o, actor=a), "sx_supervisor", ["yc_office", "jc_office"],
     ProgressStatus.ACCEPTED),
    ("indicators.edit", iset, IndicatorSetStatus.DRAFT, IndicatorSetStatus.PUBLISHED,
     lambda o, a: services.indicator_set_edit(indicator_set=o, actor=a, rows=[dict(
         code="publish", category="信息公开", name="发布", weight="100", metric="records_published", target="5",
         higher_is_better=True)]), "sx_supervisor", ["jc_supervisor", "sx_office", "yc_office"],
     IndicatorSetStatus.DRAFT),
    ("indicators.publish", iset, IndicatorSetStatus.DRAFT, IndicatorSetStatus.PUBLISHED,
     lambda o, a: services.indicator_set_publish(indicator_set=o, actor=a), "sx_supervisor",
     ["jc_supervisor", "sx_office"], IndicatorSetStatus.PUBLISHED),
    ("accountability.complete", accountability, "pending", "done",
     lambda o, a: services.accountability_complete(item=o, actor=a, done_on=dt.date(2026, 5, 6),
                                                   evidence_url="/records/9/"), "yc_office",
     ["jc_supervisor", "zz_office", "yc_leader"], "done"),
    ("accountability.reopen", accountability, "done", "pending",
     lambda o, a: services.accountability_reopen(item=o, actor=a, reason="误登记"), "yc_office", ["sx_supervisor"],
     "pending"),
]


def _snapshot(obj):
    obj.refresh_from_db()
    return model_to_dict(obj)


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_right_actor_right_state(w, row):
    name, make, good_state, _wrong, run, good, _bad, expected = row
    obj = make(w, good_state)
    before = AuditEvent.objects.count()
    run(obj, w.users[good])
    obj.refresh_from_db()
    assert obj.status == expected
    assert AuditEvent.objects.count() == before + 1


@pytest.mark.parametrize("row", [r for r in ROWS if r[3] is not None], ids=[r[0] for r in ROWS if r[3] is not None])
def test_wrong_state_is_refused_and_writes_nothing(w, row):
    name, make, _good_state, wrong, run, good, _bad, _expected = row
    obj = make(w, wrong)
    snap, before = _snapshot(obj), AuditEvent.objects.count()
    with pytest.raises(InvalidTransition):
        run(obj, w.users[good])
    assert _snapshot(obj) == snap and AuditEvent.objects.count() == before


@pytest.mark.parametrize("row,bad", [(r, b) for r in ROWS for b in r[6]], ids=[f"{r[0]}-{b}" for r in ROWS for b in r[6]])
def test_wrong_actor_is_refused_and_writes_nothing(w, row, bad):
    name, make, good_state, _wrong, run, _good, _bad, _expected = row
    obj = make(w, good_state)
    snap, before = _snapshot(obj), AuditEvent.objects.count()
    evidence = TaskEvidence.objects.count()
    with pytest.raises(PermissionDenied):
        run(obj, w.users[bad])
    assert _snapshot(obj) == snap and AuditEvent.objects.count() == before
    assert TaskEvidence.objects.count() == evidence


def test_conditions_guard_completion_and_submission(w):
    bare = task(w, evidence=False)
    with pytest.raises(InvalidTransition, match="佐证"):
        services.task_complete(task=bare, actor=w.users["yc_office"])
    empty = progress(w, narrative="  ")
    with pytest.raises(InvalidTransition, match="工作进展"):
        services.progress_submit(report=empty, actor=w.users["yc_office"])
    unused = IndicatorSet.objects.create(organisation=w.sx, year=2026, version=99)
    with pytest.raises(InvalidTransition, match="还没有指标"):
        services.indicator_set_publish(indicator_set=unused, actor=w.users["sx_supervisor"])
    assert bare.status == TaskStatus.OPEN and not AuditEvent.objects.filter(action__startswith="oversight.").exists()


def test_history_reads_in_words(w):
    from gongkai.core import audit
    report = progress(w, ProgressStatus.SUBMITTED)
    services.progress_return(report=report, actor=w.users["jc_supervisor"], comment="请补充转载情况")
    [entry] = audit.readable_history(report)
    assert entry["what"] == "进展报告已退回"
    assert entry["changes"] == ["状态：已报送 → 已退回"]
    assert entry["reason"] == "请补充转载情况"
    assert "jc_supervisor" not in entry["who"]
