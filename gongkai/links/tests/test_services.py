"""Scanning published pages, checking on publication, the scheduled external check and its bounds."""
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from gongkai.links import selectors, services
from gongkai.links.fetch import Outcome
from gongkai.links.models import LinkCheck
from gongkai.records.tests.factories import create_record, docx_bytes, publish


def published(w, django_capture_on_commit_callbacks, body):
    with django_capture_on_commit_callbacks(execute=True):
        record = create_record(w, body=body)
    with django_capture_on_commit_callbacks(execute=True):
        record = publish(w, record)
    return record


def rows(**kw):
    return {(r.url, r.kind, r.status, r.reason) for r in LinkCheck.objects.filter(**kw)}


def test_publication_checks_internal_links_at_once(w, django_capture_on_commit_callbacks):
    other = published(w, django_capture_on_commit_callbacks, "正文。")
    record = published(w, django_capture_on_commit_callbacks,
                       f"详见 /records/{other.pk}/ 和 /records/99999/ ，另见 /office/records/ 与 /no/such/page/ ，"
                       f"外部 http://www.mem.gov.cn/ 。<a href=\"javascript:alert(1)\">点此</a>")
    assert rows(object_id=record.pk) == {
        (f"/records/{other.pk}/", "internal", "ok", ""),
        ("/records/99999/", "internal", "dead", "no_object"),
        ("/office/records/", "internal", "dead", "private"),
        ("/no/such/page/", "internal", "dead", "no_route"),
        ("http://www.mem.gov.cn/", "external", "skipped", "external_off"),
        ("javascript:alert(1)", "internal", "invalid", "scheme"),
    }
    dead = LinkCheck.objects.get(url="/records/99999/")
    assert dead.first_failed is not None and dead.page_url == f"/records/{record.pk}/"
    assert dead.edit_url == f"/office/records/{record.pk}/"
    assert selectors.failed_counts()[w.org.pk] == 4


