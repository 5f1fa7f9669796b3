"""Writes to catalogs: one keyword-only function per transition, atomic and audited."""
from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .constants import AUDIENCES, CHANNELS, DOMAIN_TITLES, LEVELS, MODES
from .models import Catalog, CatalogItem, CatalogVersion
from .seed_parser import ParsedCatalog
from .states import ALLOWED_TRANSITIONS, EDITABLE, VersionStatus
from .timelimits import parse_time_limit

ITEM_FIELDS = (
    "first_level", "number", "second_level", "content", "basis", "time_limit_text",
    "time_limit_rule", "subject", "channels", "audience", "mode", "level",
)
EDITABLE_FIELDS = (
    "first_level", "second_level", "content", "basis", "time_limit_text", "subject",
    "channels", "audience", "mode", "level",
)
VOCABULARY = {"channels": CHANNELS, "audience": AUDIENCES, "mode": MODES, "level": LEVELS}
REQUIRED_ELEMENTS = (
    ("second_level", _("名称（二级事项）")),
    ("content", _("公开内容")),
    ("basis", _("公开依据")),
    ("time_limit_text", _("公开时限")),
    ("subject", _("公开主体")),
    ("mode", _("公开方式")),
    ("channels", _("公开渠道和载体")),
    ("audience", _("公开对象")),
)


def item_snapshot(item: CatalogItem) -> dict:
    data = {f: getattr(item, f) for f in ITEM_FIELDS}
    data.update(key=item.key, retired=item.retired, retired_reason=item.retired_reason, is_local=item.is_local)
    return data


def _transition(version: CatalogVersion, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS[version.status]:
        raise InvalidTransition(
            _("目录版本当前状态为“%(state)s”，不能执行此操作。") % {"state": version.get_status_display()}
        )


def _require_editable(version: CatalogVersion) -> None:
    if version.status not in EDITABLE:
        raise InvalidTransition(
            _("目录版本当前状态为“%(state)s”，不能修改。") % {"state": version.get_status_display()}
        )


# ---------------------------------------------------------------- national templates

@transaction.atomic
def template_import(*, parsed: ParsedCatalog, source_note: str, actor=None) -> tuple[Catalog, bool]:
    """Create or refresh the national template of one domain; return (catalog, changed)."""
    catalog = Catalog.objects.select_for_update(of=("self",)).filter(is_template=True, domain=parsed.domain).first()
    wanted = [
        dict(
            key=p.key, template_key=p.key, position=n, first_level=p.first_level, number=p.number,
            second_level=p.second_level, content=p.content, basis=p.basis, time_limit_text=p.time_limit_text,
            time_limit_rule=p.time_limit_rule, subject=p.subject, channels=p.channels, audience=p.audience,
            mode=p.mode, level=p.level, anomalies=[dict(a.as_dict(), resolved=False) for a in p.anomalies],
            source=p.source,
        )
        for n, p in enumerate(parsed.items, start=1)
    ]
    catalog_anomalies = [a.as_dict() for a in parsed.anomalies]
    if catalog is None:
        catalog = Catalog.objects.create(
            domain=parsed.domain, title=parsed.title, is_template=True,
            source_note=source_note, anomalies=catalog_anomalies,
        )
        version = CatalogVersion.objects.create(
            catalog=catalog, number=1, status=VersionStatus.PUBLISHED, published_at=clock.now(),
        )
        CatalogItem.objects.bulk_create(CatalogItem(version=version, **w) for w in wanted)
        audit.record("catalog.template_imported", actor=actor, target=catalog, after={"items": len(wanted)})
        return catalog, True

    version = catalog.published_version
    current = [
        {k: getattr(i, k) for k in wanted[0]} for i in version.items.order_by("position")
    ] if wanted else []
    if current == wanted and catalog.anomalies == catalog_anomalies and catalog.title == parsed.title \
            and catalog.source_note == source_note:
        return catalog, False
    catalog.title, catalog.anomalies, catalog.source_note = parsed.title, catalog_anomalies, source_note
    catalog.save()
    version.items.all().delete()
    CatalogItem.objects.bulk_create(CatalogItem(version=version, **w) for w in wanted)
    audit.record("catalog.template_reimported", actor=actor, target=catalog,
                 before={"items": len(current)}, after={"items": len(wanted)})
    return catalog, True


# ---------------------------------------------------------------- derivation and editing

@transaction.atomic
def catalog_derive(*, organisation: Organisation, template: Catalog, actor) -> Catalog:
    """Create an organisation's catalog from a national template, as a draft version 1."""
    require(actor, Action.CATALOG_EDIT, organisation)
    if not template.is_template:
        raise InvalidTransition(_("只能从国家标准目录模板派生。"))
    if Catalog.objects.filter(organisation=organisation, domain=template.domain).exists():
        raise InvalidTransition(_("本机关已有该领域的目录，请在现有目录上修订。"))
    catalog = Catalog.objects.create(
        organisation=organisation, domain=template.domain, template=template,
        title=f"{organisation.name}{DOMAIN_TITLES[template.domain].replace('基层', '')}",
    )
    version = CatalogVersion.objects.create(catalog=catalog, number=1, created_by=actor)
    source = template.published_version
    CatalogItem.objects.bulk_create(
        CatalogItem(
            version=version, key=i.key, template_key=i.key, position=i.position,
            **{f: getattr(i, f) for f in ITEM_FIELDS},
            anomalies=i.anomalies, source=i.source,
        )
        for i in source.items.all()
    )
    audit.record("catalog.derived", actor=actor, organisation=organisation, target=catalog,
                 after={"template": template.pk, "version": 1})
    return catalog


@transaction.atomic
def catalog_version_start(*, catalog: Catalog, actor) -> CatalogVersion:
    """Open a new draft version copied from the published one (a revision of the catalog)."""
    require(actor, Action.CATALOG_EDIT, catalog.organisation)
    catalog = Catalog.objects.select_for_update(of=("self",)).get(pk=catalog.pk)
    if catalog.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.RETURNED]).exists():
        raise InvalidTransition(_("已有一个未发布的版本，请先完成它。"))
    base = catalog.published_version
    if base is None:
        raise InvalidTransition(_("目录尚无已发布版本。"))
    number = (catalog.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CatalogVersion.objects.create(catalog=catalog, number=number, based_on=base, created_by=actor)
    CatalogItem.objects.bulk_create(
        CatalogItem(
            version=version, key=i.key, template_key=i.template_key, position=i.position,
            is_local=i.is_local, retired=i.retired, retired_reason=i.retired_reason,
            anomalies=i.anomalies, source=i.source, **{f: getattr(i, f) for f in ITEM_FIELDS},
        )
        for i in base.items.all()
    )
    audit.record("catalog.version_started", actor=actor, organisation=catalog.organisation, target=version,
                 after={"number": number, "based_on": base.number})
    return version


def validate_item_data(data: dict) -> list[str]:
    """Return the problems of an item's editable data (vocabulary only; completeness is checked on submit)."""
    problems = []
    for name, allowed in VOCABULARY.items():
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, list) or any(v not in allowed for v in value):
            problems.append(_("“%(field)s”含有不在官方选项中的值。") % {"field": CatalogItem._meta.get_field(name).verbose_name})
    return problems


