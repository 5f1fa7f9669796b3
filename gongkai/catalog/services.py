"""Writes to catalogs: keyword-only functions that validate their input, then run a declared transition.

State changes of a catalog version (item edits, submission, review, publication, revision) are
transitions of ``workflow.VERSION_WORKFLOW``, run by the kernel (lock, state check, permission,
save, one audit event). Creating a catalog (derivation from a template, the seed import of a
template) is not a state change of an existing row: those services check permission themselves
and write one typed audit event.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit, clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.workflow import Step
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .constants import DOMAIN_TITLES, VOCABULARIES
from .models import Catalog, CatalogItem, CatalogVersion
from .seed_parser import ParsedCatalog
from .states import CatalogEvent, VersionStatus
from .timelimits import parse_time_limit
from .workflow import VERSION_WORKFLOW

ITEM_FIELDS = (
    "first_level", "number", "second_level", "content", "basis", "time_limit_text",
    "time_limit_rule", "subject", "channels", "audience", "mode", "level",
)
EDITABLE_FIELDS = (
    "first_level", "second_level", "content", "basis", "time_limit_text", "subject",
    "channels", "audience", "mode", "level",
)
REQUIRED_ELEMENTS = (
    ("second_level", gettext_lazy("名称（二级事项）")),
    ("content", gettext_lazy("公开内容")),
    ("basis", gettext_lazy("公开依据")),
    ("time_limit_text", gettext_lazy("公开时限")),
    ("subject", gettext_lazy("公开主体")),
    ("mode", gettext_lazy("公开方式")),
    ("channels", gettext_lazy("公开渠道和载体")),
    ("audience", gettext_lazy("公开对象")),
)


def item_snapshot(item: CatalogItem) -> dict:
    data = {f: getattr(item, f) for f in ITEM_FIELDS}
    data.update(key=item.key, retired=item.retired, retired_reason=item.retired_reason, is_local=item.is_local)
    return data


def item_title(item: CatalogItem) -> str:
    return f"{item.first_level} {item.number}. {item.second_level or _('（未命名）')}"


def _item_facts(item: CatalogItem, before: dict | None = None, after: dict | None = None) -> dict:
    """What an item event adds to the audit row: which item, and its changed elements."""
    facts = {"item": item.key, "item_title": item_title(item)}
    if before is not None:
        facts["item_before"] = before
    if after is not None:
        facts["item_after"] = after
    return facts


def _locked_item(version: CatalogVersion, item: CatalogItem) -> CatalogItem:
    # The version row is locked by the runner, so the item cannot change under us.
    return CatalogItem.objects.get(pk=item.pk, version=version)


def _sync(target, source) -> None:
    for f in type(source)._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


# ---------------------------------------------------------------- national templates

def _template_items(parsed: ParsedCatalog) -> list[dict]:
    return [
        dict(
            key=p.key, template_key=p.key, position=n, first_level=p.first_level, number=p.number,
            second_level=p.second_level, content=p.content, basis=p.basis, time_limit_text=p.time_limit_text,
            time_limit_rule=p.time_limit_rule, subject=p.subject, channels=p.channels, audience=p.audience,
            mode=p.mode, level=p.level, anomalies=[dict(a.as_dict(), resolved=False) for a in p.anomalies],
            source=p.source,
        )
        for n, p in enumerate(parsed.items, start=1)
    ]


@transaction.atomic
def template_import(*, parsed: ParsedCatalog, source_note: str, actor=None) -> tuple[Catalog, bool]:
    """Create or refresh the national template of one domain; return (catalog, changed).

    A trusted step (the seed import): no person's permission is checked.
    """
    wanted = _template_items(parsed)
    catalog_anomalies = [a.as_dict() for a in parsed.anomalies]
    catalog = Catalog.objects.filter(is_template=True, domain=parsed.domain).first()
    if catalog is None:
        catalog = Catalog.objects.create(
            domain=parsed.domain, title=parsed.title, is_template=True,
            source_note=source_note, anomalies=catalog_anomalies,
        )
        version = CatalogVersion.objects.create(
            catalog=catalog, number=1, status=VersionStatus.PUBLISHED, published_at=clock.now(),
        )
        CatalogItem.objects.bulk_create(CatalogItem(version=version, **w) for w in wanted)
        audit.record(CatalogEvent.TEMPLATE_IMPORTED, actor=actor, target=catalog, after={"items": len(wanted)})
        return catalog, True

    version = catalog.published_version
    current = [{k: getattr(i, k) for k in wanted[0]} for i in version.items.order_by("position")] if wanted else []
    if current == wanted and catalog.anomalies == catalog_anomalies and catalog.title == parsed.title \
            and catalog.source_note == source_note:
        return catalog, False

    def apply(locked: CatalogVersion):
        template = Catalog.objects.select_for_update().get(pk=locked.catalog_id)
        template.title, template.anomalies, template.source_note = parsed.title, catalog_anomalies, source_note
        template.save()
        locked.items.all().delete()
        CatalogItem.objects.bulk_create(CatalogItem(version=locked, **w) for w in wanted)

    VERSION_WORKFLOW.run("reimport_template", version, actor=actor, trusted=True, apply=apply,
                         extra={"items": len(wanted), "items_before": len(current)})
    catalog.refresh_from_db()
    return catalog, True


# ---------------------------------------------------------------- derivation and revision

@transaction.atomic
def catalog_derive(*, organisation: Organisation, template: Catalog, actor) -> Catalog:
    """Create an organisation's catalog from a national template, as a draft version 1."""
    require(actor, Action.CATALOG_EDIT, organisation)
    if not template.is_template:
        raise InvalidTransition(_("只能从国家标准目录模板派生。"))
    source = template.published_version
    if source is None:
        raise InvalidTransition(_("国家标准目录模板尚未导入。"))
    if Catalog.objects.filter(organisation=organisation, domain=template.domain).exists():
        raise InvalidTransition(_("本机关已有该领域的目录，请在现有目录上修订。"))
    catalog = Catalog.objects.create(
        organisation=organisation, domain=template.domain, template=template,
        title=f"{organisation.name}{DOMAIN_TITLES[template.domain].replace('基层', '')}",
    )
    version = CatalogVersion.objects.create(catalog=catalog, number=1, created_by=actor)
    CatalogItem.objects.bulk_create(
        CatalogItem(
            version=version, key=i.key, template_key=i.key, position=i.position,
            **{f: getattr(i, f) for f in ITEM_FIELDS},
            anomalies=i.anomalies, source=i.source,
        )
        for i in source.items.all()
    )
    audit.record(CatalogEvent.DERIVED, actor=actor, organisation=organisation, target=catalog,
                 after={"template": template.pk, "version": 1})
    return catalog


