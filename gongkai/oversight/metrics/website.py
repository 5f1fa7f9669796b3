"""Metrics of the government website: its columns, its home page, the inspection's vetoes, reposting."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import sources
from ..models import Column, InspectionRun, Repost
from ..states import PERIOD_DAYS, ColumnStatus
from .base import (EMPTY_COLUMNS_VETO, HOMEPAGE_IDLE_DAYS, NEVER, STALE_COLUMNS_VETO, Row, counts, ids_of,
                   scoped)
from .published import messages_unanswered


@dataclass
class ColumnState:
    column: Column
    last_update: dt.datetime | None
    stale: bool
    empty: bool
    reason: str


def column_states(scope: dict, as_of: dt.datetime) -> dict[int, list[ColumnState]]:
    """Each active column's last update and whether it is stale by its own rule, per organisation."""
    columns = scoped(Column.objects.filter(status=ColumnStatus.ACTIVE), scope).select_related("parent")
    by_org: dict[int, list[Column]] = defaultdict(list)
    keys_by_org: dict[int, set[str]] = defaultdict(set)
    for c in columns:
        by_org[c.organisation_id].append(c)
        keys_by_org[c.organisation_id].update(c.catalog_keys or ())
    last: dict[tuple[int, str], dt.datetime] = {}
    wanted = set().union(*keys_by_org.values()) if keys_by_org else set()
    if wanted:
        restrict = list(by_org) if ids_of(scope) is not None or len(by_org) < 500 else None
        last = sources.last_published_by_item(restrict, wanted, as_of)
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
    last = sources.last_published(ids_of(scope), period.as_of)
    ids = ids_of(scope)
    from gongkai.organisations.models import Organisation
    orgs = ids if ids is not None else list(Organisation.objects.values_list("pk", flat=True))
    return {o: float((period.as_of - last[o]).days if o in last else NEVER) for o in orgs}


def homepage_rows(org, period):
    return [Row(r["title"], r["date"], r["index_number"], r["url"])
            for r in sources.latest_published(org.pk, period.as_of)]


def _inspection_runs(scope, period) -> dict[int, InspectionRun]:
    """The latest stored site inspection (oversight/inspection) of each organisation within the period."""
    qs = scoped(InspectionRun.objects.filter(as_of__gte=period.start, as_of__lt=period.end), scope)
    newest = {r["organisation_id"]: r["m"] for r in qs.values("organisation_id").annotate(m=Max("as_of")).order_by()}
    return {r.organisation_id: r for r in qs.filter(as_of__in=set(newest.values())).order_by("as_of", "id")
            if newest.get(r.organisation_id) == r.as_of}


def inspection_vetoes(scope, period):
    """Single-veto items triggered: from the latest site inspection run in the period; an organisation
    not inspected in the period is judged live from the same figures (columns, home page, messages)."""
    runs = _inspection_runs(scope, period)
    live = _live_vetoes(scope, period) if ids_of(scope) is None or set(ids_of(scope)) - set(runs) else {}
    live.update({o: float(r.vetoes) for o, r in runs.items()})
    return live


def _live_vetoes(scope, period):
    stale = columns_stale(scope, period)
    empty = columns_empty(scope, period)
    idle = homepage_idle_days(scope, period)
    orgs = set(stale) | set(empty) | set(idle)
    unanswered = messages_unanswered(scope, period) if sources.engagement_available() else {}
    return {o: float((stale.get(o, 0) >= STALE_COLUMNS_VETO) + (empty.get(o, 0) >= EMPTY_COLUMNS_VETO)
                     + (idle.get(o, 0) > HOMEPAGE_IDLE_DAYS) + (unanswered.get(o, 0) > 0)) for o in orgs}


def inspection_rows(org, period):
    run = _inspection_runs({"ids": [org.pk]}, period).get(org.pk)
    if run is not None:
        url = reverse("oversight:inspection_run", args=[run.pk])
        return [Row(str(_("网站检查（%(at)s）：触发单项否决%(n)d项") % {
            "at": timezone.localtime(run.as_of).strftime("%Y-%m-%d %H:%M"), "n": run.vetoes}), run.as_of,
            str(_("各项发现见检查报告")), url)]
        return rows
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
    if not sources.engagement_available():
        rows.append(Row(str(_("留言超过三个月未回应：留言数据暂不可用，未计入")), None, "", ""))
    else:
        n = messages_unanswered({"ids": [org.pk]}, period).get(org.pk, 0)
        if n:
            rows.append(Row(str(_("一年内有%(n)d条留言超过三个月未回应（单项否决）") % {"n": n}), None, "", ""))
    return rows


def _reposts_in(period):
    return Repost.objects.filter(notice__published_at__gte=period.start, notice__published_at__lt=period.as_of)


def _late_reposts(period):
    return _reposts_in(period).filter(Q(reposted_at__gt=F("due_at"))
                                      | Q(reposted_at__isnull=True, due_at__lt=period.as_of))


def reposts_total(scope, period):
    return counts(scoped(_reposts_in(period), scope))


def reposts_late(scope, period):
    return counts(scoped(_late_reposts(period), scope))


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
