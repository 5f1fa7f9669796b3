"""Back-office pages for disclosure requests. Views validate, call one service, then redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from gongkai.catalog.selectors import active_items
from gongkai.core import audit, clock
from gongkai.core import exports as core_exports
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where
from gongkai.proofing import selectors as proofing_selectors

from . import deadlines, exports, fees, forms, importing, letters, office_forms, selectors, services
from .models import Appeal, DisclosureRequest
from .states import FoiEvent, RequestStatus
from .workflow import ACTION_LABELS, APPEAL_WORKFLOW, REQUEST_WORKFLOW
from .views import attachment_response, letter_response


def _fail(request, exc: DomainError):
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


def _case(user, pk) -> DisclosureRequest:
    req = get_object_or_404(DisclosureRequest.objects.select_related("organisation", "unit"), pk=pk)
    if not can(user, Action.FOI_VIEW, req.organisation):
        raise Http404  # another organisation's cases are not revealed
    return req


def _listed(request):
    """The office list's requests with the filters of the query string: (queryset, filter values)."""
    orgs = organisations_where(request.user, Action.FOI_VIEW)
    if not orgs.exists():
        raise PermissionDenied
    qs = DisclosureRequest.objects.filter(organisation__in=orgs).select_related("organisation", "unit")
    state = request.GET.get("status", "open")
    queue = request.GET.get("queue", "")
    if queue in selectors.QUEUES:
        qs = selectors.queue(queue, qs, day=clock.today())
        state = "open"
    else:
        queue = ""
    if state == "open":
        qs = qs.exclude(status=RequestStatus.CLOSED)
    elif state in RequestStatus.values:
        qs = qs.filter(status=state)
    org_code = request.GET.get("org")
    if org_code:
        qs = qs.filter(organisation__code=org_code)
    q = request.GET.get("q", "").strip()
    if q:
        qs = (qs.filter(tracking_number__icontains=q) | qs.filter(legacy_number__icontains=q)
              | qs.filter(description__icontains=q))
    qs = qs.order_by("due_date", "-received_on", "-pk") if state == "open" else qs.order_by("-received_on", "-pk")
    return qs, {"orgs": orgs, "state": state, "queue": queue, "org_code": org_code, "q": q}


@login_required
def request_list(request):
    qs, f = _listed(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "foi/office/list.html", dict(
        f, page=page, statuses=RequestStatus.choices, today=clock.today(), queue_label=selectors.QUEUES.get(f["queue"], ""),
        export_query=request.GET.urlencode(),
        can_register=organisations_where(request.user, Action.FOI_HANDLE).exists()))


@login_required
def request_export(request, fmt):
    """The office list with its current filters as .xlsx or CSV (formula-safe, core.exports)."""
    if fmt not in ("xlsx", "csv"):
        raise Http404
    qs, _f = _listed(request)
    rows = exports.rows(qs)
    name = f"依申请公开-{clock.today().isoformat()}"
    if fmt == "csv":
        return core_exports.csv_response(name, exports.header(), rows)
    return core_exports.xlsx_response(name, exports.header(), rows, title=_("依申请公开"))


def _handled_orgs(user):
    orgs = organisations_where(user, Action.FOI_HANDLE)
    if not orgs.exists():
        raise PermissionDenied
    return orgs


def _pick_org(request, orgs) -> Organisation:
    code = request.POST.get("organisation") or request.GET.get("org")
    org = orgs.filter(code=code).first() if code else None
    return org or orgs.first()


