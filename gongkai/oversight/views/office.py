"""An organisation's own oversight pages: columns, reposts, tasks, accountabilities, progress reports.
A form parses, one service writes (and checks the actor), selectors read; buttons come from the
workflows' ``available_actions``."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError
from gongkai.organisations.permissions import Action, can

from .. import forms, metrics, selectors, services, sources
from ..states import PeriodKind
from ..workflow import ACCOUNTABILITY_WORKFLOW, COLUMN_WORKFLOW, PROGRESS_WORKFLOW, TASK_WORKFLOW
from ._common import do, fail, form_errors, to_int


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
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "import":
            do(request, lambda: services.columns_import(organisation=org, actor=request.user),
               _("已按《安徽省安全生产监督管理局全面推进政务公开实施细则》附件2导入栏目。"))
        elif op == "create":
            form = forms.ColumnForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                do(request, lambda: services.column_create(
                    organisation=org, actor=request.user, name=d["name"], parent=selectors.column_of(org, d["parent"]),
                    lead_unit=d["lead_unit"], cooperating_units=d["cooperating_units"], rule=d["rule"],
                    catalog_keys=d["catalog_keys"]), _("栏目已新增。"))
            else:
                form_errors(request, form)
        return redirect("oversight:columns", code)
    now = clock.now()
    states = metrics.column_states({"ids": [org.pk]}, now).get(org.pk, [])
    tree, firsts = selectors.column_tree(org, {s.column.pk: s for s in states})
    stale = sum(s.stale for s in states)
    empty = sum(s.empty for s in states)
    idle = int(metrics.homepage_idle_days({"ids": [org.pk]},
                                          metrics.Period.of(now.year, (now.month - 1) // 3 + 1, now))[org.pk])
    return render(request, "oversight/columns.html", {
        "org": org, "tree": tree, "can_edit": can(request.user, Action.OVERSIGHT_EDIT, org), "stale": stale,
        "empty": empty, "idle": idle, "never": metrics.NEVER,
        "veto_stale": stale >= metrics.STALE_COLUMNS_VETO, "veto_empty": empty >= metrics.EMPTY_COLUMNS_VETO,
        "veto_idle": idle > metrics.HOMEPAGE_IDLE_DAYS,
        "messages_available": metrics.METRICS["messages_unanswered"].available(),
        "form": forms.ColumnForm(), "first_levels": firsts,
    })


@login_required
def column_detail(request, pk):
    column = selectors.column_for(request.user, pk)
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "edit":
            form = forms.ColumnEditForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                do(request, lambda: services.column_edit(
                    column=column, actor=request.user, lead_unit=d["lead_unit"],
                    cooperating_units=d["cooperating_units"], rule=d["rule"], rule_text=d["rule_text"],
                    catalog_keys=d["catalog_keys"], sync_with=selectors.column_of(column.organisation, d["sync_with"])),
                   _("栏目已修改。"))
            else:
                form_errors(request, form)
        elif op == "log_update":
            do(request, lambda: services.column_log_update(column=column, actor=request.user,
                                                           note=request.POST.get("note", "")), _("已登记更新。"))
        elif op == "retire":
            do(request, lambda: services.column_retire(column=column, actor=request.user,
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
        "siblings": selectors.sibling_columns(column),
        "history": audit.readable_history(column),
    })


# ------------------------------------------------------------------ reposts

@login_required
def reposts(request, code):
    org = selectors.organisation_for(request.user, code)
    if request.method == "POST":
        form = forms.NoticeForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            do(request, lambda: services.repost_notice_issue(organisation=org, actor=request.user, title=d["title"],
                                                             url=d["url"], record_id=d["record_id"]),
               _("已推送给全部下级机构转载。"))
        else:
            form_errors(request, form)
        return redirect("oversight:reposts", code)
    now = clock.now()
    has_children = org.children.exists()
    return render(request, "oversight/reposts.html", {
        "org": org, "now": now, "own": list(selectors.reposts_of(org)[:200]),
        "can_confirm": can(request.user, Action.OVERSIGHT_EDIT, org),
        "late_own": selectors.late_reposts_of(org, now).count(),
        "late_below": list(selectors.late_reposts_below(org, now)[:200]) if has_children else [],
        "issued": selectors.notices_issued(org)[:50],
        "can_issue": can(request.user, Action.OVERSIGHT_ISSUE, org) and has_children,
        "form": forms.NoticeForm(),
    })


@login_required
@require_POST
def repost_confirm(request, pk):
    repost = selectors.repost_for(request.user, pk)
    form = forms.RepostForm(request.POST)
    if form.is_valid():
        do(request, lambda: services.repost_confirm(repost=repost, actor=request.user, url=form.cleaned_data["url"]),
           _("已登记转载。"))
    else:
        form_errors(request, form)
    return redirect("oversight:reposts", repost.organisation.code)


# ------------------------------------------------------------------ tasks

@login_required
def tasks(request, code):
    org = selectors.organisation_for(request.user, code)
    if request.method == "POST":
        do(request, lambda: services.tasks_import(organisation=org, actor=request.user),
           _("已按《安徽省安全生产监督管理局全面推进政务公开实施细则》附件1导入任务分工。"))
        return redirect("oversight:tasks", code)
    rows = [{"task": t, "actions": TASK_WORKFLOW.available_actions(t, request.user),
             "can_add": TASK_WORKFLOW.may("add_evidence", t, request.user)} for t in selectors.tasks_of(org)]
    return render(request, "oversight/tasks.html", {
        "org": org, "rows": rows, "can_edit": can(request.user, Action.OVERSIGHT_EDIT, org),
        "evidence_form": forms.EvidenceForm(), "today": clock.today(),
    })


@login_required
@require_POST
def task_action(request, pk, action):
    task = selectors.task_for(request.user, pk)
    if action == "add_evidence":
        form = forms.EvidenceForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            do(request, lambda: services.task_add_evidence(
                task=task, actor=request.user, kind=d["kind"], note=d["note"], url=d["url"],
                record_id=d["ref"], report_id=d["ref"], progress_id=d["ref"]), _("佐证材料已登记。"))
        else:
            form_errors(request, form)
    elif action == "complete":
        do(request, lambda: services.task_complete(task=task, actor=request.user), _("任务已标记完成。"))
    elif action == "reopen":
        do(request, lambda: services.task_reopen(task=task, actor=request.user, reason=request.POST.get("reason", "")),
           _("任务已重新打开。"))
    else:
        raise Http404
    return redirect("oversight:tasks", task.organisation.code)


# ------------------------------------------------------------------ accountabilities

@login_required
def accountabilities(request, code):
    org = selectors.organisation_for(request.user, code)
    year = to_int(request.GET.get("year"), clock.today().year)
    if not (2000 <= year <= clock.today().year + 1):
        raise Http404
    items = services.accountabilities_for(organisation=org, year=year)
    start, end = (timezone.make_aware(dt.datetime(y, 1, 1)) for y in (year, year + 1))
    return render(request, "oversight/accountabilities.html", {
        "org": org, "year": year, "form": forms.AccountabilityForm(),
        # The press-conference register (gongkai.outreach) is what the evaluation counts for this duty.
        "press_register": sources.head_attended_counts([org.pk], start, end).get(org.pk, 0),
        "items": [{"item": a, "can_complete": ACCOUNTABILITY_WORKFLOW.may("complete", a, request.user),
                   "actions": ACCOUNTABILITY_WORKFLOW.available_actions(a, request.user)} for a in items],
    })


@login_required
@require_POST
def accountability_action(request, pk, action):
    item = selectors.accountability_for(request.user, pk)
    if action == "complete":
        form = forms.AccountabilityForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            do(request, lambda: services.accountability_complete(
                item=item, actor=request.user, done_on=d["done_on"], responsible=d["responsible"],
                evidence_url=d["evidence_url"], record_id=d["record_id"], note=d["note"]), _("已登记完成。"))
        else:
            form_errors(request, form)
    elif action == "reopen":
        do(request, lambda: services.accountability_reopen(item=item, actor=request.user,
                                                           reason=request.POST.get("reason", "")), _("已撤销完成。"))
    else:
        raise Http404
    return redirect(reverse("oversight:accountabilities", args=[item.organisation.code]) + f"?year={item.year}")


# ------------------------------------------------------------------ progress reports

@login_required
def progress_list(request, code):
    org = selectors.organisation_for(request.user, code)
    if request.method == "POST":
        form = forms.ProgressOpenForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = services.progress_open(organisation=org, actor=request.user, kind=d["kind"], year=d["year"],
                                                period=d["period"])
                return redirect("oversight:progress", report.pk)
            except DomainError as exc:
                fail(request, exc)
        else:
            form_errors(request, form)
        return redirect("oversight:progress_list", code)
    today = clock.today()
    return render(request, "oversight/progress_list.html", {
        "org": org, "can_edit": can(request.user, Action.OVERSIGHT_EDIT, org) and org.parent_id is not None,
        "reports": selectors.progress_reports_of(org),
        "below": selectors.progress_reports_below(org)[:200] if org.children.exists() else [],
        "form": forms.ProgressOpenForm(initial={"kind": PeriodKind.QUARTER, "year": today.year,
                                                "period": (today.month - 1) // 3 + 1}),
        "today": today,
    })


@login_required
def progress_detail(request, pk):
    report = selectors.progress_for(request.user, pk)
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "save":
            form = forms.NarrativeForm(request.POST)
            if form.is_valid():
                do(request, lambda: services.progress_edit(report=report, actor=request.user,
                                                           narrative=form.cleaned_data["narrative"],
                                                           refresh_figures=bool(request.POST.get("refresh"))),
                   _("已保存。"))
            else:
                form_errors(request, form)
        elif op == "submit":
            do(request, lambda: services.progress_submit(report=report, actor=request.user), _("已报送。"))
        elif op in ("return", "accept"):
            comment = request.POST.get("comment", "")
            fn = services.progress_return if op == "return" else services.progress_accept
            do(request, lambda: fn(report=report, actor=request.user, comment=comment),
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
