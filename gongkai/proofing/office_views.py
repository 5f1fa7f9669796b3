"""The two buttons of the findings panel: apply a suggestion, keep a finding with a reason (POST only).

Each view finds the finding, calls one service and goes back to the page the button was on; the
service's PermissionDenied is the 403 page, a refusal is shown as a message.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError

from . import services
from .models import WordingFinding

ANCHOR = "#wording"


def _back(request):
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()) or not target.startswith("/"):
        target = "/office/"
    return redirect(target.split("#", 1)[0] + ANCHOR)


def _run(request, call, success: str):
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
        for problem in exc.problems:
            messages.error(request, problem)
    else:
        messages.success(request, success)
    return _back(request)


@login_required
@require_POST
def finding_apply(request, pk):
    finding = get_object_or_404(WordingFinding.objects.select_related("content_type"), pk=pk)
    return _run(request, lambda: services.apply_finding(finding, request.user), _("已应用修改建议。"))


@login_required
@require_POST
def finding_override(request, pk):
    finding = get_object_or_404(WordingFinding, pk=pk)
    return _run(request, lambda: services.override(finding, request.user, request.POST.get("reason", "")),
                _("已说明理由保留原措辞。"))