@login_required
def register(request):
    orgs = _handled_orgs(request.user)
    org = _pick_org(request, orgs)
    form = forms.RegisterForm(request.POST or None, initial={"arrived_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            req, _secret = services.foi_request_register(
                organisation=org, application=form.application(), actor=request.user,
                channel=form.cleaned_data["channel"], arrived_on=form.cleaned_data["arrived_on"],
                confirmed_on=form.cleaned_data.get("confirmed_on"))
        except DomainError as exc:
            form.add_error(None, exc.message)
            for p in exc.problems:
                form.add_error(None, p)
        else:
            # The query code is shown once, so the clerk can tell the applicant.
            request.session["foi_registered_secret"] = {"pk": req.pk, "secret": _secret}
            messages.success(request, _("已登记，申请编号 %(n)s。") % {"n": req.tracking_number})
            return redirect("foi_office:detail", pk=req.pk)
    return render(request, "foi/office/register.html", {"form": form, "orgs": orgs, "org": org})


# transition → (form class, form kwargs(org), service call(req, user, cleaned data, files)).
def _answer(req, user, d, files):
    upload = d.get("attachment")
    attachments = []
    if upload:
        if upload.size > services.MAX_ATTACHMENT_BYTES:
            raise DomainError(_("附件超过10MB。"))
        attachments.append(services.Attachment(upload.name, upload.content_type or "", upload.read()))
    item = active_items(req.organisation).filter(pk=d["catalog_item"]).first() if d.get("catalog_item") else None
    return services.foi_request_answer(
        request=req, actor=user, outcome=d["outcome"], reason=d["reason_code"], reply_text=d["reply_text"],
        reply_link=d["reply_link"], referred_to=d["referred_to"], attachments=attachments,
        suggest_proactive=d["suggest_proactive"], catalog_item=item, public_interest=d["public_interest"])


ACTION_FORMS = {
    "assign": (office_forms.AssignForm, lambda org: {"organisation": org},
               lambda req, user, d, f: services.foi_request_assign(request=req, actor=user, unit=d["unit"],
                                                                   note=d["note"])),
    "ask_correction": (office_forms.AskCorrectionForm, None,
                       lambda req, user, d, f: services.foi_request_ask_correction(
                           request=req, actor=user, items=d["items"], period_working_days=d["period_working_days"])),
    "correct": (office_forms.OfficeCorrectionForm, None,
                lambda req, user, d, f: services.foi_request_correct(
                    request=req, actor=user, text=d["text"], received_on=d["received_on"], reason=d["reason"])),
    "lapse": (None, None, lambda req, user, d, f: services.foi_request_lapse(request=req, actor=user)),
    "consult": (office_forms.ConsultForm, None,
                lambda req, user, d, f: services.foi_request_consult(
                    request=req, actor=user, third_party=d["third_party"], sent_on=d["sent_on"],
                    received_on=d["received_on"], note=d["note"])),
    "third_party_received": (office_forms.ThirdPartyReceivedForm, None,
                             lambda req, user, d, f: services.foi_request_third_party_received(
                                 request=req, actor=user, received_on=d["received_on"])),
    "third_party_replied": (office_forms.ThirdPartyReplyForm, None,
                            lambda req, user, d, f: services.foi_request_third_party_replied(
                                request=req, actor=user, replied_on=d["replied_on"], opinion=d["opinion"],
                                objected=d["objected"])),
    "request_extension": (office_forms.ExtensionRequestForm, None,
                          lambda req, user, d, f: services.foi_request_request_extension(
                              request=req, actor=user, working_days=d["working_days"], reason=d["reason"])),
    "approve_extension": (None, None,
                          lambda req, user, d, f: services.foi_request_approve_extension(request=req, actor=user)),
    "refuse_extension": (office_forms.CommentForm, None,
                         lambda req, user, d, f: services.foi_request_refuse_extension(
                             request=req, actor=user, comment=d["comment"])),
    "assess_fee": (office_forms.FeeForm, None,
                   lambda req, user, d, f: services.foi_request_assess_fee(
                       request=req, actor=user, scheme=d["scheme"], units=d["units"])),
    "fee_paid": (office_forms.FeePaidForm, None,
                 lambda req, user, d, f: services.foi_request_fee_paid(request=req, actor=user, paid_on=d["paid_on"])),
    "close_unpaid": (None, None, lambda req, user, d, f: services.foi_request_close_unpaid(request=req, actor=user)),
    "ask_reasons": (office_forms.AskReasonsForm, None,
                    lambda req, user, d, f: services.foi_request_ask_reasons(request=req, actor=user,
                                                                             question=d["question"])),
    "accept_reasons": (office_forms.AcceptReasonsForm, None,
                       lambda req, user, d, f: services.foi_request_accept_reasons(
                           request=req, actor=user, received_on=d["received_on"], reasons=d["reasons"],
                           later_due_date=d["later_due_date"])),
    "reject_reasons": (office_forms.RejectReasonsForm, None,
                       lambda req, user, d, f: services.foi_request_reject_reasons(
                           request=req, actor=user, reply_text=d["reply_text"])),
    "answer": (office_forms.AnswerForm, lambda org: {"catalog_items": active_items(org)}, _answer),
}
# Short explanations shown with some forms.
ACTION_NOTES = {
    "ask_correction": _lazy("只能一次性告知，且须在收到申请之日起7个工作日内。"),
    "request_extension": _lazy("经政府信息公开工作机构负责人同意后生效（第三十三条），最长20个工作日，只能延长一次。"),
    "approve_extension": _lazy("批准后答复期限即延长，并向申请人出具延期答复告知书。"),
    "assess_fee": _lazy("多数申请不收费。收费的，自收费通知至缴费期间不计入答复期限（国办函〔2020〕109号）。"),
    "ask_reasons": _lazy("申请数量、频次明显超过合理范围的，可以要求申请人说明理由（第三十五条）。"),
    "lapse": _lazy("补正期限已过，申请人未补正。"),
    "close_unpaid": _lazy("缴费期限已过，申请人未缴费。"),
}


# The submit button of a form (its summary shows the transition's label).
ACTION_BUTTONS = {
    "assign": _lazy("分办"),
    "ask_correction": _lazy("发出补正告知"),
    "correct": _lazy("登记补正"),
    "consult": _lazy("发出征求意见函"),
    "third_party_received": _lazy("登记"),
    "third_party_replied": _lazy("恢复计时"),
    "request_extension": _lazy("提交延期申请"),
    "refuse_extension": _lazy("不同意"),
    "assess_fee": _lazy("核算并记录"),
    "fee_paid": _lazy("登记缴费"),
    "ask_reasons": _lazy("发出说明理由告知书"),
    "accept_reasons": _lazy("继续办理"),
    "reject_reasons": _lazy("不予处理并生成告知书"),
    "answer": _lazy("办结并生成告知书"),
}


def _form_for(action: str, org, *, data=None, files=None, initial=None):
    form_class, kwargs, _call = ACTION_FORMS[action]
    if form_class is None:
        return None
    return form_class(data, files, prefix=action, initial=initial, **(kwargs(org) if kwargs else {}))


@login_required
def detail(request, pk):
    req = _case(request.user, pk)
    org = req.organisation
    today = clock.today()
    shown = request.session.pop("foi_registered_secret", None)
    initial_day = {"sent_on": today, "replied_on": today, "paid_on": today, "received_on": today}
    # A letter text held by the wording check (refused for a severe finding) comes back into its form.
    for field, name in (("reply_text", "reply_text"), ("items", "correction_items")):
        held = proofing_selectors.held_text(req, name)
        if held is not None:
            initial_day[field] = held
    actions = []
    for t in REQUEST_WORKFLOW.available_actions(req, request.user):
        actions.append({"transition": t, "name": t.name, "note": ACTION_NOTES.get(t.name, ""),
                        "button": ACTION_BUTTONS.get(t.name, t.label),
                        "form": _form_for(t.name, org, initial=dict(initial_day, scheme="per_request"))})
    return render(request, "foi/office/detail.html", {
        "req": req, "deadline": req.stored_deadline(), "today": today,
        "handle": can(request.user, Action.FOI_HANDLE, org),
        "personal": can(request.user, Action.FOI_VIEW_PERSONAL, org),
        "actions": actions, "history": _history(req),
        "duplicates": selectors.find_duplicates(req) if req.is_open else [],
        "correction_notice_due": deadlines.correction_notice_due(req.received_on),
        "fee_payment_due": deadlines.fee_payment_due(req),
        "appeals": [(a, APPEAL_WORKFLOW.may("decide", a, request.user)) for a in req.appeals.all()],
        "appeal_form": forms.AppealForm(initial={"filed_on": today}, prefix="appeal")
        if can(request.user, Action.FOI_HANDLE, org) else None,
        "decide_form": forms.AppealDecideForm(initial={"decided_on": today}, prefix="decide"),
        "secret_shown": shown["secret"] if shown and shown.get("pk") == req.pk else None,
        "records_link": _records_link(req, request.user),
        "letter": req.letter, "letters": req.letters.all(),
    })


APPLICANT_EVENTS = {FoiEvent.SUBMITTED, FoiEvent.CORRECTED}


def _history(req) -> list[dict]:
    """The case's audit trail in words (audit.describe); steps the applicant took read "申请人"."""
    out = []
    for event in audit.history(req):
        entry = audit.describe(event)
        if event.actor_id is None and event.action in APPLICANT_EVENTS:
            entry["who"] = _("申请人")
        out.append(entry)
    return out


def _records_link(req, user):
    """Return the link to create a proactive record for this organisation, or None.

    Shown when the records app is installed and the user may draft records there.
    """
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    if not apps.is_installed("gongkai.records") or not can(user, Action.RECORD_DRAFT, req.organisation):
        return None
    try:
        return reverse("records_office:create", args=[req.organisation.code])
    except NoReverseMatch:
        return None


@login_required
@require_POST
def act(request, pk, action):
    """Run one transition from the case page."""
    if action not in ACTION_FORMS:
        raise Http404
    req = _case(request.user, pk)
    form = _form_for(action, req.organisation, data=request.POST, files=request.FILES)
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                messages.error(request, f"{label}：{e}" if label else e)
        return redirect("foi_office:detail", pk=pk)
    try:
        ACTION_FORMS[action][2](req, request.user, form.cleaned_data if form is not None else {}, request.FILES)
    except DomainError as exc:
        _fail(request, exc)
        return redirect("foi_office:detail", pk=pk)
    messages.success(request, _("已完成：%(a)s。") % {"a": ACTION_LABELS.get(action, action)})
    return redirect("foi_office:detail", pk=pk)


@login_required
def fee_preview(request, pk):
    """Show the fee calculation before it is recorded (no write)."""
    req = _case(request.user, pk)
    if not can(request.user, Action.FOI_HANDLE, req.organisation):
        raise PermissionDenied
    form = forms.FeeForm(request.GET or None)
    result = None
    if form.is_valid():
        scheme, units = form.cleaned_data["scheme"], form.cleaned_data["units"]
        prior = services.prior_units_this_month(req) if scheme == "per_request" else 0
        try:
            result = fees.compute_fee(scheme, units=units, prior_units=prior)
        except DomainError as exc:
            _fail(request, exc)
    return render(request, "foi/office/fee.html", {"req": req, "form": form, "result": result,
                                                    "schemes": fees.SCHEMES.values()})


@login_required
@require_POST
def appeal_add(request, pk):
    req = _case(request.user, pk)
    form = forms.AppealForm(request.POST, prefix="appeal")
    if form.is_valid():
        try:
            services.foi_appeal_record(request=req, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("已登记。"))
    else:
        messages.error(request, _("请完整填写类型和提起日期。"))
    return redirect("foi_office:detail", pk=pk)


@login_required
@require_POST
def appeal_decide(request, pk, appeal_pk):
    req = _case(request.user, pk)
    appeal = get_object_or_404(Appeal, pk=appeal_pk, request=req)
    form = forms.AppealDecideForm(request.POST, prefix="decide")
    if form.is_valid():
        try:
            services.foi_appeal_decide(appeal=appeal, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("已登记审结结果。"))
    else:
        messages.error(request, _("请选择结果并填写审结日期。"))
    return redirect("foi_office:detail", pk=pk)


@login_required
def letter(request, pk, ext):
    return letter_response(_case(request.user, pk), ext)


@login_required
def letter_file(request, pk, letter_pk, ext):
    """Download one letter of a case (rendered on first download, then kept)."""
    req = _case(request.user, pk)
    letter = get_object_or_404(req.letters, pk=letter_pk)
    if ext not in ("docx", "pdf"):
        raise Http404
    return _file_response(letters.letter_file(letter, ext), ext, f"letter-{req.tracking_number}-{letter.pk}")


CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}


