"""Back-office pages for an organisation's records settings: the yearly self-check, the 不予公开
负面清单, item publication targets and the interpretation figures (same rules as office_views: the
service decides who may write; a page is shown only to whoever may use it)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.catalog.selectors import active_items
from gongkai.core import clock
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from . import deadlines, forms, selectors, services
from .models import NegativeListEntry, SelfCheck, SelfCheckEntry
from .office_views import _fail


@login_required
def self_checks(request):
    if request.method == "POST":  # the service decides who may start a self-check
        org = get_object_or_404(Organisation, code=request.POST.get("org"))
        try:
            check = services.self_check_start(organisation=org, year=int(request.POST.get("year") or clock.today().year),
                                              actor=request.user)
        except (DomainError, ValueError) as exc:
            _fail(request, exc) if isinstance(exc, DomainError) else messages.error(request, _("年度无效。"))
        else:
            return redirect("records_office:self_check", pk=check.pk)
    orgs = organisations_where(request.user, Action.RECORD_MANAGE)
    if not orgs.exists():
        raise PermissionDenied  # nothing to show to someone who manages no organisation's records
    return render(request, "records/office/self_checks.html", {
        "orgs": orgs, "checks": SelfCheck.objects.filter(organisation__in=orgs).select_related("organisation"),
        "year": clock.today().year,
    })


@login_required
def self_check(request, pk):
    check = get_object_or_404(SelfCheck.objects.select_related("organisation"), pk=pk)
    if request.method == "POST":  # the services decide who may decide and complete
        try:
            if request.POST.get("complete"):
                services.self_check_complete(check=check, actor=request.user)
                messages.success(request, _("年度自查已完成。"))
            else:
                entry = get_object_or_404(SelfCheckEntry, pk=request.POST.get("entry"), self_check=check)
                services.self_check_decide(entry=entry, actor=request.user, decision=request.POST.get("decision", ""),
                                           reason=request.POST.get("reason", ""))
                messages.success(request, _("结论已记录。"))
        except DomainError as exc:
            _fail(request, exc)
        return redirect("records_office:self_check", pk=check.pk)
    if not can(request.user, Action.RECORD_MANAGE, check.organisation):
        raise Http404  # another organisation's self-check is not shown
    return render(request, "records/office/self_check.html", {
        "check": check, "entries": check.entries.select_related("record", "record__legal_basis", "decided_by"),
        "form": forms.SelfCheckDecisionForm(),
    })


def _managed_organisation(request):
    """(organisations whose records the user manages, the one chosen with ?org= or the first); 403 if none."""
    orgs = organisations_where(request.user, Action.RECORD_MANAGE)
    if not orgs.exists():
        raise PermissionDenied
    org = orgs.filter(code=request.GET.get("org") or request.POST.get("org")).first() or orgs.first()
    return orgs, org


@login_required
def negative_list(request):
    orgs, org = _managed_organisation(request)
    if request.method == "POST":
        form = forms.NegativeListForm(request.POST)
        if form.is_valid():
            try:
                services.negative_list_save(organisation=org, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已加入负面清单。"))
                return redirect(f"{request.path}?org={org.code}")
    else:
        form = forms.NegativeListForm()
    return render(request, "records/office/negative_list.html", {
        "org": org, "orgs": orgs, "form": form,
        "entries": NegativeListEntry.objects.filter(organisation=org).select_related("legal_basis"),
    })


@login_required
def interpretation_quota(request):
    orgs = organisations_where(request.user, Action.RECORD_VIEW_UNPUBLISHED)
    if not orgs.exists():
        raise PermissionDenied
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        raise Http404
    rows = [(org, selectors.interpretation_figure(org, year)) for org in orgs]
    return render(request, "records/office/quota.html", {"rows": rows, "year": year,
                                                         "quota": selectors.quota_for(year)})


@login_required
def item_targets(request):
    """The organisation's own publication targets for items whose time limit has no fixed count."""
    orgs, org = _managed_organisation(request)
    items = [i for i in active_items(org) if (i.time_limit_rule or {}).get("kind") in deadlines.BACKSTOP_KINDS]
    if request.method == "POST":
        item = next((i for i in items if str(i.pk) == request.POST.get("item")), None)
        days = (request.POST.get("working_days") or "").strip()
        if item is None or (days and not (days.isdigit() and len(days) <= 3)):
            messages.error(request, _("请选择事项，目标时限填写 1 至 19 的整数（留空表示取消）。"))
        else:
            try:
                services.item_target_set(organisation=org, item=item, actor=request.user,
                                         working_days=int(days) if days else None, note=request.POST.get("note", ""))
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已保存。"))
        return redirect(f"{request.path}?org={org.code}")
    targets = selectors.item_targets(org)
    rows = [(i, targets.get(i.key)) for i in items]
    return render(request, "records/office/item_targets.html", {"org": org, "orgs": orgs, "rows": rows,
                                                                 "backstop": deadlines.ART26_WORKING_DAYS})
