"""The catalog's back office (/office/catalogs/…, /office/versions/…, /office/items/…).

Views read, validate the form and call one service; the service checks permission and state.
Views ask the transition table (``may``/``is_possible``) only to decide what to show, and the
service's PermissionDenied becomes the 403 page.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can

from . import selectors, services
from .forms import CatalogItemForm, LocalItemForm, ReasonForm
from .models import Catalog, CatalogItem, CatalogVersion
from .presentation import group_items, item_boxes
from .workflow import REVIEW_TRANSITIONS, VERSION_WORKFLOW


def _drafts_visible(user, catalog: Catalog) -> None:
    """404 unless the user may see the catalog's unpublished versions (another office's drafts stay hidden)."""
    if catalog.is_template or not can(user, Action.CATALOG_VIEW_UNPUBLISHED, catalog.organisation):
        raise Http404


def _catalog_for_staff(user, pk) -> Catalog:
    catalog = get_object_or_404(Catalog.objects.select_related("organisation", "template"), pk=pk)
    _drafts_visible(user, catalog)
    return catalog


def _fail(request, exc: DomainError):
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


@login_required
@require_POST
def catalog_derive(request, org_code, domain):
    org = get_object_or_404(Organisation, code=org_code)
    template = get_object_or_404(Catalog, is_template=True, domain=domain)
    try:
        catalog = services.catalog_derive(organisation=org, template=template, actor=request.user)
    except DomainError as exc:
        _fail(request, exc)
        return redirect("office:dashboard")
    messages.success(request, _("已从国家标准目录派生本机关目录（草稿第 1 版）。"))
    return redirect("office:catalog", pk=catalog.pk)


@login_required
def catalog_workspace(request, pk):
    catalog = _catalog_for_staff(request.user, pk)
    versions = list(catalog.versions.order_by("-number"))
    number = request.GET.get("version")
    version = None
    if number:
        version = next((v for v in versions if str(v.number) == number), None)
        if version is None:
            raise Http404
    version = version or selectors.open_version(catalog) or catalog.published_version or versions[0]
    version.catalog = catalog
    items = list(version.items.order_by("position"))
    for item in items:
        item.boxes = item_boxes(item)
    # Buttons come from the transition table: what this person may do to this version now.
    allowed = VERSION_WORKFLOW.available_names(version, request.user)
    offered = VERSION_WORKFLOW.available_actions(version, request.user)
    action_urls = {
        "submit": reverse("office:version_submit", args=[version.pk]),
        "revise": reverse("office:version_start", args=[catalog.pk]),
        "add_item": reverse("office:item_add", args=[version.pk]),
    }
    editing = "edit_item" in allowed
    problems = services.submission_problems(version) if editing else []
    return render(request, "catalog/office/catalog.html", {
        "catalog": catalog,
        "version": version,
        "versions": versions,
        "groups": group_items(items),
        "allowed": allowed,
        "editing": editing,
        "buttons": [{"name": t.name, "label": t.label, "style": t.style, "url": action_urls.get(t.name)}
                    for t in offered if t.name not in REVIEW_TRANSITIONS],
        "review_buttons": [t for t in offered if t.name in REVIEW_TRANSITIONS],
        "problems": problems,
        "retired_count": sum(1 for i in items if i.retired),
    })


@login_required
def catalog_history(request, pk):
    catalog = _catalog_for_staff(request.user, pk)
    return render(request, "catalog/office/history.html", {
        "catalog": catalog, "entries": selectors.catalog_history(catalog),
    })


def _item_for_staff(user, item_pk) -> CatalogItem:
    item = get_object_or_404(CatalogItem.objects.select_related("version__catalog__organisation"), pk=item_pk)
    _drafts_visible(user, item.version.catalog)
    return item


def _staff_version(request, version_pk) -> CatalogVersion:
    version = get_object_or_404(CatalogVersion.objects.select_related("catalog__organisation"), pk=version_pk)
    _drafts_visible(request.user, version.catalog)
    return version


def _workspace_url(version):
    return reverse("office:catalog", args=[version.catalog_id]) + f"?version={version.number}"


def _refusal(request, version, name: str):
    """Decide what a GET of an item page shows: the form (None), the 403 page, or the catalog with the reason.

    Only what to show: a POST goes to the service, which checks permission and state itself.
    """
    if request.method == "POST" or VERSION_WORKFLOW.may(name, version, request.user):
        return None
    if VERSION_WORKFLOW.is_possible(name, version):
        raise PermissionDenied  # possible now, but not for this person
    messages.error(request, VERSION_WORKFLOW[name].blocked_reason(version, version.status))
    return redirect(_workspace_url(version))


@login_required
def item_edit(request, item_pk):
    item = _item_for_staff(request.user, item_pk)
    refusal = _refusal(request, item.version, "edit_item")
    if refusal:
        return refusal
    if request.method == "POST":
        form = CatalogItemForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            note = data.pop("anomalies_checked_note")
            try:
                services.catalog_item_update(item=item, actor=request.user, data=data, anomalies_checked_note=note)
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("事项已保存。"))
                return redirect(f"{_workspace_url(item.version)}#item-{item.pk}")
    else:
        form = CatalogItemForm(initial={
            "first_level": item.first_level, "second_level": item.second_level, "content": item.content,
            "basis": item.basis, "time_limit_text": item.time_limit_text, "subject": item.subject,
            "channels": item.channels or [], "audience": item.audience or [], "mode": item.mode or [],
            "level": item.level or [],
        })
    return render(request, "catalog/office/item_form.html", {"form": form, "item": item, "catalog": item.version.catalog,
                                                     "version": item.version})


@login_required
def item_add(request, version_pk):
    version = _staff_version(request, version_pk)
    refusal = _refusal(request, version, "add_item")
    if refusal:
        return refusal
    groups = services.existing_first_levels(version)
    if request.method == "POST":
        form = LocalItemForm(request.POST, groups=groups)
        if form.is_valid():
            data, is_new = form.service_data()
            try:
                item = services.catalog_item_add(version=version, actor=request.user, data=data, new_first_level=is_new)
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已新增本地事项。"))
                return redirect(f"{_workspace_url(version)}#item-{item.pk}")
    else:
        form = LocalItemForm(groups=groups, initial={"subject": version.catalog.organisation.name})
    return render(request, "catalog/office/item_form.html", {"form": form, "item": None, "catalog": version.catalog,
                                                     "version": version})


@login_required
def item_retire(request, item_pk):
    item = _item_for_staff(request.user, item_pk)
    refusal = _refusal(request, item.version, "restore_item" if item.retired else "retire_item")
    if refusal:
        return refusal
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_valid():
            was_retired = item.retired
            try:
                if was_retired:
                    services.catalog_item_restore(item=item, actor=request.user, reason=form.cleaned_data["reason"])
                else:
                    services.catalog_item_retire(item=item, actor=request.user, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已恢复该事项。") if was_retired else _("已停用该事项，理由已记录。"))
                return redirect(_workspace_url(item.version))
    else:
        form = ReasonForm()
    return render(request, "catalog/office/item_retire.html", {"form": form, "item": item, "catalog": item.version.catalog})


@login_required
@require_POST
def version_submit(request, version_pk):
    version = _staff_version(request, version_pk)
    try:
        services.catalog_version_submit(version=version, actor=request.user)
    except DomainError as exc:
        # The page lists every blocking problem, each linked to its item.
        messages.error(request, exc.message)
    else:
        messages.success(request, _("目录已报审。"))
    return redirect(_workspace_url(version))


@login_required
@require_POST
def version_review(request, version_pk):
    version = _staff_version(request, version_pk)
    decision = request.POST.get("decision")
    comment = request.POST.get("comment", "")
    try:
        if decision == "approve":
            services.catalog_version_approve(version=version, actor=request.user, comment=comment)
            messages.success(request, _("审核通过，目录已发布。"))
        elif decision == "return":
            services.catalog_version_return(version=version, actor=request.user, comment=comment)
            messages.success(request, _("已退回修改。"))
        else:
            messages.error(request, _("请选择审核结论。"))
    except DomainError as exc:
        _fail(request, exc)
    return redirect(_workspace_url(version))


@login_required
@require_POST
def version_start(request, pk):
    catalog = _catalog_for_staff(request.user, pk)
    try:
        version = services.catalog_version_start(catalog=catalog, actor=request.user)
    except DomainError as exc:
        _fail(request, exc)
        return redirect("office:catalog", pk=catalog.pk)
    messages.success(request, _("已创建修订草稿第 %(n)d 版。") % {"n": version.number})
    return redirect(_workspace_url(version))


@login_required
def version_diff(request, version_pk):
    version = get_object_or_404(CatalogVersion.objects.select_related("catalog__organisation", "catalog__template"), pk=version_pk)
    if version.catalog.is_template or not selectors.can_view_version(request.user, version):
        raise Http404
    against = request.GET.get("against", "template")
    if against == "previous":
        diffs = selectors.diff_against_previous(version)
    else:
        against = "template"
        diffs = selectors.diff_against_template(version)
    return render(request, "catalog/office/diff.html", {
        "version": version, "catalog": version.catalog, "diffs": diffs, "against": against,
    })


@login_required
def overview(request):
    rows = selectors.status_overview(request.user)
    if not rows:
        raise PermissionDenied
    return render(request, "catalog/office/overview.html", {"rows": rows})