def test_unpublished_content_is_not_checked_and_withdrawal_drops_rows(w, django_capture_on_commit_callbacks):
    from gongkai.records import services as record_services

    with django_capture_on_commit_callbacks(execute=True):
        draft = create_record(w, body="草稿 /records/99999/")
    assert not LinkCheck.objects.filter(object_id=draft.pk).exists()
    record = published(w, django_capture_on_commit_callbacks, "见 /records/99999/")
    assert LinkCheck.objects.filter(object_id=record.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        record_services.record_withdraw(record=record, actor=w.users["yc_office"], reason="内容过时")
    assert not LinkCheck.objects.filter(object_id=record.pk).exists()


def test_a_link_to_a_withdrawn_record_becomes_dead_at_the_next_sweep(w, django_capture_on_commit_callbacks):
    from gongkai.records import services as record_services

    target = published(w, django_capture_on_commit_callbacks, "正文")
    page = published(w, django_capture_on_commit_callbacks, f"详见 /records/{target.pk}/")
    assert rows(object_id=page.pk) == {(f"/records/{target.pk}/", "internal", "ok", "")}
    record_services.record_withdraw(record=target, actor=w.users["yc_office"], reason="已废止")
    services.sweep([w.org.pk])
    assert rows(object_id=page.pk) == {(f"/records/{target.pk}/", "internal", "dead", "no_object")}


def test_attachment_with_missing_file_is_dead(w, django_capture_on_commit_callbacks):
    from gongkai.records import services as record_services

    with django_capture_on_commit_callbacks(execute=True):
        record = create_record(w, body="正文")
        att = record_services.attachment_add(record=record, actor=w.users["yc_drafter"], name="台账.docx",
                                             data=docx_bytes("隐患整改台账"))
    with django_capture_on_commit_callbacks(execute=True):
        publish(w, record)
    url = f"/records/{record.pk}/attachments/{att.pk}/"
    assert rows(object_id=record.pk) == {(url, "attachment", "ok", "")}
    att.refresh_from_db()
    att.file.storage.delete(att.file.name)
    services.sweep([w.org.pk])
    assert rows(object_id=record.pk) == {(url, "attachment", "dead", "missing_file")}


def test_external_check_is_off_by_default(w, django_capture_on_commit_callbacks):
    published(w, django_capture_on_commit_callbacks, "http://example.org/a")
    calls = []
    assert services.check_external(fetcher=lambda u: calls.append(u))["enabled"] is False and calls == []


@pytest.fixture
def external(settings):
    settings.GONGKAI_LINKS_EXTERNAL = True
    settings.GONGKAI_LINKS_HOST_INTERVAL = 5
    settings.GONGKAI_LINKS_MIN_INTERVAL = 0
    return settings


def test_external_check_is_bounded_polite_and_fetches_each_address_once(w, django_capture_on_commit_callbacks, external):
    body = "http://a.example.org/1 http://a.example.org/2 http://b.example.org/1 http://c.example.org/1"
    published(w, django_capture_on_commit_callbacks, body)
    published(w, django_capture_on_commit_callbacks, "http://a.example.org/1")  # the same address on a second page
    fetched, slept = [], []
    result = services.check_external(limit=3, fetcher=lambda u: fetched.append(u) or Outcome(u.endswith("/1"), 200),
                                     sleep=slept.append)
    assert result["checked"] == 3 and len(fetched) == len(set(fetched)) == 3
    assert fetched[:2] == ["http://a.example.org/1", "http://a.example.org/2"]
    assert slept and slept[0] > 4  # the second request to a.example.org waited for the host interval
    assert LinkCheck.objects.filter(url="http://a.example.org/1", status="ok").count() == 2
    assert LinkCheck.objects.get(url="http://a.example.org/2").status == "dead"
    # Checked addresses are not due again until GONGKAI_LINKS_RECHECK_HOURS have passed.
    again = []
    services.check_external(fetcher=lambda u: again.append(u) or Outcome(True, 200), sleep=lambda s: None)
    assert again == ["http://c.example.org/1"]


def test_first_failed_is_kept_until_the_link_works_again(w, django_capture_on_commit_callbacks, external):
    published(w, django_capture_on_commit_callbacks, "http://a.example.org/x")
    services.check_external(fetcher=lambda u: Outcome(False, 404, "http"), sleep=lambda s: None)
    row = LinkCheck.objects.get()
    first = row.first_failed
    assert row.status == "dead" and row.http_code == 404 and first
    LinkCheck.objects.update(last_checked=None)
    services.check_external(fetcher=lambda u: Outcome(False, 500, "http"), sleep=lambda s: None)
    row.refresh_from_db()
    assert row.first_failed == first and row.http_code == 500
    LinkCheck.objects.update(last_checked=None)
    services.check_external(fetcher=lambda u: Outcome(True, 200), sleep=lambda s: None)
    row.refresh_from_db()
    assert row.status == "ok" and row.first_failed is None


def test_a_refused_address_is_skipped_not_dead(w, django_capture_on_commit_callbacks, external):
    published(w, django_capture_on_commit_callbacks, "http://intranet.example.org/")
    services.check_external(fetcher=lambda u: Outcome(None, None, "private"), sleep=lambda s: None)
    assert LinkCheck.objects.get().status == "skipped"


def test_recheck_wrong_actor_writes_nothing(w, django_capture_on_commit_callbacks):
    record = published(w, django_capture_on_commit_callbacks, "见 /records/99999/")
    LinkCheck.objects.all().delete()
    for actor in (w.users["yc_leader"], w.users["zz_office"], w.users["yc_drafter"]):
        with pytest.raises(PermissionDenied):
            services.recheck(organisation=w.org, actor=actor)
    assert not LinkCheck.objects.exists()
    assert services.recheck(organisation=w.org, actor=w.users["yc_office"])["failed"] == 1
    assert LinkCheck.objects.filter(object_id=record.pk).count() == 1


def test_command(w, django_capture_on_commit_callbacks):
    import io

    published(w, django_capture_on_commit_callbacks, "见 /records/99999/")
    LinkCheck.objects.all().delete()
    out = io.StringIO()
    call_command("check_links", "--organisation", w.org.code, stdout=out)
    assert "not working 1" in out.getvalue() and "GONGKAI_LINKS_EXTERNAL is off" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("check_links", "--organisation", "nope", stdout=out)



def test_old_site_addresses_are_alive_only_when_imported_and_published(w, django_capture_on_commit_callbacks):
    from gongkai.core import clock
    from gongkai.siteimport.models import ImportBatch, ImportedPage

    target = published(w, django_capture_on_commit_callbacks, "原网站的旧文件")
    batch = ImportBatch.objects.create(organisation=w.org, created_by=w.users["yc_office"], created_at=clock.now(),
                                       source="old-site.zip")
    ImportedPage.objects.create(batch=batch, organisation=w.org, record=target, status="imported", source_path="a.html",
                                original_path="/zwgk/show.aspx?id=3", issuer="阳城县应急管理局", content_hash="x")
    record = published(w, django_capture_on_commit_callbacks, "旧网站地址 /zwgk/show.aspx?id=3 与 /xxgk/none.shtml")
    assert rows(object_id=record.pk) == {("/zwgk/show.aspx?id=3", "internal", "ok", ""),
                                         ("/xxgk/none.shtml", "internal", "dead", "no_object")}


def test_the_published_guide_is_a_page_too(w, django_capture_on_commit_callbacks):
    from gongkai.portal import services as portal_services

    with django_capture_on_commit_callbacks(execute=True):
        portal_services.guide_update(organisation=w.org, actor=w.users["yc_office"], data={
            "functions": "负责全县应急管理工作。", "classification": "按目录分类。",
            "how_to_obtain": "通过本网站 /records/99999/ 或 http://www.mem.gov.cn/ 获取。", "office_name": "办公室",
            "office_address": "阳城县凤城镇", "office_hours": "工作日", "phone": "0356-4222222",
            "postal_code": "048100"})
    assert rows(source="portal.disclosureguide") == {("/records/99999/", "internal", "dead", "no_object"),
                                                     ("http://www.mem.gov.cn/", "external", "skipped", "external_off")}
    row = LinkCheck.objects.filter(source="portal.disclosureguide").first()
    assert row.page_url == "/org/sx-jc-yc/guide/" and row.edit_url == "/office/orgs/sx-jc-yc/guide/"


def test_a_published_consultation_is_checked_on_publication(w, django_capture_on_commit_callbacks):
    import datetime as dt

    from gongkai.core import clock
    from gongkai.engagement.tests.factories import consultation

    now = clock.now()
    with django_capture_on_commit_callbacks(execute=True):
        draft = consultation(w.org, w.users["yc_office"], publish=False, basis="《安全生产法》，详见 /records/99999/",
                             opens=now + dt.timedelta(days=1), closes=now + dt.timedelta(days=40))
    assert not LinkCheck.objects.filter(source="engagement.consultation").exists()
    from gongkai.engagement import services as engagement_services
    with django_capture_on_commit_callbacks(execute=True):
        engagement_services.consultation_publish(consultation=draft, actor=w.users["yc_office"])
    assert rows(source="engagement.consultation") == {("/records/99999/", "internal", "dead", "no_object")}
    row = LinkCheck.objects.get(source="engagement.consultation")
    assert row.page_url == f"/participation/consultations/{draft.pk}/" and row.organisation_id == w.org.pk
    # and a link to the consultation itself, from a record, is alive
    record = published(w, django_capture_on_commit_callbacks, f"意见征集见 /participation/consultations/{draft.pk}/")
    assert rows(object_id=record.pk, source="records.record") == {
        (f"/participation/consultations/{draft.pk}/", "internal", "ok", "")}


def test_switching_external_checks_on_checks_the_links_found_while_off(w, django_capture_on_commit_callbacks, settings):
    published(w, django_capture_on_commit_callbacks, "http://a.example.org/x")
    row = LinkCheck.objects.get()
    assert (row.status, row.last_checked) == ("skipped", None)
    settings.GONGKAI_LINKS_EXTERNAL = True
    settings.GONGKAI_LINKS_MIN_INTERVAL = 0
    services.sweep([w.org.pk])
    assert LinkCheck.objects.get().status == "pending"
    fetched = []
    services.check_external(fetcher=lambda u: fetched.append(u) or Outcome(True, 200), sleep=lambda s: None)
    assert fetched == ["http://a.example.org/x"] and LinkCheck.objects.get().status == "ok"
    services.sweep([w.org.pk])  # a rescan keeps the checked outcome
    assert LinkCheck.objects.get().status == "ok"


def test_published_catalog_items_are_pages_and_catalog_links_are_checked(w, django_capture_on_commit_callbacks):
    from gongkai.catalog.models import CatalogItem

    item = CatalogItem.objects.filter(version__catalog__organisation=w.org, version__status="published").first()
    CatalogItem.objects.filter(pk=item.pk).update(basis=item.basis + " 见 http://www.mem.gov.cn/ 和 /catalogs/999999/")
    record = published(w, django_capture_on_commit_callbacks,
                       f"目录见 /catalogs/{item.version.catalog_id}/items/{item.pk}/ ，旧目录 /catalogs/999999/items/1/")
    assert rows(object_id=record.pk) == {
        (f"/catalogs/{item.version.catalog_id}/items/{item.pk}/", "internal", "ok", ""),
        ("/catalogs/999999/items/1/", "internal", "dead", "no_object")}
    services.sweep([w.org.pk])
    assert rows(source="catalog.catalogitem", object_id=item.pk) == {
        ("http://www.mem.gov.cn/", "external", "skipped", "external_off"),
        ("/catalogs/999999/", "internal", "dead", "no_object")}
    row = LinkCheck.objects.get(source="catalog.catalogitem", url="/catalogs/999999/")
    assert row.page_url == f"/catalogs/{item.version.catalog_id}/items/{item.pk}/"
    assert row.edit_url == f"/office/catalogs/{item.version.catalog_id}/"
