"""Office pages of the site import (/office/import/): upload or site address, dry-run report, confirm, final report.

Views only decide what to show; every write goes to a service that makes the one permission check,
and its PermissionDenied is the 403 page.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.core.exports import xlsx_response
from gongkai.organisations.permissions import Action, organisations_where

from . import jobs, services
from .analysis import STATUS_LABELS
from .mapping import Mappings
from .models import ImportedPage, ImportJob, JobStatus, PageStatus


def _organisations(request):
    orgs = organisations_where(request.user, Action.SITE_IMPORT)
    if not orgs.exists():
        raise PermissionDenied
    org = orgs.filter(code=request.GET.get("org") or request.POST.get("org")).first() or orgs.first()
    return orgs, org


def _job(request, pk) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("organisation"), pk=pk)
    if not organisations_where(request.user, Action.SITE_IMPORT).filter(pk=job.organisation_id).exists():
        raise PermissionDenied
    return job


def _fail(request, exc: DomainError) -> None:
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


@login_required
def home(request):
    orgs, org = _organisations(request)
    if request.method == "POST":
        try:
            if request.POST.get("kind") == "site":
                try:
                    max_pages = int(request.POST.get("max_pages") or 200)
                except ValueError:
                    max_pages = 0
                job = jobs.job_site(organisation=org, actor=request.user, url=request.POST.get("url", ""),
                                    max_pages=max_pages)
            else:
                upload = request.FILES.get("file")
                if upload is None:
                    raise DomainError(_("请选择要上传的文件。"))
                job = jobs.job_upload(organisation=org, actor=request.user, name=upload.name, data=upload.read())
        except DomainError as exc:
            _fail(request, exc)
        else:
            return redirect("siteimport:job", pk=job.pk)
    mappings = Mappings(org)
    waiting = {}
    for page in ImportedPage.objects.filter(organisation=org, status=PageStatus.UNMAPPED).only("column"):
        waiting[page.column] = waiting.get(page.column, 0) + 1
    columns = [{"column": c, "waiting": n, "proposal": mappings.proposal(c)} for c, n in sorted(waiting.items())]
    return render(request, "siteimport/home.html", {
        "org": org, "orgs": orgs, "jobs": ImportJob.objects.filter(organisation=org)[:20], "columns": columns,
        "items": list(mappings.items.values()),
        "held": ImportedPage.objects.filter(organisation=org, status__in=[PageStatus.HELD, PageStatus.REVIEW])
        .select_related("record")[:200],
    })


@login_required
def job_detail(request, pk):
    job = _job(request, pk)
    rows = [{**row, "status_label": STATUS_LABELS.get(row.get("status"), row.get("status"))} for row in job.report]
    return render(request, "siteimport/job.html", {
        "job": job, "rows": rows, "summary": job.summary, "running": job.status in (JobStatus.CRAWLING,
                                                                                     JobStatus.IMPORTING),
        "mapping": (job.summary or {}).get("mapping", {}),
    })


@login_required
@require_POST
def job_confirm(request, pk):
    job = _job(request, pk)
    try:
        jobs.job_confirm(job=job, actor=request.user)
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已开始导入。") if job.is_site else _("导入完成。"))
    return redirect("siteimport:job", pk=job.pk)


@login_required
@require_POST
def mapping_confirm(request):
    _orgs, org = _organisations(request)
    try:
        made = services.mapping_confirm(organisation=org, actor=request.user, column=request.POST.get("column", ""),
                                        catalog_key=request.POST.get("catalog_key", ""))
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已确认对应关系，%(n)d 个待处理页面已导入。") % {"n": made})
    return redirect(f"{reverse('siteimport:home')}?org={org.code}")


REPORT_HEADER = ("结果", "来源", "原网址", "标题", "索引号", "文号", "发布机构", "成文日期", "发布日期", "有效性", "栏目",
                 "附件数", "个人信息发现", "问题")


@login_required
def job_report(request, pk):
    job = _job(request, pk)
    rows = [(STATUS_LABELS.get(r.get("status"), r.get("status")), r["path"], r["url"], r["title"], r["index_number"],
             r["document_number"], r["issuer"], r["written_date"], r["publish_date"], r["validity"], r["column"],
             len(r["attachments"]), len(r["findings"]), "；".join(p["message"] for p in r["problems"]))
            for r in job.report]
    return xlsx_response(f"导入报告-{job.pk}", [_(h) for h in REPORT_HEADER], rows, title=_("导入报告"))


@login_required
def template(request):
    """The .xlsx template: one row per record, attachment file names pointing into the uploaded .zip."""
    _organisations(request)
    from django.http import HttpResponse

    from .spreadsheet import template_bytes

    answer = HttpResponse(template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    answer["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    answer["Cache-Control"] = "private, no-store"
    return answer
