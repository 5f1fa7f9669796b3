"""Office page for the 政府信息公开指南: the form validates, one service call decides."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can
from gongkai.proofing import selectors as proofing_selectors

from . import column, services
from .guide_forms import GuideForm
from .models import DisclosureGuide


@login_required
def guide_edit(request, org_code):
    org = get_object_or_404(Organisation, code=org_code)
    if not can(request.user, Action.GUIDE_EDIT, org):
        raise Http404  # another organisation's office pages are not revealed
    guide = DisclosureGuide.objects.filter(organisation=org).first()
    initial = column.guide_defaults(org) if guide is None else None
    held = {name: proofing_selectors.held_text(guide, name) for name in services.CHECKED} if guide else {}
    if any(text is not None for text in held.values()):  # texts a wording finding held back come back
        initial = {name: text for name, text in held.items() if text is not None}
    form = GuideForm(request.POST or None, instance=guide, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_update(organisation=org, actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            for problem in exc.problems or [exc.message]:
                form.add_error(None, problem)
        else:
            messages.success(request, _("政府信息公开指南已更新并在门户公布。"))
            return redirect("office:guide_edit", org_code=org.code)
    return render(request, "office/guide_form.html", {
        "org": org, "form": form, "guide": guide,
        "history": audit.readable_history(guide, limit=20) if guide else [],
    })
