"""Back-office pages of the oversight app. Views stay thin: a form parses, one service writes,
selectors read; buttons come from the workflows' ``available_actions``."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError
from gongkai.ops import scheduler
from gongkai.organisations.models import Level
from gongkai.organisations.permissions import Action, can, organisations_where

from . import charts, evaluation, exports, forms, metrics, selectors, services
from .models import (Accountability, Column, DirtyOrganisation, IndicatorSet, MetricValue, ProgressReport, Repost,
                     Task)
from .states import ColumnStatus, IndicatorSetStatus, PeriodKind
from .workflows import ACCOUNTABILITY_WORKFLOW, COLUMN_WORKFLOW, INDICATOR_WORKFLOW, PROGRESS_WORKFLOW, TASK_WORKFLOW


def _fail(request, exc: DomainError):
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


def _do(request, fn, ok: str):
    """Run one service call; show its outcome as a message. Returns True on success."""
    try:
        fn()
    except DomainError as exc:
        _fail(request, exc)
        return False
    except PermissionDenied:
        messages.error(request, _("您没有权限执行此操作。"))
        return False
    messages.success(request, ok)
    return True


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}：{e}" if label else str(e))


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# ------------------------------------------------------------------ home

@login_required
def home(request):
    orgs = selectors.visible_organisations(request.user)
    if not orgs.exists():
        raise PermissionDenied
    return render(request, "oversight/home.html", {
        "organisations": orgs.order_by("path"),
        "roots": selectors.visible_organisations(request.user, Action.EVALUATION_VIEW).order_by("path")[:20],
        "awaiting": selectors.progress_awaiting_review(request.user)[:50],
    })


# ------------------------------------------------------------------ columns

@login_required
def columns(request, code):
    org = selectors.organisation_for(request.user, code)
    can_edit = can(request.user, Action.OVERSIGHT_EDIT, org)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        op = request.POST.get("op")
        if op == "import":
            _do(request, lambda: services.columns_import(organisation=org, actor=request.user),
                _("已按 seed 003 附件2 导入栏目。"))
        elif op == "create":
            form = forms.ColumnForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                parent = Column.objects.filter(pk=d["parent"] or 0, organisation=org).first() if d["parent"] else None
                _do(request, lambda: services.column_create(
                    organisation=org, actor=request.user, name=d["name"], parent=parent, lead_unit=d["lead_unit"],
                    cooperating_units=d["cooperating_units"], rule=d["rule"], catalog_keys=d["catalog_keys"]),
                    _("栏目已新增。"))
            else:
                _form_errors(request, form)
        return redirect("oversight:columns", code)
    now = clock.now()
    states = metrics.column_states({"ids": [org.pk]}, now).get(org.pk, [])
    by_column = {s.column.pk: s for s in states}
    tree = []
    cols = list(Column.objects.filter(organisation=org).select_related("parent", "sync_with"))
    for first in [c for c in cols if c.parent_id is None]:
        children = [c for c in cols if c.parent_id == first.pk]
        tree.append({"column": first, "state": by_column.get(first.pk),
                     "children": [{"column": c, "state": by_column.get(c.pk)} for c in children]})
    stale = sum(s.stale for s in states)
    empty = sum(s.empty for s in states)
    idle = int(metrics.homepage_idle_days({"ids": [org.pk]},
                                          metrics.Period.of(now.year, (now.month - 1) // 3 + 1, now))[org.pk])
    return render(request, "oversight/columns.html", {
        "org": org, "tree": tree, "can_edit": can_edit, "stale": stale, "empty": empty, "idle": idle,
        "never": metrics.NEVER,
        "veto_stale": stale >= metrics.STALE_COLUMNS_VETO, "veto_empty": empty >= metrics.EMPTY_COLUMNS_VETO,
        "veto_idle": idle > metrics.HOMEPAGE_IDLE_DAYS, "messages_available": metrics.METRICS["messages_unanswered"].available(),
        "form": forms.ColumnForm(), "first_levels": [c for c in cols if c.parent_id is None],
    })


@login_required
def column_detail(request, pk):
    column = get_object_or_404(Column.objects.select_related("organisation", "parent"), pk=pk)
    if not can(request.user, Action.OVERSIGHT_VIEW, column.organisation):
        raise Http404
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "edit":
            form = forms.ColumnEditForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                sync = Column.objects.filter(pk=d["sync_with"], organisation=column.organisation).first() \
                    if d["sync_with"] else None
                _do(request, lambda: services.column_edit(
                    column=column, actor=request.user, lead_unit=d["lead_unit"],
                    cooperating_units=d["cooperating_units"], rule=d["rule"], rule_text=d["rule_text"],
                    catalog_keys=d["catalog_keys"], sync_with=sync), _("栏目已修改。"))
            else:
                _form_errors(request, form)
        elif op == "log_update":
            _do(request, lambda: services.column_log_update(column=column, actor=request.user,
                                                             note=request.POST.get("note", "")), _("已登记更新。"))
        elif op == "retire":
            _do(request, lambda: services.column_retire(column=column, actor=request.user,
                                                         reason=request.POST.get("reason", "")), _("栏目已停用。"))
        else:
            messages.error(request, _("未知的操作。"))
        return redirect("oversight:column", pk)
    return render(request, "oversight/column.html", {
        "column": column, "org": column.organisation,
        "can_edit": COLUMN_WORKFLOW.may("edit", column, request.user),
        "actions": COLUMN_WORKFLOW.available_actions(column, request.user),
        "form": forms.ColumnEditForm(initial={
            "lead_unit": column.lead_unit, "cooperating_units": column.cooperating_units, "rule": column.rule,
            "rule_text": column.rule_text, "sync_with": column.sync_with_id,
            "catalog_keys": ", ".join(column.catalog_keys or [])}),
        "siblings": Column.objects.filter(organisation=column.organisation, status=ColumnStatus.ACTIVE).exclude(pk=pk),
        "history": audit.readable_history(column),
    })


# ------------------------------------------------------------------ reposts

@login_required
def reposts(request, code):
    org = selectors.organisation_for(request.user, code)
    can_issue = can(request.user, Action.OVERSIGHT_ISSUE, org)
    if request.method == "POST":
        form = forms.NoticeForm(request.POST)
        if not can_issue:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            _do(request, lambda: services.repost_notice_issue(organisation=org, actor=request.user, title=d["title"],
                                                               url=d["url"], record_id=d["record_id"]),
                _("已推送给全部下级机构转载。"))
        else:
            _form_errors(request, form)
        return redirect("oversight:reposts", code)
    now = clock.now()
    own = list(selectors.reposts_of(org)[:200])
    return render(request, "oversight/reposts.html", {
        "org": org, "now": now, "own": own, "can_confirm": can(request.user, Action.OVERSIGHT_EDIT, org),
        "late_own": selectors.late_reposts_of(org, now).count(),
        "late_below": list(selectors.late_reposts_below(org, now)[:200]) if org.children.exists() else [],
        "issued": selectors.notices_issued(org)[:50], "can_issue": can_issue and org.children.exists(),
        "form": forms.NoticeForm(),
    })


@login_required
@require_POST
def repost_confirm(request, pk):
    repost = get_object_or_404(Repost.objects.select_related("organisation", "notice"), pk=pk)
    if not can(request.user, Action.OVERSIGHT_VIEW, repost.organisation):
        raise Http404
    form = forms.RepostForm(request.POST)
    if form.is_valid():
        _do(request, lambda: services.repost_confirm(repost=repost, actor=request.user, url=form.cleaned_data["url"]),
            _("已登记转载。"))
    else:
        _form_errors(request, form)
    return redirect("oversight:reposts", repost.organisation.code)


# ------------------------------------------------------------------ tasks

@login_required
def tasks(request, code):
    org = selectors.organisation_for(request.user, code)
    if request.method == "POST":
        if not can(request.user, Action.OVERSIGHT_EDIT, org):
            raise PermissionDenied
        _do(request, lambda: services.tasks_import(organisation=org, actor=request.user),
            _("已按 seed 003 附件1 导入任务分工。"))
        return redirect("oversight:tasks", code)
    rows = [{"task": t, "actions": TASK_WORKFLOW.available_actions(t, request.user),
             "can_add": TASK_WORKFLOW.may("add_evidence", t, request.user)}
            for t in Task.objects.filter(organisation=org).prefetch_related("evidence", "evidence__record")]
    return render(request, "oversight/tasks.html", {
        "org": org, "rows": rows, "can_edit": can(request.user, Action.OVERSIGHT_EDIT, org),
        "evidence_form": forms.EvidenceForm(), "today": clock.today(),
    })


@login_required
@require_POST
def task_action(request, pk, action):
    task = get_object_or_404(Task.objects.select_related("organisation"), pk=pk)
    if not can(request.user, Action.OVERSIGHT_VIEW, task.organisation):
        raise Http404
    if action == "add_evidence":
        form = forms.EvidenceForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            _do(request, lambda: services.task_add_evidence(
                task=task, actor=request.user, kind=d["kind"], note=d["note"], url=d["url"],
                record_id=d["ref"], report_id=d["ref"], progress_id=d["ref"]), _("佐证材料已登记。"))
        else:
            _form_errors(request, form)
    elif action == "complete":
        _do(request, lambda: services.task_complete(task=task, actor=request.user), _("任务已标记完成。"))
    elif action == "reopen":
        _do(request, lambda: services.task_reopen(task=task, actor=request.user, reason=request.POST.get("reason", "")),
            _("任务已重新打开。"))
    else:
        raise Http404
    return redirect("oversight:tasks", task.organisation.code)


# ------------------------------------------------------------------ accountabilities

@login_required
def accountabilities(request, code):
    org = selectors.organisation_for(request.user, code)
    year = _int(request.GET.get("year"), clock.today().year)
    if not (2000 <= year <= clock.today().year + 1):
        raise Http404
    items = services.accountabilities_for(organisation=org, year=year)
    return render(request, "oversight/accountabilities.html", {
        "org": org, "year": year, "form": forms.AccountabilityForm(),
        "items": [{"item": a, "can_complete": ACCOUNTABILITY_WORKFLOW.may("complete", a, request.user),
                   "actions": ACCOUNTABILITY_WORKFLOW.available_actions(a, request.user)} for a in items],
    })


@login_required
@require_POST
def accountability_action(request, pk, action):
    item = get_object_or_404(Accountability.objects.select_related("organisation"), pk=pk)
    if not can(request.user, Action.OVERSIGHT_VIEW, item.organisation):
        raise Http404
    if action == "complete":
        form = forms.AccountabilityForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            _do(request, lambda: services.accountability_complete(
                item=item, actor=request.user, done_on=d["done_on"], responsible=d["responsible"],
                evidence_url=d["evidence_url"], record_id=d["record_id"], note=d["note"]), _("已登记完成。"))
        else:
            _form_errors(request, form)
    elif action == "reopen":
        _do(request, lambda: services.accountability_reopen(item=item, actor=request.user,
                                                             reason=request.POST.get("reason", "")), _("已撤销完成。"))
    else:
        raise Http404
    return redirect(reverse("oversight:accountabilities", args=[item.organisation.code]) + f"?year={item.year}")


# ------------------------------------------------------------------ progress reports

@login_required
def progress_list(request, code):
    org = selectors.organisation_for(request.user, code)
    can_edit = can(request.user, Action.OVERSIGHT_EDIT, org)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = forms.ProgressOpenForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = services.progress_open(organisation=org, actor=request.user, kind=d["kind"], year=d["year"],
                                                period=d["period"])
                return redirect("oversight:progress", report.pk)
            except DomainError as exc:
                _fail(request, exc)
        else:
            _form_errors(request, form)
        return redirect("oversight:progress_list", code)
    today = clock.today()
    return render(request, "oversight/progress_list.html", {
        "org": org, "can_edit": can_edit and org.parent_id is not None,
        "reports": ProgressReport.objects.filter(organisation=org),
        "below": selectors.progress_reports_below(org)[:200] if org.children.exists() else [],
        "form": forms.ProgressOpenForm(initial={"kind": PeriodKind.QUARTER, "year": today.year,
                                                "period": (today.month - 1) // 3 + 1}),
        "today": today,
    })


@login_required
def progress_detail(request, pk):
    report = get_object_or_404(ProgressReport.objects.select_related("organisation"), pk=pk)
    if not selectors.can_view_progress(request.user, report):
        raise Http404
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "save":
            form = forms.NarrativeForm(request.POST)
            if form.is_valid():
                _do(request, lambda: services.progress_edit(report=report, actor=request.user,
                                                             narrative=form.cleaned_data["narrative"],
                                                             refresh_figures=bool(request.POST.get("refresh"))),
                    _("已保存。"))
            else:
                _form_errors(request, form)
        elif op == "submit":
            _do(request, lambda: services.progress_submit(report=report, actor=request.user), _("已报送。"))
        elif op in ("return", "accept"):
            comment = request.POST.get("comment", "")
            fn = services.progress_return if op == "return" else services.progress_accept
            _do(request, lambda: fn(report=report, actor=request.user, comment=comment),
                _("已退回。") if op == "return" else _("已审核通过。"))
        else:
            messages.error(request, _("未知的操作。"))
        return redirect("oversight:progress", pk)
    return render(request, "oversight/progress.html", {
        "report": report, "org": report.organisation,
        "can_edit": PROGRESS_WORKFLOW.may("edit", report, request.user),
        "actions": PROGRESS_WORKFLOW.available_actions(report, request.user, offered_only=False),
        "form": forms.NarrativeForm(initial={"narrative": report.narrative}),
        "comment_form": forms.CommentForm(), "history": audit.readable_history(report), "today": clock.today(),
    })


# ------------------------------------------------------------------ evaluation

RANKING_PAGE = 50


def _evaluation_context(request, code):
    root = selectors.organisation_for(request.user, code, Action.EVALUATION_VIEW)
    today = clock.today()
    year = _int(request.GET.get("year"), today.year)
    if not (2000 <= year <= today.year + 1):
        raise Http404
    iset = evaluation.current_set(root, year)
    quarter = _int(request.GET.get("quarter"), selectors.latest_quarter(year))
    if quarter not in (1, 2, 3, 4):
        raise Http404
    level = request.GET.get("level") or ""
    if level and level not in Level.values:
        raise Http404
    return root, year, quarter, level, iset


def _ranking_for(request, root, iset, quarter, level):
    rows = selectors.ranking(iset, quarter, level=level or None) if iset else []
    rows = [r for r in rows if r.organisation.path.startswith(root.path) and r.organisation.pk != root.pk
            and can(request.user, Action.EVALUATION_VIEW, r.organisation)]
    for n, r in enumerate(rows, 1):
        r.rank = n
    return rows


@login_required
def evaluation_dashboard(request, code):
    root, year, quarter, level, iset = _evaluation_context(request, code)
    if request.method == "POST":
        if not can(request.user, Action.OVERSIGHT_REVIEW, root) and not can(request.user, Action.EVALUATION_EDIT, root):
            raise PermissionDenied
        # Only the organisations changed since the last refresh, in the request when they are few; a
        # year never computed (the whole province) or many changes go to the scheduler, which any
        # server runs at its next tick — a province-wide recomputation takes minutes.
        dirty = list(DirtyOrganisation.objects.values_list("organisation_id", flat=True))
        never = not MetricValue.objects.filter(year=year).exists()
        running = year == clock.now().year
        if not never and not dirty:
            messages.success(request, _("没有尚未计入的变更。"))
        elif never or len(dirty) > evaluation.INLINE_REFRESH_LIMIT:
            job = "oversight_refresh" if never else "oversight_refresh_changed"
            if (never or running) and scheduler.run_soon(job):
                messages.success(request, _("已安排在后台重新统计（通常几分钟内完成），完成后本页显示新的统计时间。"))
            else:
                messages.error(request, _("该年度的数据量较大，无法在页面中统计，请联系系统管理员运行后台统计任务。"))
        else:
            result = evaluation.refresh(year=year, organisation_ids=dirty)
            messages.success(request, _("已重新统计：%(figures)d项数据，%(scores)d个得分。") % result)
        return redirect(request.get_full_path())
    ctx = {"root": root, "year": year, "quarter": quarter, "level": level, "iset": iset, "levels": Level.choices,
           "freshness": selectors.freshness(), "can_edit_set": can(request.user, Action.EVALUATION_EDIT, root),
           "query": f"year={year}&quarter={quarter}" + (f"&level={level}" if level else "")}
    if iset is None:
        return render(request, "oversight/evaluation.html", ctx)
    rows = _ranking_for(request, root, iset, quarter, level)
    indicators = list(iset.indicators.all())
    allowed = {r.organisation.pk for r in rows}
    base = reverse("oversight:evaluation", args=[code])
    dist = [0] * 10
    for r in rows:
        dist[min(9, int(r.total // 10))] += 1
    dist_items = [(f"{i * 10}–{i * 10 + 9 if i < 9 else 100}", n,
                   f"{base}?{ctx['query']}&band={i}#ranking") for i, n in enumerate(dist)]
    band = _int(request.GET.get("band"))
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
    page = max(1, _int(request.GET.get("page"), 1))
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
        r.cells = [(None if r.breakdown.get(i.code) is None else f"{r.breakdown[i.code]:g}", drill + i.metric)
                   for i in indicators]
        r.lowest_cell = (names[r.lowest], drill + metric_of[r.lowest]) if r.lowest in names else None
    ctx.update({
        "rows": page_rows, "total_rows": len(rows), "page": page,
        "pages": pages, "next_page": page + 1 if page < pages else None, "previous_page": page - 1 if page > 1 else None, "indicators": indicators, "band": band, "sort_by": sort_by,
        "chart_distribution": charts.bars(_("得分分布"), dist_items),
        "chart_trend": charts.lines(_("季度得分趋势"), quarters, series),
        "chart_breakdown": charts.hbars(_("各指标平均得分"), breakdown_items),
        "late_reposts": selectors.late_reposts_below(root).count(),
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
                      "base": figs.get(i.base_metric) if i.base_metric else None, "url": url,
                      "metric": metrics.METRICS.get(i.metric),
                      "base_url": f"{base}?year={year}&quarter={quarter}&metric={i.base_metric}" if i.base_metric else ""})
        if s is not None:
            items.append((i.name, s, float(i.weight), url))
    ratios = [(ln["score"] / float(ln["indicator"].weight), ln) for ln in lines
              if ln["score"] is not None and ln["indicator"].weight]
    lowest = min(ratios, key=lambda t: t[0])[1] if ratios else None
    history = {s.quarter: s.total for s in iset.scores.filter(organisation=org)}
    quarters = evaluation.quarters_to_compute(year, clock.now())
    return render(request, "oversight/evaluation_org.html", {
        "root": root, "org": org, "year": year, "quarter": quarter, "iset": iset, "score": score, "lines": lines,
        "lowest": lowest, "chart": charts.hbars(_("指标得分"), items),
        "chart_trend": charts.lines(_("季度得分趋势"), quarters, [(org.name, history, "")]),
        "freshness": selectors.freshness(),
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
    rows = _ranking_for(request, root, iset, quarter, level)
    return {
        "title": _("%(org)s政务公开工作量化评估情况通报") % {"org": root.name},
        "subtitle": _("%(year)s年第%(q)s季度（指标体系%(year)s年第%(v)s版；数据统计于%(at)s）") % {
            "year": year, "q": quarter, "v": iset.version,
            "at": timezone.localtime(selectors.freshness()["computed_at"] or clock.now()).strftime("%Y-%m-%d %H:%M")},
        "root": root, "ranking": rows, "indicators": list(iset.indicators.all()),
        "metric_labels": {k: m.label for k, m in metrics.METRICS.items()},
        "best": rows[:3], "worst": rows[-3:][::-1] if len(rows) > 3 else [],
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
    can_edit = can(request.user, Action.EVALUATION_EDIT, org)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        year = _int(request.POST.get("year"))
        if year is None:
            messages.error(request, _("年度不正确。"))
            return redirect("oversight:indicator_sets", code)
        try:
            iset = services.indicator_set_create(organisation=org, actor=request.user, year=year,
                                                 note=request.POST.get("note", ""))
            messages.success(request, _("已创建新版本。"))
            return redirect("oversight:indicator_set", iset.pk)
        except DomainError as exc:
            _fail(request, exc)
        return redirect("oversight:indicator_sets", code)
    return render(request, "oversight/indicator_sets.html", {
        "org": org, "sets": IndicatorSet.objects.filter(organisation=org), "can_edit": can_edit,
        "year": clock.today().year})


@login_required
def indicator_set(request, pk):
    iset = get_object_or_404(IndicatorSet.objects.select_related("organisation"), pk=pk)
    if not can(request.user, Action.EVALUATION_VIEW, iset.organisation):
        raise Http404
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "publish":
            _do(request, lambda: services.indicator_set_publish(indicator_set=iset, actor=request.user),
                _("指标体系已启用。"))
        elif op == "edit":
            n = _int(request.POST.get("rows"), 0)
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
            _do(request, lambda: services.indicator_set_edit(indicator_set=iset, actor=request.user, rows=rows),
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
