"""The figures the oversight app computes from system data, per organisation and quarter.

Each metric computes the figure for many organisations at once (one grouped query, used by the
refresh that fills ``MetricValue``) and lists the rows behind the figure for one organisation
(the drill-down, always live). A figure whose source is not available in this installation is
``None`` — shown as “不可用”, never as zero.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import sources
from .models import Accountability, Column, ProgressReport, Repost, Task
from .states import (PERIOD_DAYS, AccountabilityKind, AccountabilityStatus, ColumnStatus, PeriodKind,
                     ProgressStatus, Recurrence, TaskStatus)

HOMEPAGE_IDLE_DAYS = 14  # FACTS §4: 首页 with no update within 2 weeks
STALE_COLUMNS_VETO = 5  # FACTS §4: 累计超过（含）5个未更新
EMPTY_COLUMNS_VETO = 5  # FACTS §4: 空白栏目 ≥5
NEVER = 999  # idle days shown for an organisation that never published


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int
    start: dt.datetime
    end: dt.datetime  # exclusive
    as_of: dt.datetime  # min(end, now): figures of the running quarter are “so far”

    @classmethod
    def of(cls, year: int, quarter: int, now: dt.datetime) -> Period:
        tz = timezone.get_current_timezone()
        start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=tz)
        end = dt.datetime(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1, tzinfo=tz)
        return cls(year, quarter, start, end, min(end, now))

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def year_start(self) -> dt.datetime:
        return self.start.replace(month=1)


@dataclass
class Row:
    title: str
    date: object = None
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    compute: Callable[[dict, Period], dict[int, float | None]]
    rows: Callable[[object, Period], list[Row]]
    note: str = ""
    available: Callable[[], bool] = field(default=lambda: True)


def _scope(qs, scope: dict, prefix: str = "organisation_id"):
    ids = scope.get("ids")
    return qs.filter(**{f"{prefix}__in": ids}) if ids is not None else qs


def _counts(qs, key="organisation_id") -> dict[int, float]:
    return {row[key]: float(row["n"]) for row in qs.values(key).annotate(n=Count("pk")).order_by()}


# ------------------------------------------------------------------ records

def _published_in(period: Period):
    return sources.published_records().filter(published_at__gte=period.start, published_at__lt=period.as_of)


def records_published(scope, period):
    return _counts(_scope(_published_in(period), scope))


def _record_row(r) -> Row:
    return Row(r.title, r.published_at or r.publication_due, r.index_number, reverse("records_office:record", args=[r.pk]))


def records_published_rows(org, period):
    # No ORDER BY in SQL: with it the planners walk the all-organisation (status, published_at)
    # index across the whole quarter instead of the organisation's own (organisation, status, …)
    # index. SQLite, which has no histogram, also takes the date range as a reason to walk that
    # index, so there the range is applied here to the organisation's rows (a few thousand at most).
    rows = sources.published_records().filter(organisation=org)
    if connection.vendor != "sqlite":
        rows = rows.filter(published_at__gte=period.start, published_at__lt=period.as_of)
    rows = rows.values_list("pk", "title", "published_at", "index_number").order_by()
    newest = sorted((r for r in rows if period.start <= r[2] < period.as_of), key=lambda r: r[2], reverse=True)[:200]
    return [Row(title, when, number, reverse("records_office:record", args=[pk])) for pk, title, when, number in newest]


def _overdue_in(period: Period):
    due_before = min(period.end.date(), period.as_of.date())
    return sources.proactive_records_with_due().filter(
        publication_due__gte=period.start.date(), publication_due__lt=due_before).filter(
        Q(published_at__isnull=True) | Q(published_at__date__gt=F("publication_due")))


def records_overdue(scope, period):
    return _counts(_scope(_overdue_in(period), scope))


def records_overdue_rows(org, period):
    return [Row(r.title, r.publication_due, str(_("应于%(due)s发布；%(state)s") % {
        "due": r.publication_due, "state": r.get_status_display()}), reverse("records_office:record", args=[r.pk]))
        for r in _overdue_in(period).filter(organisation=org).order_by("publication_due")[:200]]


# ------------------------------------------------------------------ interpretations

def _interpretations_in(period: Period):
    return sources.published_interpretations().filter(published_at__gte=period.start, published_at__lt=period.as_of)


def interpretations(scope, period):
    return _counts(_scope(_interpretations_in(period), scope, "record__organisation_id"), "record__organisation_id")


def interpretations_non_text(scope, period):
    qs = _interpretations_in(period).exclude(form="text")
    return _counts(_scope(qs, scope, "record__organisation_id"), "record__organisation_id")


def _interpretation_rows(qs):
    return [Row(i.title, i.published_at, i.get_form_display(), reverse("records_office:record", args=[i.record_id]))
            for i in qs.order_by("-published_at")[:200]]


def interpretations_rows(org, period):
    return _interpretation_rows(_interpretations_in(period).filter(record__organisation=org))


def interpretations_non_text_rows(org, period):
    return _interpretation_rows(_interpretations_in(period).filter(record__organisation=org).exclude(form="text"))


# ------------------------------------------------------------------ requests

def _closed_in(period):
    last_day = min(period.end.date() - dt.timedelta(days=1), period.as_of.date())
    return sources.closed_requests().filter(closed_on__gte=period.start.date(), closed_on__lte=last_day)


def _late_in(period):
    as_of = period.as_of.date()
    closed_late = Q(status="closed", closed_on__gte=period.start.date(), closed_on__lt=period.end.date(),
                    closed_on__gt=F("due_date"))
    open_late = ~Q(status="closed") & Q(due_date__gte=period.start.date(), due_date__lt=min(period.end.date(), as_of))
    return sources.all_requests().filter(closed_late | open_late)


def requests_closed(scope, period):
    return _counts(_scope(_closed_in(period), scope))


def requests_late(scope, period):
    return _counts(_scope(_late_in(period), scope))


def _request_rows(qs):
    return [Row(r.tracking_number, r.closed_on or r.due_date,
                str(_("收到%(received)s，答复期限%(due)s，%(state)s") % {
                    "received": r.received_on, "due": r.due_date or "—", "state": r.get_status_display()}),
                reverse("foi_office:detail", args=[r.pk])) for r in qs.order_by("-received_on")[:200]]


def requests_closed_rows(org, period):
    return _request_rows(_closed_in(period).filter(organisation=org))


def requests_late_rows(org, period):
    return _request_rows(_late_in(period).filter(organisation=org))


# ------------------------------------------------------------------ columns and the homepage

@dataclass
class ColumnState:
    column: Column
    last_update: dt.datetime | None
    stale: bool
    empty: bool
    reason: str


def column_states(scope: dict, as_of: dt.datetime) -> dict[int, list[ColumnState]]:
    """Each active column's last update and whether it is stale by its own rule, per organisation."""
    columns = _scope(Column.objects.filter(status=ColumnStatus.ACTIVE), scope).select_related("parent")
    by_org: dict[int, list[Column]] = defaultdict(list)
    keys_by_org: dict[int, set[str]] = defaultdict(set)
    for c in columns:
        by_org[c.organisation_id].append(c)
        keys_by_org[c.organisation_id].update(c.catalog_keys or ())
    last: dict[tuple[int, str], dt.datetime] = {}
    wanted = set().union(*keys_by_org.values()) if keys_by_org else set()
    if wanted:
        qs = sources.published_records().filter(published_at__lt=as_of, catalog_key__in=sorted(wanted))
        qs = qs.filter(organisation_id__in=list(by_org)) if scope.get("ids") is not None or len(by_org) < 500 else qs
        for row in qs.values("organisation_id", "catalog_key").annotate(last=Max("published_at")).order_by():
            last[(row["organisation_id"], row["catalog_key"])] = row["last"]
    out: dict[int, list[ColumnState]] = {}
    for org_id, cols in by_org.items():
        states = []
        for c in cols:
            if c.parent_id is None and any(o.parent_id == c.pk for o in cols):
                continue  # a first-level column with second-level columns is judged through them
            moments = [last[(org_id, k)] for k in c.catalog_keys or () if (org_id, k) in last]
            if c.last_manual_update and c.last_manual_update < as_of:
                moments.append(c.last_manual_update)
            latest = max(moments) if moments else None
            empty = latest is None
            period = PERIOD_DAYS.get(c.rule)
            if period is None:
                stale = False
                reason = str(_("事件驱动的更新要求，按事件检查")) if not empty else str(
                    _("栏目无内容") if c.catalog_keys else _("未关联目录事项，也未登记过更新"))
            elif empty:
                stale, reason = False, str(_("栏目无内容") if c.catalog_keys else _("未关联目录事项，也未登记过更新"))
            else:
                stale = (as_of - latest).days > period
                reason = str(_("已%(days)s天未更新（要求%(rule)s）") % {"days": (as_of - latest).days,
                                                                 "rule": c.get_rule_display()}) if stale else ""
            states.append(ColumnState(c, latest, stale, empty, reason if (stale or empty) else ""))
        out[org_id] = states
    return out


