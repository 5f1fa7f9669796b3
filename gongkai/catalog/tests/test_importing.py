"""Importing catalog documents: all or nothing, every problem reported, permissions, versions."""
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from gongkai.catalog import services
from gongkai.catalog.constants import DOMAIN_RELIEF, DOMAIN_SAFETY
from gongkai.catalog.exports import catalog_document, catalog_json
from gongkai.catalog.importing import catalog_import_document, catalog_import_plan, parse_document
from gongkai.catalog.models import Catalog, CatalogItem, CatalogVersion
from gongkai.catalog.states import VersionStatus
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.organisations.models import Role

from .factories import import_templates, make_org, make_user

COMPARED = (
    "key", "template_key", "position", "first_level", "number", "second_level", "content", "basis",
    "time_limit_text", "time_limit_rule", "subject", "channels", "audience", "mode", "level", "is_local",
    "retired", "retired_reason", "anomalies", "source",
)


def snapshot(version):
    return [{f: getattr(i, f) for f in COMPARED} for i in version.items.order_by("position")]


def counts():
    return (Catalog.objects.count(), CatalogVersion.objects.count(), CatalogItem.objects.count(),
            AuditEvent.objects.count())


@pytest.fixture
def setup(db):
    templates = import_templates()
    county = make_org("xa", "西安县应急管理局")
    other = make_org("xb", "西北县应急管理局")
    users = {
        "office": make_user("xa_office", county, Role.OFFICE),
        "leader": make_user("xa_leader", county, Role.LEADER),
        "drafter": make_user("xa_drafter", county, Role.DRAFTER),
        "other_office": make_user("xb_office", other, Role.OFFICE),
    }
    return templates, county, other, users


def template_document(templates, domain):
    catalog = templates[domain]
    return catalog_document(catalog, catalog.published_version)


def resolved(document):
    """Fill the undetermined elements and check every flag, as the office would before publishing."""
    for item in document["items"]:
        for name, value in (("channels", ["政府网站"]), ("audience", ["全社会"]), ("mode", ["主动"]), ("level", ["县级"])):
            if item[name] is None:
                item[name] = value
        item["anomalies"] = [dict(a, resolved=True, resolved_by="xa_office", resolved_note="已核对") for a in item["anomalies"]]
    return document


# ---------------------------------------------------------------- round trip

def test_import_of_a_template_document_creates_the_catalog_from_the_template(setup):
    templates, county, _, users = setup
    version = catalog_import_document(organisation=county, data=template_document(templates, DOMAIN_RELIEF), actor=users["office"])
    catalog = version.catalog
    assert (catalog.organisation, catalog.domain, catalog.template, catalog.is_template) == (
        county, DOMAIN_RELIEF, templates[DOMAIN_RELIEF], False)
    assert catalog.title == "西安县应急管理局救灾领域政务公开标准目录"
    assert (version.number, version.status, version.based_on, version.created_by) == (1, VersionStatus.DRAFT, None, users["office"])
    template_items = snapshot(templates[DOMAIN_RELIEF].published_version)
    assert snapshot(version) == template_items
    event = AuditEvent.objects.get(action="catalog.imported")
    assert (event.organisation, event.actor, event.target_id) == (county, users["office"], str(version.pk))
    assert event.after["items"] == 19 and event.after["creates_catalog"] is True


@pytest.mark.parametrize("domain", [DOMAIN_SAFETY, DOMAIN_RELIEF])
def test_round_trip_export_import_gives_identical_items(setup, domain):
    templates, county, other, users = setup
    first = catalog_import_document(organisation=county, data=template_document(templates, domain), actor=users["office"])
    office = users["office"]
    # Make the catalog local: refine an item, add a local item, retire another.
    services.catalog_item_update(item=first.items.order_by("position").first(), actor=office,
                                 data={"content": "本县补充：县级地方性法规", "channels": ["政府网站", "其他"]})
    services.catalog_item_add(version=first, actor=office, data={
        "first_level": "政策文件", "second_level": "本县应急预案", "content": "县级专项应急预案",
        "basis": "《突发事件应对法》", "time_limit_text": "信息形成或变更之日起20个工作日内", "subject": "县应急管理局",
        "channels": ["政府网站"], "audience": ["全社会"], "mode": ["主动"], "level": ["县级"],
    })
    services.catalog_item_retire(item=first.items.order_by("-position").first(), actor=office, reason="本县暂无此类信息")

    exported = catalog_json(first.catalog, first)
    second = catalog_import_document(organisation=other, data=exported, actor=users["other_office"])
    assert snapshot(second) == snapshot(first)
    assert second.items.get(key="local/1").is_local is True
    assert second.items.get(key="local/1").template_key == ""
    assert json.loads(catalog_json(second.catalog, second))["items"] == json.loads(exported)["items"]


