"""Each validation guard of the catalog services, one reason per test; nothing is written on refusal."""
import pytest

from gongkai.catalog import importing, services
from gongkai.catalog.exports import catalog_document
from gongkai.catalog.models import Catalog, CatalogItem, CatalogVersion
from gongkai.catalog.states import VersionStatus
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent

from .test_services import complete

GOOD = {"first_level": "工作动态", "second_level": "本县救灾工作简报", "content": "救灾工作简报",
        "basis": "《自然灾害救助条例》", "time_limit_text": "信息形成或变更之日起20个工作日内", "subject": "泽州县应急管理局",
        "channels": ["政府网站"], "audience": ["全社会"], "mode": ["主动"], "level": ["县级"]}


@pytest.fixture
def draft(tree, seed_templates):
    orgs, users = tree
    catalog = services.catalog_derive(organisation=orgs["sx-jc-zz"], template=seed_templates["relief"], actor=users["zz_office"])
    return catalog.latest_version, users["zz_office"]


def state():
    return (list(CatalogItem.objects.order_by("pk").values_list("pk", "first_level", "second_level", "content",
                                                                "retired", "retired_reason")),
            list(CatalogVersion.objects.values_list("pk", "status")), AuditEvent.objects.count())


def refused(exc_type, call, message_part):
    before = state()
    with pytest.raises(exc_type) as exc:
        call()
    assert state() == before
    text = " ".join([exc.value.message, *exc.value.problems])
    assert message_part in text, text
    return exc.value


# ---------------------------------------------------------------- derivation and revision

def test_only_a_template_may_be_derived(tree, seed_templates, draft):
    orgs, users = tree
    own = Catalog.objects.get(organisation=orgs["sx-jc-zz"])
    refused(InvalidTransition, lambda: services.catalog_derive(
        organisation=orgs["sx-jc-yc"], template=own, actor=users["yc_office"]), "只能从国家标准目录模板派生")


def test_a_template_without_a_published_version_cannot_be_derived(tree, seed_templates):
    orgs, users = tree
    template = seed_templates["safety"]
    template.versions.update(status=VersionStatus.SUPERSEDED)
    refused(InvalidTransition, lambda: services.catalog_derive(
        organisation=orgs["sx-jc-zz"], template=template, actor=users["zz_office"]), "尚未导入")


def test_a_catalog_without_a_published_version_cannot_be_revised(draft):
    version, office = draft
    refused(InvalidTransition, lambda: services.catalog_version_start(catalog=version.catalog, actor=office),
            "尚无已发布版本")


def test_a_national_template_cannot_be_revised(seed_templates, draft):
    _, office = draft
    refused(InvalidTransition, lambda: services.catalog_version_start(catalog=seed_templates["relief"], actor=office),
            "模板不能修订")


def test_a_second_open_version_is_refused(draft, tree):
    version, office = draft
    _, users = tree
    complete(version, office)
    services.catalog_version_submit(version=version, actor=office)
    services.catalog_version_approve(version=version, actor=users["zz_leader"])
    services.catalog_version_start(catalog=version.catalog, actor=office)
    refused(InvalidTransition, lambda: services.catalog_version_start(catalog=version.catalog, actor=office),
            "已有一个未发布的版本")


# ---------------------------------------------------------------- item edits

def test_update_refuses_an_empty_first_level(draft):
    version, office = draft
    item = version.items.first()
    refused(ValidationFailed, lambda: services.catalog_item_update(item=item, actor=office, data={"first_level": " "}),
            "请填写一级事项")


def test_update_refuses_an_empty_second_level(draft):
    version, office = draft
    item = version.items.first()
    refused(ValidationFailed, lambda: services.catalog_item_update(item=item, actor=office, data={"second_level": ""}),
            "请填写二级事项名称")


def test_update_refuses_a_label_outside_the_vocabulary(draft):
    version, office = draft
    item = version.items.first()
    refused(ValidationFailed, lambda: services.catalog_item_update(item=item, actor=office, data={"mode": ["主动", "广播"]}),
            "公开方式")


