"""Reads of catalogs: visibility, supervisors' overview, and diffs between versions."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit
from gongkai.core.models import AuditEvent
from gongkai.organisations.models import Level, Organisation
from gongkai.organisations.permissions import Action, can, organisations_where, roles_of

from .models import Catalog, CatalogItem, CatalogVersion, Domain
from .services import ITEM_FIELDS
from .states import OPEN, CatalogEvent, OverviewStatus, VersionStatus

DIFF_FIELDS = ITEM_FIELDS + ("retired", "retired_reason")


def templates():
    return Catalog.objects.filter(is_template=True).order_by("domain")


def published_catalogs(organisation: Organisation | None = None):
    """Catalogs with a published version (what anonymous users may see)."""
    qs = Catalog.objects.filter(versions__status=VersionStatus.PUBLISHED).select_related("organisation").distinct()
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


def published_catalog_count(organisation_id: int) -> int:
    """How many catalogs of the organisation have a published version (a figure for supervision)."""
    return published_catalogs().filter(organisation_id=organisation_id).count()


def catalogs_visible_to(user):
    """Published catalogs and templates for everyone; unpublished ones for staff who may see them."""
    orgs = organisations_where(user, Action.CATALOG_VIEW_UNPUBLISHED)
    return Catalog.objects.filter(
        Q(is_template=True) | Q(versions__status=VersionStatus.PUBLISHED) | Q(organisation__in=orgs)
    ).select_related("organisation").distinct()


def can_view_version(user, version: CatalogVersion) -> bool:
    if version.status in (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED):
        return True
    return can(user, Action.CATALOG_VIEW_UNPUBLISHED, version.catalog.organisation)


def versions_visible_to(user, catalog: Catalog):
    qs = catalog.versions.all()
    if catalog.is_template or can(user, Action.CATALOG_VIEW_UNPUBLISHED, catalog.organisation):
        return qs
    return qs.filter(status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED])


def open_version(catalog: Catalog) -> CatalogVersion | None:
    return catalog.versions.filter(status__in=OPEN).first()


def workspaces(user) -> list[dict]:
    """The catalog panel of the office dashboard: per organisation the user edits in (by a role held
    there), each domain's catalog with its published and open versions."""
    own = {r.organisation_id for r in roles_of(user)}
    found = []
    for org in organisations_where(user, Action.CATALOG_EDIT).filter(pk__in=own).order_by("path"):
        rows = []
        for domain, label in Domain.choices:
            catalog = Catalog.objects.filter(organisation=org, domain=domain).first()
            rows.append({
                "domain": domain, "label": label, "catalog": catalog,
                "open": open_version(catalog) if catalog else None,
                "published": catalog.published_version if catalog else None,
                "template": templates().filter(domain=domain).first(),
            })
        found.append({"org": org, "rows": rows})
    return found


def versions_to_review(user):
    """Submitted versions of organisations whose catalogs the user reviews, oldest submission first."""
    return CatalogVersion.objects.filter(
        status=VersionStatus.SUBMITTED, catalog__organisation__in=organisations_where(user, Action.CATALOG_REVIEW),
    ).select_related("catalog", "catalog__organisation").order_by("submitted_at", "pk")


def active_items(organisation: Organisation, domain: str | None = None):
    """The active (not retired) items of an organisation's published catalogs, in catalog order.

    The one definition of "the items records and requests may be filed under": items of the
    published version of the organisation's own catalogs (both domains, or `domain` only),
    ordered by domain code, then in table order (as every copy of this query did).
    """
    qs = CatalogItem.objects.filter(
        version__catalog__organisation=organisation, version__catalog__is_template=False,
        version__status=VersionStatus.PUBLISHED, retired=False,
    )
    if domain is not None:
        qs = qs.filter(version__catalog__domain=domain)
    return qs.select_related("version__catalog").order_by("version__catalog__domain", "position")


@dataclass
class OverviewRow:
    organisation: Organisation
    domain: str
    domain_label: str
    status: str
    status_label: str
    catalog: Catalog | None
    version_number: int | None
    last_change: object | None
    published_version: int | None