def test_import_after_publication_opens_the_next_version(setup):
    templates, county, _, users = setup
    document = resolved(template_document(templates, DOMAIN_SAFETY))
    first = catalog_import_document(organisation=county, data=document, actor=users["office"])
    services.catalog_version_submit(version=first, actor=users["office"])
    services.catalog_version_approve(version=first, actor=users["leader"])

    document["items"][0]["content"] = "第二版：与安全生产有关的法律、法规及本省地方性法规"
    second = catalog_import_document(organisation=county, data=document, actor=users["office"])
    assert second.catalog == first.catalog
    assert (second.number, second.status, second.based_on) == (2, VersionStatus.DRAFT, first)
    assert second.items.get(key="政策文件/1").content.startswith("第二版")
    first.refresh_from_db()
    assert first.status == VersionStatus.PUBLISHED
    assert first.items.get(key="政策文件/1").content == "与安全生产有关的法律、法规"

    before = counts()
    with pytest.raises(InvalidTransition):
        catalog_import_document(organisation=county, data=document, actor=users["office"])
    assert counts() == before


def test_import_while_a_draft_is_open_is_refused(setup):
    templates, county, _, users = setup
    document = template_document(templates, DOMAIN_SAFETY)
    catalog_import_document(organisation=county, data=document, actor=users["office"])
    before = counts()
    with pytest.raises(InvalidTransition):
        catalog_import_document(organisation=county, data=document, actor=users["office"])
    assert counts() == before


def test_a_dry_run_while_a_draft_is_open_is_refused(setup):
    """The plan (what --dry-run reports) refuses too, before anything would be written."""
    templates, county, _, users = setup
    document = template_document(templates, DOMAIN_SAFETY)
    catalog_import_document(organisation=county, data=document, actor=users["office"])
    with pytest.raises(InvalidTransition, match="未发布的版本"):
        catalog_import_plan(organisation=county, data=document, actor=users["office"])


def test_labels_are_stored_in_the_official_order(setup):
    templates, county, _, users = setup
    document = template_document(templates, DOMAIN_SAFETY)
    document["items"][0]["channels"] = ["政务服务中心", "政府网站"]
    document["items"][0]["level"] = ["乡级", "县级"]
    version = catalog_import_document(organisation=county, data=document, actor=users["office"])
    item = version.items.get(key="政策文件/1")
    assert item.channels == ["政府网站", "政务服务中心"] and item.level == ["县级", "乡级"]


# ---------------------------------------------------------------- invalid input writes nothing

def test_malformed_json_reports_its_position_and_writes_nothing(setup):
    _, county, _, users = setup
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        catalog_import_document(organisation=county, data=b'{"schema": "gongkai.catalog/1",\n  "items": [1, 2,]\n}', actor=users["office"])
    assert exc.value.problems == ["JSON 格式错误：第 2 行第 18 列（第 50 个字符）：Expecting value"]
    assert counts() == before


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(ValidationFailed) as exc:
        parse_document(b'{"title": "\xc4\xbf\xc2\xbc\xd3\xa6\xbc\xb1"}')  # GBK text, invalid UTF-8 at byte 18
    assert exc.value.problems == ["文件不是 UTF-8 编码：第 18 个字节无法解码。"]


def test_a_utf8_bom_is_accepted():
    assert parse_document(b"\xef\xbb\xbf{}") == {}


def test_a_document_with_several_problems_reports_every_one_and_writes_nothing(setup):
    templates, county, _, users = setup
    document = template_document(templates, DOMAIN_RELIEF)
    document["items"][0]["channels"] = ["广播"]
    document["items"][1]["key"] = document["items"][0]["key"]
    document["items"][2]["retired"] = True
    del document["items"][3]["subject"]
    document["items"][4]["number"] = 0
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        catalog_import_document(organisation=county, data=json.dumps(document, ensure_ascii=False), actor=users["office"])
    problems = exc.value.problems
    assert len(problems) == 5, problems
    assert [p.split("：")[0] for p in problems] == [
        "$.items[0].channels[0]", "$.items[2].retired_reason", "$.items[3]", "$.items[4].number", "$.items[1].key",
    ]
    assert "5 处问题" in exc.value.message
    assert counts() == before


