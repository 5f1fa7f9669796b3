"""The catalog's office pages: buttons from the transition table, words instead of codes, guards."""
import re

import pytest
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.forms import NEW_GROUP
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.states import VersionStatus

from .test_services import complete

RAW = re.compile(r"\[\'|\{\'|catalog\.[a-z_]+|\bNone\b|provisional|zz_office|zz_leader")


@pytest.fixture
def world(tree, seed_templates):
    orgs, users = tree
    catalog = services.catalog_derive(organisation=orgs["sx-jc-zz"], template=seed_templates["relief"], actor=users["zz_office"])
    return catalog, catalog.latest_version, orgs, users


def page(client, user, url, status=200):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return response.content.decode() if status == 200 else response


def main_of(html: str) -> str:
    """The page's own content (the layout's menus are not the catalog's)."""
    start = html.find("<main")
    return html[start:] if start >= 0 else html


def workspace_url(catalog):
    return reverse("office:catalog", args=[catalog.pk])


def test_every_blocking_problem_links_to_its_item(client, world):
    catalog, version, _, users = world
    html = page(client, users["zz_office"], workspace_url(catalog))
    problems = services.submission_problems(version)
    assert problems
    for problem in problems:
        assert f'<a href="#item-{problem.item.pk}">{problem.message}</a>' in html
        assert f'id="item-{problem.item.pk}"' in html


def test_a_failed_submission_keeps_the_linked_list(client, world):
    catalog, version, _, users = world
    client.force_login(users["zz_office"])
    response = client.post(reverse("office:version_submit", args=[version.pk]), follow=True)
    html = response.content.decode()
    assert "目录要素不完整，不能报审。" in html and 'href="#item-' in html
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_buttons_follow_the_transition_table(client, world):
    catalog, version, _, users = world
    office_html = page(client, users["zz_office"], workspace_url(catalog))
    assert reverse("office:version_submit", args=[version.pk]) in office_html
    assert reverse("office:item_add", args=[version.pk]) in office_html
    assert reverse("office:version_review", args=[version.pk]) not in office_html
    leader_html = page(client, users["zz_leader"], workspace_url(catalog))
    assert reverse("office:version_submit", args=[version.pk]) not in leader_html
    assert reverse("office:item_edit", args=[version.items.first().pk]) not in leader_html

    complete(version, users["zz_office"])
    services.catalog_version_submit(version=version, actor=users["zz_office"])
    leader_html = page(client, users["zz_leader"], workspace_url(catalog))
    assert 'value="approve"' in leader_html and 'value="return"' in leader_html
    office_html = page(client, users["zz_office"], workspace_url(catalog))
    assert 'value="approve"' not in office_html
    assert reverse("office:item_edit", args=[version.items.first().pk]) not in office_html
    supervisor_html = page(client, users["jc_supervisor"], workspace_url(catalog))
    assert 'value="approve"' not in supervisor_html and "<form method=\"post\" action=\"/office/" not in main_of(supervisor_html)


def test_the_review_decision_runs_the_transition(client, world):
    catalog, version, _, users = world
    complete(version, users["zz_office"])
    services.catalog_version_submit(version=version, actor=users["zz_office"])
    client.force_login(users["zz_office"])
    client.post(reverse("office:version_review", args=[version.pk]), {"decision": "approve"})
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED  # the office may not approve
    client.force_login(users["zz_leader"])
    client.post(reverse("office:version_review", args=[version.pk]), {"decision": "approve", "comment": "同意"})
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


def test_diff_shows_channel_changes_and_new_items_in_words(client, world):
    catalog, version, _, users = world
    office = users["zz_office"]
    item = version.items.get(second_level="法律法规")
    old_channels = list(item.channels)
    services.catalog_item_update(item=item, actor=office, data={"channels": ["政府公报", *old_channels[1:]]})
    local = services.catalog_item_add(version=version, actor=office, data={
        "first_level": "工作动态", "second_level": "救灾工作简报", "content": "本县救灾工作简报全文",
        "basis": "《自然灾害救助条例》", "time_limit_text": "信息形成或变更之日起20个工作日内", "subject": "泽州县应急管理局",
        "channels": ["政府网站", "两微一端"], "audience": ["全社会"], "mode": ["主动"], "level": ["县级"]})
    html = page(client, office, reverse("office:version_diff", args=[version.pk]) + "?against=template")
    added = [c for c in ["政府公报"] if c not in old_channels]
    assert f"新增：{'、'.join(added)}；删除：{old_channels[0]}" in html
    assert "本县救灾工作简报全文" in html and "政府网站、两微一端" in html and local.second_level in html
    undetermined = version.items.get(second_level="灾情核定信息")
    assert undetermined.audience is None
    assert not RAW.search(main_of(html)), RAW.search(main_of(html))


