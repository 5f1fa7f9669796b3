"""Writes of the oversight app. Keyword-only ``<entity>_<action>`` functions that validate their
input, then run a declared transition through the workflow kernel (or, for creations, write
the row and one audit event inside one transaction)."""
from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from importlib import resources

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require
from gongkai.workdays import calendar

from . import metrics, sources
from .events import OversightEvent as E
from .models import (Accountability, Column, Indicator, IndicatorSet, ProgressReport, Repost, RepostNotice, Task,
                     TaskEvidence)
from .states import (AccountabilityKind, ColumnStatus, EvidenceKind, IndicatorSetStatus, PeriodKind, Recurrence,
                     UpdateRule)
from .workflows import (ACCOUNTABILITY_WORKFLOW, COLUMN_WORKFLOW, INDICATOR_WORKFLOW, PROGRESS_WORKFLOW,
                        REPOST_WORKFLOW, TASK_WORKFLOW)

URL = re.compile(r"^(https?://[^\s<>\"']+|/[^\s<>\"']*)$")


def package_data() -> dict:
    """The parsed seed 003 tables shipped with the product (``data/seed003.json``)."""
    return json.loads(resources.files("gongkai.oversight").joinpath("data/seed003.json").read_text("utf-8"))


def _text(value, label, problems, *, required=True, max_length=300) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if required and not value:
        problems.append(_("请填写%(field)s。") % {"field": label})
    elif len(value) > max_length:
        problems.append(_("%(field)s不能超过%(n)d个字。") % {"field": label, "n": max_length})
    return value


def _url(value, label, problems, *, required=False) -> str:
    value = _text(value, label, problems, required=required)
    if value and not URL.match(value):
        problems.append(_("%(field)s须为 http(s) 链接或站内地址。") % {"field": label})
    return value


def _fail(problems):
    if problems:
        raise ValidationFailed(_("输入有误，未作任何修改。"), problems=problems)


# ------------------------------------------------------------------ columns

def _catalog_keys(value, problems) -> list[str]:
    if isinstance(value, str):
        value = [k for k in re.split(r"[\s,，、]+", value) if k]
    keys = [str(k).strip() for k in (value or [])]
    if any(len(k) > 80 or not re.match(r"^[\w.\-:]+$", k) for k in keys):
        problems.append(_("目录事项标识只能包含字母、数字、点、横线和下划线。"))
    return sorted(set(keys))


def column_create(*, organisation: Organisation, actor, name: str, parent: Column | None = None,
                  lead_unit: str = "", cooperating_units: str = "", rule: str = UpdateRule.UNDETERMINED,
                  rule_text: str = "", catalog_keys=(), trusted: bool = False) -> Column:
    if not trusted:
        require(actor, Action.OVERSIGHT_EDIT, organisation)
    problems: list[str] = []
    name = _text(name, _("栏目名称"), problems, max_length=120)
    lead_unit = _text(lead_unit, _("牵头责任单位"), problems, required=False, max_length=200)
    cooperating_units = _text(cooperating_units, _("配合责任单位"), problems, required=False, max_length=200)
    if rule not in UpdateRule.values:
        problems.append(_("请选择更新要求。"))
    keys = _catalog_keys(catalog_keys, problems)
    if parent is not None and (parent.organisation_id != organisation.pk or parent.parent_id is not None):
        problems.append(_("上级栏目须为本机构的一级栏目。"))
    if Column.objects.filter(organisation=organisation, parent=parent, name=name).exists():
        problems.append(_("已有同名栏目“%(name)s”。") % {"name": name})
    _fail(problems)
    with transaction.atomic():
        column = Column.objects.create(
            organisation=organisation, parent=parent, name=name, lead_unit=lead_unit,
            cooperating_units=cooperating_units, rule=rule, rule_text=rule_text, catalog_keys=keys,
            position=Column.objects.filter(organisation=organisation).count())
        audit.record(E.COLUMN_CREATED, actor=actor, organisation=organisation, target=column,
                     after={"name": name, "status": column.status})
    return column


