"""The public 政务新媒体 page of an organisation: its registered accounts (page-cached)."""
from django.shortcuts import get_object_or_404, render

from gongkai.organisations.models import Organisation

from . import selectors


def organisation_accounts(request, code):
    org = get_object_or_404(Organisation, code=code)
    return render(request, "newmedia/public_list.html", {
        "org": org, "ancestors": org.ancestors(), "accounts": selectors.public_accounts(org),
    })
