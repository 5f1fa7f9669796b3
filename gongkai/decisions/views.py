"""Public pages of 双公示: the list of published decisions (searchable by name, credit code and 文书号) and
one decision. Both are the same for every visitor, so they are served from the public-page cache
(settings.GONGKAI_PAGE_CACHE_VIEWS); a published decision is a ``decisions.Decision`` change, listed in
GONGKAI_PAGE_CACHE_MODELS, so each transition renews the cache generation after its commit."""
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from gongkai.organisations.models import Organisation

from . import rules, selectors
from .states import DecisionKind


def decision_list(request):
    q = request.GET.get("q", "")[:selectors.MAX_QUERY]
    kind = request.GET.get("kind", "")
    org = request.GET.get("org", "")[:40]
    qs = selectors.public_decisions(q=q, kind=kind, organisation_code=org)
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "decisions/list.html", {
        "page": page, "rows": [(d, selectors.public_view(d)) for d in page], "q": q,
        "kind": kind if kind in DecisionKind.values else "", "kinds": DecisionKind.choices, "org": org,
        "organisations": Organisation.objects.filter(decisions__status="published").distinct().order_by("path"),
        "rule": rules.RULE_TEXT, "source": rules.SOURCE_TEXT,
    })


def decision_detail(request, pk):
    d = selectors.public_decision(pk)
    if d is None:
        raise Http404
    return render(request, "decisions/detail.html", {"d": d, "v": selectors.public_view(d)})
