"""Back-office pages. Views validate, call one service, and redirect or render."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.catalog import selectors, services
from gongkai.catalog.models import Catalog, CatalogItem, CatalogVersion, Domain
from gongkai.catalog.states import VersionStatus
from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where, roles_of

from .forms import CatalogItemForm, CommentForm, ReasonForm
from .views import group_items, item_boxes


def _catalog_for_staff(user, pk) -> Catalog:
    catalog = get_object_or_404(Catalog.objects.select_related("organisation", "template"), pk=pk, is_template=False)
    if not can(user, Action.CATALOG_VIEW_UNPUBLISHED, catalog.organisation):
        raise Http404  # do not reveal another organisation's drafts
    return catalog


def _fail(request, exc: DomainError):
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


@login_required
def dashboard(request):
    editable = organisations_where(request.user, Action.CATALOG_EDIT)
    reviewable = organisations_where(request.user, Action.CATALOG_REVIEW)
    workspaces = []
    for org in organisations_where(request.user, Action.CATALOG_VIEW_UNPUBLISHED).filter(
        pk__in=[r.organisation_id for r in roles_of(request.user)]
    ):
        rows = []
        for domain, label in Domain.choices:
            catalog = Catalog.objects.filter(organisation=org, domain=domain).first()
            rows.append({
                "domain": domain, "label": label, "catalog": catalog,
                "open": selectors.open_version(catalog) if catalog else None,
                "published": catalog.published_version if catalog else None,
                "template": selectors.templates().filter(domain=domain).first(),
            })
        workspaces.append({"org": org, "rows": rows, "can_edit": org in editable})
    to_review = CatalogVersion.objects.filter(
        status=VersionStatus.SUBMITTED, catalog__organisation__in=reviewable,
    ).select_related("catalog", "catalog__organisation")
    return render(request, "office/dashboard.html", {
        "roles": roles_of(request.user),
        "workspaces": workspaces,
        "to_review": to_review,
        "can_overview": organisations_where(request.user, Action.CATALOG_OVERVIEW).exists(),
    })


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
    items = list(version.items.order_by("position"))
    for item in items:
        item.boxes = item_boxes(item)
    org = catalog.organisation
    return render(request, "office/catalog.html", {
        "catalog": catalog,
        "version": version,
        "versions": versions,
        "groups": group_items(items),
        "can_edit": can(request.user, Action.CATALOG_EDIT, org) and version.is_editable,
        "can_start": can(request.user, Action.CATALOG_EDIT, org) and selectors.open_version(catalog) is None,
        "can_review": can(request.user, Action.CATALOG_REVIEW, org) and version.status == VersionStatus.SUBMITTED,
        "problems": services.submission_problems(version) if version.is_editable else [],
        "retired_count": sum(1 for i in items if i.retired),
        "comment_form": CommentForm(),
    })


@login_required
def catalog_history(request, pk):
    catalog = _catalog_for_staff(request.user, pk)
    events = list(audit.history(catalog))
    for version in catalog.versions.all():
        events.extend(audit.history(version))
        for item in version.items.all():
            events.extend(audit.history(item))
    events.sort(key=lambda e: (e.created_at, e.pk), reverse=True)
    return render(request, "office/history.html", {"catalog": catalog, "events": events})


def _item_for_edit(user, item_pk) -> CatalogItem:
    item = get_object_or_404(CatalogItem.objects.select_related("version__catalog__organisation"), pk=item_pk)
    if item.version.catalog.is_template or not can(user, Action.CATALOG_VIEW_UNPUBLISHED, item.version.catalog.organisation):
        raise Http404
    if not can(user, Action.CATALOG_EDIT, item.version.catalog.organisation):
        raise PermissionDenied
    return item


@login_required
def item_edit(request, item_pk):
    item = _item_for_edit(request.user, item_pk)
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
    return render(request, "office/item_form.html", {"form": form, "item": item, "catalog": item.version.catalog,
                                                     "version": item.version})


def _workspace_url(version):
    from django.urls import reverse

    return reverse("office:catalog", args=[version.catalog_id]) + f"?version={version.number}"


@login_required
def item_add(request, version_pk):
    version = get_object_or_404(CatalogVersion.objects.select_related("catalog__organisation"), pk=version_pk)
    if version.catalog.is_template or not can(request.user, Action.CATALOG_VIEW_UNPUBLISHED, version.catalog.organisation):
        raise Http404
    if not can(request.user, Action.CATALOG_EDIT, version.catalog.organisation):
        raise PermissionDenied
    if request.method == "POST":
        form = CatalogItemForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("anomalies_checked_note")
            try:
                item = services.catalog_item_add(version=version, actor=request.user, data=data)
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已新增本地事项。"))
                return redirect(f"{_workspace_url(version)}#item-{item.pk}")
    else:
        form = CatalogItemForm(initial={"subject": version.catalog.organisation.name})
    first_levels = list(dict.fromkeys(version.items.values_list("first_level", flat=True)))
    return render(request, "office/item_form.html", {"form": form, "item": None, "catalog": version.catalog,
                                                     "version": version, "first_levels": first_levels})


@login_required
def item_retire(request, item_pk):
    item = _item_for_edit(request.user, item_pk)
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                if item.retired:
                    services.catalog_item_restore(item=item, actor=request.user, reason=form.cleaned_data["reason"])
                else:
                    services.catalog_item_retire(item=item, actor=request.user, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已恢复该事项。") if not item.retired else _("已停用该事项，理由已记录。"))
                return redirect(_workspace_url(item.version))
    else:
        form = ReasonForm()
    return render(request, "office/item_retire.html", {"form": form, "item": item, "catalog": item.version.catalog})


def _version_action(request, version_pk, action):
    version = get_object_or_404(CatalogVersion.objects.select_related("catalog__organisation"), pk=version_pk)
    if version.catalog.is_template or not can(request.user, Action.CATALOG_VIEW_UNPUBLISHED, version.catalog.organisation):
        raise Http404
    try:
        action(version)
    except DomainError as exc:
        _fail(request, exc)
        return None
    return version


@login_required
@require_POST
def version_submit(request, version_pk):
    if _version_action(request, version_pk, lambda v: services.catalog_version_submit(version=v, actor=request.user)):
        messages.success(request, _("目录已报审。"))
    return redirect(_workspace_url(get_object_or_404(CatalogVersion, pk=version_pk)))


@login_required
@require_POST
def version_review(request, version_pk):
    decision = request.POST.get("decision")
    comment = request.POST.get("comment", "")
    if decision == "approve":
        done = _version_action(request, version_pk, lambda v: services.catalog_version_approve(version=v, actor=request.user, comment=comment))
        if done:
            messages.success(request, _("审核通过，目录已发布。"))
    elif decision == "return":
        done = _version_action(request, version_pk, lambda v: services.catalog_version_return(version=v, actor=request.user, comment=comment))
        if done:
            messages.success(request, _("已退回修改。"))
    else:
        messages.error(request, _("请选择审核结论。"))
    return redirect(_workspace_url(get_object_or_404(CatalogVersion, pk=version_pk)))


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
    return render(request, "office/diff.html", {
        "version": version, "catalog": version.catalog, "diffs": diffs, "against": against,
    })


@login_required
def overview(request):
    rows = selectors.status_overview(request.user)
    if not rows:
        raise PermissionDenied
    return render(request, "office/overview.html", {"rows": rows})
