"""The site inspection pages: an organisation's latest report and history, one run with its findings,
a supervisor's ranking of the organisations below it, and the .xlsx/PDF exports."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.organisations.permissions import Action, can

from .. import selectors
from ..inspection import exports, sweep
from ..inspection import selectors as inspection_selectors
from ..inspection.indicators import DOCUMENT, ITEMS
from ._common import do


@login_required
def inspection(request, code):
    org = selectors.organisation_for(request.user, code)
    if request.method == "POST":
        run = do(request, lambda: sweep.run_now(organisation=org, actor=request.user), _("已完成一次网站检查。"))
        return redirect("oversight:inspection_run", run.pk) if run else redirect(request.path)
    history = inspection_selectors.history(org)
    ranking = inspection_selectors.ranking(request.user, org) if org.children.exists() else []
    return render(request, "oversight/inspection.html", {
        "org": org, "history": history, "latest": inspection_selectors.report(history[0]) if history else None,
        "ranking": ranking, "can_run": can(request.user, Action.INSPECTION_RUN, org), "document": DOCUMENT,
        "items": ITEMS})


@login_required
def inspection_run(request, pk):
    run = inspection_selectors.run_for(request.user, pk)
    if run is None:
        raise Http404
    return render(request, "oversight/inspection_run.html", {
        "org": run.organisation, "report": inspection_selectors.report(run), "document": DOCUMENT,
        "can_run": can(request.user, Action.INSPECTION_RUN, run.organisation)})


@login_required
def inspection_export(request, pk, fmt):
    run = inspection_selectors.run_for(request.user, pk)
    if run is None or fmt not in ("xlsx", "pdf"):
        raise Http404
    report = inspection_selectors.report(run)
    return exports.xlsx(report) if fmt == "xlsx" else exports.pdf(report)
