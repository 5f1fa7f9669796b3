"""Back-office pages of 政务新媒体: the register, the request forms, the queues. Views parse a form, call one
service and redirect; buttons come from the workflows' available actions; objects the user may not see are 404."""
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from . import forms, rules, selectors, services
from .services import CHANGED_FIELDS
from .states import RequestKind
from .workflow import ACCOUNT_WORKFLOW, LEADER_DECISIONS, REQUEST_WORKFLOW, REVIEW_DECISIONS


def _problems(form, exc: DomainError) -> None:
    for message in (exc.message, *exc.problems):
        form.add_error(None, message)


def _flash(request, exc: DomainError) -> None:
    flash.error(request, exc.message)
    for problem in exc.problems:
        flash.error(request, problem)


def _account(request, pk):
    account = selectors.account_for_staff(request.user, pk)
    if account is None:
        raise Http404
    return account


def _request(request, pk):
    req = selectors.request_for_staff(request.user, pk)
    if req is None:
        raise Http404
    return req


@login_required
def index(request):
    orgs = selectors.viewable_organisations(request.user)
    reviewing = organisations_where(request.user, Action.NEWMEDIA_APPROVE)
    if not orgs.exists() and not reviewing.exists():
        raise PermissionDenied
    return render(request, "newmedia/office/index.html", {
        "accounts": selectors.register(orgs),
        "requests": selectors.requests_of(orgs, open_only=True),
        "to_review": selectors.review_queue(request.user),
        "to_agree": selectors.agreement_queue(request.user),
        "edit_orgs": organisations_where(request.user, Action.NEWMEDIA_EDIT).order_by("path"),
        "stale_days": rules.stale_days(), "warn_days": rules.warn_days(),
    })


def _request_form_page(request, *, org, form, create, title, account=None):
    if request.method == "POST" and form.is_valid():
        try:
            req = create(form.cleaned_data)
        except DomainError as exc:
            _problems(form, exc)
        else:
            flash.success(request, _("申请已保存为草稿，请核对后提交本单位负责人同意。"))
            return redirect("newmedia_office:request", pk=req.pk)
    return render(request, "newmedia/office/form.html", {"form": form, "org": org, "title": title,
                                                          "account": account})


@login_required
def request_new(request, org_code):
    org = get_object_or_404(Organisation, code=org_code)
    if not can(request.user, Action.NEWMEDIA_EDIT, org):
        raise PermissionDenied
    form = forms.RequestForm(request.POST or None)
    return _request_form_page(request, org=org, form=form, title=_("申请开设政务新媒体"), create=lambda d: (
        services.request_create(organisation=org, actor=request.user, kind=RequestKind.OPEN, data=d)))


@login_required
def account_change(request, pk):
    account = _account(request, pk)
    if not can(request.user, Action.NEWMEDIA_EDIT, account.organisation):
        raise PermissionDenied
    initial = {f: getattr(account, f) for f in (*CHANGED_FIELDS, "contact")}
    form = forms.RequestForm(request.POST or None, initial=initial)
    return _request_form_page(request, org=account.organisation, form=form, account=account,
                              title=_("申请调整政务新媒体"), create=lambda d: services.request_create(
                                  organisation=account.organisation, actor=request.user, kind=RequestKind.CHANGE,
                                  data=d, account=account))


@login_required
def account_close(request, pk):
    account = _account(request, pk)
    if not can(request.user, Action.NEWMEDIA_EDIT, account.organisation):
        raise PermissionDenied
    form = forms.CloseForm(request.POST or None)
    return _request_form_page(request, org=account.organisation, form=form, account=account,
                              title=_("申请关闭注销政务新媒体"), create=lambda d: services.request_create(
                                  organisation=account.organisation, actor=request.user, kind=RequestKind.CLOSE,
                                  data=d, account=account))


@login_required
def account_detail(request, pk):
    account = _account(request, pk)
    [account] = selectors.with_freshness([account])
    names = ACCOUNT_WORKFLOW.available_names(account, request.user)
    return render(request, "newmedia/office/account.html", {
        "account": account, "names": names,
        "may_request": "edit_details" in names and not selectors.has_open_request(account),
        "update_form": forms.UpdateForm(initial={"published_on": clock.today()}),
        "details_form": forms.DetailsForm(initial={"contact": account.contact, "feed_url": account.feed_url}),
        "updates": account.updates.all()[:30], "requests": account.requests.order_by("-created_at"),
        "history": audit.readable_history(account), "stale_days": rules.stale_days(),
    })


