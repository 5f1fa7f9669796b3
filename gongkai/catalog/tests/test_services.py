"""The catalog workflow: derive → edit → submit → return/approve → publish → revise."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.catalog import selectors, services
from gongkai.catalog.models import Catalog, CatalogItem
from gongkai.catalog.states import OverviewStatus, VersionStatus
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent

NOTE = "已对照原表核对"


@pytest.fixture
def derived(tree, seed_templates):
    orgs, users = tree
    catalog = services.catalog_derive(organisation=orgs["sx-jc-zz"], template=seed_templates["relief"], actor=users["zz_office"])
    return catalog, catalog.latest_version, orgs, users


def complete(version, actor):
    """Resolve every open problem the way a clerk would: fill undetermined elements, check flags."""
    for item in version.items.all():
        data = {}
        for name, default in (("channels", ["政府网站"]), ("audience", ["全社会"]), ("mode", ["主动"]), ("level", ["县级"])):
            if not getattr(item, name):
                data[name] = default
        if data or item.open_anomalies:
            services.catalog_item_update(item=item, actor=actor, data=data, anomalies_checked_note=NOTE)


def events(action):
    return AuditEvent.objects.filter(action=action)


def test_derive_copies_every_template_item_with_its_flags(derived, seed_templates):
    catalog, version, orgs, _ = derived
    template_items = list(seed_templates["relief"].published_version.items.order_by("position"))
    items = list(version.items.order_by("position"))
    assert [i.key for i in items] == [i.key for i in template_items]
    assert [i.template_key for i in items] == [i.key for i in template_items]
    assert version.status == VersionStatus.DRAFT and version.number == 1
    flagged = [i.second_level for i in items if i.open_anomalies]
    assert flagged == ["灾情核定信息", "救助审定信息", "应急管理部门审批"]
    assert events("catalog.derived").get().organisation == orgs["sx-jc-zz"]


def test_derive_twice_is_refused(derived, seed_templates):
    _, _, orgs, users = derived
    with pytest.raises(InvalidTransition):
        services.catalog_derive(organisation=orgs["sx-jc-zz"], template=seed_templates["relief"], actor=users["zz_office"])


@pytest.mark.parametrize("username", ["zz_drafter", "zz_leader", "zz_secrecy", "jc_supervisor", "yc_office"])
def test_only_the_own_office_may_derive(tree, seed_templates, username):
    orgs, users = tree
    with pytest.raises(PermissionDenied):
        services.catalog_derive(organisation=orgs["sx-jc-zz"], template=seed_templates["safety"], actor=users[username])
    assert not Catalog.objects.filter(organisation=orgs["sx-jc-zz"]).exists()


def test_submission_lists_every_missing_element(derived):
    catalog, version, _, users = derived
    item = version.items.get(second_level="法律法规")
    services.catalog_item_update(item=item, actor=users["zz_office"], data={"basis": "", "subject": "  ", "channels": []})
    with pytest.raises(ValidationFailed) as exc:
        services.catalog_version_submit(version=version, actor=users["zz_office"])
    problems = exc.value.problems
    assert "政策文件 1. 法律法规：缺少“公开依据”。" in problems
    assert "政策文件 1. 法律法规：缺少“公开主体”。" in problems
    assert "政策文件 1. 法律法规：缺少“公开渠道和载体”。" in problems
    # The shifted-marks rows have no audience/mode: never guessed, so they block submission.
    assert "灾后救助 1. 灾情核定信息：缺少“公开对象”。" in problems
    assert "灾后救助 1. 灾情核定信息：缺少“公开方式”。" in problems
    assert any("原表异常尚未人工核对" in p for p in problems)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert not events("catalog.submitted").exists()


def test_full_workflow_with_return_and_approval(derived):
    catalog, version, orgs, users = derived
    office, leader = users["zz_office"], users["zz_leader"]
    complete(version, office)
    item = version.items.get(second_level="法律法规")
    services.catalog_item_update(item=item, actor=office, data={"content": item.content + "；泽州县地方性法规", "channels": ["政府网站", "政府公报"]})
    local = services.catalog_item_add(version=version, actor=office, data={
        "first_level": "备灾管理", "second_level": "应急避难场所", "content": "全县应急避难场所分布、容量及开放情况",
        "basis": "《中华人民共和国突发事件应对法》", "time_limit_text": "信息形成或变更之日起20个工作日内",
        "subject": "泽州县应急管理局", "channels": ["政府网站"], "audience": ["全社会"], "mode": ["主动"], "level": ["县级"],
    })
    assert local.is_local and local.number == 4 and local.time_limit_rule["kind"] == "working_days"
    retired = version.items.get(second_level="工作信息")
    with pytest.raises(ValidationFailed):
        services.catalog_item_retire(item=retired, actor=office, reason="  ")
    services.catalog_item_retire(item=retired, actor=office, reason="并入本局门户网站“工作动态”栏目")

    services.catalog_version_submit(version=version, actor=office)
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED
    with pytest.raises(InvalidTransition):
        services.catalog_item_update(item=item, actor=office, data={"content": "x"})
    with pytest.raises(PermissionDenied):
        services.catalog_version_approve(version=version, actor=office)
    with pytest.raises(ValidationFailed):
        services.catalog_version_return(version=version, actor=leader, comment="")

    services.catalog_version_return(version=version, actor=leader, comment="请补充本县灾害信息员名单公开方式")
    version.refresh_from_db()
    assert version.status == VersionStatus.RETURNED and "灾害信息员" in version.review_comment
    services.catalog_item_update(item=version.items.get(second_level="灾害信息员队伍"), actor=office,
                                 data={"content": "县乡两级灾害信息员名单及联系方式"})
    services.catalog_version_submit(version=version, actor=office)
    services.catalog_version_approve(version=version, actor=leader, comment="同意")
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED and version.published_at is not None
    review_events = ("catalog.submitted", "catalog.returned", "catalog.published")
    assert [e.action for e in AuditEvent.objects.filter(action__in=review_events).order_by("id")] == [
        "catalog.submitted", "catalog.returned", "catalog.submitted", "catalog.published",
    ]
    returned = events("catalog.returned").get()
    assert returned.actor == leader and returned.before == {"status": "submitted"} and returned.after == {"status": "returned"}

    # Diff against the template: the changed item, the local item and the retired one.
    kinds = {(d.kind, d.title.split(". ")[1]) for d in selectors.diff_against_template(version)}
    assert ("changed", "法律法规") in kinds and ("added", "应急避难场所") in kinds and ("retired", "工作信息") in kinds

    # A revision: new draft from the published version, diff against the previous one.
    v2 = services.catalog_version_start(catalog=catalog, actor=office)
    assert v2.number == 2 and v2.based_on == version and v2.status == VersionStatus.DRAFT
    with pytest.raises(InvalidTransition):
        services.catalog_version_start(catalog=catalog, actor=office)
    assert selectors.diff_against_previous(v2) == []
    services.catalog_item_update(item=v2.items.get(key=local.key), actor=office, data={"level": ["县级", "乡级"]})
    diff = selectors.diff_against_previous(v2)
    assert len(diff) == 1 and diff[0].kind == "changed" and diff[0].changes[0].before == ["县级"]
    services.catalog_version_submit(version=v2, actor=office)
    services.catalog_version_approve(version=v2, actor=leader)
    version.refresh_from_db()
    assert version.status == VersionStatus.SUPERSEDED and catalog.published_version == v2
    # Every version is kept, unchanged.
    assert CatalogItem.objects.get(version=version, key=local.key).level == ["县级"]


def test_item_update_rejects_values_outside_the_official_vocabulary(derived):
    _, version, _, users = derived
    item = version.items.first()
    with pytest.raises(ValidationFailed):
        services.catalog_item_update(item=item, actor=users["zz_office"], data={"channels": ["微博"]})
    item.refresh_from_db()
    assert "微博" not in (item.channels or [])


def test_restore_brings_a_retired_item_back(derived):
    _, version, _, users = derived
    item = version.items.first()
    services.catalog_item_retire(item=item, actor=users["zz_office"], reason="测试停用")
    services.catalog_item_restore(item=item, actor=users["zz_office"], reason="误操作")
    item.refresh_from_db()
    assert not item.retired and item.retired_reason == ""
    restored = events("catalog.item_restored").get()
    assert restored.after["item"] == item.key and restored.after["item_before"]["retired_reason"] == "测试停用"


def test_status_overview_for_the_city_supervisor(derived):
    catalog, version, orgs, users = derived
    rows = selectors.status_overview(users["jc_supervisor"])
    by = {(r.organisation.code, r.domain): r for r in rows}
    assert {r.organisation.code for r in rows} == {c for c in orgs if c.startswith("sx-jc")}
    assert by[("sx-jc-zz", "relief")].status == OverviewStatus.DRAFT
    assert by[("sx-jc-zz", "safety")].status == OverviewStatus.NOT_STARTED
    assert by[("sx-jc-yc", "relief")].status == OverviewStatus.NOT_STARTED
    complete(version, users["zz_office"])
    services.catalog_version_submit(version=version, actor=users["zz_office"])
    rows = selectors.status_overview(users["jc_supervisor"])
    assert next(r for r in rows if r.organisation.code == "sx-jc-zz" and r.domain == "relief").status == OverviewStatus.SUBMITTED
    assert selectors.status_overview(users["zz_drafter"]) == []