@transaction.atomic
def catalog_item_update(*, item: CatalogItem, actor, data: dict, anomalies_checked_note: str = "") -> CatalogItem:
    """Change an item's elements in an editable version; optionally mark its anomalies as checked."""
    version = item.version
    require(actor, Action.CATALOG_EDIT, version.catalog.organisation)
    _require_editable(version)
    problems = validate_item_data(data)
    if problems:
        raise ValidationFailed(_("事项内容有误。"), problems=problems)
    before = item_snapshot(item)
    for name in EDITABLE_FIELDS:
        if name in data:
            value = data[name]
            setattr(item, name, [v for v in VOCABULARY[name] if v in value] if name in VOCABULARY and value is not None else value)
    if "time_limit_text" in data and data["time_limit_text"] != before["time_limit_text"]:
        item.time_limit_rule = parse_time_limit(item.time_limit_text)
    if anomalies_checked_note:
        item.anomalies = [
            a if a.get("resolved") else dict(a, resolved=True, resolved_by=actor.username, resolved_note=anomalies_checked_note)
            for a in item.anomalies
        ]
    item.save()
    after = item_snapshot(item)
    changed = {k: after[k] for k in after if after[k] != before[k]}
    audit.record("catalog.item_updated", actor=actor, organisation=version.catalog.organisation, target=item,
                 before={k: before[k] for k in changed}, after=changed, reason=anomalies_checked_note)
    return item


@transaction.atomic
def catalog_item_add(*, version: CatalogVersion, actor, data: dict) -> CatalogItem:
    """Add a local item (本地新增事项) to an editable version."""
    require(actor, Action.CATALOG_EDIT, version.catalog.organisation)
    _require_editable(version)
    problems = validate_item_data(data)
    if not (data.get("first_level") or "").strip():
        problems.append(_("请填写一级事项。"))
    if not (data.get("second_level") or "").strip():
        problems.append(_("请填写二级事项名称。"))
    if problems:
        raise ValidationFailed(_("事项内容有误。"), problems=problems)
    items = list(version.items.all())
    local_numbers = [int(i.key.split("/")[1]) for i in items if i.key.startswith("local/")]
    key = f"local/{max(local_numbers, default=0) + 1}"
    first_level = data["first_level"].strip()
    number = max((i.number for i in items if i.first_level == first_level), default=0) + 1
    position = max((i.position for i in items if i.first_level == first_level), default=len(items)) + 1
    version.items.filter(position__gte=position).update(position=F("position") + 1)
    item = CatalogItem(version=version, key=key, is_local=True, position=position, number=number)
    for name in EDITABLE_FIELDS:
        value = data.get(name)
        if name in VOCABULARY:
            value = [v for v in VOCABULARY[name] if v in (value or [])]
        setattr(item, name, value if value is not None else "")
    item.time_limit_rule = parse_time_limit(item.time_limit_text)
    item.save()
    audit.record("catalog.item_added", actor=actor, organisation=version.catalog.organisation, target=item,
                 after=item_snapshot(item))
    return item