def catalog_version_start(*, catalog: Catalog, actor) -> CatalogVersion:
    """Open a new draft version copied from the published one (a revision of the catalog)."""
    base = catalog.published_version
    if base is None:
        raise InvalidTransition(_("目录尚无已发布版本。"))
    facts: dict = {}

    def apply(locked: CatalogVersion):
        number = (CatalogVersion.objects.filter(catalog_id=locked.catalog_id).aggregate(n=Max("number"))["n"] or 0) + 1
        version = CatalogVersion.objects.create(catalog_id=locked.catalog_id, number=number, based_on=locked,
                                                created_by=actor)
        CatalogItem.objects.bulk_create(
            CatalogItem(
                version=version, key=i.key, template_key=i.template_key, position=i.position,
                is_local=i.is_local, retired=i.retired, retired_reason=i.retired_reason,
                anomalies=i.anomalies, source=i.source, **{f: getattr(i, f) for f in ITEM_FIELDS},
            )
            for i in locked.items.all()
        )
        facts["new_version"] = number
        return Step(result=version)

    return VERSION_WORKFLOW.run("revise", base, actor=actor, apply=apply, extra=facts).result


# ---------------------------------------------------------------- items

def validate_item_data(data: dict) -> list[str]:
    """Return the problems of an item's editable data (vocabulary only; completeness is checked on submit)."""
    problems = []
    for name, allowed in VOCABULARIES.items():
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, list) or any(v not in allowed for v in value):
            problems.append(_("“%(field)s”含有不在官方选项中的值。") % {"field": CatalogItem._meta.get_field(name).verbose_name})
    return problems


def _ordered(name: str, value):
    return [v for v in VOCABULARIES[name] if v in value] if name in VOCABULARIES and value is not None else value


