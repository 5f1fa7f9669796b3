"""Public pages: file a request, the receipt, and following a request with its number and query code."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import clock, idempotency, validators
from gongkai.core.errors import DomainError
from gongkai.ops import blank_forms
from gongkai.organisations.models import Level, Organisation

from . import calculator, deadlines, intake, letters, services
from .forms import ApplicationForm, CorrectionForm, TrackForm
from .models import DisclosureRequest
from .states import RequestStatus

SESSION_ACCESS = "foi_access"
SESSION_RECEIPT = "foi_receipt"
MAX_PUBLIC_POST_BYTES = 64 * 1024


def _grant(request, req: DisclosureRequest, secret: str) -> None:
    """Remember in the (server-side) session that this client proved the query code."""
    granted = dict(request.session.get(SESSION_ACCESS, {}))
    granted[str(req.pk)] = secret
    request.session[SESSION_ACCESS] = dict(list(granted.items())[-50:])


def _session_secret(request, req: DisclosureRequest) -> str:
    return request.session.get(SESSION_ACCESS, {}).get(str(req.pk), "")


def _may_follow(request, req: DisclosureRequest) -> bool:
    if services.check_secret(req, _session_secret(request, req)):
        return True
    return request.user.is_authenticated and req.submitted_by_id == request.user.pk


def _followed(request, number: str) -> DisclosureRequest:
    req = get_object_or_404(DisclosureRequest.objects.select_related("organisation"), tracking_number=number)
    if not _may_follow(request, req):
        raise Http404  # neither confirm nor deny that a number exists without the query code
    return req


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PUBLIC_POST_BYTES
    except ValueError:
        return True


def _refuse(request, template, context, message, status):
    context["refusal"] = message
    return render(request, template, context, status=status)


def home(request):
    """The 依申请公开 landing page: the same for every visitor, so the page cache serves it (issue 25).

    The progress form (with its CSRF token) lives on its own page, foi:track.
    """
    organisations = Organisation.objects.exclude(level=Level.TOWNSHIP).order_by("path")
    return render(request, "foi/home.html", {"organisations": organisations})


def deadline_calculator(request):
    """Public: by when must the office answer a request received on a given day (GET only, no token)."""
    form = calculator.CalculatorForm(request.GET or None)
    answer = problem = None
    if form.is_bound and form.is_valid():
        try:
            answer = calculator.calculate(form.cleaned_data["received"], form.cleaned_data.get("corrected"))
        except DomainError as exc:
            problem = exc.message
    elif not form.is_bound:
        answer = calculator.calculate(clock.today())
    return render(request, "foi/deadline.html", {
        "form": form, "answer": answer, "problem": problem, "receipt_rules": calculator.receipt_rules(),
        "today": clock.today()})


def new_request(request, org_code):
    org = get_object_or_404(Organisation, code=org_code)
    context = {"organisation": org, "human_check": intake.human_check_enabled()}
    if request.method == "POST":
        if _too_large(request):
            context["form"] = ApplicationForm()
            return _refuse(request, "foi/new.html", context, _("提交的内容过大。"), 413)
        form = ApplicationForm(request.POST)
        context["form"] = form
        if intake.rate_limited(request, "submit"):
            _question(context)
            return _refuse(request, "foi/new.html", context,
                           _("提交过于频繁，请稍后再试；如需帮助请联系受理机关。"), 429)
        human_ok = not context["human_check"] or intake.check_answer(
            request.POST.get("challenge", ""), request.POST.get("answer", ""))
        if form.is_valid() and human_ok:
            try:
                req, secret = services.foi_request_submit(
                    organisation=org, application=form.application(), actor=request.user)
            except DomainError as exc:
                form.add_error(None, exc.message)
                for problem in exc.problems:
                    form.add_error(None, problem)
            else:
                # The request is committed (the service's transaction ended) before the receipt is shown.
                _grant(request, req, secret)
                request.session[SESSION_RECEIPT] = {"number": req.tracking_number, "secret": secret}
                return redirect("foi:receipt", number=req.tracking_number)
        if not human_ok:
            context["human_error"] = _("验证题答案不正确，请重新计算。")
    else:
        # The blank form: rendered once, every visitor gets their own tokens and question (ops.blank_forms).
        return blank_forms.render(request, "foi/new.html", lambda own: _blank_context(context, own),
                                  intake.own_values(request, context["human_check"]))
    _question(context)
    return render(request, "foi/new.html", context)


def _blank_context(context: dict, own: dict) -> dict:
    return {**context, **own, "form": ApplicationForm(initial={idempotency.FIELD: own["idempotency_token"]})}


def _question(context):
    if context.get("human_check"):
        context["question"], context["challenge"] = intake.new_question()


def receipt(request, number):
    req = _followed(request, number)
    shown = request.session.get(SESSION_RECEIPT) or {}
    secret = shown.get("secret") if shown.get("number") == number else None
    return render(request, "foi/receipt.html", {
        "req": req, "secret": secret, "deadline": req.stored_deadline(),
        "correction_notice_due": deadlines.correction_notice_due(req.received_on),
    })


def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if intake.rate_limited(request, "track"):
            return _refuse(request, "foi/track.html", {"form": form}, _("查询过于频繁，请稍后再试。"), 429)
        if form.is_valid():
            number = form.cleaned_data["number"].strip().upper()
            req = DisclosureRequest.objects.filter(tracking_number=number).first()
            if req and services.check_secret(req, form.cleaned_data["secret"]):
                _grant(request, req, form.cleaned_data["secret"])
                return redirect("foi:status", number=req.tracking_number)
            form.add_error(None, _("申请编号或查询码不正确。"))
    return render(request, "foi/track.html", {"form": form})


def status(request, number):
    req = _followed(request, number)
    from gongkai.core import audit

    events = [e for e in audit.history(req) if e.action in PUBLIC_EVENTS]
    return render(request, "foi/status.html", {
        "req": req, "deadline": req.stored_deadline(), "events": events, "public_events": PUBLIC_EVENTS,
        "correction_form": CorrectionForm() if req.status == RequestStatus.AWAITING_CORRECTION else None,
        "letter": getattr(req, "letter", None) if not req.is_open else None,
        "attachments": req.attachments.all() if not req.is_open else [],
    })


PUBLIC_EVENTS = {
    "foi_request.submitted": "提交申请",
    "foi_request.registered": "登记申请",
    "foi_request.assigned": "分办承办",
    "foi_request.correction_requested": "告知补正",
    "foi_request.corrected": "收到补正",
    "foi_request.consultation_started": "征求第三方意见（暂停计时）",
    "foi_request.third_party_replied": "恢复计时",
    "foi_request.extended": "延长答复期限",
    "foi_request.fee_assessed": "核算信息处理费",
    "foi_request.fee_paid": "缴费",
    "foi_request.answered": "答复办结",
    "foi_request.lapsed": "逾期未补正，不再处理",
    "foi_request.closed_unpaid": "逾期未缴费，不再处理",
    "foi_request.deadline_recomputed": "节假日安排更新，重新计算期限",
}


@require_POST
def correct(request, number):
    req = _followed(request, number)
    if intake.rate_limited(request, "correct"):
        messages.error(request, _("提交过于频繁，请稍后再试。"))
        return redirect("foi:status", number=number)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.foi_request_correct(request=req, actor=request.user, text=form.cleaned_data["text"],
                                         secret=_session_secret(request, req))
        except PermissionDenied:
            messages.error(request, _("请先用申请编号和查询码登录查询页面。"))
        except DomainError as exc:
            messages.error(request, exc.message)
            for p in exc.problems:
                messages.error(request, p)
        else:
            messages.success(request, _("补正已提交，答复期限自今日起重新计算。"))
    else:
        messages.error(request, _("请填写补正内容。"))
    return redirect("foi:status", number=number)




def letter(request, number, ext):
    req = _followed(request, number)
    return letter_response(req, ext)


def letter_response(req, ext):
    letter = getattr(req, "letter", None)
    if letter is None or req.is_open or ext not in ("docx", "pdf"):
        raise Http404
    if ext == "docx":
        data, ctype = bytes(letters.docx(letter)), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        data, ctype = bytes(letters.pdf(letter)), "application/pdf"
    response = HttpResponse(data, content_type=ctype)
    filename = f"reply-{req.tracking_number}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def attachment(request, number, pk):
    req = _followed(request, number)
    if req.is_open:
        raise Http404
    return attachment_response(get_object_or_404(req.attachments, pk=pk))


def attachment_response(att):
    """Serve a reply attachment as a download, typed by its content (never by what the uploader declared)."""
    from urllib.parse import quote

    data = bytes(att.data)
    response = HttpResponse(data, content_type=validators.served_content_type(data))
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(att.name)}"
    response["Cache-Control"] = "no-store"
    return response
