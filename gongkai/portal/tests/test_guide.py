"""The 政府信息公开指南: kept by the office through one audited transition, shown with its last update."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.organisations.permissions import Action, can
from gongkai.portal import services
from gongkai.portal.models import DisclosureGuide, GuideStatus

from .conftest import login

GOOD = {
    "classification": "按公开事项标准目录的一级、二级事项编排。",
    "how_to_obtain": "主动公开信息通过本平台、公开查阅点获取；依申请公开可在线、信函或当面提交。",
    "office_name": "阳城县应急管理局办公室",
    "office_address": "阳城县凤城镇新阳东街 1 号",
    "office_hours": "工作日 8:30—12:00，14:30—17:30",
    "phone": "0356-4221234",
    "fax": "0356-4221235",
    "online_contact": "yc-gk@example.gov.cn",
    "postal_code": "048100",
}

# The user holds the role in 泽州县 (sx-jc-zz). Relations of the target organisation to it:
OWN, CHILD, PARENT, SIBLING = "sx-jc-zz", "sx-jc-zz-nc", "sx-jc", "sx-jc-yc"
ALLOWED = {Role.OFFICE: {OWN}}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("relation", [OWN, CHILD, PARENT, SIBLING])
def test_permission_matrix_guide_edit(tree, role, relation):
    orgs, _ = tree
    user = User.objects.create_user(username=f"g-{role}", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs[OWN], role=role)
    assert can(user, Action.GUIDE_EDIT, orgs[relation]) is (relation in ALLOWED.get(role, set()))


def test_office_publishes_the_guide_with_one_audit_event(county):
    org, _, users = county
    guide = services.guide_update(organisation=org, actor=users["yc_office"], data=GOOD)
    assert guide.status == GuideStatus.PUBLISHED and guide.phone == "0356-4221234"
    assert guide.updated_by == users["yc_office"] and guide.updated_at is not None
    events = AuditEvent.objects.filter(target_type="portal.disclosureguide", target_id=str(guide.pk))
    assert [e.action for e in events] == ["guide.updated"]


def test_a_second_update_is_audited_with_the_change_in_words(county):
    from gongkai.core import audit

    org, _, users = county
    guide = services.guide_update(organisation=org, actor=users["yc_office"], data=GOOD)
    services.guide_update(organisation=org, actor=users["yc_office"], data={**GOOD, "phone": "0356-4229999"})
    history = audit.readable_history(guide)
    assert len(history) == 2
    assert history[0]["what"] == "更新政府信息公开指南"
    assert "联系电话：0356-4221234 → 0356-4229999" in history[0]["changes"]


@pytest.mark.parametrize("username", ["yc_leader", "zz_office", "jc_supervisor"])
def test_others_may_not_update_and_nothing_is_written(county, username):
    org, _, users = county
    with pytest.raises(PermissionDenied):
        services.guide_update(organisation=org, actor=users[username], data=GOOD)
    assert not DisclosureGuide.objects.exists()
    assert not AuditEvent.objects.filter(action="guide.updated").exists()


@pytest.mark.parametrize("field, value", [("office_name", ""), ("phone", "call us"), ("postal_code", "12"),
                                          ("how_to_obtain", "  "), ("fax", "<script>"), ("office_name", "办" * 121),
                                          ("postal_address", "路" * 201)])
def test_bad_input_is_refused_and_writes_nothing(county, field, value):
    org, _, users = county
    with pytest.raises(ValidationFailed) as caught:
        services.guide_update(organisation=org, actor=users["yc_office"], data={**GOOD, field: value})
    assert caught.value.problems
    assert not DisclosureGuide.objects.exists()
    assert not AuditEvent.objects.filter(action="guide.updated").exists()


def test_stale_after_a_year(county):
    org, _, users = county
    guide = services.guide_update(organisation=org, actor=users["yc_office"], data=GOOD)
    assert not guide.is_stale(now=guide.updated_at + dt.timedelta(days=365))
    assert guide.is_stale(now=guide.updated_at + dt.timedelta(days=366))


def test_public_page_shows_the_guide_its_update_and_the_staleness_warning(client, county):
    org, _, users = county
    url = reverse("portal:column_guide", args=[org.code])
    assert "尚未在本平台发布政府信息公开指南" in client.get(url).content.decode()
    clock.pin(dt.datetime(2024, 5, 1, 2, 0, tzinfo=dt.UTC))
    try:
        services.guide_update(organisation=org, actor=users["yc_office"], data=GOOD)
    finally:
        clock.pin(None)
    html = client.get(url).content.decode()
    for text in ("阳城县应急管理局办公室", "0356-4221234", "0356-4221235", "工作日 8:30", "yc-gk@example.gov.cn",
                 "2024年5月1日", "超过一年未更新"):
        assert text in html
    clock.pin(dt.datetime(2024, 6, 1, 2, 0, tzinfo=dt.UTC))
    try:
        assert "超过一年未更新" not in client.get(url).content.decode()
    finally:
        clock.pin(None)


def test_office_form_saves_and_shows_history(client, county):
    org, _, _ = county
    login(client, "yc_office")
    url = reverse("office:guide_edit", args=[org.code])
    assert client.get(url).status_code == 200
    response = client.post(url, GOOD)
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "更新记录" in html and "更新政府信息公开指南" in html
    assert DisclosureGuide.objects.get(organisation=org).office_name == GOOD["office_name"]


def test_office_form_with_errors_shows_the_summary_and_saves_nothing(client, county):
    org, _, _ = county
    login(client, "yc_office")
    response = client.post(reverse("office:guide_edit", args=[org.code]), {**GOOD, "office_name": "", "phone": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#id_office_name"' in html and 'href="#id_phone"' in html
    assert not DisclosureGuide.objects.exists()


@pytest.mark.parametrize("username", ["yc_leader", "zz_office"])
def test_office_form_is_hidden_from_others(client, county, username):
    org, _, _ = county
    login(client, username)
    assert client.get(reverse("office:guide_edit", args=[org.code])).status_code == 404
    assert client.post(reverse("office:guide_edit", args=[org.code]), GOOD).status_code == 404
    assert not DisclosureGuide.objects.exists()


def test_the_dashboard_offers_the_guide_to_the_office_only(client, county):
    org, _, _ = county
    login(client, "yc_office")
    assert reverse("office:guide_edit", args=[org.code]) in client.get(reverse("office:dashboard")).content.decode()
    client.logout()
    login(client, "yc_leader")
    assert reverse("office:guide_edit", args=[org.code]) not in client.get(reverse("office:dashboard")).content.decode()


def test_a_new_guide_starts_from_the_published_catalog_and_the_organisation(client, county):
    org, _, _ = county
    org.phone = "0356-4220001"
    org.save()
    login(client, "yc_office")
    html = client.get(reverse("office:guide_edit", args=[org.code])).content.decode()
    assert "一级事项为：政策文件、依法行政、行政管理、公共服务、重点领域信息公开" in html
    assert 'value="0356-4220001"' in html
    assert not DisclosureGuide.objects.exists()  # a draft in the form, nothing saved


def test_public_guide_links_the_organisations_catalog(client, county):
    from gongkai.catalog.models import Catalog

    org, _, users = county
    services.guide_update(organisation=org, actor=users["yc_office"], data=GOOD)
    catalog = Catalog.objects.get(organisation=org)
    html = client.get(reverse("portal:column_guide", args=[org.code])).content.decode()
    assert reverse("portal:catalog", args=[catalog.pk]) in html