def test_an_unpublished_national_template_is_refused(db):
    county = make_org("xa", "西安县应急管理局")
    office = make_user("xa_office", county, Role.OFFICE)
    templates = import_templates()
    document = template_document(templates, DOMAIN_SAFETY)
    templates[DOMAIN_SAFETY].versions.update(status=VersionStatus.SUPERSEDED)
    with pytest.raises(InvalidTransition):
        catalog_import_document(organisation=county, data=document, actor=office)
    assert not Catalog.objects.filter(organisation=county).exists()


# ---------------------------------------------------------------- permissions

@pytest.mark.parametrize("who", ["drafter", "leader", "other_office"])
def test_only_the_organisations_office_may_import(setup, who):
    templates, county, _, users = setup
    before = counts()
    with pytest.raises(PermissionDenied):
        catalog_import_document(organisation=county, data=template_document(templates, DOMAIN_SAFETY), actor=users[who])
    assert counts() == before


def test_permission_is_checked_before_the_document_is_read(setup):
    _, county, _, users = setup
    with pytest.raises(PermissionDenied):
        catalog_import_plan(organisation=county, data=b"not json", actor=users["drafter"])


# ---------------------------------------------------------------- management commands

@pytest.fixture
def exported_file(setup, tmp_path):
    templates = setup[0]
    path = tmp_path / "relief.json"
    call_command("export_catalog", "--catalog", str(templates[DOMAIN_RELIEF].pk), "--output", str(path), stdout=io.StringIO())
    return path


def test_export_command_writes_each_format(setup, tmp_path):
    templates = setup[0]
    catalog = templates[DOMAIN_SAFETY]
    for fmt, magic in (("json", b"{"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        path = tmp_path / f"safety.{fmt}"
        call_command("export_catalog", "--catalog", str(catalog.pk), "--format", fmt, "--output", str(path), stdout=io.StringIO())
        assert path.read_bytes().startswith(magic)
    document = json.loads((tmp_path / "safety.json").read_text(encoding="utf-8"))
    assert document == catalog_document(catalog, catalog.published_version)


def test_export_command_refuses_an_unknown_catalog(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_catalog", "--catalog", "999", "--output", str(tmp_path / "x.json"))


def test_import_command_dry_run_writes_nothing(setup, exported_file):
    before = counts()
    out = io.StringIO()
    call_command("import_catalog", str(exported_file), "--organisation", "xa", "--user", "xa_office", "--dry-run", stdout=out)
    assert counts() == before
    assert "would create version 1 of a new catalog" in out.getvalue()
    assert "19 items" in out.getvalue()


def test_import_command_imports(setup, exported_file):
    _, county, _, _ = setup
    out = io.StringIO()
    call_command("import_catalog", str(exported_file), "--organisation", "xa", "--user", "xa_office", stdout=out)
    version = Catalog.objects.get(organisation=county, domain=DOMAIN_RELIEF).latest_version
    assert version.items.count() == 19
    assert "version 1" in out.getvalue()


def test_import_command_prints_every_problem_and_fails(setup, tmp_path):
    templates = setup[0]
    document = template_document(templates, DOMAIN_SAFETY)
    document["domain"] = "flood"
    document["items"][0]["mode"] = ["被动"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = counts()
    err = io.StringIO()
    for extra in ([], ["--dry-run"]):
        with pytest.raises(CommandError, match="2 处问题"):
            call_command("import_catalog", str(path), "--organisation", "xa", "--user", "xa_office", *extra, stderr=err)
    lines = err.getvalue().splitlines()
    assert sum(line.startswith("$.domain：") for line in lines) == 2
    assert sum(line.startswith("$.items[0].mode[0]：") for line in lines) == 2
    assert counts() == before


@pytest.mark.parametrize("args, message", [
    (["--organisation", "nope", "--user", "xa_office"], "no organisation"),
    (["--organisation", "xa", "--user", "nobody"], "no user"),
    (["--organisation", "xa", "--user", "xa_drafter"], "xa_drafter"),
])
def test_import_command_refuses_bad_arguments(setup, exported_file, args, message):
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("import_catalog", str(exported_file), *args)
    assert counts() == before