def columns_stale(scope, period):
    return {org: float(sum(s.stale for s in states)) for org, states in column_states(scope, period.as_of).items()}


def columns_empty(scope, period):
    return {org: float(sum(s.empty for s in states)) for org, states in column_states(scope, period.as_of).items()}


def _column_rows(org, period, which):
    states = column_states({"ids": [org.pk]}, period.as_of).get(org.pk, [])
    return [Row(str(s.column), s.last_update, s.reason, reverse("oversight:columns", args=[org.code]))
            for s in states if getattr(s, which)]


def homepage_idle_days(scope, period):
    qs = _scope(sources.published_records().filter(published_at__lt=period.as_of), scope)
    last = {r["organisation_id"]: r["last"] for r in qs.values("organisation_id").annotate(last=Max("published_at")).order_by()}
    ids = scope.get("ids")
    from gongkai.organisations.models import Organisation
    orgs = ids if ids is not None else list(Organisation.objects.values_list("pk", flat=True))
    return {o: float((period.as_of - last[o]).days if o in last else NEVER) for o in orgs}


def homepage_rows(org, period):
    latest = sources.published_records().filter(organisation=org, published_at__lt=period.as_of) \
        .order_by("-published_at")[:5]
    return [_record_row(r) for r in latest]


def inspection_vetoes(scope, period):
    stale = columns_stale(scope, period)
    empty = columns_empty(scope, period)
    idle = homepage_idle_days(scope, period)
    orgs = set(stale) | set(empty) | set(idle)
    unanswered = messages_unanswered(scope, period) if sources.engagement_available() else {}
    return {o: float((stale.get(o, 0) >= STALE_COLUMNS_VETO) + (empty.get(o, 0) >= EMPTY_COLUMNS_VETO)
                     + (idle.get(o, 0) > HOMEPAGE_IDLE_DAYS) + (unanswered.get(o, 0) > 0)) for o in orgs}