def _file_response(data: bytes, ext: str, stem: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{ext}"'
    return response


@login_required
def attachment(request, pk, att_pk):
    req = _case(request.user, pk)
    return attachment_response(get_object_or_404(req.attachments, pk=att_pk))


@login_required
def import_view(request):
    orgs = _handled_orgs(request.user)
    org = _pick_org(request, orgs)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            messages.error(request, _("文件超过20MB。"))
        else:
            try:
                report = importing.import_requests(organisation=org, name=upload.name, data=upload.read(),
                                                   actor=request.user, dry_run=form.cleaned_data["dry_run"])
            except DomainError as exc:
                problems = [exc.message] + exc.problems
    return render(request, "foi/office/import.html", {
        "form": form, "orgs": orgs, "org": org, "report": report, "problems": problems,
        "columns": importing.COLUMNS,
    })


@login_required
def statistics(request):
    orgs = organisations_where(request.user, Action.FOI_VIEW)
    if not orgs.exists():
        raise PermissionDenied
    org = orgs.filter(code=request.GET.get("org")).first() or orgs.first()
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        year = clock.today().year
    table = selectors.request_statistics(org, year)
    return render(request, "foi/office/statistics.html", {
        "orgs": orgs, "org": org, "year": year, "table": table, "columns": selectors.COLUMNS,
        "problems": table.consistency_problems(), "appeals": selectors.appeal_statistics(org, year),
        "years": range(clock.today().year, clock.today().year - 6, -1),
        "can_register": organisations_where(request.user, Action.FOI_HANDLE).exists(),
    })
