"""Public pages: press conferences (live broadcast and record), signed articles, open days and the
open-day sign-up. Pages without a form are the same for every visitor and come from the page cache
(settings.GONGKAI_PAGE_CACHE_VIEWS); the sign-up form, with its per-visitor CSRF token, is on its own
page. The sign-up reuses the public-intake guards of gongkai.foi.intake (rate limit per client, the
signed arithmetic question, the body-size ceiling)."""
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import DomainError
from gongkai.foi import intake

from . import selectors, services
from .forms import SignupForm
from .models import OpenDaySignup
from .states import OpenDayStatus

MAX_POST_BYTES = 16 * 1024
SESSION_RECEIPT = "outreach_signup"


def home(request):
    return render(request, "outreach/home.html", {
        "conferences": selectors.public_conferences()[:30],
        "open_days": selectors.public_open_days()[:20],
        "articles": selectors.public_articles()[:20],
    })


def conference(request, pk):
    c = get_object_or_404(selectors.public_conferences(), pk=pk)
    return render(request, "outreach/conference.html", {"c": c})


def open_day(request, pk):
    day = get_object_or_404(selectors.public_open_days(), pk=pk)
    return render(request, "outreach/open_day.html", {"day": day})


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_POST_BYTES
    except ValueError:
        return True


def signup(request, pk):
    day = get_object_or_404(selectors.public_open_days(), pk=pk)
    context = {"day": day, "closed": services.signup_problem(day, clock.now())}
    form, status = SignupForm(), 200
    if request.method == "POST" and not context["closed"]:
        form = SignupForm(request.POST)
        if _too_large(request):
            context["refusal"], status = _("提交的内容过大。"), 413
        elif intake.rate_limited(request, "signup"):
            context["refusal"], status = _("提交过于频繁，请稍后再试。"), 429
        elif intake.human_check_enabled() and not intake.check_answer(request.POST.get("challenge", ""),
                                                                      request.POST.get("answer", "")):
            context["human_error"], status = _("验证题答案不正确，请重新计算。"), 400
        elif form.is_valid():
            try:
                s = services.signup_submit(open_day=day, **form.service_data())
            except DomainError as exc:
                for problem in exc.problems or [exc.message]:
                    form.add_error(None, problem)
                status = 400
            else:
                request.session[SESSION_RECEIPT] = s.number
                return redirect("outreach:signup_receipt")
        else:
            status = 400
    if day.status == OpenDayStatus.OPEN:
        context["remaining"] = max(0, day.capacity - selectors.signups_taken(day))
    context["form"] = form
    context["human_check"] = intake.human_check_enabled()
    if context["human_check"]:
        context["question"], context["challenge"] = intake.new_question()
    return render(request, "outreach/signup.html", context, status=status)


def signup_receipt(request):
    number = request.session.get(SESSION_RECEIPT)
    s = OpenDaySignup.objects.select_related("open_day__organisation").filter(number=number or "").first()
    if s is None:
        raise Http404
    return render(request, "outreach/signup_receipt.html", {"s": s, "day": s.open_day})