def inspection_rows(org, period):
    rows = []
    stale = columns_stale({"ids": [org.pk]}, period).get(org.pk, 0)
    empty = columns_empty({"ids": [org.pk]}, period).get(org.pk, 0)
    idle = homepage_idle_days({"ids": [org.pk]}, period)[org.pk]
    url = reverse("oversight:columns", args=[org.code])
    if stale >= STALE_COLUMNS_VETO:
        rows.append(Row(str(_("应更新未更新栏目%(n)d个（达到5个即单项否决）") % {"n": stale}), None, "", url))
    if empty >= EMPTY_COLUMNS_VETO:
        rows.append(Row(str(_("空白栏目%(n)d个（达到5个即单项否决）") % {"n": empty}), None, "", url))
    if idle > HOMEPAGE_IDLE_DAYS:
        rows.append(Row(str(_("首页%(n)d天未更新（超过2周即单项否决）") % {"n": idle}) if idle < NEVER
                        else str(_("首页从未更新")), None, "", url))
    if not METRICS["messages_unanswered"].available():
        rows.append(Row(str(_("留言超过三个月未回应：留言数据暂不可用，未计入")), None, "", ""))
    else:
        n = messages_unanswered({"ids": [org.pk]}, period).get(org.pk, 0)
        if n:
            rows.append(Row(str(_("一年内有%(n)d条留言超过三个月未回应（单项否决）") % {"n": n}), None, "", ""))
    return rows


# ------------------------------------------------------------------ reposts

def _reposts_in(period):
    return Repost.objects.filter(notice__published_at__gte=period.start, notice__published_at__lt=period.as_of)


def _late_reposts(period):
    return _reposts_in(period).filter(Q(reposted_at__gt=F("due_at"))
                                      | Q(reposted_at__isnull=True, due_at__lt=period.as_of))


def reposts_total(scope, period):
    return _counts(_scope(_reposts_in(period), scope))


def reposts_late(scope, period):
    return _counts(_scope(_late_reposts(period), scope))