@login_required
@require_POST
def account_action(request, pk, action):
    account = _account(request, pk)
    if action == "record_update":
        form = forms.UpdateForm(request.POST)
        call = lambda d: services.account_record_update(account=account, actor=request.user,  # noqa: E731
                                                        published_on=d["published_on"])
        done = _("已登记最近更新日期。")
    elif action == "edit_details":
        form = forms.DetailsForm(request.POST)
        call = lambda d: services.account_edit_details(account=account, actor=request.user,  # noqa: E731
                                                       contact=d["contact"], feed_url=d["feed_url"])
        done = _("已保存。")
    else:
        raise Http404
    _run(request, form, call, done)
    return redirect("newmedia_office:account", pk=account.pk)


def _run(request, form, call, done) -> bool:
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                flash.error(request, f"{label}：{e}" if label else e)
        return False
    try:
        call(form.cleaned_data)
    except DomainError as exc:
        _flash(request, exc)
        return False
    flash.success(request, done)
    return True


@login_required
def request_detail(request, pk):
    req = _request(request, pk)
    names = REQUEST_WORKFLOW.available_names(req, request.user)
    current = None
    if req.account_id and req.kind == RequestKind.CHANGE:
        current = [(req._meta.get_field(f).verbose_name, getattr(req.account, f), getattr(req, f),
                    getattr(req.account, f) != getattr(req, f)) for f in CHANGED_FIELDS]
    same_platform = selectors.same_platform_count(req) if req.kind != RequestKind.CLOSE else 0
    return render(request, "newmedia/office/request.html", {
        "req": req, "names": names, "actions": REQUEST_WORKFLOW.available_actions(req, request.user),
        "current": current, "same_platform": same_platform,
        "review": [REQUEST_WORKFLOW[n] for n in REVIEW_DECISIONS if n in names],
        "leader": [REQUEST_WORKFLOW[n] for n in LEADER_DECISIONS if n in names],
        "opinion_form": forms.OpinionForm(), "carry_form": forms.CarryOutForm(initial={"done_on": clock.today()}),
        "history": audit.readable_history(req),
    })


@login_required
def request_edit(request, pk):
    req = _request(request, pk)
    if not REQUEST_WORKFLOW.may("edit", req, request.user):
        raise PermissionDenied
    form_class = forms.CloseForm if req.kind == RequestKind.CLOSE else forms.RequestForm
    initial = {f: getattr(req, f) for f in (*CHANGED_FIELDS, "contact", "reason")}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(request=req, actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            _problems(form, exc)
        else:
            flash.success(request, _("已保存。"))
            return redirect("newmedia_office:request", pk=req.pk)
    return render(request, "newmedia/office/form.html", {"form": form, "org": req.organisation,
                                                          "title": _("修改申请"), "account": req.account})


@login_required
@require_POST
def request_action(request, pk, action):
    req = _request(request, pk)
    user = request.user
    simple = {"submit": services.request_submit, "withdraw": services.request_withdraw}
    if action in simple:
        form, call = None, lambda d: simple[action](request=req, actor=user)
    elif action in LEADER_DECISIONS or action in REVIEW_DECISIONS:
        form = forms.OpinionForm(request.POST)
        if action == "agree":
            call = lambda d: services.request_agree(request=req, actor=user, opinion=d["opinion"])  # noqa: E731
        elif action == "leader_return":
            call = lambda d: services.request_leader_return(request=req, actor=user,  # noqa: E731
                                                           opinion=d["opinion"])
        else:
            call = lambda d: services.request_decide(request=req, actor=user, decision=action,  # noqa: E731
                                                     opinion=d["opinion"])
    elif action == "carry_out":
        form = forms.CarryOutForm(request.POST)
        call = lambda d: services.request_carry_out(request=req, actor=user, done_on=d["done_on"],  # noqa: E731
                                                    filing_number=d["filing_number"])
    else:
        raise Http404
    if form is None:
        try:
            call({})
        except DomainError as exc:
            _flash(request, exc)
        else:
            flash.success(request, _("操作已完成。"))
    else:
        _run(request, form, call, _("操作已完成。"))
    req.refresh_from_db()
    if selectors.request_for_staff(user, req.pk) is None:
        return redirect("newmedia_office:index")
    return redirect("newmedia_office:request", pk=req.pk)
