"""Import a catalog document (schema gongkai.catalog/1) as a new draft version of an organisation's catalog.

An import either writes everything or nothing: the document is validated completely first and
every problem is reported at once; only then, in one transaction, is the catalog created (from
the domain's national template) or a new draft version opened, and the items replaced.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .constants import DOMAIN_TITLES, VOCABULARIES
from .exports.validation import validate_document
from .models import Catalog, CatalogItem, CatalogVersion
from .states import OPEN as OPEN_STATES
from .states import CatalogEvent


def parse_document(raw: bytes | str | dict) -> dict:
    """Return the document of raw JSON bytes/text (a dict passes through); malformed input fails with its position."""
    if isinstance(raw, (bytes, bytearray)):
        try:
            raw = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problem = _("文件不是 UTF-8 编码：第 %(pos)d 个字节无法解码。") % {"pos": exc.start + 1}
            raise ValidationFailed(_("目录文件无法读取。"), problems=[problem]) from exc
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            problem = _("JSON 格式错误：第 %(line)d 行第 %(col)d 列（第 %(pos)d 个字符）：%(msg)s") % {
                "line": exc.lineno, "col": exc.colno, "pos": exc.pos + 1, "msg": exc.msg,
            }
            raise ValidationFailed(_("目录文件不是有效的 JSON。"), problems=[problem]) from exc
    return raw


@dataclass
class ImportPlan:
    """What an import will write; computed without writing anything (used for --dry-run)."""

    organisation: Organisation
    domain: str
    template: Catalog
    catalog: Catalog | None  # None: the catalog will be created
    version_number: int
    based_on: CatalogVersion | None
    items: list[dict] = field(default_factory=list)  # CatalogItem field values, in order
    document: dict = field(default_factory=dict)

    @property
    def local_count(self) -> int:
        return sum(1 for i in self.items if i["is_local"])

    @property
    def retired_count(self) -> int:
        return sum(1 for i in self.items if i["retired"])

    def summary(self) -> dict:
        return {
            "catalog": self.catalog.pk if self.catalog else None,
            "creates_catalog": self.catalog is None,
            "version": self.version_number,
            "based_on": self.based_on.number if self.based_on else None,
            "items": len(self.items),
            "local": self.local_count,
            "retired": self.retired_count,
            "source": {
                "schema": self.document.get("schema"),
                "id": self.document.get("id"),
                "organisation": (self.document.get("organisation") or {}).get("code"),
                "version": (self.document.get("version") or {}).get("number"),
            },
        }


def _ordered(name: str, value):
    # Store labels in the official order, as the editing services do.
    return None if value is None else [v for v in VOCABULARIES[name] if v in value]


def _item_values(data: dict, position: int, template_keys: set[str]) -> dict:
    in_template = data["key"] in template_keys
    return {
        "key": data["key"],
        "template_key": data["key"] if in_template else "",
        "is_local": not in_template,
        "position": position,
        "first_level": data["first_level"],
        "number": data["number"],
        "second_level": data["second_level"],
        "content": data["content"],
        "basis": data["basis"],
        "time_limit_text": data["time_limit_text"],
        "time_limit_rule": data["time_limit_rule"],
        "subject": data["subject"],
        "channels": _ordered("channels", data["channels"]),
        "audience": _ordered("audience", data["audience"]),
        "mode": _ordered("mode", data["mode"]),
        "level": _ordered("level", data["level"]),
        "retired": data["retired"],
        "retired_reason": data["retired_reason"],
        "anomalies": data["anomalies"],
        "source": data.get("source") or {},
    }


def catalog_import_plan(*, organisation: Organisation, data: bytes | str | dict, actor) -> ImportPlan:
    """Check everything an import needs and return what it would write; write nothing."""
    require(actor, Action.CATALOG_EDIT, organisation)
    document = parse_document(data)
    problems = validate_document(document)
    if problems:
        raise ValidationFailed(
            _("目录文件有 %(n)d 处问题，未导入任何内容。") % {"n": len(problems)}, problems=problems,
        )
    domain = document["domain"]
    template = Catalog.objects.filter(is_template=True, domain=domain).first()
    template_version = template.published_version if template else None
    if template_version is None:
        raise InvalidTransition(_("尚未导入“%(title)s”国家标准模板，无法导入本机关目录。") % {"title": DOMAIN_TITLES[domain]})
    catalog = Catalog.objects.filter(organisation=organisation, domain=domain, is_template=False).first()
    based_on = None
    number = 1
    if catalog is not None:
        if catalog.versions.filter(status__in=OPEN_STATES).exists():
            raise InvalidTransition(_("该目录已有一个未发布的版本，请先完成或处理它，再导入新版本。"))
        based_on = catalog.published_version
        number = (catalog.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    template_keys = set(template_version.items.values_list("key", flat=True))
    items = [_item_values(d, n, template_keys) for n, d in enumerate(document["items"], start=1)]
    return ImportPlan(
        organisation=organisation, domain=domain, template=template, catalog=catalog,
        version_number=number, based_on=based_on, items=items, document=document,
    )


@transaction.atomic
def catalog_import_document(*, organisation: Organisation, data: bytes | str | dict, actor) -> CatalogVersion:
    """Import a catalog document as a new draft version of the organisation's catalog for its domain."""
    plan = catalog_import_plan(organisation=organisation, data=data, actor=actor)
    catalog = plan.catalog
    if catalog is None:
        catalog = Catalog.objects.create(
            organisation=organisation, domain=plan.domain, template=plan.template,
            title=f"{organisation.name}{DOMAIN_TITLES[plan.domain].replace('基层', '')}",
        )
    else:
        # Re-check under the row lock: another import may have opened a version meanwhile.
        catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
        if catalog.versions.filter(status__in=OPEN_STATES).exists():
            raise InvalidTransition(_("该目录已有一个未发布的版本，请先完成或处理它，再导入新版本。"))
        plan.based_on = catalog.published_version
        plan.version_number = (catalog.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CatalogVersion.objects.create(
        catalog=catalog, number=plan.version_number, based_on=plan.based_on, created_by=actor,
    )
    CatalogItem.objects.bulk_create(CatalogItem(version=version, **values) for values in plan.items)
    audit.record(
        CatalogEvent.IMPORTED, actor=actor, organisation=organisation, target=version,
        after=plan.summary() | {"catalog": catalog.pk},
    )
    return version
