"""Pages as users reach them: what each role sees, and what nobody may reach."""
import json

import pytest
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.demo import publish_demo_catalog
from gongkai.catalog.models import Catalog
from gongkai.catalog.states import VersionStatus

PASSWORD = "test-password-1"


@pytest.fixture
def world(tree, seed_templates):
    orgs, users = tree
    # 阳城县 has a published safety catalog; 泽州县 has a relief draft.
    from gongkai.organisations.models import User

    for name in ("yc_office", "yc_leader"):
        u = User.objects.get(username=name)
        u.set_password(PASSWORD)
        u.save()
    publish_demo_catalog(orgs["sx-jc-yc"])
    published = Catalog.objects.get(organisation=orgs["sx-jc-yc"])
    draft = services.catalog_derive(organisation=orgs["sx-jc-zz"], template=seed_templates["relief"], actor=users["zz_office"])
    return orgs, users, published, draft


def login(client, username):
    from gongkai.organisations.models import User

    client.force_login(User.objects.get(username=username))  # the login form is tested on its own
    return client


def test_anonymous_browses_published_catalog_and_item(client, world):
    _, _, published, _ = world
    page = client.get(reverse("portal:catalog", args=[published.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("阳城县应急管理局安全生产领域政务公开标准目录", "煤矿安全生产监管信息", "■", "□", "全社会", "县级", "下载 Excel 表格"):
        assert text in html
    assert "重大工程项目信息" not in html  # retired with a reason: not in the published catalog
    item = published.published_version.items.get(second_level="法律法规")
    detail = client.get(reverse("portal:catalog_item", args=[published.pk, item.pk]))
    assert detail.status_code == 200 and "公开依据" in detail.content.decode()


def test_anonymous_never_sees_drafts(client, world):
    _, _, published, draft = world
    assert client.get(reverse("portal:catalog", args=[draft.pk])).status_code == 404
    assert client.get(reverse("portal:catalog", args=[draft.pk]) + "?version=1").status_code == 404
    assert client.get(reverse("portal:catalog_download", args=[draft.pk, "json"])).status_code == 404
    item = draft.latest_version.items.first()
    assert client.get(reverse("portal:catalog_item", args=[draft.pk, item.pk]) + "?version=1").status_code == 404
    assert client.get(reverse("office:catalog", args=[draft.pk])).status_code == 302  # to login


def test_json_download_is_the_api_document(client, world):
    _, _, published, _ = world
    download = client.get(reverse("portal:catalog_download", args=[published.pk, "json"]))
    api = client.get(f"/api/catalogs/{published.pk}/")
    assert download.status_code == api.status_code == 200
    assert json.loads(download.content) == api.json()
    assert "attachment" in download["Content-Disposition"]


def test_other_county_cannot_reach_a_draft(client, world):
    _, _, _, draft = world
    login(client, "yc_office")
    assert client.get(reverse("office:catalog", args=[draft.pk])).status_code == 404
    assert client.get(reverse("portal:catalog", args=[draft.pk]) + "?version=1").status_code == 404
    item = draft.latest_version.items.first()
    assert client.get(reverse("office:item_edit", args=[item.pk])).status_code == 404
    response = client.post(reverse("office:item_edit", args=[item.pk]), {"first_level": "x", "second_level": "y"})
    assert response.status_code == 404
    assert client.post(reverse("office:version_submit", args=[draft.latest_version.pk])).status_code == 404


def test_supervisor_sees_status_but_cannot_edit(client, world):
    _, _, _, draft = world
    login(client, "jc_supervisor")
    overview = client.get(reverse("office:overview"))
    html = overview.content.decode()
    assert overview.status_code == 200
    assert "泽州县应急管理局" in html and "阳城县应急管理局" in html and "未开始" in html and "编制中" in html and "已发布" in html
    assert client.get(reverse("office:catalog", args=[draft.pk])).status_code == 200
    item = draft.latest_version.items.first()
    assert client.get(reverse("office:item_edit", args=[item.pk])).status_code == 403
    before = item.content
    client.post(reverse("office:item_edit", args=[item.pk]), {"first_level": "x", "second_level": "y", "content": "changed"})
    item.refresh_from_db()
    assert item.content == before
    client.post(reverse("office:version_submit", args=[draft.latest_version.pk]))
    draft.latest_version.refresh_from_db()
    assert draft.latest_version.status == VersionStatus.DRAFT


def test_drafter_cannot_see_overview(client, world):
    login(client, "zz_drafter")
    assert client.get(reverse("office:overview")).status_code == 403


def test_office_derives_edits_and_submission_shows_problems(client, world, seed_templates):
    orgs, users, _, draft = world
    login(client, "zz_office")
    dashboard = client.get(reverse("office:dashboard")).content.decode()
    assert "从国家标准目录派生" in dashboard  # safety not started yet
    response = client.post(reverse("office:catalog_derive", args=["sx-jc-zz", "safety"]))
    safety = Catalog.objects.get(organisation=orgs["sx-jc-zz"], domain="safety")
    assert response.status_code == 302 and response["Location"] == reverse("office:catalog", args=[safety.pk])

    response = client.post(reverse("office:version_submit", args=[safety.latest_version.pk]), follow=True)
    html = response.content.decode()
    assert "目录要素不完整，不能报审。" in html and "缺少“公开渠道和载体”" in html
    safety.latest_version.refresh_from_db()
    assert safety.latest_version.status == VersionStatus.DRAFT

    item = safety.latest_version.items.get(second_level="部门和地方规章")
    form = client.get(reverse("office:item_edit", args=[item.pk])).content.decode()
    assert "原表“公开渠道和载体”单元格为空" in form
    response = client.post(reverse("office:item_edit", args=[item.pk]), {
        "first_level": item.first_level, "second_level": item.second_level, "content": item.content,
        "basis": item.basis, "time_limit_text": item.time_limit_text, "subject": item.subject,
        "channels": ["政府网站", "公开查阅点"], "audience": ["全社会"], "mode": ["主动"], "level": ["县级", "乡级"],
        "anomalies_checked_note": "按本县实际确定渠道",
    })
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.channels == ["政府网站", "公开查阅点"] and not item.open_anomalies

    response = client.post(reverse("office:item_retire", args=[item.pk]), {"reason": ""})
    assert response.status_code == 200 and "请填写理由" in response.content.decode()
    item.refresh_from_db()
    assert not item.retired


def test_leader_approves_from_the_page(client, world):
    orgs, users, _, draft = world
    from gongkai.catalog.tests.test_services import complete

    version = draft.latest_version
    complete(version, users["zz_office"])
    services.catalog_version_submit(version=version, actor=users["zz_office"])
    login(client, "zz_leader")
    assert "待审核的目录" in client.get(reverse("office:dashboard")).content.decode()
    client.post(reverse("office:version_review", args=[version.pk]), {"decision": "approve", "comment": "同意发布"})
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    client.logout()
    assert client.get(reverse("portal:catalog", args=[draft.pk])).status_code == 200


def test_history_and_diff_pages(client, world):
    _, users, _, draft = world
    item = draft.latest_version.items.get(second_level="标准")
    services.catalog_item_retire(item=item, actor=users["zz_office"], reason="本县不制定地方标准")
    login(client, "zz_office")
    history = client.get(reverse("office:catalog_history", args=[draft.pk])).content.decode()
    assert "本县不制定地方标准" in history
    assert "catalog.item_retired" not in history  # staff read the event's words, not its code
    diff = client.get(reverse("office:version_diff", args=[draft.latest_version.pk]) + "?against=template").content.decode()
    assert "停用" in diff and "标准" in diff


def test_login_page_and_csrf(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get(reverse("office:login")).status_code == 200
    response = strict.post(reverse("office:login"), {"username": "zz_office", "password": PASSWORD})
    assert response.status_code == 403  # no CSRF token


def test_language_switch_sets_the_language(client, world):
    response = client.post(reverse("portal:language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
    assert 'lang="en"' in client.get("/").content.decode()


@pytest.mark.parametrize("number", ["99", "abc"])
def test_an_unknown_or_malformed_version_of_a_public_catalog_answers_404(client, county, number):
    catalog = Catalog.objects.get(organisation=county[0], domain="safety")
    assert client.get(reverse("portal:catalog", args=[catalog.pk])).status_code == 200
    assert client.get(reverse("portal:catalog", args=[catalog.pk]) + f"?version={number}").status_code == 404
