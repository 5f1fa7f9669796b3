"""Quantitative evaluation (量化评估): the default indicator system, scoring and the refresh that
keeps the precomputed figures (``MetricValue``) and scores (``Score``) fresh.

Freshness: ``manage.py oversight_refresh`` recomputes every organisation's figures for the
running year with one grouped query per metric and quarter (scheduled every 15 minutes); after
each committed workflow transition the organisation is marked dirty, and
``oversight_refresh --dirty`` (scheduled every minute) recomputes only the marked organisations.
A figure is therefore at most one refresh interval old; the dashboard shows when it was computed
and how many organisations have changes not yet counted. Drill-downs always read live data.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.core import clock

from .metrics import METRICS, Period
from .models import DirtyOrganisation, Indicator, IndicatorSet, MetricValue, Score
from .states import IndicatorSetStatus

# Documents the indicators rest on (named as the 依据 column shows them).
REGULATION = "《中华人民共和国政府信息公开条例》（国务院令第711号）"
HENAN = "《河南省应急管理厅关于全面推进应急管理系统安全生产和救灾领域政务公开标准化规范化工作的通知》（豫应急办〔2020〕62号）"
ZEZHOU = "《泽州县安全生产和救灾领域基层政务公开标准化规范化工作指导方案》"
ANHUI = "《安徽省安全生产监督管理局全面推进政务公开实施细则》"
CHECKLIST = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
BIG_DATA = "《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见》（国办发〔2015〕51号）"
NEWMEDIA_OPINION = "《国务院办公厅关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）"

# The default indicator system: categories from ZEZHOU 五（二） and ANHUI 四（四）/六（四）
# (信息公开、政策解读、回应关切、媒体参与), plus platform and organisation items of SPEC §8. 双公示 (5) took its
# weight from 主动公开信息发布 (15 → 10), so 信息公开 keeps its 40 and the set its 100.
# (code, category, name, weight, metric, base metric, higher is better, full-score target, source)
DEFAULT_INDICATORS = [
    ("publish", "信息公开", "主动公开信息发布", 10, "records_published", "", True, 30,
     f"{REGULATION}第十九条、第二十条；{HENAN}附件；{ZEZHOU}五（二）"),
    ("publish_on_time", "信息公开", "按时限主动公开", 8, "records_overdue", "", False, 5,
     f"{REGULATION}第二十六条；{HENAN}附件“公开时限”"),
    ("foi_on_time", "信息公开", "依申请公开按期答复", 9, "requests_late", "", False, 3, f"{REGULATION}第三十三条"),
    ("dual_publicity", "信息公开", "双公示按时公示率", 5, "decisions_on_time", "decisions_due", True, 1,
     f"{BIG_DATA}（十八）：行政许可、行政处罚等信息自作出行政决定之日起7个工作日内上网公开；"
     f"{ANHUI}附件2“审批结果”“行政处罚结果”栏目：双公示"),
    ("interpret", "政策解读", "政策解读数量", 8, "interpretations", "", True, 2, f"{HENAN}三（一）；{ANHUI}二"),
    ("interpret_forms", "政策解读", "多样化解读占比", 5, "interpretations_non_text", "interpretations", True,
     "0.3", f"{ANHUI}二“图文并茂、音频视频”"),
    ("opinion", "回应关切", "舆情按时回应", 10, "opinion_events_late", "", False, 1, f"{ANHUI}三（四）"),
    ("messages", "回应关切", "留言按期答复", 5, "messages_late", "", False, 1,
     f"{ANHUI}四（三）：意见建议7个工作日内反馈（情况复杂的15个工作日），咨询投诉15个工作日内答复"),
    # 媒体参与 and 公众参与 (gongkai.outreach; due dates in gongkai.outreach.duties): a missing duty over the
    # duties due (or done) so far; nothing due yet is 不适用.
    ("press_quarterly", "媒体参与", "按季度召开新闻发布会", 3, "press_quarters_missing", "press_quarters_due", False, 1,
     f"{ANHUI}二“坚持季度新闻发布会制度”"),
    ("press", "媒体参与", "主要负责人出席新闻发布会", 3, "press_head_missing", "press_head_due", False, 1,
     f"{ANHUI}二、附件1第11项：局主要负责人每年出席不少于1次新闻发布会"),
    ("article", "媒体参与", "主要负责人发表署名文章", 2, "signed_article_missing", "signed_article_due", False, 1,
     f"{ANHUI}附件1第11项：发表不少于1次重大决策署名文章"),
    ("open_day", "公众参与", "举办政府开放日", 2, "open_day_missing", "open_day_due", False, 1,
     f"{ANHUI}五（三）、附件1第22项：每年省人代会期间安排一次开放日活动"),
    ("live", "公众参与", "公开会议网络直播", 2, "meetings_live", "meetings_held", True, 1,
     f"{ANHUI}一（二）、附件1第4项：涉及公众利益、需要社会广泛知晓的会议应采取网络和新媒体直播等形式向社会公开"),
    ("columns", "平台建设", "栏目按要求更新", 5, "columns_stale", "", False, 5, f"{ANHUI}附件2；{CHECKLIST}"),
    ("inspection", "平台建设", "政府网站检查单项否决项", 5, "inspection_vetoes", "", False, 1,
     f"{CHECKLIST}单项否决指标"),
    ("repost", "平台建设", "上级信息及时转载", 5, "reposts_late", "", False, 3, f"{ANHUI}附件1第15项"),
    # Points: the share of registered accounts updated within the limit; any stale account is a veto.
    ("newmedia", "平台建设", "政务新媒体按期更新", 3, "newmedia_stale", "newmedia_active", False, 1,
     f"{CHECKLIST}政务新媒体单项否决指标：监测时间点前2周内无更新；{NEWMEDIA_OPINION}“僵尸”“睡眠”账号整改；"
     f"{ANHUI}四（二）：对政务微博、微信、政务客户端信息内容更新情况实行动态监测"),
    ("accountability", "组织保障", "年度责任事项完成", 5, "accountabilities_done", "", True, 4,
     f"{HENAN}三（一）；{ZEZHOU}五（一）；{ANHUI}六（一）"),
    ("progress", "组织保障", "按季度报送工作进展", 5, "progress_late", "", False, 1, f"{HENAN}三（三）"),
]

# A "lower is better" figure counts failures among things to be measured; with nothing to measure
# (no record due, no request answered or due, …) the indicator is 不适用, never full marks.
MEASURED_BY = {
    "records_overdue": "records_due",
    "requests_late": "requests_due",
    "opinion_events_late": "opinion_events_due",
    "messages_late": "messages_due",
    "reposts_late": "reposts_total",
}
# An organisation that published nothing in the quarter scores 0 on these, whatever else they count.
PUBLISHING_METRICS = {"records_published", "records_overdue", "interpretations", "interpretations_non_text",
                      "columns_stale", "columns_empty"}
# A figure above zero is a 单项否决 (CHECKLIST): the result is 不合格 whatever the points.
VETO_METRICS = {"inspection_vetoes", "newmedia_stale"}
NOT_APPLICABLE = "n/a"

RULE_TEXT = _("没有可计量事项的指标为“不适用”（显示为—），不计分，其分值按比例分配给其余适用指标（总分按适用指标折算为百分制）；"
              "本季度未发布任何信息的机构，信息发布类指标均计0分；触发单项否决的机构评定为不合格，排在其余机构之后。")


def indicator_score(ind: Indicator, values: dict[str, float | None]) -> float | str | None:
    """Score one indicator from the organisation's figures: points, ``NOT_APPLICABLE`` when there is
    nothing to measure, or None when its source is not available in this installation."""
    value = values.get(ind.metric)
    if value is None:
        return None
    if ind.metric in PUBLISHING_METRICS and values.get("records_published") == 0:
        return 0.0
    measure = MEASURED_BY.get(ind.metric)
    if measure and values.get(measure) == 0:
        return NOT_APPLICABLE
    if ind.base_metric:
        base = values.get(ind.base_metric)
        if base is None:
            return None
        if not base:
            return NOT_APPLICABLE
        value = value / base
    target = float(ind.target)
    weight = float(ind.weight)
    if target <= 0:
        return weight if (value > 0) == ind.higher_is_better else 0.0
    ratio = min(1.0, max(0.0, value / target))
    return round(weight * (ratio if ind.higher_is_better else 1.0 - ratio), 2)


def score(indicators, values: dict[str, float | None]) -> dict:
    """Points per indicator (None: not available or not applicable), the codes not applicable, whether a
    veto was triggered, and the total out of 100 over the applicable, available indicators."""
    raw = {i.code: indicator_score(i, values) for i in indicators}
    not_applicable = sorted(c for c, v in raw.items() if v == NOT_APPLICABLE)
    points = {c: (None if v == NOT_APPLICABLE else v) for c, v in raw.items()}
    vetoed = any(i.metric in VETO_METRICS and (values.get(i.metric) or 0) > 0 for i in indicators)
    return {"breakdown": points, "not_applicable": not_applicable, "vetoed": vetoed,
            "total": total_score(indicators, points)}


def total_score(indicators, scores: dict[str, float | None]) -> float:
    """Out of 100, over the indicators that are available and applicable (their weights rescaled)."""
    available = [i for i in indicators if scores.get(i.code) is not None]
    weight = sum(float(i.weight) for i in available)
    if not weight:
        return 0.0
    return round(sum(scores[i.code] for i in available) * 100 / weight, 1)


def current_set(organisation, year: int) -> IndicatorSet | None:
    """The indicator set in force for `year`: the supervising organisation's, else its nearest ancestor's."""
    paths = [organisation.path[:i + 1] for i, ch in enumerate(organisation.path) if ch == "/"]
    for path in reversed(paths):
        found = IndicatorSet.objects.filter(organisation__path=path, year=year,
                                            status=IndicatorSetStatus.PUBLISHED).order_by("-version").first()
        if found:
            return found
    return None


# ------------------------------------------------------------------ refresh

def quarters_to_compute(year: int, now: dt.datetime) -> list[int]:
    if year < now.year:
        return [1, 2, 3, 4]
    if year > now.year:
        return []
    return list(range(1, (now.month - 1) // 3 + 2))


# A supervisor's "重新统计" computes in the request up to this many changed organisations; more
# (or a year never computed: the whole province) is handed to the scheduler (ops.scheduler.run_soon).
INLINE_REFRESH_LIMIT = 30


def years_to_refresh() -> list[int]:
    """The running year, and every earlier year with a published indicator set but no figures yet."""
    from .models import IndicatorSet
    from .states import IndicatorSetStatus

    now = clock.now()
    published = set(IndicatorSet.objects.filter(status=IndicatorSetStatus.PUBLISHED, year__lt=now.year).values_list("year", flat=True))
    computed = set(MetricValue.objects.filter(year__in=published).values_list("year", flat=True).distinct())
    return sorted(published - computed) + [now.year]


def refresh(*, year: int | None = None, organisation_ids: list[int] | None = None, out=None) -> dict:
    """Recompute figures and scores (all organisations, or only `organisation_ids`) for `year`."""
    now = clock.now()
    year = year or now.year
    scope = {"ids": organisation_ids} if organisation_ids is not None else {}
    written = 0
    started = dt.datetime.now()
    from gongkai.organisations.models import Organisation

    all_ids = organisation_ids if organisation_ids is not None else list(Organisation.objects.values_list("pk", flat=True))
    for quarter in quarters_to_compute(year, now):
        period = Period.of(year, quarter, now)
        rows = []
        for metric in METRICS.values():
            computed = metric.compute(scope, period)
            # A grouped count has no row for an organisation with nothing to count: that is 0. Only a
            # source that is not available gives None.
            missing = 0.0 if metric.available() else None
            for org_id in all_ids:
                rows.append(MetricValue(organisation_id=org_id, year=year, quarter=quarter, metric=metric.key,
                                        value=computed.get(org_id, missing), computed_at=now))
        with transaction.atomic():
            old = MetricValue.objects.filter(year=year, quarter=quarter)
            if organisation_ids is not None:
                old = old.filter(organisation_id__in=organisation_ids)
            old.delete()
            MetricValue.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
        if out:
            out.write(f"{period.label}: {len(rows)} figures\n")
    scored = score_all(year=year, organisation_ids=organisation_ids, now=now)
    if organisation_ids is not None:
        DirtyOrganisation.objects.filter(organisation_id__in=organisation_ids, marked_at__lte=now).delete()
    else:
        DirtyOrganisation.objects.filter(marked_at__lte=now).delete()
    return {"figures": written, "scores": scored, "seconds": (dt.datetime.now() - started).total_seconds()}


def score_all(*, year: int, organisation_ids=None, now=None) -> int:
    """Score every organisation below each published indicator set of `year` from the stored figures."""
    from gongkai.organisations.models import Organisation

    now = now or clock.now()
    count = 0
    for iset in IndicatorSet.objects.filter(year=year, status=IndicatorSetStatus.PUBLISHED).select_related("organisation"):
        if IndicatorSet.objects.filter(organisation=iset.organisation, year=year, status=IndicatorSetStatus.PUBLISHED,
                                       version__gt=iset.version).exists():
            continue  # superseded by a later version
        indicators = list(iset.indicators.all())
        orgs = Organisation.objects.filter(path__startswith=iset.organisation.path).exclude(pk=iset.organisation_id)
        if organisation_ids is not None:
            orgs = orgs.filter(pk__in=organisation_ids)
        org_ids = list(orgs.values_list("pk", flat=True))
        values: dict[tuple[int, int], dict[str, float | None]] = {}
        wanted_metrics = ({i.metric for i in indicators} | {i.base_metric for i in indicators if i.base_metric}
                          | {MEASURED_BY[i.metric] for i in indicators if i.metric in MEASURED_BY}
                          | {"records_published"})
        figures = MetricValue.objects.filter(year=year, metric__in=wanted_metrics)
        if organisation_ids is not None:
            figures = figures.filter(organisation_id__in=org_ids)
        for org_id, quarter, metric, value in figures.values_list("organisation_id", "quarter", "metric", "value"):
            values.setdefault((org_id, quarter), {})[metric] = value
        wanted = set(org_ids)
        rows = []
        for (org_id, quarter), vals in values.items():
            if org_id not in wanted:
                continue
            result = score(indicators, vals)
            rows.append(Score(indicator_set=iset, organisation_id=org_id, quarter=quarter, total=result["total"],
                              breakdown=result["breakdown"], not_applicable=result["not_applicable"],
                              vetoed=result["vetoed"], computed_at=now))
        with transaction.atomic():
            old = Score.objects.filter(indicator_set=iset)
            if organisation_ids is not None:
                old = old.filter(organisation_id__in=org_ids)
            old.delete()
            Score.objects.bulk_create(rows, batch_size=2000)
        count += len(rows)
    return count


def mark_dirty(organisation_id: int) -> None:
    DirtyOrganisation.objects.update_or_create(organisation_id=organisation_id, defaults={"marked_at": clock.now()})


def default_rows():
    for pos, (code, cat, name, weight, metric, base, higher, target, source) in enumerate(DEFAULT_INDICATORS):
        yield dict(code=code, category=cat, name=name, weight=Decimal(weight), metric=metric, base_metric=base,
                   higher_is_better=higher, target=Decimal(str(target)), source=source, position=pos)


CATEGORY_HELP = _("类别取自《泽州县安全生产和救灾领域基层政务公开标准化规范化工作指导方案》五（二）、《安徽省安全生产监督管理局全面推进政务公开实施细则》四（四）：信息公开、政策解读、回应关切、媒体参与；另加公众参与（同一细则五）、平台建设、组织保障。")
