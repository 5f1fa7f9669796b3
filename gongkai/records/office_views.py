"""Back-office pages for records. Views validate, call one service, and redirect or render.

One permission check per write, in the service; a view asks ``can``/``may`` only to decide what to
show (a form on GET only for whoever may use it), and the service's PermissionDenied is the 403.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.catalog.selectors import active_items
from gongkai.core import clock, exports
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from . import deadlines, forms, selectors, services
from .models import Attachment, Interpretation, NegativeListEntry, PrivacyFinding, Record
from .states import Attribute, FindingKind, FindingStatus, RecordStatus, Validity
from .workflow import RECORD_WORKFLOW


def _fail(request, exc: DomainError):
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


def _record_for_staff(user, pk) -> Record:
    record = get_object_or_404(Record.objects.select_related("organisation", "catalog_item", "legal_basis"), pk=pk)
    if not can(user, Action.RECORD_VIEW_UNPUBLISHED, record.organisation):
        raise Http404  # never reveal another organisation's unpublished work
    return record


def _listed(request):
    """The records the list shows, with the filters of the query string applied (the export uses the same)."""
    records = selectors.staff_records(request.user)
    status = request.GET.get("status")
    if status in RecordStatus.values:
        records = records.filter(status=status)
    return records.order_by("-updated_at"), status if status in RecordStatus.values else ""


@login_required
def record_list(request):
    records, status = _listed(request)
    return render(request, "records/office/list.html", {
        "records": records[:200],
        "statuses": RecordStatus.choices,
        "status": status,
        "filters": urlencode({"status": status}) if status else "",
        "awaiting": selectors.awaiting(request.user),
        "draft_orgs": organisations_where(request.user, Action.RECORD_DRAFT),
        "manage_orgs": organisations_where(request.user, Action.RECORD_MANAGE),
        "can_quota": organisations_where(request.user, Action.RECORD_VIEW_UNPUBLISHED).exists(),
    })


@login_required
def record_export(request, fmt):
    """The list as .xlsx or CSV, with the same filters (issue 21 item 19); formula-safe (core.exports)."""
    records, status = _listed(request)
    header, rows = selectors.export_table(records)
    name = _("政府信息列表") + (f"-{RecordStatus(status).label}" if status else "") + f"-{clock.today():%Y%m%d}"
    response = exports.export_response(fmt, name, header, rows, title=_("政府信息列表"))
    if response is None:
        raise Http404
    return response


def _record_data(cleaned: dict) -> dict:
    data = dict(cleaned)
    data.pop("catalog_item", None)
    return data


@login_required
def record_create(request, org_code):
    org = get_object_or_404(Organisation, code=org_code)
    if not can(request.user, Action.RECORD_VIEW_UNPUBLISHED, org):
        raise Http404
    items = list(active_items(org))
    if request.method == "POST":  # the service decides who may draft
        form = forms.RecordForm(request.POST, items=items)
        if form.is_valid():
            item = next(i for i in items if i.pk == form.cleaned_data["catalog_item"])
            unit = next((r.unit for r in request.user.roles.all() if r.organisation_id == org.pk and r.unit_id), None)
            try:
                record = services.record_create(organisation=org, catalog_item=item, actor=request.user,
                                                data=_record_data(form.cleaned_data), unit=unit)
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已登记。索引号在发布时编排。"))
                return redirect("records_office:record", pk=record.pk)
    elif not can(request.user, Action.RECORD_DRAFT, org):
        raise PermissionDenied  # no form for someone who cannot use it
    else:
        form = forms.RecordForm(items=items, initial={"issuing_unit": org.name, "attribute": Attribute.PROACTIVE,
                                                      "formation_date": clock.today()})
    return render(request, "records/office/form.html", {
        "form": form, "org": org, "record": None, "items": items,
        "negative_list": NegativeListEntry.objects.filter(organisation=org, active=True).select_related("legal_basis"),
    })


@login_required
def record_edit(request, pk):
    record = _record_for_staff(request.user, pk)
    items = list(active_items(record.organisation))
    if record.catalog_item not in items:
        items.append(record.catalog_item)
    if request.method == "POST":
        form = forms.RecordForm(request.POST, items=items)
        if form.is_valid():
            try:
                services.record_update(record=record, actor=request.user, data=_record_data(form.cleaned_data))
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("records_office:record", pk=record.pk)
    elif not RECORD_WORKFLOW.may("edit", record, request.user):
        raise PermissionDenied  # no form for someone who cannot use it
    else:
        form = forms.RecordForm(items=items, initial={f: getattr(record, f) for f in services.RECORD_FIELDS}
                                | {"catalog_item": record.catalog_item_id})
        form.fields["catalog_item"].disabled = True
    return render(request, "records/office/form.html", {
        "form": form, "org": record.organisation, "record": record, "items": items,
        "negative_list": NegativeListEntry.objects.filter(organisation=record.organisation, active=True)
        .select_related("legal_basis"),
    })


@login_required
def record_detail(request, pk):
    record = _record_for_staff(request.user, pk)
    user = request.user
    interpretation = Interpretation.objects.filter(record=record).first()
    escalation = record.escalations.filter(resolved_at__isnull=True).first()
    # Which forms to show: the transitions this user may run on this record now (one table).
    actions = RECORD_WORKFLOW.available_names(record, user)
    return render(request, "records/office/detail.html", {
        "record": record,
        "deadline": deadlines.as_deadline(record),
        "attachments": record.attachments.all(),
        "findings": record.findings.select_related("attachment", "resolved_by"),
        "open_findings": record.findings.filter(status=FindingStatus.OPEN).count(),
        "open_by_kind": selectors.open_findings_by_kind(record),
        "interpretation": interpretation,
        "steps": record.review_steps.select_related("actor"),
        "escalations": record.escalations.all(),
        "open_escalation": escalation,
        "events": selectors.history(record),
        "actions": actions,
        "editable": "edit" in actions,
        "can_resolve": "findings_mask_kind" in actions,  # same permission and states as one finding's mask
        "can_attribute": "attribute_approve" in actions,
        "can_secrecy": "secrecy_decide" in actions,
        "can_escalate": "secrecy_escalate" in actions,
        "can_determine": "secrecy_determine" in actions,
        "can_leader": "leader_approve" in actions,
        "can_publish": "publish" in actions,
        "publication_problems": services.publication_problems(record) if "publish" in actions else [],
        "can_withdraw": "withdraw" in actions,
        "can_reading_room": "reading_room" in actions,
        "can_validity": "set_validity" in actions,
        "reading_room": getattr(record, "reading_room_copy", None),
        "upload_form": forms.UploadForm(),
        "opinion_form": forms.OpinionForm(),
        "escalate_form": forms.EscalateForm(),
        "determine_form": forms.DetermineForm(initial={"determined_by": escalation.referred_to if escalation else ""}),
        "reading_room_form": forms.ReadingRoomForm(initial={"delivered_on": clock.today(), "location": _("本机关政府信息公开查阅点")}),
        "legal_bases": forms.LegalBasis.objects.filter(active=True),
        "attributes": Attribute.choices,
        "validities": Validity.choices,
    })


def _after(request, record, message):
    messages.success(request, message)
    return redirect("records_office:record", pk=record.pk)


@login_required
@require_POST
def record_action(request, pk, action):
    """Run one workflow transition named by `action` (each maps to exactly one service)."""
    record = _record_for_staff(request.user, pk)
    user, post = request.user, request.POST
    opinion = post.get("opinion", "")
    try:
        if action == "submit":
            services.record_submit(record=record, actor=user, note=opinion)
            message = _("已报审。")
        elif action == "attribute":
            attribute = post.get("attribute") or None
            basis = forms.LegalBasis.objects.filter(pk=post.get("legal_basis") or None).first()
            services.record_attribute_review(record=record, actor=user, approve=post.get("decision") == "approve",
                                             opinion=opinion, attribute=attribute, legal_basis=basis,
                                             reason=post.get("attribute_reason") or None)
            message = _("公开属性审查意见已记录。")
        elif action == "secrecy":
            services.record_secrecy_review(record=record, actor=user, outcome=post.get("outcome", ""), opinion=opinion)
            message = _("保密审查意见已记录。")
        elif action == "escalate":
            services.record_secrecy_escalate(record=record, actor=user, question=post.get("question", ""),
                                             reason=post.get("reason", ""))
            message = _("已报请审定。")
        elif action == "determine":
            services.record_secrecy_determine(record=record, actor=user, outcome=post.get("outcome", ""),
                                              determined_by=post.get("determined_by", ""),
                                              reference=post.get("reference", ""))
            message = _("审定结论已录入。")
        elif action == "leader":
            services.record_leader_decide(record=record, actor=user, approve=post.get("decision") == "approve",
                                          opinion=opinion)
            message = _("审批意见已记录。")
        elif action == "publish":
            services.record_publish(record=record, actor=user)
            message = _("已发布。")
        elif action == "withdraw":
            services.record_withdraw(record=record, actor=user, reason=opinion)
            message = _("已撤回。")
        elif action == "reading-room":
            form = forms.ReadingRoomForm(post)
            if not form.is_valid():
                messages.error(request, _("请填写查阅点、份数和移送日期。"))
                return redirect("records_office:record", pk=record.pk)
            services.reading_room_deliver(record=record, actor=user, **form.cleaned_data)
            message = _("纸质件移送已记录。")
        elif action == "validity":
            form = forms.ValidityForm(post)
            if not form.is_valid():
                messages.error(request, _("请选择有效性，日期格式为 年-月-日。"))
                return redirect("records_office:record", pk=record.pk)
            replaced_by = None
            if form.cleaned_data["replaced_by"]:
                replaced_by = Record.objects.filter(organisation=record.organisation,
                                                    index_number=form.cleaned_data["replaced_by"]).first()
                if replaced_by is None:
                    messages.error(request, _("本机关没有索引号为“%(n)s”的政府信息。") % {"n": form.cleaned_data["replaced_by"]})
                    return redirect("records_office:record", pk=record.pk)
            services.record_set_validity(record=record, actor=user, validity=form.cleaned_data["validity"],
                                         changed_on=form.cleaned_data["changed_on"], replaced_by=replaced_by)
            message = _("有效性已保存。")
        else:
            raise Http404
    except DomainError as exc:
        _fail(request, exc)
        return redirect("records_office:record", pk=record.pk)
    return _after(request, record, message)


@login_required
@require_POST
def attachment_upload(request, pk):
    record = _record_for_staff(request.user, pk)
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("records_office:record", pk=record.pk)
    upload = form.cleaned_data["file"]
    try:
        services.attachment_add(record=record, actor=request.user, name=upload.name, data=upload.read())
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("附件已上传并完成隐私检查。"))
    return redirect("records_office:record", pk=record.pk)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    record = _record_for_staff(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, record=record)
    try:
        services.attachment_remove(attachment=attachment, actor=request.user)
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("附件已删除。"))
    return redirect("records_office:record", pk=record.pk)


@login_required
@require_POST
def finding_resolve(request, pk, finding_pk, how):
    record = _record_for_staff(request.user, pk)
    finding = get_object_or_404(PrivacyFinding, pk=finding_pk, record=record)
    try:
        if how == "mask":
            services.finding_mask(finding=finding, actor=request.user)
            messages.success(request, _("已遮蔽。"))
        elif how == "justify":
            services.finding_justify(finding=finding, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("已记录保留理由。"))
        else:
            raise Http404
    except DomainError as exc:
        _fail(request, exc)
    return redirect(f"{record.get_office_url()}#privacy")


@login_required
def findings_mask_kind(request, pk, kind):
    """Mask every open finding of one kind in one action, after a preview of the masked text (GET shows it)."""
    record = _record_for_staff(request.user, pk)
    if kind not in FindingKind.values:
        raise Http404
    if request.method == "POST":
        try:
            count = services.findings_mask_kind(record=record, actor=request.user, kind=kind)
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("已遮蔽 %(n)d 处%(kind)s。") % {"n": count, "kind": FindingKind(kind).label})
        return redirect(f"{record.get_office_url()}#privacy")
    if not RECORD_WORKFLOW.may("findings_mask_kind", record, request.user):
        raise PermissionDenied  # no preview for someone who cannot mask
    preview = services.mask_kind_preview(record, kind)
    return render(request, "records/office/mask_kind.html", {
        "record": record, "kind": kind, "kind_label": FindingKind(kind).label, "preview": preview,
        "count": sum(p["count"] for p in preview),
    })


@login_required
def interpretation_edit(request, pk):
    record = _record_for_staff(request.user, pk)
    interpretation = Interpretation.objects.filter(record=record).first()
    if request.method == "POST":
        form = forms.InterpretationEditForm(request.POST)
        if form.is_valid():
            try:
                services.interpretation_save(record=record, actor=request.user, data=form.cleaned_data)
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("解读材料已保存。"))
                return redirect("records_office:record", pk=record.pk)
    elif not RECORD_WORKFLOW.may("interpretation", record, request.user):
        raise PermissionDenied  # no form for someone who cannot use it
    else:
        initial = {f: getattr(interpretation, f) for f in services.INTERPRETATION_FIELDS} if interpretation else {
            "title": _("《%(t)s》政策解读") % {"t": record.title}, "interpreting_body": record.organisation.name}
        form = forms.InterpretationEditForm(initial=initial)
    return render(request, "records/office/interpretation_form.html", {"form": form, "record": record,
                                                                        "interpretation": interpretation})
