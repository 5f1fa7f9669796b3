"""The catalog version's transition table, row by row.

For every declared transition: the right actor in the right state succeeds (new state, exactly
one audit row of the transition's event); a wrong state raises InvalidTransition; an actor
without the permission raises PermissionDenied; in both failure cases nothing is written.
"""
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.catalog import services
from gongkai.catalog.models import Catalog, CatalogItem, CatalogVersion
from gongkai.catalog.states import VersionStatus as S
from gongkai.catalog.states import CatalogEvent
from gongkai.catalog.workflow import VERSION_WORKFLOW
from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent

from .test_services import complete

RETIRED = "工作信息"  # retired in every prepared catalog, before it is submitted
EDITED = "法律法规"


def prepare(state: str, templates, orgs, users) -> CatalogVersion:
    """Return 泽州县's relief catalog version in `state`, reached through the real services."""
    office, leader = users["zz_office"], users["zz_leader"]
    catalog = services.catalog_derive(organisation=orgs["sx-jc-zz"], template=templates["relief"], actor=office)
    version = catalog.latest_version
    complete(version, office)
    services.catalog_item_retire(item=version.items.get(second_level=RETIRED), actor=office, reason="并入工作动态栏目")
    if state == S.DRAFT:
        return version
    services.catalog_version_submit(version=version, actor=office)
    if state == S.SUBMITTED:
        return _fresh(version)
    if state == S.RETURNED:
        services.catalog_version_return(version=version, actor=leader, comment="请补充")
        return _fresh(version)
    services.catalog_version_approve(version=version, actor=leader)
    if state == S.PUBLISHED:
        return _fresh(version)
    v2 = services.catalog_version_start(catalog=catalog, actor=office)
    services.catalog_version_submit(version=v2, actor=office)
    services.catalog_version_approve(version=v2, actor=leader)
    assert state == S.SUPERSEDED
    return _fresh(version)


def _fresh(version):
    return CatalogVersion.objects.select_related("catalog__organisation").get(pk=version.pk)


def _item(version, name):
    return version.items.get(second_level=name)


@dataclass
class Row:
    transition: str
    source: str  # a state the transition starts from
    target: str  # the state after it
    actor: str  # who may run it
    refused: tuple[str, ...]  # who may not (same organisation without the role, another organisation)
    wrong_state: str
    call: Callable  # call(version, actor)


def _run(name, **kwargs):
    return lambda version, actor: VERSION_WORKFLOW.run(name, version, actor=actor, **kwargs).instance


LOCAL = {"first_level": "工作动态", "second_level": "本县救灾工作简报", "content": "救灾工作简报",
         "basis": "《自然灾害救助条例》", "time_limit_text": "信息形成或变更之日起20个工作日内", "subject": "泽州县应急管理局",
         "channels": ["政府网站"], "audience": ["全社会"], "mode": ["主动"], "level": ["县级"]}

ROWS = [
    Row("edit_item", S.DRAFT, S.DRAFT, "zz_office", ("zz_leader", "yc_office", "jc_supervisor"), S.SUBMITTED,
        lambda v, a: services.catalog_item_update(item=_item(v, EDITED), actor=a, data={"content": "法律法规及本县规范性文件"})),
    Row("add_item", S.RETURNED, S.RETURNED, "zz_office", ("zz_leader", "yc_office"), S.PUBLISHED,
        lambda v, a: services.catalog_item_add(version=v, actor=a, data=LOCAL)),
    Row("retire_item", S.DRAFT, S.DRAFT, "zz_office", ("zz_drafter", "yc_office"), S.SUBMITTED,
        lambda v, a: services.catalog_item_retire(item=_item(v, EDITED), actor=a, reason="并入政策文件栏目")),
    Row("restore_item", S.RETURNED, S.RETURNED, "zz_office", ("zz_leader", "yc_office"), S.SUPERSEDED,
        lambda v, a: services.catalog_item_restore(item=_item(v, RETIRED), actor=a, reason="恢复")),
    Row("submit", S.DRAFT, S.SUBMITTED, "zz_office", ("zz_leader", "yc_office", "jc_supervisor"), S.PUBLISHED,
        lambda v, a: services.catalog_version_submit(version=v, actor=a)),
    Row("approve", S.SUBMITTED, S.PUBLISHED, "zz_leader", ("zz_office", "yc_leader", "jc_supervisor"), S.RETURNED,
        lambda v, a: services.catalog_version_approve(version=v, actor=a, comment="同意")),
    Row("return", S.SUBMITTED, S.RETURNED, "zz_leader", ("zz_office", "yc_leader"), S.DRAFT,
        lambda v, a: services.catalog_version_return(version=v, actor=a, comment="请补充公开依据")),
    Row("supersede", S.PUBLISHED, S.SUPERSEDED, "zz_leader", ("zz_office", "yc_leader"), S.SUBMITTED,
        _run("supersede")),
    Row("revise", S.PUBLISHED, S.PUBLISHED, "zz_office", ("zz_leader", "yc_office", "jc_supervisor"), S.SUPERSEDED,
        _run("revise", apply=lambda locked: None)),
    Row("reimport_template", S.PUBLISHED, S.PUBLISHED, "zz_office", ("zz_office",), S.DRAFT,
        _run("reimport_template")),
]


