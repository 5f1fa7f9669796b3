"""Reads of catalogs: visibility, supervisors' overview, and diffs between versions."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from gongkai.organisations.models import Level, Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from .models import Catalog, CatalogItem, CatalogVersion, Domain
from .services import ITEM_FIELDS
from .states import OverviewStatus, VersionStatus

DIFF_FIELDS = ITEM_FIELDS + ("retired", "retired_reason")


def templates():
    return Catalog.objects.filter(is_template=True).order_by("domain")


def published_catalogs(organisation: Organisation | None = None):
    """Catalogs with a published version (what anonymous users may see)."""
    qs = Catalog.objects.filter(versions__status=VersionStatus.PUBLISHED).select_related("organisation").distinct()
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


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
    return catalog.versions.filter(
        status__in=[VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.RETURNED]
    ).first()


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


# ---------------------------------------------------------------- diffs

@dataclass
class FieldChange:
    field: str
    label: str
    before: object
    after: object


@dataclass
class ItemDiff:
    kind: str  # "added" | "removed" | "changed" | "retired" | "restored"
    key: str
    title: str
    changes: list[FieldChange]
    reason: str = ""


def _label(field: str) -> str:
    return str(CatalogItem._meta.get_field(field).verbose_name)


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
            diffs.append(ItemDiff("added", item.key, title, []))
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
            diffs.append(ItemDiff("removed", key, f"{base.first_level} {base.number}. {base.second_level}", []))
    return diffs


def diff_against_template(version: CatalogVersion) -> list[ItemDiff]:
    template = version.catalog.template
    base = list(template.published_version.items.all()) if template else []
    return diff_items(base, list(version.items.all()), key_of_new=lambda i: i.template_key)


def diff_against_previous(version: CatalogVersion) -> list[ItemDiff] | None:
    if version.based_on_id is None:
        return None
    return diff_items(list(version.based_on.items.all()), list(version.items.all()))
