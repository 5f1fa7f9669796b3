"""The supervisors' pages: the evaluation dashboard and ranking, one organisation's scores, the rows
behind a figure, the 通报 and the indicator sets. Figures and scores are precomputed (``evaluation``);
selectors read them, services write."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Level
from gongkai.organisations.permissions import Action, can

from .. import charts, evaluation, exports, metrics, selectors, services
from ..states import IndicatorSetStatus
from ..workflow import INDICATOR_WORKFLOW
from ._common import do, fail, to_int


RANKING_PAGE = 50


def _evaluation_context(request, code):
    root = selectors.organisation_for(request.user, code, Action.EVALUATION_VIEW)
    today = clock.today()
    year = to_int(request.GET.get("year"), today.year)
    if not (2000 <= year <= today.year + 1):
        raise Http404
    iset = evaluation.current_set(root, year)
    quarter = to_int(request.GET.get("quarter"), selectors.latest_quarter(year))
    if quarter not in (1, 2, 3, 4):
        raise Http404
    level = request.GET.get("level") or ""
    if level and level not in Level.values:
        raise Http404
    return root, year, quarter, level, iset


@login_required
def evaluation_dashboard(request, code):
    root, year, quarter, level, iset = _evaluation_context(request, code)
    if request.method == "POST":
        result = services.evaluation_refresh(organisation=root, actor=request.user, year=year)
        if result["outcome"] == "nothing":
            messages.success(request, _("没有尚未计入的变更。"))
        elif result["outcome"] == "scheduled":
            messages.success(request, _("已安排在后台重新统计（通常几分钟内完成），完成后本页显示新的统计时间。"))
        elif result["outcome"] == "too_big":
            messages.error(request, _("该年度的数据量较大，无法在页面中统计，请联系系统管理员运行后台统计任务。"))
        else:
            messages.success(request, _("已重新统计：%(figures)d项数据，%(scores)d个得分。") % result)
        return redirect(request.get_full_path())
    ctx = {"root": root, "year": year, "quarter": quarter, "level": level, "iset": iset, "levels": Level.choices,
           "freshness": selectors.freshness(), "can_edit_set": can(request.user, Action.EVALUATION_EDIT, root),
           "query": f"year={year}&quarter={quarter}" + (f"&level={level}" if level else "")}
    if iset is None:
        return render(request, "oversight/evaluation.html", ctx)
    rows = selectors.ranking_for(request.user, root, iset, quarter, level)
    indicators = list(iset.indicators.all())
    allowed = {r.organisation.pk for r in rows}
    base = reverse("oversight:evaluation", args=[code])
    dist = [0] * 10
    for r in rows:
        dist[min(9, int(r.total // 10))] += 1
    dist_items = [(f"{i * 10}–{i * 10 + 9 if i < 9 else 100}", n,
                   f"{base}?{ctx['query']}&band={i}#ranking") for i, n in enumerate(dist)]
    band = to_int(request.GET.get("band"))
    shown = [r for r in rows if band is None or min(9, int(r.total // 10)) == band]
    trend = selectors.trend(iset, [r.organisation.pk for r in rows[:3]] + [r.organisation.pk for r in rows[-1:]],
                            level=level or None)
    quarters = evaluation.quarters_to_compute(year, clock.now())
    series = [(_("平均"), trend["overall"], "")] + [
        (o.name, v, reverse("oversight:evaluation_org", args=[code, o.code]) + f"?year={year}")
        for o, v in trend["organisations"].items() if o.pk in allowed]
    avg = {}
    for r in rows:
        for c, v in r.breakdown.items():
            if v is not None:
                avg.setdefault(c, []).append(v)
    breakdown_items = [(i.name, round(sum(avg[i.code]) / len(avg[i.code]), 2), float(i.weight),
                        f"{base}?{ctx['query']}&indicator={i.code}#ranking") for i in indicators if i.code in avg]
    sort_by = request.GET.get("indicator")
    if sort_by in {i.code for i in indicators}:
        shown = sorted(shown, key=lambda r: (r.breakdown.get(sort_by) is None, r.breakdown.get(sort_by) or 0))
    page = max(1, to_int(request.GET.get("page"), 1))
    pages = max(1, (len(shown) + RANKING_PAGE - 1) // RANKING_PAGE)
    page = min(page, pages)
    page_rows = shown[(page - 1) * RANKING_PAGE:page * RANKING_PAGE]
    # Links and numbers are prepared here: a hundred rows of a dozen cells each would otherwise
    # cost a thousand {% url %} reversals in the template.
    drill_base = reverse("oversight:drill", args=[code, "ORG"]).rsplit("ORG", 1)
    org_base = reverse("oversight:evaluation_org", args=[code, "ORG"]).rsplit("ORG", 1)
    names = {i.code: i.name for i in indicators}
    metric_of = {i.code: i.metric for i in indicators}
    for r in page_rows:
        drill = f"{drill_base[0]}{r.organisation.code}{drill_base[1]}?year={year}&quarter={quarter}&metric="
        r.org_url = f"{org_base[0]}{r.organisation.code}{org_base[1]}?year={year}&quarter={quarter}"
        r.cells = [(None if r.breakdown.get(i.code) is None else f"{r.breakdown[i.code]:g}", drill + i.metric,
                    i.code in r.not_applicable) for i in indicators]
        r.lowest_cell = (names[r.lowest], drill + metric_of[r.lowest]) if r.lowest in names else None
    ctx.update({
        "rows": page_rows, "total_rows": len(rows), "page": page,
        "pages": pages, "next_page": page + 1 if page < pages else None, "previous_page": page - 1 if page > 1 else None, "indicators": indicators, "band": band, "sort_by": sort_by,
        "chart_distribution": charts.bars(_("得分分布"), dist_items),
        "chart_trend": charts.lines(_("季度得分趋势"), quarters, series),
        "chart_breakdown": charts.hbars(_("各指标平均得分"), breakdown_items),
        "late_reposts": selectors.late_reposts_below(root).count(), "rule": evaluation.RULE_TEXT,
    })
    return render(request, "oversight/evaluation.html", ctx)


@login_required
def evaluation_org(request, code, org_code):
    root, year, quarter, level, iset = _evaluation_context(request, code)
    org = selectors.organisation_for(request.user, org_code, Action.EVALUATION_VIEW)
    if not org.path.startswith(root.path) or iset is None:
        raise Http404
    indicators = list(iset.indicators.all())
    score = selectors.score_of(iset, org, quarter)
    figs = selectors.figures(org, year, quarter)
    base = reverse("oversight:drill", args=[code, org_code])
    items, lines = [], []
    for i in indicators:
        s = score.breakdown.get(i.code) if score else None
        url = f"{base}?year={year}&quarter={quarter}&metric={i.metric}"
        lines.append({"indicator": i, "score": s, "value": figs.get(i.metric),
                      "na": bool(score) and i.code in (score.not_applicable or []),
                      "base": figs.get(i.base_metric) if i.base_metric else None, "url": url,
                      "metric": metrics.METRICS.get(i.metric),
                      "base_url": f"{base}?year={year}&quarter={quarter}&metric={i.base_metric}" if i.base_metric else ""})
        if s is not None:
            items.append((i.name, s, float(i.weight), url))
    ratios = [(ln["score"] / float(ln["indicator"].weight), ln) for ln in lines
              if ln["score"] is not None and ln["indicator"].weight]
    lowest = min(ratios, key=lambda t: t[0])[1] if ratios else None
    history = selectors.score_history(iset, org)
    quarters = evaluation.quarters_to_compute(year, clock.now())
    return render(request, "oversight/evaluation_org.html", {
        "root": root, "org": org, "year": year, "quarter": quarter, "iset": iset, "score": score, "lines": lines,
        "lowest": lowest, "chart": charts.hbars(_("指标得分"), items),
        "chart_trend": charts.lines(_("季度得分趋势"), quarters, [(org.name, history, "")]),
        "freshness": selectors.freshness(), "rule": evaluation.RULE_TEXT,
    })


@login_required
def drill(request, code, org_code):
    root, year, quarter, level, iset = _evaluation_context(request, code)
    org = selectors.organisation_for(request.user, org_code, Action.EVALUATION_VIEW)
    if not org.path.startswith(root.path):
        raise Http404
    key = request.GET.get("metric", "")
    metric = metrics.METRICS.get(key)
    if metric is None:
        raise Http404
    rows = selectors.drill(org, key, year, quarter)
    stored = selectors.figures(org, year, quarter).get(key)
    return render(request, "oversight/drill.html", {
        "root": root, "org": org, "year": year, "quarter": quarter, "metric": metric, "rows": rows,
        "stored": stored, "freshness": selectors.freshness(),
    })


def _notice_context(request, code):
    root, year, quarter, level, iset = _evaluation_context(request, code)
    if iset is None:
        raise Http404
    rows = selectors.ranking_for(request.user, root, iset, quarter, level)
    best, worst = selectors.top_and_bottom(rows)
    return {
        "title": _("%(org)s政务公开工作量化评估情况通报") % {"org": root.name},
        "subtitle": _("%(year)s年第%(q)s季度（指标体系%(year)s年第%(v)s版；数据统计于%(at)s）") % {
            "year": year, "q": quarter, "v": iset.version,
            "at": timezone.localtime(selectors.freshness()["computed_at"] or clock.now()).strftime("%Y-%m-%d %H:%M")},
        "root": root, "ranking": rows, "indicators": list(iset.indicators.all()),
        "metric_labels": {k: m.label for k, m in metrics.METRICS.items()},
        "best": best, "worst": worst, "rule": evaluation.RULE_TEXT,
    }


@login_required
def notice(request, code, fmt):
    ctx = _notice_context(request, code)
    name = f"notice-{code}-{request.GET.get('year', '')}Q{request.GET.get('quarter', '')}"
    if fmt == "xlsx":
        response = HttpResponse(exports.notice_xlsx(ctx),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif fmt == "pdf":
        response = HttpResponse(exports.notice_pdf(ctx), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def indicator_sets(request, code):
    org = selectors.organisation_for(request.user, code, Action.EVALUATION_VIEW)
    if request.method == "POST":
        year = to_int(request.POST.get("year"))
        if year is None:
            messages.error(request, _("年度不正确。"))
            return redirect("oversight:indicator_sets", code)
        try:
            iset = services.indicator_set_create(organisation=org, actor=request.user, year=year,
                                                 note=request.POST.get("note", ""))
            messages.success(request, _("已创建新版本。"))
            return redirect("oversight:indicator_set", iset.pk)
        except DomainError as exc:
            fail(request, exc)
        return redirect("oversight:indicator_sets", code)
    return render(request, "oversight/indicator_sets.html", {
        "org": org, "sets": selectors.indicator_sets_of(org), "can_edit": can(request.user, Action.EVALUATION_EDIT, org),
        "year": clock.today().year})


@login_required
def indicator_set(request, pk):
    iset = selectors.indicator_set_for(request.user, pk)
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "publish":
            do(request, lambda: services.indicator_set_publish(indicator_set=iset, actor=request.user),
                _("指标体系已启用。"))
        elif op == "edit":
            n = to_int(request.POST.get("rows"), 0)
            rows = []
            for k in range(min(n, 100)):
                if request.POST.get(f"r{k}-delete"):
                    continue
                rows.append({f: request.POST.get(f"r{k}-{f}", "") for f in
                             ("code", "category", "name", "weight", "metric", "base_metric", "target", "source")}
                            | {"higher_is_better": bool(request.POST.get(f"r{k}-higher_is_better"))})
            if request.POST.get("new-code"):
                rows.append({f: request.POST.get(f"new-{f}", "") for f in
                             ("code", "category", "name", "weight", "metric", "base_metric", "target", "source")}
                            | {"higher_is_better": bool(request.POST.get("new-higher_is_better"))})
            do(request, lambda: services.indicator_set_edit(indicator_set=iset, actor=request.user, rows=rows),
                _("指标已保存。"))
        else:
            messages.error(request, _("未知的操作。"))
        return redirect("oversight:indicator_set", pk)
    return render(request, "oversight/indicator_set.html", {
        "iset": iset, "org": iset.organisation, "indicators": list(iset.indicators.all()),
        "metric_choices": metrics.METRIC_CHOICES, "can_edit": INDICATOR_WORKFLOW.may("edit", iset, request.user),
        "actions": INDICATOR_WORKFLOW.available_actions(iset, request.user),
        "total_weight": sum(i.weight for i in iset.indicators.all()), "history": audit.readable_history(iset),
        "published": iset.status == IndicatorSetStatus.PUBLISHED,
    })
