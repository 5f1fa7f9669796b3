"""An already-published record brought over from an office's previous site (gongkai.siteimport, issue 22).

One permission check: ``record.publish`` (the office) — unless the caller is the site importer, which
has made its own one check (``siteimport.run``) and passes ``trusted=True``. The kernel's ``import``
transition then runs trusted. The record keeps the 索引号, 文号 and dates the old
site showed — the index number is issued here only when the page had none. Its secrecy review
was done before it was first published, on the old site. With no open privacy finding it is
published at once (with its original publication time); with a finding it waits in ``approved``
for the office to mask or justify, then publish as usual.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from django.utils.translation import gettext as _

from gongkai.core import audit, files
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, require

from .. import numbering
from ..models import Attachment, Record, attachment_path
from ..search import index as search_index
from ..states import Attribute, RecordStatus, Stage, Validity
from ..workflow import RECORD_WORKFLOW, RecordEvent
from .common import validate_record, write_after_commit
from .drafting import shorten_name
from .findings import privacy_scan

IMPORT_FIELDS = ("title", "doc_number", "issuing_unit", "formation_date", "document_type", "body", "summary")


def record_import_published(*, organisation, catalog_item, actor, data: dict, published_at: dt.datetime,
                            index_number: str = "", validity: str = "", attachments=(), trusted: bool = False) -> Record:
    """Create a published (or, with a privacy finding, approved) record from an imported page.

    ``attachments``: (name, bytes) of the files records can store (PDF, DOCX, XLSX, images);
    anything else raises ValidationFailed, so the caller filters first. Call inside the importer's
    transaction: the files reach storage only after it commits.
    """
    if not trusted:
        require(actor, Action.RECORD_PUBLISH, organisation)
    data = {k: data.get(k) for k in IMPORT_FIELDS if data.get(k) not in (None, "")}
    data["attribute"] = Attribute.PROACTIVE
    problems = validate_record(data)
    if validity and validity not in Validity.values:
        problems.append(_("有效性无效。"))
    if problems:
        raise ValidationFailed(_("导入的政府信息不完整。"), problems=problems)
    record = Record(organisation=organisation, catalog_item=catalog_item, catalog_key=catalog_item.key,
                    created_by=actor, status=RecordStatus.DRAFT, validity=validity, review_stages=[Stage.SECRECY],
                    stages_done=[Stage.SECRECY], **data)
    record.index_number = index_number or numbering.issue(organisation=organisation,
                                                          formation_date=record.formation_date, item=catalog_item)
    record.save()
    effects = []
    for name, blob in attachments:
        kind = files.validate(name, blob)
        text = files.extract_text(kind, blob) if kind in files.TEXT_KINDS else ""
        attachment = Attachment(record=record, original_name=shorten_name(name), kind=kind,
                                content_type=files.CONTENT_TYPES[kind], size=len(blob),
                                sha256=hashlib.sha256(blob).hexdigest(), extracted_text=text)
        attachment.file.name = attachment_path(attachment, attachment.original_name)
        attachment.save()
        effects.append(write_after_commit(Attachment, attachment.pk, "file", attachment.file.name, blob))
    audit.record(RecordEvent.CREATED, actor=actor, organisation=organisation, target=record,
                 after={"status": record.status, "index_number": record.index_number, "imported": True})

    def apply(locked):
        if privacy_scan(record=locked):
            return RecordStatus.APPROVED
        locked.published_at = published_at
        return RecordStatus.PUBLISHED

    imported = RECORD_WORKFLOW.run("import", record, actor=actor, trusted=True, apply=apply,
                                   extra={"index_number": record.index_number, "attachments": len(effects)},
                                   after_commit=effects).instance
    if imported.status == RecordStatus.PUBLISHED:
        search_index.index_record(imported)
    return imported
