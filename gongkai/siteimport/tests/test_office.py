"""Office pages: upload → dry-run report → confirm → final .xlsx; the background crawl; wrong actors."""
import io
import zipfile

import openpyxl
import pytest

from gongkai.records.models import Record
from gongkai.siteimport import jobs, services
from gongkai.siteimport.models import ImportJob, JobStatus

from .conftest import fixture_bytes
from .test_crawl import server  # noqa: F401  (the loopback site)
from .test_import import w  # noqa: F401


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("s/a.html", fixture_bytes("trs_article.html"))
        archive.writestr("s/b.html", fixture_bytes("static_article.html"))
        archive.writestr("s/list.html", fixture_bytes("list_page.html"))
    return out.getvalue()


def _upload(client, data=None, name="site.zip"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/office/import/", {"kind": "upload", "file": SimpleUploadedFile(name, data or _zip())})


@pytest.mark.django_db
def test_upload_dry_run_confirm_and_report(w, client):
    for column in ("通知公告", ""):
        services.mapping_confirm(organisation=w.org, actor=w.office, column=column, catalog_key=w.item.key)
    client.force_login(w.office)
    answer = _upload(client)
    job = ImportJob.objects.get()
    assert answer.status_code == 302 and job.status == JobStatus.ANALYSED
    assert not Record.objects.filter(organisation=w.org).exists()  # the dry run wrote no record
    page = client.get(f"/office/import/{job.pk}/")
    text = page.content.decode()
    assert "EX0001/2024-00012" in text and "栏目列表页" in text and "确认导入" in text
    client.post(f"/office/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.batch is not None
    assert Record.objects.filter(organisation=w.org, index_number__in=["EX0001/2024-00012", "EX0001/2019-00005"]).count() == 2
    report = client.get(f"/office/import/{job.pk}/report.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "结果" and {r[0] for r in rows[1:]} == {"导入", "跳过"}
    # confirming twice is refused with a message, nothing more is written
    count = Record.objects.count()
    client.post(f"/office/import/{job.pk}/confirm/")
    assert Record.objects.count() == count


@pytest.mark.django_db
def test_wrong_file_type_is_a_chinese_message(w, client):
    client.force_login(w.office)
    answer = _upload(client, b"MZ\x90", name="tool.exe")
    assert answer.status_code == 200 and "请上传保存网页的 .zip 压缩包" in answer.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["yc_drafter", "zz_office"])
def test_wrong_actors(w, client, who):
    client.force_login(w.users[who])
    job = jobs.job_upload(organisation=w.org, actor=w.office, name="site.zip", data=_zip())
    if who == "yc_drafter":
        assert client.get("/office/import/").status_code == 403
    assert client.get(f"/office/import/{job.pk}/").status_code == 403
    assert client.post(f"/office/import/{job.pk}/confirm/").status_code == 403
    from django.core.exceptions import PermissionDenied

    for call in (lambda: jobs.job_upload(organisation=w.org, actor=w.users[who], name="s.zip", data=_zip()),
                 lambda: jobs.job_site(organisation=w.org, actor=w.users[who], url="http://127.0.0.1/", max_pages=1),
                 lambda: jobs.job_confirm(job=job, actor=w.users[who])):
        with pytest.raises(PermissionDenied):
            call()
    job.refresh_from_db()
    assert job.status == JobStatus.ANALYSED and ImportJob.objects.count() == 1


@pytest.mark.django_db
def test_site_crawl_runs_in_the_background_resumes_and_imports(w, client, server, settings):  # noqa: F811
    settings.SITEIMPORT_CRAWL_DELAY_SECONDS = 0
    for column in ("通知公告", "政策文件", ""):
        services.mapping_confirm(organisation=w.org, actor=w.office, column=column, catalog_key=w.item.key)
    client.force_login(w.office)
    client.post("/office/import/", {"kind": "site", "url": f"{server}/tzgg/", "max_pages": "10"})
    job = ImportJob.objects.get()
    assert job.status == JobStatus.CRAWLING
    jobs.run_pending(seconds=0)  # stops after the first page, keeps its place
    job.refresh_from_db()
    assert job.status == JobStatus.CRAWLING and len(job.report) == 1 and job.crawl_state["fetched"] == 1
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.ANALYSED
    assert {r["index_number"] for r in job.report if r["status"] == "import"} == {"EX0001/2024-00012",
                                                                                 "EX0001/2024-00020"}
    assert not Record.objects.filter(organisation=w.org).exists()
    client.post(f"/office/import/{job.pk}/confirm/")
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Record.objects.filter(organisation=w.org, index_number="EX0001/2024-00020").exists()


@pytest.mark.django_db
def test_site_address_must_be_http(w):
    from gongkai.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        jobs.job_site(organisation=w.org, actor=w.office, url="file:///etc/passwd", max_pages=5)
    with pytest.raises(ValidationFailed):
        jobs.job_site(organisation=w.org, actor=w.office, url="http://127.0.0.1/", max_pages=0)


@pytest.mark.django_db
@pytest.mark.parametrize("who, sees", [("yc_office", True), ("yc_drafter", False), ("yc_leader", False)])
def test_the_dashboard_shows_the_way_in_to_those_who_may_import(w, client, who, sees):
    """The office dashboard links to /office/import/ (with the latest job) only for people who may import."""
    job = jobs.job_upload(organisation=w.org, actor=w.office, name="site.zip", data=_zip())
    client.force_login(w.users[who])
    text = client.get("/office/").content.decode()
    assert ('href="/office/import/"' in text) is sees
    assert (f'href="/office/import/{job.pk}/"' in text) is sees