def column_edit(*, column: Column, actor, lead_unit: str, cooperating_units: str, rule: str, rule_text: str = "",
                catalog_keys=(), sync_with: Column | None = None) -> Column:
    problems: list[str] = []
    lead_unit = _text(lead_unit, _("牵头责任单位"), problems, required=False, max_length=200)
    cooperating_units = _text(cooperating_units, _("配合责任单位"), problems, required=False, max_length=200)
    rule_text = _text(rule_text, _("更新要求原文"), problems, required=False, max_length=1000)
    if rule not in UpdateRule.values:
        problems.append(_("请选择更新要求。"))
    if rule == UpdateRule.SYNC and sync_with is None:
        problems.append(_("“同步”的更新要求须选择同步的栏目。"))
    if sync_with is not None and (sync_with.organisation_id != column.organisation_id or sync_with.pk == column.pk):
        problems.append(_("同步栏目须为本机构的其他栏目。"))
    keys = _catalog_keys(catalog_keys, problems)
    _fail(problems)

    def apply(c):
        c.lead_unit, c.cooperating_units, c.rule, c.rule_text = lead_unit, cooperating_units, rule, rule_text
        c.catalog_keys, c.sync_with = keys, sync_with

    return COLUMN_WORKFLOW.run("edit", column, actor=actor, apply=apply,
                               extra={"rule": rule, "catalog_keys": keys}).instance


def column_log_update(*, column: Column, actor, when: dt.datetime | None = None, note: str = "") -> Column:
    """Record an update of a column whose content is not a catalog record (e.g. 领导简介)."""
    when = when or clock.now()
    if when > clock.now():
        raise ValidationFailed(_("更新时间不能晚于现在。"), problems=[_("更新时间不能晚于现在。")])

    def apply(c):
        c.last_manual_update = when

    return COLUMN_WORKFLOW.run("log_update", column, actor=actor, apply=apply, reason=note[:300]).instance


def column_retire(*, column: Column, actor, reason: str) -> Column:
    problems: list[str] = []
    reason = _text(reason, _("停用理由"), problems)
    _fail(problems)
    return COLUMN_WORKFLOW.run("retire", column, actor=actor, reason=reason).instance


def columns_import(*, organisation: Organisation, actor=None, data: dict | None = None) -> dict[str, int]:
    """Create the column tree of seed 003 附件2 for `organisation` (idempotent; existing columns are kept)."""
    data = data or package_data()
    created = kept = 0
    with transaction.atomic():
        firsts: dict[str, Column] = {}
        for pos, row in enumerate(data["columns"]):
            first_name = row["first"]
            parent = firsts.get(first_name)
            if parent is None:
                parent, made = Column.objects.get_or_create(
                    organisation=organisation, parent=None, name=first_name,
                    defaults={"position": pos, "source": {"cells": [first_name]}})
                firsts[first_name] = parent
                created += made
            if not row["second"]:
                # A first-level column without second-level columns carries the row itself.
                target, made = parent, False
                if not parent.rule_text and parent.rule == UpdateRule.UNDETERMINED:
                    _fill(parent, row)
                    parent.save()
                continue
            if Column.objects.filter(organisation=organisation, parent=parent, name=row["second"]).exists():
                kept += 1
                continue
            column = Column(organisation=organisation, parent=parent, name=row["second"], position=pos)
            _fill(column, row)
            column.save()
            created += 1
            audit.record(E.COLUMN_IMPORTED, actor=actor, organisation=organisation, target=column,
                         after={"status": column.status}, reason=data.get("source", ""))
    return {"created": created, "kept": kept}


def _fill(column: Column, row: dict) -> None:
    column.lead_unit = row["lead_unit"][:200]
    column.cooperating_units = row["cooperating_units"][:200]
    column.rule = row["rule"]
    column.rule_days = row["rule_days"]
    column.rule_text = row["rule_text"]
    column.source = row["source"]
    column.flags = row["flags"]


# ------------------------------------------------------------------ reposting

