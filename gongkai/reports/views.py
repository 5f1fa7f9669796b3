"""Public report pages and the back-office report workspace. Views stay thin."""
import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError
from gongkai.foi import selectors as foi_selectors
from gongkai.organisations.models import Organisation
from gongkai.records import statistics as record_statistics
from gongkai.organisations.permissions import Action, can, organisations_where

from . import render as rendering
from . import selectors, services, statistics
from .checks import run_checks
from .figures import key_figures
from .forms import NarrativeForm, OpenReportForm
from .models import AnnualReport
from .states import ReportStatus
from .workflow import REPORT_WORKFLOW


def _visible_report(user, pk) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("organisation"), pk=pk)
    if not selectors.can_view(user, report):
        raise Http404
    return report


def _fail(request, exc: DomainError):
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


# ---------------------------------------------------------------- public

def report_list(request):
    reports = selectors.published_reports().order_by("-year", "organisation__path")
    return render(request, "reports/list.html", {"reports": reports})


def report_page(request, pk):
    report = _visible_report(request.user, pk)
    return render(request, "reports/report.html", rendering.report_content(report))


def report_download(request, pk, fmt):
    report = _visible_report(request.user, pk)
    name = f"annual-report-{report.organisation.code}-{report.year}"
    if fmt == "docx":
        response = HttpResponse(rendering.report_docx(report),
                                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    elif fmt == "pdf":
        response = HttpResponse(rendering.report_pdf(report), content_type="application/pdf")
    elif fmt == "json":
        data = report.snapshot["tables"] if report.is_published else services.live_tables(report).as_dict()
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# ---------------------------------------------------------------- office

@login_required
def office_list(request):
    editable = organisations_where(request.user, Action.REPORT_EDIT)
    visible = organisations_where(request.user, Action.REPORT_VIEW_UNPUBLISHED)
    if not visible.exists():
        raise PermissionDenied
    default_year = clock.today().year - 1
    if request.method == "POST":
        form = OpenReportForm(request.POST)
        org = get_object_or_404(Organisation, code=request.POST.get("organisation", ""))
        if form.is_valid():
            try:
                report = services.report_open(organisation=org, year=form.cleaned_data["year"], actor=request.user)
            except DomainError as exc:
                _fail(request, exc)
            else:
                return redirect("reports_office:report", pk=report.pk)
    reports = AnnualReport.objects.filter(organisation__in=visible).select_related("organisation").order_by("-year")
    return render(request, "reports/office_list.html", {
        "reports": reports, "editable": editable, "default_year": default_year,
        "can_overview": organisations_where(request.user, Action.REPORT_OVERVIEW).exists(),
        "can_rollup": organisations_where(request.user, Action.REPORT_ROLLUP).exists(),
    })


@login_required
def office_report(request, pk):
    report = get_object_or_404(AnnualReport.objects.select_related("organisation"), pk=pk)
    if not can(request.user, Action.REPORT_VIEW_UNPUBLISHED, report.organisation):
        raise Http404
    workflow = REPORT_WORKFLOW
    can_edit = workflow.may("edit_narrative", report, request.user)
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        if form.is_valid():
            try:
                services.report_update_narrative(report=report, actor=request.user, data=form.cleaned_data)
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("报告正文已保存。"))
                return redirect("reports_office:report", pk=report.pk)
    tables = services.live_tables(report)
    checks = run_checks(tables)
    previous = selectors.previous_report(report)
    manual_keys = services.manual_cell_keys(services.report_format(report))
    return render(request, "reports/office_report.html", {
        **rendering.report_content(report),
        "report": report,
        "form": NarrativeForm(initial={"overview": report.overview, "problems": report.problems, "other": report.other}),
        "checks": checks,
        "failed": [c for c in checks if not c.ok],
        "figures": key_figures(report.organisation, report.year),
        "previous": previous,
        "repetition": selectors.repetition(report, previous),
        "can_edit": can_edit,
        "actions": workflow.available_actions(report, request.user),
        "publish_blocked": (workflow["publish"].blocked_reason(report, report.status)
                            if report.status == ReportStatus.SUBMITTED
                            and can(request.user, Action.REPORT_APPROVE, report.organisation) else None),
        "manual_cells": [
            (block, row, column["label"], row.cells[column["key"]])
            for block in tables.proactive for row in block.rows for column in block.columns
            if row.cells[column["key"]].key in manual_keys
        ],
        "history": audit.readable_history(report, limit=30),
        "drill": True,
    })