def catalog_item_update(*, item: CatalogItem, actor, data: dict, anomalies_checked_note: str = "") -> CatalogItem:
    """Change an item's elements in an editable version; optionally mark its anomalies as checked."""
    problems = validate_item_data(data)
    if "first_level" in data and not (data["first_level"] or "").strip():
        problems.append(_("请填写一级事项。"))
    if "second_level" in data and not (data["second_level"] or "").strip():
        problems.append(_("请填写二级事项名称。"))
    if problems:
        raise ValidationFailed(_("事项内容有误。"), problems=problems)
    note = (anomalies_checked_note or "").strip()
    facts: dict = {}

    def apply(version: CatalogVersion):
        locked = _locked_item(version, item)
        before = item_snapshot(locked)
        for name in EDITABLE_FIELDS:
            if name in data:
                setattr(locked, name, _ordered(name, data[name]))
        if "time_limit_text" in data and data["time_limit_text"] != before["time_limit_text"]:
            locked.time_limit_rule = parse_time_limit(locked.time_limit_text)
        if note:
            locked.anomalies = [
                a if a.get("resolved") else dict(a, resolved=True, resolved_by=actor.username,
                                                  resolved_by_name=audit.actor_name(actor), resolved_note=note)
                for a in locked.anomalies
            ]
        locked.save()
        after = item_snapshot(locked)
        changed = [k for k in after if after[k] != before[k]]
        facts.update(_item_facts(locked, {k: before[k] for k in changed}, {k: after[k] for k in changed}))
        return Step(result=locked)

    # `extra` is read after apply() has run: the dict is filled in place.
    ran = VERSION_WORKFLOW.run("edit_item", item.version, actor=actor, apply=apply, reason=note, extra=facts)
    _sync(item, ran.result)
    return item


def existing_first_levels(version: CatalogVersion) -> list[str]:
    """The first-level groups of a version, in catalog order."""
    return list(dict.fromkeys(version.items.order_by("position").values_list("first_level", flat=True)))


def catalog_item_add(*, version: CatalogVersion, actor, data: dict, new_first_level: bool = False) -> CatalogItem:
    """Add a local item (本地新增事项) to an editable version.

    Its first-level group is one of the version's groups, or — only when `new_first_level` is
    set — a new group added at the end.
    """
    problems = validate_item_data(data)
    first_level = (data.get("first_level") or "").strip()
    if not first_level:
        problems.append(_("请填写一级事项。"))
    if not (data.get("second_level") or "").strip():
        problems.append(_("请填写二级事项名称。"))
    groups = existing_first_levels(version)
    if first_level and new_first_level and first_level in groups:
        problems.append(_("一级事项“%(name)s”已存在，请直接选择它。") % {"name": first_level})
    if first_level and not new_first_level and first_level not in groups:
        problems.append(_("一级事项“%(name)s”不在本目录中；请从现有一级事项中选择，或选择“新增一级事项”。") % {"name": first_level})
    if problems:
        raise ValidationFailed(_("事项内容有误。"), problems=problems)
    facts: dict = {}

    def apply(locked: CatalogVersion):
        items = list(locked.items.all())
        local_numbers = [int(i.key.split("/")[1]) for i in items if i.key.startswith("local/")]
        key = f"local/{max(local_numbers, default=0) + 1}"
        number = max((i.number for i in items if i.first_level == first_level), default=0) + 1
        position = max((i.position for i in items if i.first_level == first_level),
                       default=max((i.position for i in items), default=0)) + 1
        locked.items.filter(position__gte=position).update(position=F("position") + 1)
        new = CatalogItem(version=locked, key=key, is_local=True, position=position, number=number)
        for name in EDITABLE_FIELDS:
            value = data.get(name)
            if name in VOCABULARIES:
                value = _ordered(name, value or [])
            setattr(new, name, value if value is not None else "")
        new.first_level = first_level
        new.time_limit_rule = parse_time_limit(new.time_limit_text)
        new.save()
        facts.update(_item_facts(new, after={k: v for k, v in item_snapshot(new).items()
                                             if k not in ("key", "retired", "retired_reason", "is_local")}))
        return Step(result=new)

    return VERSION_WORKFLOW.run("add_item", version, actor=actor, apply=apply, extra=facts).result