def repost_notice_issue(*, organisation: Organisation, actor, title: str, url: str,
                        published_at: dt.datetime | None = None, record_id: int | None = None) -> RepostNotice:
    """Push information published by `organisation` to every organisation below it for reposting."""
    require(actor, Action.OVERSIGHT_ISSUE, organisation)
    problems: list[str] = []
    title = _text(title, _("标题"), problems)
    url = _url(url, _("原文链接"), problems, required=True)
    published_at = published_at or clock.now()
    if published_at > clock.now() + dt.timedelta(minutes=1):
        problems.append(_("发布时间不能晚于现在。"))
    record = None
    if record_id:
        record = sources.record_of(organisation.pk, record_id)
        if record is None:
            problems.append(_("所选原文不是本机构发布的信息。"))
    subordinates = list(organisation.descendants())
    if not subordinates:
        problems.append(_("本机构没有下级机构，无需推送转载。"))
    _fail(problems)
    target_at = published_at + dt.timedelta(hours=1)
    local = timezone.localtime(published_at)
    due_day = calendar.add_working_days(local.date(), 1)
    due_at = timezone.make_aware(dt.datetime.combine(due_day, dt.time(23, 59, 59)), timezone.get_current_timezone())
    with transaction.atomic():
        notice = RepostNotice.objects.create(organisation=organisation, title=title, url=url, record=record,
                                             published_at=published_at, created_by=actor)
        Repost.objects.bulk_create([Repost(notice=notice, organisation=o, target_at=target_at, due_at=due_at)
                                    for o in subordinates])
        audit.record(E.REPOST_PUSHED, actor=actor, organisation=organisation, target=notice,
                     after={"count": len(subordinates)})
    return notice


def repost_confirm(*, repost: Repost, actor, url: str, reposted_at: dt.datetime | None = None) -> Repost:
    problems: list[str] = []
    url = _url(url, _("转载链接"), problems, required=True)
    reposted_at = reposted_at or clock.now()
    if reposted_at > clock.now() + dt.timedelta(minutes=1):
        problems.append(_("转载时间不能晚于现在。"))
    if reposted_at < repost.notice.published_at:
        problems.append(_("转载时间不能早于上级发布时间。"))
    _fail(problems)

    def apply(r):
        r.url, r.reposted_at = url, reposted_at

    return REPOST_WORKFLOW.run("confirm", repost, actor=actor, apply=apply,
                               extra={"late": reposted_at > repost.due_at}).instance


# ------------------------------------------------------------------ tasks

def tasks_import(*, organisation: Organisation, actor=None, data: dict | None = None) -> dict[str, int]:
    """Create the task division of seed 003 附件1 for `organisation` (idempotent by number)."""
    data = data or package_data()
    created = 0
    with transaction.atomic():
        for row in data["tasks"]:
            if Task.objects.filter(organisation=organisation, number=row["number"]).exists():
                continue
            task = Task.objects.create(
                organisation=organisation, number=row["number"], text=row["text"],
                lead_units=row["lead_units"][:200], responsible_units=row["responsible_units"][:200],
                due_text=row["due_text"][:200], due_date=row["due_date"], recurrence=row["recurrence"],
                recurrence_month=row["recurrence_month"], source=row["source"], flags=row["flags"])
            audit.record(E.TASK_IMPORTED, actor=actor, organisation=organisation, target=task,
                         after={"status": task.status}, reason=data.get("source", ""))
            created += 1
    return {"created": created}


def task_add_evidence(*, task: Task, actor, kind: str, note: str, url: str = "", record_id=None,
                      report_id=None, progress_id=None) -> TaskEvidence:
    problems: list[str] = []
    note = _text(note, _("说明"), problems)
    url = _url(url, _("链接"), problems)
    if kind not in EvidenceKind.values:
        problems.append(_("请选择佐证材料类型。"))
    record = report = progress = None
    if kind == EvidenceKind.RECORD:
        record = sources.record_of(task.organisation_id, record_id) if record_id else None
        if record is None:
            problems.append(_("请填写本机构政府信息的编号。"))
    elif kind == EvidenceKind.REPORT:
        from gongkai.reports.selectors import published_reports
        report = published_reports().filter(pk=report_id or 0, organisation_id=task.organisation_id).first()
        if report is None:
            problems.append(_("请填写本机构已发布年度报告的编号。"))
    elif kind == EvidenceKind.PROGRESS:
        progress = ProgressReport.objects.filter(pk=progress_id or 0, organisation_id=task.organisation_id).first()
        if progress is None:
            problems.append(_("请填写本机构进展报告的编号。"))
    elif not url:
        problems.append(_("请填写链接。"))
    _fail(problems)
    created = []

    def apply(t):
        created.append(TaskEvidence.objects.create(task=t, kind=kind, record=record, report=report, progress=progress,
                                                   url=url, note=note, added_by=actor, added_at=clock.now()))

    TASK_WORKFLOW.run("add_evidence", task, actor=actor, apply=apply, reason=note)
    return created[0]