def test_history_reads_as_words(client, world):
    catalog, version, _, users = world
    office = users["zz_office"]
    item = version.items.get(second_level="法律法规")
    services.catalog_item_update(item=item, actor=office, data={"channels": ["政府网站", "政府公报"]},
                                 anomalies_checked_note="已核对")
    services.catalog_item_retire(item=version.items.get(second_level="工作信息"), actor=office, reason="并入工作动态栏目")
    html = page(client, office, reverse("office:catalog_history", args=[catalog.pk]))
    body = main_of(html)
    assert "停用事项" in body and "并入工作动态栏目" in body and "修改事项" in body
    assert "从国家标准目录派生本机关目录" in body
    assert "政策文件 1. 法律法规" in body and "公开渠道和载体：" in body
    assert office.display_name in body
    assert not RAW.search(body), RAW.search(body)


def test_a_checked_anomaly_shows_who_checked_it_by_name(client, world):
    catalog, version, _, users = world
    office = users["zz_office"]
    flagged = next(i for i in version.items.all() if i.open_anomalies)
    services.catalog_item_update(item=flagged, actor=office, data={}, anomalies_checked_note="已对照原表")
    body = main_of(page(client, office, workspace_url(catalog)))
    assert f"{office.display_name}：已对照原表" in body
    assert not RAW.search(body), RAW.search(body)


def test_a_local_item_chooses_its_group_from_a_list(client, world):
    catalog, version, _, users = world
    client.force_login(users["zz_office"])
    url = reverse("office:item_add", args=[version.pk])
    html = client.get(url).content.decode()
    for group in services.existing_first_levels(version):
        assert f'<option value="{group}">{group}</option>' in html
    assert f'value="{NEW_GROUP}"' in html
    base = {"second_level": "救灾物资储备库", "subject": "泽州县应急管理局"}
    # A name typed instead of chosen is refused by the list.
    response = client.post(url, base | {"first_level": "宣传教育"})
    assert response.status_code == 200 and not CatalogItem.objects.filter(second_level="救灾物资储备库").exists()
    # "新增一级事项" needs its name.
    response = client.post(url, base | {"first_level": NEW_GROUP, "new_first_level": " "})
    assert "请填写其名称" in response.content.decode()
    assert not CatalogItem.objects.filter(second_level="救灾物资储备库").exists()
    client.post(url, base | {"first_level": NEW_GROUP, "new_first_level": "宣传教育"})
    assert CatalogItem.objects.get(second_level="救灾物资储备库", version=version).first_level == "宣传教育"
    client.post(url, {"second_level": "救灾物资调拨", "subject": "泽州县应急管理局", "first_level": "备灾管理"})
    assert CatalogItem.objects.get(second_level="救灾物资调拨", version=version).first_level == "备灾管理"


def test_item_pages_are_guarded(client, world):
    catalog, version, _, users = world
    item = version.items.first()
    edit = reverse("office:item_edit", args=[item.pk])
    retire = reverse("office:item_retire", args=[item.pk])
    add = reverse("office:item_add", args=[version.pk])
    for url in (edit, retire, add):
        page(client, users["zz_leader"], url, status=403)  # same organisation, no catalog.edit
        page(client, users["yc_office"], url, status=404)  # another organisation's draft is not revealed
    client.force_login(users["zz_leader"])
    client.post(retire, {"reason": "x"})
    item.refresh_from_db()
    assert not item.retired


def test_editing_a_submitted_version_sends_the_office_back_with_the_reason(client, world):
    catalog, version, _, users = world
    complete(version, users["zz_office"])
    services.catalog_version_submit(version=version, actor=users["zz_office"])
    item = version.items.first()
    client.force_login(users["zz_office"])
    response = client.post(reverse("office:item_edit", args=[item.pk]), {"first_level": "x", "second_level": "y"},
                           follow=True)
    assert "不能执行" in response.content.decode()
    item.refresh_from_db()
    assert item.first_level != "x"


def test_version_steps_of_another_organisation_answer_404(client, world):
    catalog, version, _, users = world
    client.force_login(users["yc_office"])
    for name in ("office:version_submit", "office:version_review"):
        assert client.post(reverse(name, args=[version.pk]), {"decision": "approve"}).status_code == 404
    assert client.get(reverse("office:version_diff", args=[version.pk])).status_code == 404
    assert client.get(reverse("office:catalog_history", args=[catalog.pk])).status_code == 404
    assert client.post(reverse("office:version_start", args=[catalog.pk])).status_code == 404
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_overview_names_versions_in_words(client, world):
    catalog, version, _, users = world
    body = main_of(page(client, users["jc_supervisor"], reverse("office:overview")))
    assert "第1版" in body and ">v1<" not in body


def test_an_unknown_version_number_answers_404(client, world):
    catalog, version, _, users = world
    url = reverse("office:catalog", args=[catalog.pk])
    page(client, users["zz_office"], f"{url}?version={version.number}")
    page(client, users["zz_office"], f"{url}?version=99", status=404)
