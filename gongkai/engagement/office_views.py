"""Back-office pages. Views validate a form, call one service, then redirect; buttons come from each
workflow's available_actions(); unpublished objects of other organisations answer 404."""
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
from gongkai.proofing import selectors as proofing_selectors

from . import forms, selectors, services
from .models import CommentGroup, Consultation, DecisionCatalog, DecisionEntry, Meeting, Message, OpinionEvent
from .privacy import mask_email, mask_name, mask_phone
from .workflow import (
    CATALOG_WORKFLOW, CONSULTATION_WORKFLOW, GROUP_WORKFLOW, MEETING_WORKFLOW, MESSAGE_WORKFLOW, OPINION_WORKFLOW,
    concentrated_threshold, report_problems,
)


def _fail(request, exc: DomainError):
    flash.error(request, exc.message)
    for problem in exc.problems:
        flash.error(request, problem)


def _form_fail(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            flash.error(request, f"{label}：{e}" if label else e)


def _form_problems(form, exc: DomainError) -> None:
    """Show a refused service call on the form it came from: the message and every problem."""
    for message in (exc.message, *exc.problems):
        form.add_error(None, message)


def _create_page(request, *, org, form, create, title: str, done: str, success: str = "", shown: bool):
    """The one "new X" page: the form, then one service call that creates the object.

    `shown` says whether the page is offered to this user at all (what to show; the service makes the one
    permission check of the write and its PermissionDenied becomes the 403 page). `create(cleaned_data)`
    calls the service; on success the user goes to the `done` page of the new object."""
    if not shown:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form.cleaned_data)
        except DomainError as exc:
            _form_problems(form, exc)
        else:
            if success:
                flash.success(request, success)
            return redirect(done, pk=obj.pk)
    return render(request, "engagement/office/form.html", {"form": form, "org": org, "title": title})


def _org_page(request, org_code, form_class, create, title: str, done: str, with_org: bool = True):
    """A "new X" page of one organisation, offered to those who may edit its engagement work."""
    org = get_object_or_404(Organisation, code=org_code)
    form = form_class(request.POST or None, **({"organisation": org} if with_org else {}))
    return _create_page(request, org=org, form=form, create=lambda d: create(org, d), title=title, done=done,
                        shown=can(request.user, Action.ENGAGEMENT_EDIT, org))


def _run(request, form, call, success):
    """Validate `form`, call the service with its cleaned data, flash the outcome."""
    if form is not None and not form.is_valid():
        _form_fail(request, form)
        return False
    try:
        call(form.cleaned_data if form is not None else {})
    except DomainError as exc:
        _fail(request, exc)
        return False
    flash.success(request, success)
    return True


@login_required
def index(request):
    orgs = selectors.staff_organisations(request.user)
    if not orgs.exists():
        raise PermissionDenied
    return render(request, "engagement/office/index.html", {
        "consultations": Consultation.objects.filter(organisation__in=orgs).select_related("organisation")[:100],
        "catalogs": DecisionCatalog.objects.filter(organisation__in=orgs).select_related("organisation")[:50],
        "events": OpinionEvent.objects.filter(organisation__in=orgs).select_related("organisation", "escalated_to")[:100],
        "office_messages": Message.objects.filter(organisation__in=orgs).select_related("organisation", "unit")[:200],
        "meetings": Meeting.objects.filter(organisation__in=orgs).select_related("organisation")[:50],
        "edit_orgs": organisations_where(request.user, Action.ENGAGEMENT_EDIT).order_by("path"),
    })


# ---------------------------------------------------------------- consultations

@login_required
def consultation_new(request, org_code):
    return _org_page(request, org_code, forms.ConsultationForm, title=_("起草征求意见稿"),
                     done="engagement_office:consultation", create=lambda org, d: services.consultation_create(
                         organisation=org, actor=request.user, data=d))