@pytest.mark.parametrize("change, message", [
    ({"channels": ["微博"]}, "公开渠道和载体"),
    ({"first_level": ""}, "请填写一级事项"),
    ({"second_level": " "}, "请填写二级事项名称"),
    ({"first_level": "宣传教育"}, "不在本目录中"),
])
def test_add_refuses_bad_data(draft, change, message):
    version, office = draft
    refused(ValidationFailed, lambda: services.catalog_item_add(version=version, actor=office, data=GOOD | change),
            message)


def test_add_refuses_a_new_group_that_already_exists(draft):
    version, office = draft
    refused(ValidationFailed, lambda: services.catalog_item_add(version=version, actor=office, data=GOOD,
                                                                new_first_level=True), "已存在")


def test_a_new_group_added_explicitly_goes_to_the_end(draft):
    version, office = draft
    item = services.catalog_item_add(version=version, actor=office, data=GOOD | {"first_level": "宣传教育"},
                                     new_first_level=True)
    assert item.number == 1 and item.position == max(version.items.values_list("position", flat=True))
    assert services.existing_first_levels(version)[-1] == "宣传教育"


def test_an_item_added_to_a_group_goes_to_its_end(draft):
    version, office = draft
    item = services.catalog_item_add(version=version, actor=office, data=GOOD)
    group = list(version.items.filter(first_level="工作动态").order_by("position"))
    assert group[-1] == item and item.number == len(group) and item.key == "local/1"


def test_retire_needs_a_reason(draft):
    version, office = draft
    item = version.items.first()
    refused(ValidationFailed, lambda: services.catalog_item_retire(item=item, actor=office, reason="  "), "必须填写理由")


def test_an_item_cannot_be_retired_twice(draft):
    version, office = draft
    item = version.items.first()
    services.catalog_item_retire(item=item, actor=office, reason="并入其他栏目")
    refused(InvalidTransition, lambda: services.catalog_item_retire(item=item, actor=office, reason="再次"), "已停用")


def test_an_active_item_cannot_be_restored(draft):
    version, office = draft
    refused(InvalidTransition, lambda: services.catalog_item_restore(item=version.items.first(), actor=office),
            "未停用")


# ---------------------------------------------------------------- review

def test_submit_is_refused_while_problems_remain(draft):
    version, office = draft
    refused(ValidationFailed, lambda: services.catalog_version_submit(version=version, actor=office), "原表异常尚未人工核对")


def test_a_catalog_with_every_item_retired_cannot_be_submitted(draft):
    version, office = draft
    complete(version, office)
    version.items.update(retired=True, retired_reason="并入其他栏目")
    refused(ValidationFailed, lambda: services.catalog_version_submit(version=version, actor=office), "目录中没有有效事项")


def test_each_submission_problem_names_its_item(draft):
    version, _ = draft
    problems = services.submission_problems(version)
    assert problems and all(p.item is not None and p.item.second_level in p.message for p in problems)


def test_return_needs_a_comment(draft, tree):
    version, office = draft
    _, users = tree
    complete(version, office)
    services.catalog_version_submit(version=version, actor=office)
    refused(ValidationFailed, lambda: services.catalog_version_return(version=version, actor=users["zz_leader"], comment=" "),
            "必须填写审核意见")


# ---------------------------------------------------------------- import

def test_import_rechecks_the_open_version_under_the_lock(draft, tree, monkeypatch):
    """A draft opened between the plan and the write is not overwritten (the second check)."""
    version, office = draft
    _, users = tree
    complete(version, office)
    services.catalog_version_submit(version=version, actor=office)
    services.catalog_version_approve(version=version, actor=users["zz_leader"])
    document = catalog_document(version.catalog, version)
    plan = importing.catalog_import_plan(organisation=version.catalog.organisation, data=document, actor=office)
    services.catalog_version_start(catalog=version.catalog, actor=office)  # someone opens a draft meanwhile
    monkeypatch.setattr(importing, "catalog_import_plan", lambda **kwargs: plan)
    refused(InvalidTransition, lambda: importing.catalog_import_document(
        organisation=version.catalog.organisation, data=document, actor=office), "未发布的版本")