def catalog_item_retire(*, item: CatalogItem, actor, reason: str) -> CatalogItem:
    """Retire (停用) an item; nothing is removed without a recorded reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("停用事项必须填写理由。"), problems=[_("停用事项必须填写理由。")])
    facts: dict = {}

    def apply(version: CatalogVersion):
        locked = _locked_item(version, item)
        if locked.retired:
            raise InvalidTransition(_("该事项已停用。"))
        locked.retired, locked.retired_reason = True, reason
        locked.save(update_fields=["retired", "retired_reason"])
        facts.update(_item_facts(locked, {"retired": False}, {"retired": True}))
        return Step(result=locked)

    ran = VERSION_WORKFLOW.run("retire_item", item.version, actor=actor, apply=apply, reason=reason, extra=facts)
    _sync(item, ran.result)
    return item


def catalog_item_restore(*, item: CatalogItem, actor, reason: str = "") -> CatalogItem:
    """Bring a retired item back into the catalog."""
    facts: dict = {}

    def apply(version: CatalogVersion):
        locked = _locked_item(version, item)
        if not locked.retired:
            raise InvalidTransition(_("该事项未停用。"))
        old_reason = locked.retired_reason
        locked.retired, locked.retired_reason = False, ""
        locked.save(update_fields=["retired", "retired_reason"])
        facts.update(_item_facts(locked, {"retired": True, "retired_reason": old_reason},
                                 {"retired": False, "retired_reason": ""}))
        return Step(result=locked)

    ran = VERSION_WORKFLOW.run("restore_item", item.version, actor=actor, apply=apply,
                               reason=(reason or "").strip(), extra=facts)
    _sync(item, ran.result)
    return item


# ---------------------------------------------------------------- review workflow

@dataclass(frozen=True)
class Problem:
    """One reason a version cannot be submitted; `item` is None for the catalog as a whole."""

    message: str
    item: CatalogItem | None = None

    def __str__(self) -> str:
        return self.message


def submission_problems(version: CatalogVersion) -> list[Problem]:
    """Return every reason the version cannot be submitted yet (empty when it can)."""
    problems = []
    items = list(version.items.filter(retired=False).order_by("position"))
    if not items:
        problems.append(Problem(_("目录中没有有效事项。")))
    for item in items:
        label = item_title(item)
        for name, title in REQUIRED_ELEMENTS:
            value = getattr(item, name)
            if value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, list) and not value):
                problems.append(Problem(_("%(item)s：缺少“%(element)s”。") % {"item": label, "element": title}, item))
        if item.open_anomalies:
            problems.append(Problem(
                _("%(item)s：有 %(n)d 项原表异常尚未人工核对。") % {"item": label, "n": len(item.open_anomalies)}, item))
    return problems


def catalog_version_submit(*, version: CatalogVersion, actor, note: str = "") -> CatalogVersion:
    """Submit a draft for review (报本级政府相关业务部门审核); refused while elements are missing."""
    def apply(locked: CatalogVersion):
        problems = submission_problems(locked)
        if problems:
            raise ValidationFailed(_("目录要素不完整，不能报审。"), problems=[p.message for p in problems])
        locked.submitted_at = clock.now()

    return VERSION_WORKFLOW.run("submit", version, actor=actor, apply=apply, reason=(note or "").strip()).instance


def catalog_version_return(*, version: CatalogVersion, actor, comment: str) -> CatalogVersion:
    """Return a submitted version to its authors with review comments."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed(_("退回时必须填写审核意见。"), problems=[_("退回时必须填写审核意见。")])

    def apply(locked: CatalogVersion):
        locked.reviewed_at, locked.review_comment = clock.now(), comment

    return VERSION_WORKFLOW.run("return", version, actor=actor, apply=apply, reason=comment).instance


def catalog_version_approve(*, version: CatalogVersion, actor, comment: str = "") -> CatalogVersion:
    """Approve a submitted version; approval publishes it and supersedes the previous one."""
    comment = (comment or "").strip()

    def apply(locked: CatalogVersion):
        previous = CatalogVersion.objects.filter(catalog_id=locked.catalog_id, status=VersionStatus.PUBLISHED).first()
        if previous is not None:
            VERSION_WORKFLOW.run("supersede", previous, actor=actor)
        now = clock.now()
        locked.reviewed_at, locked.published_at, locked.review_comment = now, now, comment

    return VERSION_WORKFLOW.run("approve", version, actor=actor, apply=apply, reason=comment).instance