@login_required
@require_POST
def office_figure(request, pk):
    report = get_object_or_404(AnnualReport, pk=pk)
    if not can(request.user, Action.REPORT_VIEW_UNPUBLISHED, report.organisation):
        raise Http404
    if request.POST.get("clear"):
        try:
            services.report_clear_figure(report=report, actor=request.user, key=request.POST.get("key", ""))
        except DomainError as exc:
            _fail(request, exc)
        return redirect(reverse("reports_office:report", args=[pk]) + "#figures")
    try:
        services.report_set_figure(report=report, actor=request.user, key=request.POST.get("key", ""),
                                   value=request.POST.get("value", ""), note=request.POST.get("note", ""))
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已保存填报数据。"))
    return redirect(reverse("reports_office:report", args=[pk]) + "#figures")


# One view for the offered transitions; the service (through the kernel) decides what is allowed.
_TRANSITION_SERVICES = {
    "submit": (lambda report, user, text: services.report_submit(report=report, actor=user, note=text),
               _("年度报告已提交审批。")),
    "return": (lambda report, user, text: services.report_return(report=report, actor=user, comment=text),
               _("年度报告已退回修改。")),
    "publish": (lambda report, user, text: services.report_publish(report=report, actor=user, comment=text),
                _("年度报告已批准并在门户网站发布。")),
}


@login_required
@require_POST
def office_transition(request, pk, name):
    report = get_object_or_404(AnnualReport, pk=pk)
    if not can(request.user, Action.REPORT_VIEW_UNPUBLISHED, report.organisation):
        raise Http404
    if name not in _TRANSITION_SERVICES:
        raise Http404
    run, done = _TRANSITION_SERVICES[name]
    try:
        run(report, request.user, request.POST.get("comment", "")[:2000])
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, done)
    return redirect("reports_office:report", pk=pk)


@login_required
def office_cell(request, pk, key):
    """List the requests, appeals or records behind one figure of the report."""
    report = get_object_or_404(AnnualReport.objects.select_related("organisation"), pk=pk)
    if not can(request.user, Action.REPORT_VIEW_UNPUBLISHED, report.organisation):
        raise Http404
    fmt = services.report_format(report)
    parts = key.split(".")
    requests = appeals = records = None
    try:
        if parts[0] == "s3":
            column = parts[-1]
            q = statistics.row_filter(fmt, ".".join(parts[1:-1]), report.year)
            requests = statistics.requests_queryset(report.organisation).filter(q)
            if column != "total":
                requests = requests.filter(applicant_type=column)
            requests = list(requests.order_by("received_on"))
        elif parts[0] == "s4":
            appeals = foi_selectors.appeals_behind(report.organisation, report.year, parts[1], parts[2])
        elif parts[0] == "s2" and key in statistics.decision_cells(fmt):
            return redirect(f"{reverse('decisions_office:index')}?org={report.organisation.pk}&year={report.year}"
                            f"&kind={statistics.decision_cells(fmt)[key]}")
        elif parts[0] == "s2":
            spec = statistics.records_spec(fmt, key)
            records = record_statistics.records_behind(report.organisation, report.year, measure=spec["measure"],
                                                       document_type=spec["document_type"])
        else:
            raise KeyError(key)
    except (KeyError, StopIteration, IndexError, ValueError):
        raise Http404
    return render(request, "reports/office_cell.html", {
        "report": report, "key": key, "requests": requests, "appeals": appeals, "records": records,
        "show_personal": can(request.user, Action.FOI_VIEW_PERSONAL, report.organisation),
    })


@login_required
def office_overview(request):
    if not organisations_where(request.user, Action.REPORT_OVERVIEW).exists():
        raise PermissionDenied
    try:
        year = int(request.GET.get("year") or clock.today().year - 1)
    except ValueError:
        raise Http404
    rows = selectors.overview(request.user, year)
    if request.GET.get("download"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for row in rows:
                if row.report and row.report.is_published:
                    base = f"{row.organisation.code}-{year}"
                    archive.writestr(f"{base}.docx", rendering.report_docx(row.report))
                    archive.writestr(f"{base}.pdf", rendering.report_pdf(row.report))
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="annual-reports-{year}.zip"'
        return response
    return render(request, "reports/office_overview.html", {"rows": rows, "year": year,
                                                            "published": sum(1 for r in rows if r.report and r.report.is_published)})