def status_overview(user, root: Organisation | None = None) -> list[OverviewRow]:
    """Return the catalog status of every organisation the user supervises (one row per domain)."""
    orgs = organisations_where(user, Action.CATALOG_OVERVIEW).exclude(level=Level.MINISTRY)
    if root is not None:
        orgs = orgs.filter(path__startswith=root.path)
    orgs = list(orgs.order_by("path"))
    catalogs = {
        (c.organisation_id, c.domain): c
        for c in Catalog.objects.filter(organisation__in=orgs).prefetch_related("versions")
    }
    rows = []
    for org in orgs:
        for domain, label in Domain.choices:
            catalog = catalogs.get((org.pk, domain))
            if catalog is None:
                rows.append(OverviewRow(org, domain, label, OverviewStatus.NOT_STARTED, OverviewStatus.NOT_STARTED.label,
                                        None, None, None, None))
                continue
            versions = sorted(catalog.versions.all(), key=lambda v: v.number)
            latest = versions[-1]
            published = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
            status = {
                VersionStatus.DRAFT: OverviewStatus.DRAFT, VersionStatus.SUBMITTED: OverviewStatus.SUBMITTED,
                VersionStatus.RETURNED: OverviewStatus.RETURNED,
            }.get(latest.status, OverviewStatus.PUBLISHED)
            rows.append(OverviewRow(
                org, domain, label, status, OverviewStatus(status).label, catalog, latest.number,
                max(v.updated_at for v in versions), published.number if published else None,
            ))
    return rows


# ---------------------------------------------------------------- words for staff pages

LIST_FIELDS = ("channels", "audience", "mode", "level")
# The elements of an item as staff read them, in table order (a new item's full content).
ELEMENT_FIELDS = ("first_level", "number", "second_level", "content", "basis", "time_limit_text", "subject",
                  "channels", "audience", "mode", "level")


def _label(field: str) -> str:
    return str(CatalogItem._meta.get_field(field).verbose_name)


def value_text(field: str, value) -> str:
    """Return how one element's value reads: words, never a Python list or None."""
    if value is None:
        return _("未确定")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value) if value else _("（无）")
    text = str(value)
    return text if text.strip() else _("（空）")


def list_change_text(before, after) -> str:
    """Describe a change of a multiple-choice element, e.g. “新增：政府网站；删除：公告栏”."""
    if before is None and after is None:
        return ""
    if before is None:
        return _("由未确定改为：%(value)s") % {"value": value_text("", after)}
    if after is None:
        return _("改为未确定（原为：%(value)s）") % {"value": value_text("", before)}
    added = [v for v in after if v not in before]
    removed = [v for v in before if v not in after]
    parts = []
    if added:
        parts.append(_("新增：%(values)s") % {"values": "、".join(added)})
    if removed:
        parts.append(_("删除：%(values)s") % {"values": "、".join(removed)})
    return "；".join(parts) or _("顺序调整")


def change_phrase(field: str, before, after) -> str:
    """One element's change as a sentence for the history."""
    label = _label(field) if field in ELEMENT_FIELDS or field in ("retired", "retired_reason") else field
    if field in LIST_FIELDS:
        return f"{label}：{list_change_text(before, after)}"
    return f"{label}：{_short(value_text(field, before))} → {_short(value_text(field, after))}"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def item_elements(item: CatalogItem) -> list[tuple[str, str]]:
    """Every element of an item as (label, words)."""
    return [(_label(f), value_text(f, getattr(item, f))) for f in ELEMENT_FIELDS]


# ---------------------------------------------------------------- diffs

@dataclass
class FieldChange:
    field: str
    label: str
    before: object
    after: object

    @property
    def is_choice(self) -> bool:
        return self.field in LIST_FIELDS

    @property
    def before_text(self) -> str:
        return value_text(self.field, self.before)

    @property
    def after_text(self) -> str:
        return value_text(self.field, self.after)

    @property
    def summary(self) -> str:
        """For multiple-choice elements: what was added and removed, in words."""
        return list_change_text(self.before, self.after) if self.is_choice else ""


@dataclass
class ItemDiff:
    kind: str  # "added" | "removed" | "changed" | "retired" | "restored"
    key: str
    title: str
    changes: list[FieldChange]
    reason: str = ""
    elements: list[tuple[str, str]] = field(default_factory=list)  # the full item, for "added" and "removed"

    @property
    def kind_label(self) -> str:
        return str(DIFF_KINDS[self.kind])


DIFF_KINDS = {
    "added": gettext_lazy("新增"), "removed": gettext_lazy("删除"), "changed": gettext_lazy("修改"),
    "retired": gettext_lazy("停用"), "restored": gettext_lazy("恢复"),
}