def task_complete(*, task: Task, actor, completed_on: dt.date | None = None) -> Task:
    completed_on = completed_on or clock.today()
    if completed_on > clock.today():
        raise ValidationFailed(_("完成日期不能晚于今天。"), problems=[_("完成日期不能晚于今天。")])

    def apply(t):
        t.completed_on = completed_on

    return TASK_WORKFLOW.run("complete", task, actor=actor, apply=apply).instance


def task_reopen(*, task: Task, actor, reason: str) -> Task:
    problems: list[str] = []
    reason = _text(reason, _("理由"), problems)
    _fail(problems)

    def apply(t):
        t.completed_on = None

    return TASK_WORKFLOW.run("reopen", task, actor=actor, apply=apply, reason=reason).instance


# ------------------------------------------------------------------ progress reports

def progress_due(kind: str, year: int, period: int) -> dt.date:
    """Quarterly: the last day of the quarter (seed 000 三(三) “每季度末报送工作进展”).
    Half-yearly: 10 July for the first half, 10 January of the next year for the whole year (seed 001 五(二))."""
    if kind == PeriodKind.QUARTER:
        return metrics.quarter_due(year, period)
    return dt.date(year, 7, 10) if period == 1 else dt.date(year + 1, 1, 10)


def progress_period_bounds(kind: str, year: int, period: int) -> list[int]:
    """The quarters a report covers."""
    if kind == PeriodKind.QUARTER:
        return [period]
    return [1, 2] if period == 1 else [1, 2, 3, 4]


def progress_figures(organisation: Organisation, kind: str, year: int, period: int) -> dict:
    """The system's figures for the report period (live, summed over the quarters it covers)."""
    now = clock.now()
    out: dict[str, dict] = {}
    quarters = [q for q in progress_period_bounds(kind, year, period) if metrics.Period.of(year, q, now).start < now]
    for key, metric in metrics.METRICS.items():
        missing = 0.0 if metric.available() else None
        values = [metric.compute({"ids": [organisation.pk]}, metrics.Period.of(year, q, now)).get(organisation.pk, missing)
                  for q in quarters]
        if any(v is None for v in values) or not values:
            value = None
        elif key in {"columns_stale", "columns_empty", "homepage_idle_days", "inspection_vetoes",
                     "accountabilities_done", "press_conference_done", "tasks_overdue"}:
            value = values[-1]  # a state at the end of the period, not a sum
        else:
            value = sum(values)
        out[key] = {"label": str(metric.label), "unit": str(metric.unit), "value": value}
    from gongkai.catalog.selectors import published_catalogs
    out["catalogs_published"] = {"label": _("已发布的标准目录"), "unit": _("个"),
                                 "value": published_catalogs(organisation).count()}
    return out


def progress_open(*, organisation: Organisation, actor, kind: str, year: int, period: int) -> ProgressReport:
    require(actor, Action.OVERSIGHT_EDIT, organisation)
    problems: list[str] = []
    if kind not in PeriodKind.values:
        problems.append(_("请选择报告周期。"))
    elif not (1 <= int(period) <= (4 if kind == PeriodKind.QUARTER else 2)):
        problems.append(_("期次不正确。"))
    if not (2000 <= int(year) <= clock.today().year + 1):
        problems.append(_("年度不正确。"))
    if organisation.parent_id is None:
        problems.append(_("本机构没有上级机构，无需报送进展报告。"))
    _fail(problems)
    existing = ProgressReport.objects.filter(organisation=organisation, kind=kind, year=year, period=period).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                organisation=organisation, kind=kind, year=year, period=period,
                due_date=progress_due(kind, year, period), created_by=actor,
                figures=progress_figures(organisation, kind, year, period))
            audit.record(E.PROGRESS_OPENED, actor=actor, organisation=organisation, target=report,
                         after={"status": report.status})
    except IntegrityError:
        return ProgressReport.objects.get(organisation=organisation, kind=kind, year=year, period=period)
    return report


