"""Back-office pages for disclosure requests. Views validate, call one service, then redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from . import deadlines, fees, forms, importing, selectors, services
from .models import Appeal, DisclosureRequest
from .states import TRANSITIONS, RequestStatus
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


def _published_items(org):
    from gongkai.catalog.models import CatalogItem
    from gongkai.catalog.states import VersionStatus

    return CatalogItem.objects.filter(
        version__catalog__organisation=org, version__status=VersionStatus.PUBLISHED, retired=False,
    ).order_by("version__catalog__domain", "position")


@login_required
def request_list(request):
    orgs = organisations_where(request.user, Action.FOI_VIEW)
    if not orgs.exists():
        raise PermissionDenied
    qs = DisclosureRequest.objects.filter(organisation__in=orgs).select_related("organisation", "unit")
    state = request.GET.get("status", "open")
    if state == "open":
        qs = qs.exclude(status=RequestStatus.CLOSED)
    elif state in RequestStatus.values:
        qs = qs.filter(status=state)
    org_code = request.GET.get("org")
    if org_code:
        qs = qs.filter(organisation__code=org_code)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(tracking_number__icontains=q) | qs.filter(description__icontains=q)
    qs = qs.order_by("due_date", "-received_on", "-pk") if state == "open" else qs.order_by("-received_on", "-pk")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "foi/office/list.html", {
        "page": page, "state": state, "statuses": RequestStatus.choices, "orgs": orgs, "org_code": org_code, "q": q,
        "today": clock.today(),
        "can_register": organisations_where(request.user, Action.FOI_HANDLE).exists(),
    })


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


@login_required
def detail(request, pk):
    req = _case(request.user, pk)
    org = req.organisation
    handle = can(request.user, Action.FOI_HANDLE, org)
    approve = can(request.user, Action.FOI_APPROVE_EXTENSION, org)
    today = clock.today()
    shown = request.session.pop("foi_registered_secret", None)
    action_forms = {}
    if handle or approve:
        initial_day = {"sent_on": today, "replied_on": today, "paid_on": today, "received_on": today}
        for action, form in (
            ("assign", forms.AssignForm(organisation=org, prefix="assign")),
            ("ask_correction", forms.AskCorrectionForm(prefix="ask_correction")),
            ("correct", forms.OfficeCorrectionForm(initial=initial_day, prefix="correct")),
            ("consult", forms.ConsultForm(initial=initial_day, prefix="consult")),
            ("third_party_replied", forms.ThirdPartyReplyForm(initial=initial_day, prefix="third_party_replied")),
            ("extend", forms.ExtendForm(organisation=org, prefix="extend",
                                        initial={"approved_by": request.user.pk if approve else None})),
            ("assess_fee", forms.FeeForm(initial={"scheme": "per_request"}, prefix="assess_fee")),
            ("fee_paid", forms.FeePaidForm(initial=initial_day, prefix="fee_paid")),
            ("answer", forms.AnswerForm(catalog_items=_published_items(org), prefix="answer")),
        ):
            allowed = req.status in TRANSITIONS[action][0]
            if action == "extend":
                allowed = allowed and not req.extension_days and (handle or approve)
            elif not handle:
                allowed = False
            if action == "ask_correction":
                allowed = allowed and not req.correction_asked_on
            if action == "fee_paid":
                allowed = allowed and bool(req.fee_amount) and not req.fee_paid_on
            if allowed:
                action_forms[action] = form
    from .views import PUBLIC_EVENTS

    history = [(e, PUBLIC_EVENTS.get(e.action) or OFFICE_EVENTS.get(e.action, e.action)) for e in audit.history(req)]
    return render(request, "foi/office/detail.html", {
        "req": req, "deadline": req.stored_deadline(), "handle": handle, "approve": approve,
        "personal": can(request.user, Action.FOI_VIEW_PERSONAL, org),
        "forms": action_forms, "history": history, "today": today,
        "duplicates": selectors.find_duplicates(req) if req.is_open else [],
        "correction_notice_due": deadlines.correction_notice_due(req.received_on),
        "fee_payment_due": services.fee_payment_due(req),
        "can_lapse": handle and req.status == RequestStatus.AWAITING_CORRECTION and req.correction_due
        and today > req.correction_due,
        "can_close_unpaid": handle and req.is_open and req.fee_amount and not req.fee_paid_on
        and services.fee_payment_due(req) and today > services.fee_payment_due(req),
        "appeals": req.appeals.all(), "appeal_form": forms.AppealForm(initial={"filed_on": today}, prefix="appeal") if handle else None,
        "decide_form": forms.AppealDecideForm(initial={"decided_on": today}, prefix="decide") if handle else None,
        "secret_shown": shown["secret"] if shown and shown.get("pk") == req.pk else None,
        "records_installed": _records_link(req),
        "letter": getattr(req, "letter", None),
    })


OFFICE_EVENTS = {"foi_request.imported": "历史数据导入"}


def _records_link(req):
    """Return a link to create a proactive record if the records app is installed, else None."""
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    if not apps.is_installed("gongkai.records"):
        return None
    for name in ("records_office:create", "office_records:create", "records:create"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@login_required
@require_POST
def act(request, pk, action):
    """Run one transition from the case page."""
    req = _case(request.user, pk)
    org = req.organisation
    user = request.user
    try:
        if action == "assign":
            form = forms.AssignForm(request.POST, organisation=org, prefix=action)
            if form.is_valid():
                services.foi_request_assign(request=req, actor=user, unit=form.cleaned_data["unit"],
                                            note=form.cleaned_data["note"])
        elif action == "ask_correction":
            form = forms.AskCorrectionForm(request.POST, prefix=action)
            if form.is_valid():
                services.foi_request_ask_correction(request=req, actor=user, items=form.cleaned_data["items"],
                                                    period_working_days=form.cleaned_data["period_working_days"])
        elif action == "correct":
            form = forms.OfficeCorrectionForm(request.POST, prefix=action)
            if form.is_valid():
                services.foi_request_correct(request=req, actor=user, text=form.cleaned_data["text"],
                                             received_on=form.cleaned_data["received_on"],
                                             reason=form.cleaned_data["reason"])
        elif action == "lapse":
            form = None
            services.foi_request_lapse(request=req, actor=user)
        elif action == "consult":
            form = forms.ConsultForm(request.POST, prefix=action)
            if form.is_valid():
                services.foi_request_consult(request=req, actor=user, third_party=form.cleaned_data["third_party"],
                                             sent_on=form.cleaned_data["sent_on"], note=form.cleaned_data["note"])
        elif action == "third_party_replied":
            form = forms.ThirdPartyReplyForm(request.POST, prefix=action)
            if form.is_valid():
                services.foi_request_third_party_replied(request=req, actor=user,
                                                         replied_on=form.cleaned_data["replied_on"],
                                                         opinion=form.cleaned_data["opinion"])
        elif action == "extend":
            form = forms.ExtendForm(request.POST, organisation=org, prefix=action)
            if form.is_valid():
                services.foi_request_extend(request=req, actor=user, working_days=form.cleaned_data["working_days"],
                                            reason=form.cleaned_data["reason"],
                                            approved_by=form.cleaned_data["approved_by"])
        elif action == "assess_fee":
            form = forms.FeeForm(request.POST, prefix=action)
            if form.is_valid():
                req = services.foi_request_assess_fee(request=req, actor=user, scheme=form.cleaned_data["scheme"],
                                                      units=form.cleaned_data["units"])
        elif action == "fee_paid":
            form = forms.FeePaidForm(request.POST, prefix=action)
            if form.is_valid():
                services.foi_request_fee_paid(request=req, actor=user, paid_on=form.cleaned_data["paid_on"])
        elif action == "close_unpaid":
            form = None
            services.foi_request_close_unpaid(request=req, actor=user)
        elif action == "answer":
            form = forms.AnswerForm(request.POST, request.FILES, catalog_items=_published_items(org), prefix=action)
            if form.is_valid():
                d = form.cleaned_data
                upload = d.get("attachment")
                attachments = []
                if upload:
                    if upload.size > services.MAX_ATTACHMENT_BYTES:
                        raise DomainError(_("附件超过10MB。"))
                    attachments.append(services.Attachment(upload.name, upload.content_type or "", upload.read()))
                item = _published_items(org).filter(pk=d["catalog_item"]).first() if d.get("catalog_item") else None
                services.foi_request_answer(
                    request=req, actor=user, outcome=d["outcome"], reason=d["reason_code"],
                    reply_text=d["reply_text"], reply_link=d["reply_link"], referred_to=d["referred_to"],
                    attachments=attachments, suggest_proactive=d["suggest_proactive"], catalog_item=item)
        else:
            raise Http404
    except DomainError as exc:
        _fail(request, exc)
        return redirect("foi_office:detail", pk=pk)
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                messages.error(request, f"{label}：{e}" if label else e)
        return redirect("foi_office:detail", pk=pk)
    messages.success(request, _("已完成：%(a)s。") % {"a": _action_label(action)})
    return redirect("foi_office:detail", pk=pk)


def _action_label(action):
    from .states import ACTION_LABELS

    return ACTION_LABELS.get(action, action)


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
