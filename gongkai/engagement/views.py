"""Public pages: consultations with their adoption reports, the decision catalogs, published messages, the
message form and tracking, and meetings open to the public. The intake reuses the disclosure-request
guards (gongkai.foi.intake: rate limit per client, signed arithmetic question; CSRF is on everywhere)."""
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.core import idempotency
from gongkai.core.errors import DomainError
from gongkai.foi import intake
from gongkai.ops import blank_forms
from gongkai.organisations.models import Level, Organisation

from . import selectors, services
from .forms import CommentForm, MessageForm, TrackForm
from .models import DecisionCatalog, Message
from .privacy import mask_name, mask_text
from .states import CatalogStatus, ConsultationStatus

# The same ceiling as the disclosure-request intake: a comment or a message is text, never a file.
MAX_PUBLIC_POST_BYTES = 64 * 1024
SESSION_RECEIPT = "engagement_receipt"
SESSION_ACCESS = "engagement_access"


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PUBLIC_POST_BYTES
    except ValueError:
        return True


def _question(context):
    context["human_check"] = intake.human_check_enabled()
    if context["human_check"]:
        context["question"], context["challenge"] = intake.new_question()


def _guarded(request, context, bucket: str):
    """Return (status, message) when the public POST must be refused, else None."""
    if _too_large(request):
        return 413, _("提交的内容过大。")
    if intake.rate_limited(request, bucket):
        return 429, _("提交过于频繁，请稍后再试。")
    if intake.human_check_enabled() and not intake.check_answer(request.POST.get("challenge", ""),
                                                                request.POST.get("answer", "")):
        context["human_error"] = _("验证题答案不正确，请重新计算。")
        return 400, None
    return None


def home(request):
    """The participation landing page: the same for every visitor (no form, no token), so it is served
    from the public-page cache (settings.GONGKAI_PAGE_CACHE_VIEWS); engagement's services renew the
    cache generation when anything shown here changes (services._common.PUBLIC_PAGES)."""
    open_, closed = selectors.consultations_of_the_day()
    return render(request, "engagement/home.html", {
        "open": open_.order_by("closes_at")[:20],
        "closed": closed.order_by("-closes_at")[:20],
        "catalogs": selectors.published_catalogs()[:20],
        "published_messages": selectors.published_messages().order_by("-published_at")[:10],
        "meetings": selectors.public_meetings()[:10],
        "organisations": Organisation.objects.exclude(level=Level.TOWNSHIP).order_by("path"),
    })


def _comments_masked(consultation):
    return [{"name": mask_name(c.name), "kind": c.get_kind_display(), "body": mask_text(c.body),
             "submitted_at": c.submitted_at, "group": c.group_id} for c in consultation.comments.all()]


def consultation(request, pk):
    from gongkai.records.selectors import can_view

    c = selectors.consultation_for(request.user, pk)
    context = {"c": c, "phase": selectors.consultation_phase(c) if c.is_public else "draft"}
    form = CommentForm()
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        refused = _guarded(request, context, "submit")
        if refused and refused[1]:
            context["refusal"] = refused[1]
            status = refused[0]
        elif not refused and form.is_valid():
            try:
                services.comment_submit(consultation=c, **form.service_data())
            except DomainError as exc:
                form.add_error(None, exc.message)
                for p in exc.problems:
                    form.add_error(None, p)
            else:
                request.session["engagement_commented"] = c.pk
                return redirect("engagement:consultation", pk=c.pk)
        elif refused:
            status = refused[0]
    if c.status == ConsultationStatus.REPORTED:
        groups = [{"g": g, "n": g.comments.count()} for g in c.groups.all()]
        context.update(groups=groups, comments=_comments_masked(c))
    record = c.resulting_record
    context.update(form=form, thanks=request.session.pop("engagement_commented", None) == c.pk,
                   record=record if record is not None and can_view(request.user, record) else None)
    _question(context)
    return render(request, "engagement/consultation.html", context, status=status)


def catalogs(request):
    return render(request, "engagement/catalogs.html", {"catalogs": selectors.published_catalogs()})


def catalog(request, org_code, year):
    cat = get_object_or_404(DecisionCatalog.objects.select_related("organisation"), organisation__code=org_code,
                            year=year)
    if cat.status != CatalogStatus.PUBLISHED:
        raise Http404
    entries = cat.entries.prefetch_related("consultations", "meetings").select_related("resulting_record")
    return render(request, "engagement/catalog.html", {"cat": cat, "entries": entries})


def messages_list(request):
    page = Paginator(selectors.published_messages().order_by("-published_at", "-pk"), 20).get_page(
        request.GET.get("page"))
    return render(request, "engagement/messages.html", {"page": page})


def message_public(request, number):
    m = selectors.message_by_number(selectors.published_messages(), number)
    if m is None:
        raise Http404
    return render(request, "engagement/message.html", {"m": m, "name": mask_name(m.name), "body": mask_text(m.body),
                                                        "answer": mask_text(m.answer), "subject": mask_text(m.subject)})


def message_new(request, org_code):
    org = get_object_or_404(Organisation, code=org_code)
    context = {"organisation": org}
    status = 200
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST)
        refused = _guarded(request, context, "submit")
        if refused and refused[1]:
            context["refusal"], status = refused[1], refused[0]
        elif not refused and form.is_valid():
            try:
                message, secret = services.message_submit(organisation=org, **form.service_data())
            except DomainError as exc:
                form.add_error(None, exc.message)
                for p in exc.problems:
                    form.add_error(None, p)
            else:
                request.session[SESSION_RECEIPT] = {"number": message.number, "secret": secret}
                return redirect("engagement:message_receipt")
        elif refused:
            status = refused[0]
    else:
        # The blank form: rendered once, every visitor gets their own tokens and question (ops.blank_forms).
        human_check = intake.human_check_enabled()
        return blank_forms.render(request, "engagement/message_new.html", lambda own: {
            **context, **own, "human_check": human_check,
            "form": MessageForm(initial={idempotency.FIELD: own["idempotency_token"]})},
            intake.own_values(request, human_check))
    context["form"] = form
    _question(context)
    return render(request, "engagement/message_new.html", context, status=status)


def message_receipt(request):
    shown = request.session.get(SESSION_RECEIPT)
    if not shown:
        raise Http404
    m = Message.objects.select_related("organisation").filter(number=shown["number"]).first()
    if m is None:
        raise Http404
    return render(request, "engagement/message_receipt.html", {
        "m": m, "secret": shown["secret"], "deadline": services.message_deadline(m)})


def message_track(request):
    form = TrackForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        if intake.rate_limited(request, "track"):
            context["refusal"] = _("查询过于频繁，请稍后再试。")
            return render(request, "engagement/message_track.html", context, status=429)
        if form.is_valid():
            m = selectors.message_by_number(Message.objects.select_related("organisation"), form.cleaned_data["number"])
            if m is not None and services.message_check_secret(m, form.cleaned_data["secret"]):
                context.update(m=m, deadline=services.message_deadline(m))
            else:
                context["refusal"] = _("留言编号或查询码不正确。")
    return render(request, "engagement/message_track.html", context)


def meeting(request, pk):
    m = get_object_or_404(selectors.public_meetings(), pk=pk)
    return render(request, "engagement/meeting.html", {"m": m})