def progress_edit(*, report: ProgressReport, actor, narrative: str, refresh_figures: bool = False) -> ProgressReport:
    problems: list[str] = []
    narrative = _text(narrative, _("工作进展"), problems, required=False, max_length=20000)
    _fail(problems)
    figures = progress_figures(report.organisation, report.kind, report.year, report.period) if refresh_figures else None

    def apply(r):
        r.narrative = narrative
        if figures is not None:
            r.figures = figures

    return PROGRESS_WORKFLOW.run("edit", report, actor=actor, apply=apply).instance


def progress_submit(*, report: ProgressReport, actor) -> ProgressReport:
    figures = progress_figures(report.organisation, report.kind, report.year, report.period)

    def apply(r):
        r.figures = figures  # the figures as of submission
        r.submitted_at = clock.now()

    return PROGRESS_WORKFLOW.run("submit", report, actor=actor, apply=apply,
                                 extra={"late": clock.today() > report.due_date}).instance


def progress_return(*, report: ProgressReport, actor, comment: str) -> ProgressReport:
    problems: list[str] = []
    comment = _text(comment, _("退回意见"), problems, max_length=2000)
    _fail(problems)

    def apply(r):
        r.review_comment, r.reviewed_at = comment, clock.now()

    return PROGRESS_WORKFLOW.run("return", report, actor=actor, apply=apply, reason=comment).instance


def progress_accept(*, report: ProgressReport, actor, comment: str = "") -> ProgressReport:
    problems: list[str] = []
    comment = _text(comment, _("审核意见"), problems, required=False, max_length=2000)
    _fail(problems)

    def apply(r):
        r.review_comment, r.reviewed_at = comment, clock.now()

    return PROGRESS_WORKFLOW.run("accept", report, actor=actor, apply=apply, reason=comment).instance


# ------------------------------------------------------------------ evaluation indicators

def indicator_set_create(*, organisation: Organisation, actor, year: int, copy_from: IndicatorSet | None = None,
                         note: str = "") -> IndicatorSet:
    """A new version of the organisation's indicator set for `year` (a copy of the latest, else the defaults)."""
    from . import evaluation
    require(actor, Action.EVALUATION_EDIT, organisation)
    problems: list[str] = []
    if not (2000 <= int(year) <= clock.today().year + 1):
        problems.append(_("年度不正确。"))
    note = _text(note, _("说明"), problems, required=False)
    _fail(problems)
    with transaction.atomic():
        latest = IndicatorSet.objects.select_for_update().filter(organisation=organisation, year=year) \
            .order_by("-version").first()
        source = copy_from or latest or IndicatorSet.objects.filter(organisation=organisation, year__lt=year) \
            .order_by("-year", "-version").first()
        iset = IndicatorSet.objects.create(organisation=organisation, year=year,
                                           version=(latest.version + 1) if latest else 1, note=note)
        if source is not None:
            rows = [dict(code=i.code, category=i.category, name=i.name, weight=i.weight, metric=i.metric,
                         base_metric=i.base_metric, higher_is_better=i.higher_is_better, target=i.target,
                         source=i.source, position=i.position) for i in source.indicators.all()]
        else:
            rows = list(evaluation.default_rows())
        Indicator.objects.bulk_create([Indicator(indicator_set=iset, **r) for r in rows])
        audit.record(E.INDICATORS_CREATED, actor=actor, organisation=organisation, target=iset,
                     after={"status": iset.status, "version": iset.version})
    return iset