def test_every_declared_transition_has_a_row():
    assert sorted(r.transition for r in ROWS) == sorted(t.name for t in VERSION_WORKFLOW.transitions)


def test_every_row_matches_the_declaration():
    for row in ROWS:
        t = VERSION_WORKFLOW[row.transition]
        assert row.source in t.sources and row.wrong_state not in t.sources
        assert (t.targets == {row.target}) if t.targets else (row.target == row.source)


def fingerprint():
    """Everything a catalog transition could write."""
    return (
        list(CatalogVersion.objects.order_by("pk").values_list(
            "pk", "status", "submitted_at", "reviewed_at", "published_at", "review_comment")),
        list(CatalogItem.objects.order_by("pk").values_list("pk", "content", "retired", "retired_reason", "position")),
        Catalog.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def world(tree, seed_templates):
    orgs, users = tree
    return seed_templates, orgs, users


def _trusted(row) -> bool:
    return row.transition == "reimport_template"


@pytest.mark.parametrize("row", ROWS, ids=[r.transition for r in ROWS])
def test_the_right_actor_in_the_right_state_succeeds(world, row):
    templates, orgs, users = world
    version = prepare(row.source, templates, orgs, users)
    if _trusted(row):  # the seed import refreshes a template, as a trusted step
        version = templates["relief"].published_version
    before = AuditEvent.objects.count()
    if _trusted(row):
        VERSION_WORKFLOW.run("reimport_template", version, actor=None, trusted=True)
    else:
        row.call(version, users[row.actor])
    version.refresh_from_db()
    assert version.status == row.target
    event = VERSION_WORKFLOW[row.transition].event
    assert AuditEvent.objects.count() == before + 1
    written = AuditEvent.objects.latest("pk")
    assert written.action == event and written.target_id == str(version.pk)
    assert written.actor == (None if _trusted(row) else users[row.actor])


@pytest.mark.parametrize("row", ROWS, ids=[r.transition for r in ROWS])
def test_a_wrong_state_raises_invalid_transition_and_writes_nothing(world, row):
    templates, orgs, users = world
    version = prepare(row.wrong_state, templates, orgs, users)
    before = fingerprint()
    with pytest.raises(InvalidTransition):
        if _trusted(row):
            VERSION_WORKFLOW.run("reimport_template", version, actor=None, trusted=True)
        else:
            row.call(version, users[row.actor])
    assert fingerprint() == before


@pytest.mark.parametrize("row", ROWS, ids=[r.transition for r in ROWS])
def test_an_actor_without_the_permission_is_refused_and_nothing_is_written(world, row):
    templates, orgs, users = world
    version = prepare(row.source, templates, orgs, users)
    if _trusted(row):  # without trusted=True nobody may change a national template
        version = templates["relief"].published_version
    before = fingerprint()
    for username in row.refused:
        with pytest.raises(PermissionDenied):
            row.call(version, users[username])
        assert fingerprint() == before


def test_approving_a_revision_supersedes_the_published_version_in_the_same_step(world):
    templates, orgs, users = world
    v1 = prepare(S.PUBLISHED, templates, orgs, users)
    v2 = services.catalog_version_start(catalog=v1.catalog, actor=users["zz_office"])
    services.catalog_version_submit(version=v2, actor=users["zz_office"])
    before = AuditEvent.objects.count()
    services.catalog_version_approve(version=v2, actor=users["zz_leader"])
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (S.SUPERSEDED, S.PUBLISHED)
    assert list(AuditEvent.objects.filter(pk__gt=0).order_by("-pk").values_list("action", flat=True)[:2]) == [
        CatalogEvent.PUBLISHED, CatalogEvent.SUPERSEDED]
    assert AuditEvent.objects.count() == before + 2


def test_the_buttons_come_from_the_table(world):
    templates, orgs, users = world
    version = prepare(S.SUBMITTED, templates, orgs, users)
    names = lambda who: [t.name for t in VERSION_WORKFLOW.available_actions(version, users[who])]
    assert names("zz_leader") == ["approve", "return"]
    assert names("zz_office") == []
    assert names("jc_supervisor") == []


def test_the_drafting_buttons_come_from_the_table(world):
    templates, orgs, users = world
    draft = prepare(S.DRAFT, templates, orgs, users)
    assert [t.name for t in VERSION_WORKFLOW.available_actions(draft, users["zz_office"])] == ["add_item", "submit"]
    assert {"edit_item", "retire_item", "restore_item"} <= VERSION_WORKFLOW.available_names(draft, users["zz_office"])
    assert VERSION_WORKFLOW.available_names(draft, users["zz_leader"]) == set()
