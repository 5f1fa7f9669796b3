"""The office's page of links that do not work, per page, with a button to check again now."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can

from . import selectors, services


def _organisation(user, code):
    org = Organisation.objects.filter(code=code).first()
    if org is None or not can(user, Action.OVERSIGHT_VIEW, org):
        raise Http404
    return org


@login_required
def links(request, code):
    org = _organisation(request.user, code)
    if request.method == "POST":
        result = services.recheck(organisation=org, actor=request.user)
        messages.success(request, _("已重新检查%(pages)d个页面的%(links)d个链接，其中%(failed)d个不可用。") % result)
        return redirect(request.path)
    rows = selectors.failed_rows(org.pk)
    return render(request, "links/office_links.html", {
        "org": org, "pages": selectors.by_page(rows), "failed": len(rows), "summary": selectors.summary(org.pk),
        "external_enabled": services.external_enabled(),
        "can_recheck": can(request.user, Action.OVERSIGHT_EDIT, org)})