def indicator_set_edit(*, indicator_set: IndicatorSet, actor, rows: list[dict]) -> IndicatorSet:
    """Replace the indicators of a draft set. Each row: code, category, name, weight, metric, base_metric,
    higher_is_better, target, source."""
    problems: list[str] = []
    clean_rows, codes = [], set()
    for n, row in enumerate(rows, 1):
        where = _("第%(n)d行") % {"n": n}
        code = (row.get("code") or "").strip()
        if not re.match(r"^[a-z][a-z0-9_]{0,39}$", code):
            problems.append(_("%(where)s：代码须为小写字母开头的字母、数字或下划线。") % {"where": where})
        elif code in codes:
            problems.append(_("%(where)s：代码“%(code)s”重复。") % {"where": where, "code": code})
        codes.add(code)
        name = (row.get("name") or "").strip()
        category = (row.get("category") or "").strip()
        if not name or len(name) > 120 or not category or len(category) > 40:
            problems.append(_("%(where)s：请填写指标名称和类别。") % {"where": where})
        try:
            weight = Decimal(str(row.get("weight", "")).strip())
            target = Decimal(str(row.get("target", "")).strip())
            if not (Decimal(0) <= weight <= Decimal(100)) or target < 0 or target > Decimal(10 ** 6):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            problems.append(_("%(where)s：分值须为0到100之间的数，满分标准须为非负数。") % {"where": where})
            weight = target = Decimal(0)
        metric = row.get("metric") or ""
        base = row.get("base_metric") or ""
        if metric not in metrics.METRICS or (base and base not in metrics.METRICS):
            problems.append(_("%(where)s：请选择系统中的数据项。") % {"where": where})
        clean_rows.append(dict(code=code, category=category, name=name, weight=weight, metric=metric,
                               base_metric=base, higher_is_better=bool(row.get("higher_is_better")), target=target,
                               source=(row.get("source") or "").strip()[:200], position=n))
    if not clean_rows:
        problems.append(_("至少需要一项指标。"))
    elif sum(r["weight"] for r in clean_rows) != Decimal(100):
        problems.append(_("各指标分值合计须为100（现为%(sum)s）。") % {"sum": sum(r["weight"] for r in clean_rows)})
    _fail(problems)

    def apply(s):
        s.indicators.all().delete()
        Indicator.objects.bulk_create([Indicator(indicator_set=s, **r) for r in clean_rows])

    return INDICATOR_WORKFLOW.run("edit", indicator_set, actor=actor, apply=apply,
                                  extra={"indicators": len(clean_rows)}).instance


def indicator_set_publish(*, indicator_set: IndicatorSet, actor) -> IndicatorSet:
    def apply(s):
        s.published_at = clock.now()

    return INDICATOR_WORKFLOW.run("publish", indicator_set, actor=actor, apply=apply).instance


# ------------------------------------------------------------------ accountabilities

def accountabilities_for(*, organisation: Organisation, year: int) -> list[Accountability]:
    """The four yearly accountabilities of `organisation` (rows created on first read)."""
    rows = []
    for kind in AccountabilityKind.values:
        row, _created = Accountability.objects.get_or_create(organisation=organisation, year=year, kind=kind)
        rows.append(row)
    return rows


def accountability_complete(*, item: Accountability, actor, done_on: dt.date, responsible: str = "",
                            evidence_url: str = "", record_id=None, note: str = "") -> Accountability:
    problems: list[str] = []
    if not isinstance(done_on, dt.date):
        problems.append(_("请填写完成日期。"))
    elif done_on > clock.today() or done_on.year != item.year:
        problems.append(_("完成日期须在%(year)s年内且不晚于今天。") % {"year": item.year})
    responsible = _text(responsible, _("责任人职务"), problems, required=False, max_length=80)
    evidence_url = _url(evidence_url, _("佐证链接"), problems)
    note = _text(note, _("说明"), problems, required=False)
    record = None
    if record_id:
        record = sources.record_of(item.organisation_id, record_id)
        if record is None:
            problems.append(_("佐证信息须为本机构的政府信息。"))
    if not (evidence_url or record):
        problems.append(_("请提供佐证：本机构的政府信息编号或链接。"))
    _fail(problems)

    def apply(a):
        a.done_on, a.responsible, a.evidence_url, a.record, a.note = done_on, responsible, evidence_url, record, note

    return ACCOUNTABILITY_WORKFLOW.run("complete", item, actor=actor, apply=apply, reason=note).instance


def accountability_reopen(*, item: Accountability, actor, reason: str) -> Accountability:
    problems: list[str] = []
    reason = _text(reason, _("理由"), problems)
    _fail(problems)

    def apply(a):
        a.done_on = None

    return ACCOUNTABILITY_WORKFLOW.run("reopen", item, actor=actor, apply=apply, reason=reason).instance
