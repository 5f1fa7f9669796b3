"""Importing saved pages into records: the one permission check, the all-or-nothing batch, mapping confirmation."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError, ValidationFailed
from gongkai.organisations.permissions import Action, require
from gongkai.core import files as record_files
from gongkai.records import selectors as record_selectors
from gongkai.records import services as record_services
from gongkai.records.states import RecordStatus

from . import analysis
from .events import ImportEvent
from .mapping import Mappings
from .models import ColumnMapping, ImportBatch, ImportedFile, ImportedPage, PageStatus
from .sources import SourceIssue, SourcePage, open_source


@dataclass
class Result:
    reports: list
    summary: dict
    batch: ImportBatch | None


def _known(organisation):
    """A lookup of keys already in the database, read once per batch (one query each, not one per page)."""
    seen: dict[tuple, str] = {}
    rows = ImportedPage.objects.filter(organisation=organisation).values_list(
        "issuer", "index_number", "document_number", "content_hash", "original_url", "source_path")
    for issuer, index_number, document_number, content_hash, url, path in rows:
        where = _("已导入的页面 %(path)s") % {"path": url or path}
        seen.setdefault(("content", "", content_hash), where)
        if index_number:
            seen.setdefault(("index_number", issuer, index_number), where)
        if document_number:
            seen.setdefault(("document_number", issuer, document_number), where)
    in_use = record_selectors.index_numbers_in_use(organisation)

    def lookup(keys):
        found = {key: seen[key] for key in keys if key in seen}
        for key in keys:
            if key[0] == "index_number" and key[2] in in_use:
                found.setdefault(key, _("本机关已有的政府信息（索引号 %(n)s）") % {"n": key[2]})
        return found
    return lookup


def analyse(organisation, items_by_source) -> list:
    """Reports for every page of the given (source, pages) pairs, duplicates marked."""
    dedupe = analysis.Deduplicator(organisation.name, known=_known(organisation))
    reports = []
    for source, items in items_by_source:
        for item in items:
            report = analysis.analyse_page(source, item)
            dedupe.check(report)
            reports.append(report)
    return reports


def sources_from_paths(paths):
    for path in paths:
        try:
            source = open_source(str(path))
        except SourceIssue as issue:
            yield None, [SourcePage(str(path), None, issue=issue)]
            continue
        yield source, source.pages()


def _fields(report) -> dict:
    page = report.page
    day = lambda d: d.isoformat() if d else None  # noqa: E731
    return {"title": page.title, "publish_date": day(page.publish_date), "written_date": day(page.written_date),
            "index_number": page.index_number, "document_number": page.document_number, "issuer": page.issuer,
            "validity": page.validity, "document_type": page.document_type, "column": page.column,
            "topic": page.topic, "body_text": page.body_text, "body_html": page.body_html}


def _published_at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def _record_files(entries) -> list[tuple[str, bytes]]:
    """The files records can publish (type by content agreeing with the extension); the rest stay in the import."""
    kept = []
    for name, data in entries:
        try:
            record_files.validate(name, data)
        except DomainError:
            continue
        kept.append((name, data))
    return kept


def _attachment_name(entry) -> str:
    name = entry["name"]
    ext = {"image": ""}.get(entry["kind"], entry["kind"])
    path_ext = urlsplit(entry["url"]).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(entry["url"]).path else ""
    if path_ext and not name.lower().endswith("." + path_ext):
        name = f"{name}.{path_ext}"
    elif ext and "." not in name:
        name = f"{name}.{ext}"
    return name[:200]


def create_record(page: ImportedPage, item, actor, blobs: list[tuple[str, bytes]]):
    """The record of a page whose column is mapped: published, or approved and waiting when a finding is open."""
    f = page.fields
    formation = f.get("written_date") or f.get("publish_date")
    record = record_services.record_import_published(
        organisation=page.organisation, catalog_item=item, actor=actor,
        data={"title": (f["title"] or "")[:300], "doc_number": (f.get("document_number") or "")[:80],
              "issuing_unit": (f.get("issuer") or page.organisation.name)[:120],
              "formation_date": dt.date.fromisoformat(formation), "document_type": f.get("document_type") or "",
              "body": f.get("body_text") or ""},
        published_at=_published_at(dt.date.fromisoformat(f["publish_date"])),
        index_number=(f.get("index_number") or "")[:80], validity=f.get("validity") or "",
        attachments=_record_files(blobs), trusted=True)  # the importer's own check (siteimport.run) was made
    page.record = record
    page.status = PageStatus.IMPORTED if record.status == RecordStatus.PUBLISHED else PageStatus.REVIEW
    page.save(update_fields=["record", "status"])
    return record


def _store_file(page: ImportedPage, entry: dict, data: bytes) -> ImportedFile:
    stored = ImportedFile(page=page, name=_attachment_name(entry), kind=entry["kind"], original_url=entry["url"][:1000],
                          size=len(data), sha256=entry["sha256"])
    name = stored.file.field.generate_filename(stored, stored.name)
    stored.file.name = name
    stored.save()

    def write():
        storage = stored.file.storage
        try:
            storage.save(name, ContentFile(data))
        except Exception:
            ImportedFile.objects.filter(pk=stored.pk).delete()
            raise
    transaction.on_commit(write)
    return stored


def _write_page(batch, report, mappings: Mappings, actor) -> ImportedPage:
    page = report.page
    url = report.url or page.url or ""
    parts = urlsplit(url)
    original_path = (parts.path + (f"?{parts.query}" if parts.query else "")) if parts.scheme in ("http", "https") else ""
    imported = ImportedPage.objects.create(
        batch=batch, organisation=batch.organisation, status=PageStatus.HELD if report.status == analysis.HELD
        else PageStatus.UNMAPPED, source_path=report.path[:500], original_url=url[:1000],
        original_path=original_path[:1000], issuer=(page.issuer or batch.organisation.name)[:200],
        index_number=(page.index_number or "")[:80], document_number=(page.document_number or "")[:80],
        content_hash=report.content_hash, column=(page.column or "")[:120], fields=_fields(report),
        problems=report.problems, findings=report.findings)
    blobs = []
    for position, entry in enumerate(report.attachments):
        data = report.files.get(position)
        if data is not None:
            _store_file(imported, entry, data)
            blobs.append((_attachment_name(entry), data))
    if report.status == analysis.HELD:
        return imported
    mappings.ensure(page.column or "")
    item = mappings.item_for(page.column or "")
    if item is not None:
        create_record(imported, item, actor, blobs)
    return imported


def system_actor():
    """The account the command line imports as when no user is named (inactive: it cannot log in)."""
    from gongkai.organisations.models import User

    user, created = User.objects.get_or_create(username="siteimport-system",
                                               defaults={"display_name": "系统（原网站导入）", "is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def import_pages(*, organisation, actor, items_by_source, dry_run: bool, source_label: str,
                 trusted: bool = False) -> Result:
    """Analyse every page; unless ``dry_run``, write the batch in one transaction (all or nothing).

    The command line passes ``trusted=True`` (the server's operator is trusted) and may leave
    ``actor`` None: the import is then recorded as the system account's.
    """
    if not trusted:
        require(actor, Action.SITE_IMPORT, organisation)
    reports = analyse(organisation, items_by_source)
    summary = analysis.summary(reports, dry_run=dry_run)
    mappings = Mappings(organisation)
    columns = sorted({r.page.column or "" for r in reports if r.status in (analysis.IMPORT, analysis.REVIEW)})
    summary["mapping"] = {c: {"catalog_key": mappings.proposal(c) or None,
                              "confirmed": mappings.item_for(c) is not None} for c in columns}
    writable = [r for r in reports if r.status in (analysis.IMPORT, analysis.REVIEW, analysis.HELD)]
    if dry_run or not writable:
        return Result(reports, summary, None)
    with transaction.atomic():
        actor = actor or system_actor()
        batch = ImportBatch.objects.create(organisation=organisation, created_by=actor, created_at=clock.now(),
                                           source=source_label[:300], summary=summary,
                                           report=[r.as_json() for r in reports])
        pages = [_write_page(batch, r, mappings, actor) for r in writable]
        counts = {s: sum(1 for p in pages if p.status == s) for s in PageStatus.values}
        batch.summary = {**summary, "written": counts}
        batch.save(update_fields=["summary"])
        audit.record(ImportEvent.BATCH_IMPORTED, actor=actor, organisation=organisation, target=batch,
                     after={"source": batch.source, **counts})
    summary["written"] = counts
    return Result(reports, summary, batch)


def mapping_confirm(*, organisation, actor, column: str, catalog_key: str, trusted: bool = False) -> int:
    """Confirm a column's catalog item; the pages waiting for it become records. Returns how many did."""
    if not trusted:
        require(actor, Action.SITE_IMPORT, organisation)
    with transaction.atomic():
        mappings = Mappings(organisation)
        item = mappings.items.get(catalog_key)
        if item is None:
            raise ValidationFailed(_("请选择本机关已发布目录中的事项。"))
        row = mappings.ensure(column)
        row.catalog_key, row.confirmed_by, row.confirmed_at = catalog_key, actor, clock.now()
        row.save()
        mappings.rows[column] = row
        waiting = list(ImportedPage.objects.select_for_update().filter(
            organisation=organisation, column=column, status=PageStatus.UNMAPPED, record__isnull=True))
        for page in waiting:
            blobs = []
            for stored in page.files.all():
                with stored.file.open("rb") as handle:
                    blobs.append((stored.name, handle.read()))
            create_record(page, item, actor, blobs)
        audit.record(ImportEvent.MAPPING_CONFIRMED, actor=actor, organisation=organisation, target=row,
                     after={"column": column, "catalog_key": catalog_key, "records": len(waiting)})
    return len(waiting)


__all__ = ["ColumnMapping", "Result", "analyse", "import_pages", "mapping_confirm", "sources_from_paths"]
