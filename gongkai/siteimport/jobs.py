"""Import jobs of the office pages: create, analyse (dry run), confirm, and the background crawl."""
from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.permissions import Action, require

from . import services
from .crawl import CrawlSource
from .models import ImportJob, JobStatus
from .sources import open_source

JOB_NAME = "siteimport_crawl"
# A background run crawls for at most this long, then saves its place and lets the next run resume.
RUN_SECONDS = 50
MAX_PAGES_LIMIT = 5000


def _check_upload(name: str, data: bytes) -> str:
    low = (name or "").lower()
    if low.endswith(".zip"):
        try:
            zipfile.ZipFile(__import__("io").BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise ValidationFailed(_("压缩包无法读取。")) from None
        return ".zip"
    if low.endswith((".html", ".htm", ".shtml")):
        return ".html"
    if low.endswith((".warc", ".warc.gz")):
        return ".warc.gz" if low.endswith(".gz") else ".warc"
    if low.endswith(".xlsx"):
        return ".xlsx"
    raise ValidationFailed(_("请上传保存网页的 .zip 压缩包、.html 网页、.warc 网页存档或导入模板（.xlsx）。"))


def _analyse_upload(job: ImportJob, data: bytes, suffix: str, *, dry_run: bool, actor):
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        return services.import_pages(organisation=job.organisation, actor=actor, dry_run=dry_run,
                                     items_by_source=services.sources_from_paths([path]),
                                     source_label=job.upload_name or job.start_url)


def _store_result(job: ImportJob, result) -> None:
    job.report = [{**r.as_json(), "status": r.status} for r in result.reports]
    job.summary = result.summary


def job_upload(*, organisation, actor, name: str, data: bytes) -> ImportJob:
    """Keep the uploaded saved pages and run the dry run at once (the upload cap keeps it short)."""
    require(actor, Action.SITE_IMPORT, organisation)
    suffix = _check_upload(name, data)
    job = ImportJob(organisation=organisation, created_by=actor, created_at=clock.now(), upload_name=name[:200],
                    status=JobStatus.ANALYSED)
    _store_result(job, _analyse_upload(job, data, suffix, dry_run=True, actor=actor))
    with transaction.atomic():
        job.upload.save(name[:100], ContentFile(data), save=False)
        job.save()
    return job


def job_site(*, organisation, actor, url: str, max_pages: int) -> ImportJob:
    """Queue a crawl of the office's live site; the background job does the dry run, then waits for confirmation."""
    require(actor, Action.SITE_IMPORT, organisation)
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed(_("请填写以 http:// 或 https:// 开头的网站地址。"))
    if not 1 <= max_pages <= MAX_PAGES_LIMIT:
        raise ValidationFailed(_("最多页面数应在 1 到 %(n)d 之间。") % {"n": MAX_PAGES_LIMIT})
    job = ImportJob.objects.create(organisation=organisation, created_by=actor, created_at=clock.now(),
                                   start_url=url[:1000], max_pages=max_pages, status=JobStatus.CRAWLING)
    from gongkai.ops import scheduler

    scheduler.run_soon(JOB_NAME)
    return job


def job_confirm(*, job: ImportJob, actor) -> ImportJob:
    """Import what the dry run showed: an upload at once (one transaction); a site by the background job."""
    require(actor, Action.SITE_IMPORT, job.organisation)
    job = ImportJob.objects.select_for_update().get(pk=job.pk) if transaction.get_connection().in_atomic_block \
        else ImportJob.objects.get(pk=job.pk)
    if job.status != JobStatus.ANALYSED:
        raise InvalidTransition(_("只有试运行完成、尚未导入的任务可以确认导入。"))
    if job.is_site:
        job.status, job.crawl_state = JobStatus.IMPORTING, {}
        job.save(update_fields=["status", "crawl_state"])
        from gongkai.ops import scheduler

        scheduler.run_soon(JOB_NAME)
        return job
    with job.upload.open("rb") as handle:
        data = handle.read()
    result = _analyse_upload(job, data, _check_upload(job.upload_name, data), dry_run=False, actor=actor)
    _store_result(job, result)
    job.batch, job.status = result.batch, JobStatus.DONE
    job.save(update_fields=["report", "summary", "batch", "status"])
    return job


def _crawl_step(job: ImportJob, deadline: float) -> None:
    """Resume the job's crawl; analyse (dry run) page by page, saving the place after each page."""
    state = job.crawl_state or None
    source = CrawlSource(job.start_url, max_pages=job.max_pages, state=state)
    dedupe_report = list(job.report)
    for item in source.pages():
        result = services.import_pages(organisation=job.organisation, actor=job.created_by, dry_run=True,
                                       items_by_source=[(source, [item])], source_label=job.start_url, trusted=True)
        dedupe_report.extend({**r.as_json(), "status": r.status} for r in result.reports)
        job.report, job.crawl_state = dedupe_report, source.state
        job.save(update_fields=["report", "crawl_state"])
        if time.monotonic() > deadline:
            return
    job.status = JobStatus.ANALYSED
    job.summary = _summary_of(job.report)
    job.crawl_state = {}
    job.save(update_fields=["status", "summary", "crawl_state"])


def _summary_of(rows: list[dict]) -> dict:
    counts = {"pages": len(rows), "import": 0, "review": 0, "held": 0, "skipped": 0, "duplicate": 0}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    counts["dry_run"] = True
    return counts


def _import_step(job: ImportJob) -> None:
    """Crawl again and import in one transaction (the dry run stored no page bodies)."""
    source = CrawlSource(job.start_url, max_pages=job.max_pages)
    result = services.import_pages(organisation=job.organisation, actor=job.created_by, dry_run=False,
                                   items_by_source=[(source, source.pages())], source_label=job.start_url)
    _store_result(job, result)
    job.batch, job.status = result.batch, JobStatus.DONE
    job.save(update_fields=["report", "summary", "batch", "status"])


def run_pending(out=None, *, seconds: float = RUN_SECONDS) -> int:
    """The background job: advance every crawling or importing site job; returns how many it touched."""
    deadline = time.monotonic() + seconds
    jobs = list(ImportJob.objects.filter(status__in=[JobStatus.CRAWLING, JobStatus.IMPORTING]).exclude(start_url=""))
    for job in jobs:
        try:
            if job.status == JobStatus.CRAWLING:
                _crawl_step(job, deadline)
            else:
                _import_step(job)
        except Exception as exc:  # one failing site must not stop the others; the job shows why
            job.status, job.error = JobStatus.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
            job.save(update_fields=["status", "error"])
        if out is not None:
            out.write(f"{job.pk}: {job.status}\n")
        if time.monotonic() > deadline:
            break
    return len(jobs)


def register() -> None:
    from gongkai.ops.scheduler import Job, register as add

    add(Job(JOB_NAME, run_pending, every=dt.timedelta(minutes=1), lease=dt.timedelta(hours=2),
            description="site import: crawl and import office sites in the background"))


__all__ = ["job_confirm", "job_site", "job_upload", "open_source", "register", "run_pending"]
