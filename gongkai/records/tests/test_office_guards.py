"""The office pages' own decisions: what they show (GET) and how a service's refusal reads (POST).

A view never re-checks a write (the service does; see test_wrong_actor.py). It decides only
whether to show a form, and the service's PermissionDenied becomes the 403 page.
"""
import pytest
from django.test import Client

from gongkai.core.models import AuditEvent
from gongkai.organisations.models import User
from gongkai.records import services
from gongkai.records.models import Interpretation, Record, SelfCheck

from .factories import SAMPLE_ID, create_record, record_data


def login(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _form_post(**overrides):
    data = record_data(**overrides)
    data["formation_date"] = data["formation_date"].isoformat()
    return data


def test_the_create_form_is_offered_only_to_drafters_and_the_service_refuses_a_post(w):
    url = f"/office/records/new/{w.org.code}/"
    assert login("yc_drafter").get(url).status_code == 200
    assert login("yc_secrecy").get(url).status_code == 403
    assert login("zz_drafter").get(url).status_code == 404  # another county's drafting desk is not shown
    before = (Record.objects.count(), AuditEvent.objects.count())
    response = login("yc_secrecy").post(url, _form_post(catalog_item=w.item.pk))
    assert response.status_code == 403
    assert (Record.objects.count(), AuditEvent.objects.count()) == before


def test_the_edit_form_is_offered_only_to_whoever_may_edit_and_a_refused_post_changes_nothing(w):
    record = create_record(w)
    url = f"/office/records/{record.pk}/edit/"
    assert login("yc_drafter").get(url).status_code == 200
    assert login("yc_secrecy").get(url).status_code == 403
    response = login("yc_secrecy").post(url, _form_post(title="被改的标题", catalog_item=w.item.pk))
    assert response.status_code == 403
    assert Record.objects.get(pk=record.pk).title == record.title
    services.record_submit(record=record, actor=w.users["yc_drafter"])
    assert login("yc_drafter").get(url).status_code == 403  # under review: nothing to edit


def test_the_interpretation_form_follows_the_same_rule(w):
    record = create_record(w)
    url = f"/office/records/{record.pk}/interpretation/"
    assert login("yc_drafter").get(url).status_code == 200
    assert login("yc_secrecy").get(url).status_code == 403
    response = login("yc_secrecy").post(url, {"title": "解读", "form": "text", "interpreting_body": "阳城县应急管理局",
                                               "main_content": "要点"})
    assert response.status_code == 403
    assert not Interpretation.objects.filter(record=record).exists()


def test_the_mask_preview_is_shown_only_to_whoever_may_mask(w):
    record = create_record(w, body=f"身份证号{SAMPLE_ID}")
    url = f"/office/records/{record.pk}/findings/kind/id_number/mask/"
    assert login("yc_drafter").get(url).status_code == 200
    assert login("yc_secrecy").get(url).status_code == 403


def test_a_finding_resolved_by_the_wrong_role_is_a_403_and_stays_open(w):
    record = create_record(w, body=f"身份证号{SAMPLE_ID}")
    finding = record.findings.get()
    for how in ("mask", "justify"):
        response = login("yc_secrecy").post(f"/office/records/{record.pk}/findings/{finding.pk}/{how}/",
                                            {"reason": "理由"})
        assert response.status_code == 403
    assert record.findings.get().status == "open"


def test_self_checks_the_list_and_a_start_by_another_county_is_refused(w):
    assert login("yc_office").get("/office/records/self-checks/").status_code == 200
    assert login("yc_drafter").get("/office/records/self-checks/").status_code == 403
    response = login("zz_office").post("/office/records/self-checks/", {"org": w.org.code, "year": "2026"})
    assert response.status_code == 403
    assert not SelfCheck.objects.exists()
    response = login("yc_office").post("/office/records/self-checks/", {"org": w.org.code, "year": "2026"})
    check = SelfCheck.objects.get()
    assert response.status_code == 302
    url = f"/office/records/self-checks/{check.pk}/"
    assert login("yc_office").get(url).status_code == 200
    assert login("zz_office").get(url).status_code == 404  # another county's self-check is not shown
    assert login("zz_office").post(url, {"complete": "1"}).status_code == 403
    assert SelfCheck.objects.get().completed_at is None


@pytest.mark.parametrize("path", ["negative-list/", "item-targets/"])
def test_organisation_settings_pages_need_a_records_manager(w, path):
    assert login("yc_office").get(f"/office/records/{path}").status_code == 200
    assert login("yc_drafter").get(f"/office/records/{path}").status_code == 403


def test_the_interpretation_quota_needs_someone_who_sees_unpublished_records(w):
    User.objects.create_user(username="nobody", password="x-password-1")
    assert login("yc_drafter").get("/office/records/interpretation-quota/").status_code == 200
    assert login("nobody").get("/office/records/interpretation-quota/").status_code == 403