@login_required
def consultation_edit(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not CONSULTATION_WORKFLOW.may("edit", c, request.user):
        raise PermissionDenied
    initial = {f: getattr(c, f) for f in services.CONSULTATION_FIELDS}
    form = forms.ConsultationForm(request.POST or None, organisation=c.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(consultation=c, actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            _form_problems(form, exc)
        else:
            return redirect("engagement_office:consultation", pk=c.pk)
    return render(request, "engagement/office/form.html", {"form": form, "org": c.organisation,
                                                           "title": _("修改征求意见稿"), "proofed": c})


def _comment_rows(c, personal: bool):
    rows = []
    for comment in c.comments.select_related("group"):
        rows.append({"c": comment, "name": comment.name if personal else mask_name(comment.name),
                     "phone": comment.phone if personal else mask_phone(comment.phone),
                     "email": comment.email if personal else mask_email(comment.email)})
    return rows


@login_required
def consultation_detail(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    user = request.user
    names = CONSULTATION_WORKFLOW.available_names(c, user)
    groups = [{"g": g, "n": g.comments.count(), "can_decide": GROUP_WORKFLOW.may("decide", g, user)}
              for g in c.groups.all()]
    return render(request, "engagement/office/consultation.html", {
        "c": c, "actions": CONSULTATION_WORKFLOW.available_actions(c, user), "names": names,
        "today": clock.today(),
        "comments": _comment_rows(c, can(user, Action.ENGAGEMENT_VIEW_PERSONAL, c.organisation)),
        "groups": groups, "phase": selectors.consultation_phase(c),
        "group_form": forms.GroupForm(consultation=c), "decide_form": forms.DecideForm(),
        "report_form": forms.ReportForm(), "report_problems": report_problems(c) if c.status == "consulting" else [],
        "threshold": concentrated_threshold(),
        "record_form": forms.RecordChoiceForm(organisation=c.organisation, user=user) if "link_record" in names else None,
        "history": audit.readable_history(c),
    })


@login_required
@require_POST
def consultation_action(request, pk, action):
    c = selectors.consultation_for_staff(request.user, pk)
    u = request.user
    post = request.POST
    table = {
        "publish": (None, lambda d: services.consultation_publish(consultation=c, actor=u), _("已发布征求意见。")),
        "withdraw": (forms.ReasonForm(post), lambda d: services.consultation_withdraw(
            consultation=c, actor=u, reason=d["reason"]), _("已撤回。")),
        "group": (forms.GroupForm(post, consultation=c), lambda d: services.comments_group(
            consultation=c, actor=u, comment_ids=d["comments"],
            group=c.groups.filter(pk=d["group"]).first() if d["group"] else None,
            new_title=d["new_title"], tags=d["tags"]), _("已归类。")),
        "report": (forms.ReportForm(post), lambda d: services.consultation_publish_report(
            consultation=c, actor=u, summary=d["summary"]), _("已公布采纳情况及理由。")),
        "link_record": (forms.RecordChoiceForm(post, organisation=c.organisation, user=u),
                        None, _("已关联政府信息。")),
    }
    if action not in table:
        raise Http404
    form, call, success = table[action]
    if action == "link_record":
        def call(d):
            return services.consultation_link_record(consultation=c, actor=u, record=form.chosen())
    _run(request, form, call, success)
    return redirect("engagement_office:consultation", pk=c.pk)


@login_required
@require_POST
def group_decide(request, pk):
    group = get_object_or_404(CommentGroup.objects.select_related("consultation__organisation"), pk=pk)
    selectors.consultation_for_staff(request.user, group.consultation_id)
    form = forms.DecideForm(request.POST)
    _run(request, form, lambda d: services.group_decide(group=group, actor=request.user, adoption=d["adoption"],
                                                        reason=d["reason"]), _("已确定采纳情况。"))
    return redirect("engagement_office:consultation", pk=group.consultation_id)


# ---------------------------------------------------------------- the major-decision catalog

@login_required
def catalog_new(request, org_code):
    return _org_page(request, org_code, forms.CatalogForm, with_org=False, title=_("编制重大行政决策事项目录"),
                     done="engagement_office:catalog", create=lambda org, d: services.decision_catalog_create(
                         organisation=org, year=d["year"], actor=request.user))


@login_required
def catalog_detail(request, pk):
    cat = selectors.catalog_for_staff(request.user, pk)
    user = request.user
    names = CATALOG_WORKFLOW.available_names(cat, user)
    return render(request, "engagement/office/catalog.html", {
        "cat": cat, "entries": cat.entries.select_related("resulting_record").prefetch_related("consultations", "meetings"),
        "actions": CATALOG_WORKFLOW.available_actions(cat, user), "names": names,
        "entry_form": forms.EntryForm(), "reason_form": forms.ReasonForm(),
        "record_form": forms.RecordChoiceForm(organisation=cat.organisation, user=user) if "link_record" in names else None,
        "history": audit.readable_history(cat),
    })


@login_required
@require_POST
def catalog_action(request, pk, action, entry_pk=None):
    cat = selectors.catalog_for_staff(request.user, pk)
    u, post = request.user, request.POST
    entry = get_object_or_404(DecisionEntry, pk=entry_pk, catalog=cat) if entry_pk else None
    table = {
        "entry_add": (forms.EntryForm(post), lambda d: services.decision_entry_save(catalog=cat, actor=u, data=d),
                      _("已保存决策事项。")),
        "entry_delete": (None, lambda d: services.decision_entry_delete(entry=entry, actor=u), _("已删除决策事项。")),
        "submit": (None, lambda d: services.decision_catalog_submit(catalog=cat, actor=u), _("已提交审核。")),
        "approve": (forms.ReasonForm(post), lambda d: services.decision_catalog_approve(
            catalog=cat, actor=u, opinion=d["reason"]), _("已审核通过并公布。")),
        "return": (forms.ReasonForm(post), lambda d: services.decision_catalog_return(
            catalog=cat, actor=u, opinion=d["reason"]), _("已退回。")),
        "reopen": (forms.ReasonForm(post), lambda d: services.decision_catalog_reopen(
            catalog=cat, actor=u, reason=d["reason"]), _("目录已退回编制状态。")),
        "link_record": (forms.RecordChoiceForm(post, organisation=cat.organisation, user=u), None,
                        _("已关联决策结果。")),
    }
    if action not in table or (action in ("entry_delete", "link_record") and entry is None):
        raise Http404
    form, call, success = table[action]
    if action == "link_record":
        def call(d):
            return services.decision_entry_link_record(entry=entry, actor=u, record=form.chosen())
    _run(request, form, call, success)
    return redirect("engagement_office:catalog", pk=cat.pk)


# ---------------------------------------------------------------- opinion events

@login_required
def opinion_new(request, org_code):
    return _org_page(request, org_code, forms.OpinionForm, title=_("登记政务舆情"), done="engagement_office:opinion",
                     create=lambda org, d: services.opinion_log(organisation=org, actor=request.user, **d))


@login_required
def opinion_detail(request, pk):
    ev = selectors.opinion_for_staff(request.user, pk)
    user = request.user
    names = OPINION_WORKFLOW.available_names(ev, user)
    return render(request, "engagement/office/opinion.html", {
        "ev": ev, "actions": OPINION_WORKFLOW.available_actions(ev, user), "names": names,
        "countdowns": selectors.opinion_countdowns(ev),
        "deadlines": services.opinion_deadlines(ev.first_seen_at, ev.severity),
        "unit_form": forms.UnitForm(organisation=ev.organisation), "text_form": forms.TextForm(),
        "press_form": forms.PressForm(), "reason_form": forms.ReasonForm(),
        "item_form": forms.CatalogItemForm(organisation=ev.organisation) if "make_record" in names else None,
        "history": audit.readable_history(ev),
    })


@login_required
@require_POST
def opinion_action(request, pk, action):
    ev = selectors.opinion_for_staff(request.user, pk)
    u, post = request.user, request.POST
    table = {
        "assign": (forms.UnitForm(post, organisation=ev.organisation), lambda d: services.opinion_assign(
            event=ev, actor=u, unit=d["unit"]), _("已确定责任股室。")),
        "authoritative_info": (forms.TextForm(post), lambda d: services.opinion_authoritative_info(
            event=ev, actor=u, text=d["text"]), _("已登记发布的权威信息。")),
        "press_conference": (forms.PressForm(post), lambda d: services.opinion_press_conference(
            event=ev, actor=u, held_at=d["held_at"], note=d["note"]), _("已登记新闻发布会。")),
        "escalate": (forms.ReasonForm(post), lambda d: services.opinion_escalate(
            event=ev, actor=u, reason=d["reason"]), _("已报告上级机关。")),
        "respond": (forms.TextForm(post), lambda d: services.opinion_respond(
            event=ev, actor=u, response=d["text"]), _("已登记回应。")),
        "make_record": (forms.CatalogItemForm(post, organisation=ev.organisation), None,
                        _("回应已转为政府信息并提交审查。")),
    }
    if action not in table:
        raise Http404
    form, call, success = table[action]
    if action == "make_record":
        def call(d):
            return services.opinion_make_record(event=ev, actor=u, catalog_item=form.item())
    _run(request, form, call, success)
    return redirect("engagement_office:opinion", pk=ev.pk)


# ---------------------------------------------------------------- messages

@login_required
def message_detail(request, pk):
    m = selectors.message_for_staff(request.user, pk)
    user = request.user
    personal = can(user, Action.ENGAGEMENT_VIEW_PERSONAL, m.organisation)
    return render(request, "engagement/office/message.html", {
        "m": m, "actions": MESSAGE_WORKFLOW.available_actions(m, user),
        "names": MESSAGE_WORKFLOW.available_names(m, user),
        "name": m.name if personal else mask_name(m.name), "phone": m.phone if personal else mask_phone(m.phone),
        "email": m.email if personal else mask_email(m.email),
        "deadline": services.message_deadline(m),
        "unit_form": forms.UnitForm(organisation=m.organisation), "text_form": forms.TextForm(),
        "held_answer": proofing_selectors.held_text(m, "answer"),  # kept while a wording finding blocks it
        "reason_form": forms.ReasonForm(), "history": audit.readable_history(m),
        "request_history": audit.readable_history(m.source_request) if m.source_request_id else None,
    })


@login_required
@require_POST
def message_action(request, pk, action):
    m = selectors.message_for_staff(request.user, pk)
    u, post = request.user, request.POST
    table = {
        "assign": (forms.UnitForm(post, organisation=m.organisation), lambda d: services.message_assign(
            message=m, actor=u, unit=d["unit"]), _("已分办。")),
        "mark_complex": (forms.ReasonForm(post), lambda d: services.message_mark_complex(
            message=m, actor=u, reason=d["reason"]), _("已延长答复期限。")),
        "answer": (forms.TextForm(post), lambda d: services.message_answer(message=m, actor=u, answer=d["text"]),
                   _("已答复。")),
        "publish": (None, lambda d: services.message_publish(message=m, actor=u), _("已公开留言及答复。")),
    }
    if action not in table:
        raise Http404
    _run(request, *table[action])
    return redirect("engagement_office:message", pk=m.pk)


@login_required
def message_from_request(request, request_pk):
    from gongkai.foi.models import DisclosureRequest

    req = get_object_or_404(DisclosureRequest.objects.select_related("organisation"), pk=request_pk)
    if not can(request.user, Action.FOI_VIEW, req.organisation):
        raise Http404  # another organisation's request is not revealed
    return _create_page(
        request, org=req.organisation, form=forms.FromRequestForm(request.POST or None),
        title=_("转为留言办理：%(n)s") % {"n": req.tracking_number}, done="engagement_office:message",
        success=_("申请已按不予处理（信访举报投诉类申请）办结，并转为留言办理。"),
        shown=(can(request.user, Action.FOI_HANDLE, req.organisation)
               and can(request.user, Action.ENGAGEMENT_EDIT, req.organisation)),
        create=lambda d: services.message_from_request(request=req, actor=request.user, reply_text=d["reply_text"],
                                                       kind=d["kind"]))


# ---------------------------------------------------------------- meetings

@login_required
def meeting_new(request, org_code):
    return _org_page(request, org_code, forms.MeetingForm, title=_("登记会议或听证会"), done="engagement_office:meeting",
                     create=lambda org, d: services.meeting_create(organisation=org, actor=request.user, data=d))


@login_required
def meeting_detail(request, pk):
    m = selectors.meeting_for_staff(request.user, pk)
    return render(request, "engagement/office/meeting.html", {
        "m": m, "actions": MEETING_WORKFLOW.available_actions(m, request.user),
        "names": MEETING_WORKFLOW.available_names(m, request.user),
        "held_form": forms.HeldForm(), "reason_form": forms.ReasonForm(), "history": audit.readable_history(m),
        "live_form": forms.LiveUrlForm(initial={"live_url": m.live_url}),
    })


@login_required
@require_POST
def meeting_action(request, pk, action):
    m = selectors.meeting_for_staff(request.user, pk)
    u, post = request.user, request.POST
    table = {
        "announce": (None, lambda d: services.meeting_announce(meeting=m, actor=u), _("已发布会议邀请。")),
        "record_held": (forms.HeldForm(post), lambda d: services.meeting_record_held(
            meeting=m, actor=u, attendance=d["attendance"], attendees=d["attendees"], minutes=d["minutes"]),
            _("已记录出席情况。")),
        "cancel": (forms.ReasonForm(post), lambda d: services.meeting_cancel(meeting=m, actor=u, reason=d["reason"]),
                   _("已取消会议。")),
        "live_url": (forms.LiveUrlForm(post), lambda d: services.meeting_set_live_url(
            meeting=m, actor=u, live_url=d["live_url"]), _("已登记网络直播链接。")),
    }
    if action not in table:
        raise Http404
    _run(request, *table[action])
    return redirect("engagement_office:meeting", pk=m.pk)