@transaction.atomic
def catalog_item_retire(*, item: CatalogItem, actor, reason: str) -> CatalogItem:
    """Retire (停用) an item; nothing is removed without a recorded reason."""
    require(actor, Action.CATALOG_EDIT, item.version.catalog.organisation)
    _require_editable(item.version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("停用事项必须填写理由。"), problems=[_("停用事项必须填写理由。")])
    if item.retired:
        raise InvalidTransition(_("该事项已停用。"))
    item.retired, item.retired_reason = True, reason
    item.save(update_fields=["retired", "retired_reason"])
    audit.record("catalog.item_retired", actor=actor, organisation=item.version.catalog.organisation, target=item,
                 before={"retired": False}, after={"retired": True}, reason=reason)
    return item


@transaction.atomic
def catalog_item_restore(*, item: CatalogItem, actor, reason: str = "") -> CatalogItem:
    """Bring a retired item back into the catalog."""
    require(actor, Action.CATALOG_EDIT, item.version.catalog.organisation)
    _require_editable(item.version)
    if not item.retired:
        raise InvalidTransition(_("该事项未停用。"))
    old_reason = item.retired_reason
    item.retired, item.retired_reason = False, ""
    item.save(update_fields=["retired", "retired_reason"])
    audit.record("catalog.item_restored", actor=actor, organisation=item.version.catalog.organisation, target=item,
                 before={"retired": True, "retired_reason": old_reason}, after={"retired": False}, reason=reason)
    return item


# ---------------------------------------------------------------- review workflow

def submission_problems(version: CatalogVersion) -> list[str]:
    """Return every reason the version cannot be submitted yet (empty when it can)."""
    problems = []
    items = list(version.items.filter(retired=False).order_by("position"))
    if not items:
        problems.append(_("目录中没有有效事项。"))
    for item in items:
        label = f"{item.first_level} {item.number}. {item.second_level or _('（未命名）')}"
        for name, title in REQUIRED_ELEMENTS:
            value = getattr(item, name)
            if value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, list) and not value):
                problems.append(_("%(item)s：缺少“%(element)s”。") % {"item": label, "element": title})
        if item.open_anomalies:
            problems.append(_("%(item)s：有 %(n)d 项原表异常尚未人工核对。") % {"item": label, "n": len(item.open_anomalies)})
    return problems


@transaction.atomic
def catalog_version_submit(*, version: CatalogVersion, actor, note: str = "") -> CatalogVersion:
    """Submit a draft for review (报本级政府相关业务部门审核); refused while elements are missing."""
    require(actor, Action.CATALOG_EDIT, version.catalog.organisation)
    version = CatalogVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    _transition(version, VersionStatus.SUBMITTED)
    problems = submission_problems(version)
    if problems:
        raise ValidationFailed(_("目录要素不完整，不能报审。"), problems=problems)
    before = version.status
    version.status, version.submitted_at = VersionStatus.SUBMITTED, clock.now()
    version.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record("catalog.submitted", actor=actor, organisation=version.catalog.organisation, target=version,
                 before={"status": before}, after={"status": version.status}, reason=note)
    return version


@transaction.atomic
def catalog_version_return(*, version: CatalogVersion, actor, comment: str) -> CatalogVersion:
    """Return a submitted version to its authors with review comments."""
    require(actor, Action.CATALOG_REVIEW, version.catalog.organisation)
    version = CatalogVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    _transition(version, VersionStatus.RETURNED)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed(_("退回时必须填写审核意见。"), problems=[_("退回时必须填写审核意见。")])
    version.status, version.reviewed_at, version.review_comment = VersionStatus.RETURNED, clock.now(), comment
    version.save(update_fields=["status", "reviewed_at", "review_comment", "updated_at"])
    audit.record("catalog.returned", actor=actor, organisation=version.catalog.organisation, target=version,
                 before={"status": VersionStatus.SUBMITTED}, after={"status": version.status}, reason=comment)
    return version


@transaction.atomic
def catalog_version_approve(*, version: CatalogVersion, actor, comment: str = "") -> CatalogVersion:
    """Approve a submitted version; approval publishes it and supersedes the previous one."""
    require(actor, Action.CATALOG_REVIEW, version.catalog.organisation)
    version = CatalogVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    _transition(version, VersionStatus.PUBLISHED)
    now = clock.now()
    previous = version.catalog.versions.filter(status=VersionStatus.PUBLISHED).first()
    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
        audit.record("catalog.superseded", actor=actor, organisation=version.catalog.organisation, target=previous,
                     before={"status": VersionStatus.PUBLISHED}, after={"status": VersionStatus.SUPERSEDED})
    version.status, version.reviewed_at, version.published_at = VersionStatus.PUBLISHED, now, now
    version.review_comment = (comment or "").strip()
    version.save(update_fields=["status", "reviewed_at", "published_at", "review_comment", "updated_at"])
    audit.record("catalog.published", actor=actor, organisation=version.catalog.organisation, target=version,
                 before={"status": VersionStatus.SUBMITTED}, after={"status": version.status}, reason=comment)
    return version