def _repost_rows(qs):
    rows = []
    for r in qs.select_related("notice").order_by("-notice__published_at")[:200]:
        if r.reposted_at:
            minutes = int((r.reposted_at - r.notice.published_at).total_seconds() // 60)
            detail = str(_("发布后%(h)d小时%(m)d分钟转载") % {"h": minutes // 60, "m": minutes % 60})
        else:
            detail = str(_("尚未转载（最迟%(due)s）") % {"due": timezone.localtime(r.due_at).strftime("%Y-%m-%d %H:%M")})
        rows.append(Row(r.notice.title, r.notice.published_at, detail, reverse("oversight:reposts", args=[r.organisation.code])))
    return rows


def reposts_total_rows(org, period):
    return _repost_rows(_reposts_in(period).filter(organisation=org).select_related("organisation"))


def reposts_late_rows(org, period):
    return _repost_rows(_late_reposts(period).filter(organisation=org).select_related("organisation"))


# ------------------------------------------------------------------ accountabilities, progress reports, tasks

def _done(period, kinds=None):
    qs = Accountability.objects.filter(year=period.year, status=AccountabilityStatus.DONE,
                                       done_on__lte=period.as_of.date())
    return qs.filter(kind__in=kinds) if kinds else qs


def accountabilities_done(scope, period):
    return _counts(_scope(_done(period), scope))


def press_conference_done(scope, period):
    return _counts(_scope(_done(period, [AccountabilityKind.PRESS_CONFERENCE]), scope))


def _accountability_rows(org, period, kinds=None):
    qs = Accountability.objects.filter(organisation=org, year=period.year)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return [Row(a.get_kind_display(), a.done_on, a.get_status_display() + (f" · {a.note}" if a.note else ""),
                reverse("oversight:accountabilities", args=[org.code])) for a in qs]


def quarter_due(year: int, quarter: int) -> dt.date:
    """A quarterly progress report is due on the last day of the quarter (seed 000 三(三) “每季度末报送”)."""
    return (dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1))


def progress_late(scope, period):
    """1 when the quarter's progress report is due and was not submitted on time (missing counts too)."""
    from gongkai.organisations.models import Organisation
    due = quarter_due(period.year, period.quarter)
    if period.as_of.date() <= due:
        orgs = _scope(Organisation.objects.filter(parent__isnull=False), scope, "id").values_list("pk", flat=True)
        return {o: 0.0 for o in orgs}
    on_time = set(_scope(ProgressReport.objects.filter(
        kind=PeriodKind.QUARTER, year=period.year, period=period.quarter, submitted_at__date__lte=due), scope)
        .values_list("organisation_id", flat=True))
    orgs = _scope(Organisation.objects.filter(parent__isnull=False), scope, "id").values_list("pk", flat=True)
    return {o: float(o not in on_time) for o in orgs}


def progress_rows(org, period):
    qs = ProgressReport.objects.filter(organisation=org, year=period.year)
    rows = [Row(p.period_label, p.submitted_at, str(_("期限%(due)s；%(state)s%(late)s") % {
        "due": p.due_date, "state": p.get_status_display(), "late": str(_("（逾期报送）")) if p.submitted_late else ""}),
        reverse("oversight:progress", args=[p.pk])) for p in qs]
    if not qs.filter(kind=PeriodKind.QUARTER, period=period.quarter).exists():
        rows.append(Row(str(_("%(year)s年第%(q)s季度进展报告尚未创建") % {"year": period.year, "q": period.quarter}),
                        quarter_due(period.year, period.quarter), "", ""))
    return rows


def tasks_overdue(scope, period):
    qs = Task.objects.filter(status=TaskStatus.OPEN, recurrence=Recurrence.ONCE, due_date__lt=period.as_of.date())
    return _counts(_scope(qs, scope))


def tasks_overdue_rows(org, period):
    qs = Task.objects.filter(organisation=org, status=TaskStatus.OPEN, recurrence=Recurrence.ONCE,
                             due_date__lt=period.as_of.date())
    return [Row(str(t), t.due_date, t.lead_units, reverse("oversight:tasks", args=[org.code])) for t in qs]


# ------------------------------------------------------------------ engagement (consultations, opinion, messages)

MESSAGE_UNANSWERED_DAYS = 92  # FACTS §4 互动回应差: a message "超过三个月未回应" within one year


def _consultations_in(period):
    return sources.published_consultations().filter(published_at__gte=period.start, published_at__lt=period.as_of)


def consultations(scope, period):
    return _counts(_scope(_consultations_in(period), scope))


def consultations_rows(org, period):
    return [Row(c.title, c.published_at, c.get_status_display(), reverse("engagement_office:consultation", args=[c.pk]))
            for c in _consultations_in(period).filter(organisation=org).order_by("-published_at")[:200]]


def _opinion_late_in(period):
    until = min(period.end, period.as_of)
    return sources.opinion_events().filter(response_due__gte=period.start, response_due__lt=until).filter(
        Q(responded_at__isnull=True) | Q(responded_at__gt=F("response_due")))


def opinion_events_late(scope, period):
    return _counts(_scope(_opinion_late_in(period), scope))


def opinion_events_late_rows(org, period):
    return [Row(e.summary[:80], e.first_seen_at, str(_("回应期限%(due)s；%(state)s") % {
        "due": timezone.localtime(e.response_due).strftime("%Y-%m-%d %H:%M"), "state": e.get_status_display()}),
        reverse("engagement_office:opinion", args=[e.pk]))
        for e in _opinion_late_in(period).filter(organisation=org).order_by("-response_due")[:200]]


def _messages_unanswered(period):
    as_of = period.as_of.date()
    window = as_of - dt.timedelta(days=365)
    limit = dt.timedelta(days=MESSAGE_UNANSWERED_DAYS)
    return sources.messages().filter(received_on__gt=window).filter(
        Q(answered_on__isnull=True, received_on__lte=as_of - limit)
        | Q(answered_on__gt=F("received_on") + limit))


def messages_unanswered(scope, period):
    return _counts(_scope(_messages_unanswered(period), scope))


def messages_unanswered_rows(org, period):
    return [Row(m.subject, m.received_on, str(_("答复日期：%(on)s") % {"on": m.answered_on or _("未答复")}),
                reverse("engagement_office:message", args=[m.pk]))
            for m in _messages_unanswered(period).filter(organisation=org).order_by("received_on")[:200]]


def _engagement(compute, rows):
    def compute_or_none(scope, period):
        if not sources.engagement_available():
            from gongkai.organisations.models import Organisation
            ids = scope.get("ids") or Organisation.objects.values_list("pk", flat=True)
            return {o: None for o in ids}
        return compute(scope, period)

    def rows_or_note(org, period):
        if not sources.engagement_available():
            return [Row(str(_("意见征集、舆情和留言数据暂不可用：该模块未安装。")))]
        return rows(org, period)

    return compute_or_none, rows_or_note, lambda: sources.engagement_available()


def _m(key, label, unit, compute, rows, note=""):
    return Metric(key, label, unit, compute, rows, note)


def _e(key, label, unit, compute, rows, note=""):
    compute, rows, available = _engagement(compute, rows)
    return Metric(key, label, unit, compute, rows, note, available)


METRICS: dict[str, Metric] = {m.key: m for m in [
    _m("records_published", _("主动公开信息发布数"), _("条"), records_published, records_published_rows),
    _m("records_overdue", _("逾期未发布或逾期发布的信息"), _("条"), records_overdue, records_overdue_rows),
    _m("interpretations", _("政策解读数"), _("篇"), interpretations, interpretations_rows),
    _m("interpretations_non_text", _("图解、音视频等非文字解读数"), _("篇"), interpretations_non_text,
       interpretations_non_text_rows),
    _m("requests_closed", _("依申请公开办结数"), _("件"), requests_closed, requests_closed_rows),
    _m("requests_late", _("依申请公开逾期答复数"), _("件"), requests_late, requests_late_rows),
    _m("columns_stale", _("应更新未更新栏目"), _("个"), columns_stale,
       lambda org, p: _column_rows(org, p, "stale")),
    _m("columns_empty", _("空白栏目"), _("个"), columns_empty, lambda org, p: _column_rows(org, p, "empty")),
    _m("homepage_idle_days", _("首页未更新天数"), _("天"), homepage_idle_days, homepage_rows),
    _m("inspection_vetoes", _("触发政府网站检查单项否决项"), _("项"), inspection_vetoes, inspection_rows),
    _m("reposts_total", _("应转载的上级信息"), _("条"), reposts_total, reposts_total_rows),
    _m("reposts_late", _("逾期或未转载的上级信息"), _("条"), reposts_late, reposts_late_rows),
    _m("accountabilities_done", _("已完成的年度责任事项"), _("项"), accountabilities_done,
       lambda org, p: _accountability_rows(org, p)),
    _m("press_conference_done", _("主要负责人出席新闻发布会"), _("次"), press_conference_done,
       lambda org, p: _accountability_rows(org, p, [AccountabilityKind.PRESS_CONFERENCE])),
    _m("progress_late", _("进展报告逾期未报"), _("期"), progress_late, progress_rows),
    _m("tasks_overdue", _("逾期未完成的分工任务"), _("项"), tasks_overdue, tasks_overdue_rows),
    _e("consultations", _("意见征集数"), _("次"), consultations, consultations_rows),
    _e("opinion_events_late", _("舆情逾期回应数"), _("件"), opinion_events_late, opinion_events_late_rows),
    _e("messages_unanswered", _("一年内超过三个月未回应的留言"), _("条"), messages_unanswered,
       messages_unanswered_rows),
]}

METRIC_CHOICES = [(m.key, m.label) for m in METRICS.values()]