def diff_items(old: list[CatalogItem], new: list[CatalogItem], *, key_of_new=lambda i: i.key) -> list[ItemDiff]:
    """Compare two item lists by stable key; return the differences in the new list's order."""
    old_by_key = {i.key: i for i in old}
    seen = set()
    diffs: list[ItemDiff] = []
    for item in new:
        key = key_of_new(item)
        title = f"{item.first_level} {item.number}. {item.second_level}"
        base = old_by_key.get(key) if key else None
        if base is None:
            diffs.append(ItemDiff("added", item.key, title, [], elements=item_elements(item)))
            continue
        seen.add(key)
        changes = [
            FieldChange(f, _label(f), getattr(base, f), getattr(item, f))
            for f in DIFF_FIELDS
            if f not in ("retired", "retired_reason", "time_limit_rule") and getattr(base, f) != getattr(item, f)
        ]
        if item.retired and not base.retired:
            diffs.append(ItemDiff("retired", item.key, title, changes, item.retired_reason))
        elif base.retired and not item.retired:
            diffs.append(ItemDiff("restored", item.key, title, changes))
        elif changes:
            diffs.append(ItemDiff("changed", item.key, title, changes))
    for key, base in old_by_key.items():
        if key not in seen:
            diffs.append(ItemDiff("removed", key, f"{base.first_level} {base.number}. {base.second_level}", [],
                                  elements=item_elements(base)))
    return diffs


def diff_against_template(version: CatalogVersion) -> list[ItemDiff]:
    template = version.catalog.template
    base = list(template.published_version.items.all()) if template else []
    return diff_items(base, list(version.items.all()), key_of_new=lambda i: i.template_key)


def diff_against_previous(version: CatalogVersion) -> list[ItemDiff] | None:
    if version.based_on_id is None:
        return None
    return diff_items(list(version.based_on.items.all()), list(version.items.all()))


# ---------------------------------------------------------------- history

def _event_details(event) -> list[str]:
    """The changes one catalog event made, in words (no codes, lists or dicts)."""
    before, after = event.before or {}, event.after or {}
    details = []
    if "status" in after and before.get("status") != after.get("status") and "status" in before:
        details.append(_("状态：%(old)s → %(new)s") % {
            "old": _status_label(before["status"]), "new": _status_label(after["status"])})
    item_before, item_after = after.get("item_before"), after.get("item_after")
    if isinstance(item_after, dict):
        old = item_before if isinstance(item_before, dict) else {}
        for name, value in item_after.items():
            if name not in ELEMENT_FIELDS and name not in ("retired", "retired_reason"):
                continue
            if name in old:
                details.append(change_phrase(name, old[name], value))
            else:
                details.append(f"{_label(name)}：{_short(value_text(name, value))}")
    if "new_version" in after:
        details.append(_("新建第 %(n)s 版草稿") % {"n": after["new_version"]})
    if event.action in (CatalogEvent.TEMPLATE_IMPORTED, CatalogEvent.TEMPLATE_REIMPORTED) and "items" in after:
        details.append(_("事项 %(n)s 项") % {"n": after["items"]})
    if event.action == CatalogEvent.IMPORTED and "items" in after:
        details.append(_("导入第 %(v)s 版，事项 %(n)s 项（本地新增 %(l)s 项，停用 %(r)s 项）") % {
            "v": after.get("version"), "n": after.get("items"), "l": after.get("local", 0), "r": after.get("retired", 0)})
    return details


def _status_label(value) -> str:
    try:
        return str(VersionStatus(value).label)
    except ValueError:
        return str(value)


def catalog_history(catalog: Catalog) -> list[dict]:
    """Every audit event of a catalog, its versions and (older rows) its items, newest first, in words.

    Each entry: ``when``, ``who``, ``what`` (from ``audit.describe``), ``version`` and ``item``
    (what the event concerns, as staff name it), ``reason`` and ``details`` (the changes).
    """
    versions = {str(v.pk): v for v in catalog.versions.all()}
    items = {str(pk): (number, title) for pk, number, title in CatalogItem.objects.filter(
        version__catalog=catalog).values_list("pk", "version__number", "second_level")}
    events = AuditEvent.objects.filter(
        Q(target_type=Catalog._meta.label_lower, target_id=str(catalog.pk))
        | Q(target_type=CatalogVersion._meta.label_lower, target_id__in=list(versions))
        | Q(target_type=CatalogItem._meta.label_lower, target_id__in=list(items))
    ).select_related("actor").order_by("-created_at", "-pk")
    rows = []
    for event in events:
        described = audit.describe(event)
        version = versions.get(event.target_id) if event.target_type == CatalogVersion._meta.label_lower else None
        item = (event.after or {}).get("item_title", "")
        number = version.number if version else None
        if event.target_type == CatalogItem._meta.label_lower and event.target_id in items:
            number, item = items[event.target_id]
        rows.append({
            "when": described["when"],
            "who": described["who"],
            "what": described["what"],
            "version": _("第 %(n)s 版") % {"n": number} if number else "",
            "item": item,
            "reason": described["reason"],
            "details": _event_details(event),
        })
    return rows
