"""Back-office pages of the 双公示 register. Views validate a form, call one service and redirect; buttons come
from the workflow's available_actions(); the service makes the permission check (PermissionDenied → 403);
decisions of organisations the user may not read answer 404."""
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit, clock, exports
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from . import forms, importing, rules, selectors, services
from .models import Decision
from .states import DecisionKind, DecisionStatus
from .workflow import DECISION_WORKFLOW


def _problems(form, exc: DomainError) -> None:
    for message in (exc.message, *exc.problems):
        form.add_error(None, message)


def _decision(request, pk) -> Decision:
    d = get_object_or_404(Decision.objects.select_related("organisation", "created_by"), pk=pk)
    if not can(request.user, Action.DECISION_VIEW, d.organisation):
        raise Http404
    return d


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def index(request):
    orgs = organisations_where(request.user, Action.DECISION_VIEW).order_by("path")
    if not orgs.exists():
        raise PermissionDenied
    g = request.GET
    overdue = g.get("overdue") == "1"
    year = _int(g.get("year"))
    qs = selectors.office_decisions(request.user, status=g.get("status", ""), overdue=overdue, kind=g.get("kind", ""),
                                    year=year if year and 1900 < year < 3000 else None,
                                    organisation_id=_int(g.get("org")))
    page = Paginator(qs, 50).get_page(g.get("page"))
    return render(request, "decisions/office/index.html", {
        "page": page, "orgs": orgs, "edit_orgs": organisations_where(request.user, Action.DECISION_EDIT).order_by("path"),
        "statuses": DecisionStatus.choices, "kinds": DecisionKind.choices, "today": clock.today(),
        "overdue_count": selectors.office_decisions(request.user, overdue=True).count(),
        "f": {"status": g.get("status", ""), "kind": g.get("kind", ""), "overdue": overdue, "year": g.get("year", ""),
              "org": _int(g.get("org"))},
        "rule": rules.RULE_TEXT, "source": rules.SOURCE_TEXT,
    })


@login_required
def import_template(request):
    if not organisations_where(request.user, Action.DECISION_EDIT).exists():
        raise PermissionDenied
    return exports.xlsx_response("shuanggongshi-template.xlsx", list(importing.columns()), [], title=_("双公示导入"))


def _org_for_edit(request, org_code) -> Organisation:
    org = get_object_or_404(Organisation, code=org_code)
    if not can(request.user, Action.DECISION_VIEW, org):
        raise Http404
    if not can(request.user, Action.DECISION_EDIT, org):
        raise PermissionDenied
    return org


@login_required
def new(request, org_code):
    org = _org_for_edit(request, org_code)
    form = forms.DecisionForm(request.POST or None, initial={"authority": org.name})
    if request.method == "POST" and form.is_valid():
        try:
            d = services.decision_create(organisation=org, actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            _problems(form, exc)
        else:
            flash.success(request, _("已登记，应于%(d)s前公示。") % {"d": d.due_on.isoformat()})
            return redirect("decisions_office:detail", pk=d.pk)
    return render(request, "decisions/office/form.html", {"form": form, "org": org, "title": _("登记行政许可/处罚决定")})


@login_required
def import_file(request, org_code):
    org = _org_for_edit(request, org_code)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    problems, message = [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = importing.decisions_import(organisation=org, actor=request.user, name=upload.name,
                                                 data=upload.read())
        except DomainError as exc:
            message, problems = exc.message, exc.problems
        else:
            flash.success(request, _("已导入%(n)d条决定。") % {"n": len(created)})
            return redirect(f"{reverse('decisions_office:index')}?org={org.pk}&status=draft")
    return render(request, "decisions/office/import.html", {"form": form, "org": org, "message": message,
                                                            "problems": problems,
                                                            "columns": list(importing.columns()),
                                                            "max_rows": importing.MAX_ROWS},
                  status=400 if message else 200)


@login_required
def detail(request, pk):
    d = _decision(request, pk)
    today = clock.today()
    return render(request, "decisions/office/detail.html", {
        "d": d, "v": selectors.public_view(d), "actions": DECISION_WORKFLOW.available_actions(d, request.user),
        "may": DECISION_WORKFLOW.available_names(d, request.user), "timeliness": selectors.timeliness(d, today),
        "overdue": d.is_overdue(today), "deadline": rules.publication_deadline(d.decided_on),
        "history": audit.readable_history(d, limit=30),
    })


def _form_page(request, d, form_class, call, title, success):
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                call(form.cleaned_data)
            except DomainError as exc:
                _problems(form, exc)
            else:
                flash.success(request, success)
                return redirect("decisions_office:detail", pk=d.pk)
    else:
        form = form_class(initial=None if form_class is forms.ReasonForm else forms.initial_of(d))
    return render(request, "decisions/office/form.html", {"form": form, "org": d.organisation, "d": d, "title": title})


@login_required
def edit(request, pk):
    d = _decision(request, pk)
    return _form_page(request, d, forms.DecisionForm, lambda data: services.decision_edit(
        decision=d, actor=request.user, data=data), _("修改待公示的决定"), _("已保存。"))


@login_required
def correct(request, pk):
    d = _decision(request, pk)
    return _form_page(request, d, forms.CorrectForm, lambda data: services.decision_correct(
        decision=d, actor=request.user, data=data, reason=data["reason"]), _("更正已公示的决定"), _("已更正。"))


@login_required
def withdraw(request, pk):
    d = _decision(request, pk)
    return _form_page(request, d, forms.ReasonForm, lambda data: services.decision_withdraw(
        decision=d, actor=request.user, reason=data["reason"]), _("撤下已公示的决定"), _("已撤下。"))


SIMPLE_ACTIONS = {
    "publish": (services.decision_publish, _("已公示。")),
    "expire": (services.decision_expire, _("已按公示期满撤下。")),
}


@login_required
@require_POST
def action(request, pk, action):
    d = _decision(request, pk)
    if action not in SIMPLE_ACTIONS:
        raise Http404
    call, success = SIMPLE_ACTIONS[action]
    try:
        call(decision=d, actor=request.user)
    except DomainError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, success)
    return redirect("decisions_office:detail", pk=d.pk)
