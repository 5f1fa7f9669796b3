"""Drafting a record: create, edit, attachments, interpretation (同步起草)."""
from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.catalog.models import CatalogItem
from gongkai.catalog.selectors import active_items
from gongkai.core import audit, files
from gongkai.core.errors import ValidationFailed
from gongkai.core.workflow import Step
from gongkai.organisations.permissions import Action, require

from .. import deadlines
from ..models import Attachment, Interpretation, Record, attachment_path
from ..states import Attribute
from ..workflow import RECORD_WORKFLOW, RecordEvent
from .common import (
    INTERPRETATION_FIELDS, INTERPRETATION_TEXT_FIELDS, RECORD_FIELDS, delete_after_commit, validate_record,
    write_after_commit,
)
from .findings import privacy_scan
from .wording import check_interpretation, check_record

# Attachment names are stored in 200 characters; a longer name is shortened before its extension.
NAME_MAX = 200


def shorten_name(name: str, limit: int = NAME_MAX) -> str:
    """Return `name` cut to `limit` characters, keeping its extension (issue 11 item 14)."""
    name = (name or "").strip() or "file"
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 16:
        return name[:limit]
    return stem[:limit - len(ext) - 1] + "." + ext


def _safe_media_link(link: str) -> bool:
    """Only http(s) URLs and same-site paths; never '//host' or '/\\host' (browsers read both as another host)."""
    if any(ch in link for ch in "\\\r\n\t") or any(ord(ch) < 32 for ch in link):
        return False
    if link.startswith(("http://", "https://")):
        return len(link.split("//", 1)[1].split("/", 1)[0]) > 0
    return link.startswith("/") and not link.startswith("//")


@transaction.atomic
def record_create(*, organisation, catalog_item: CatalogItem, actor, data: dict, unit=None) -> Record:
    """Create a draft record under an item of the organisation's published catalog, with its index number."""
    require(actor, Action.RECORD_DRAFT, organisation)
    item = active_items(organisation).filter(pk=catalog_item.pk).first()
    if item is None:
        raise ValidationFailed(_("只能在本机关已发布目录的有效事项下登记政府信息。"),
                               problems=[_("请选择本机关已发布目录中的事项。")])
    data = {k: data.get(k) for k in RECORD_FIELDS if k in data}
    data.setdefault("attribute", Attribute.PROACTIVE)
    problems = validate_record(data)
    if problems:
        raise ValidationFailed(_("政府信息登记信息不完整。"), problems=problems)
    if data.get("attribute") != Attribute.NOT_DISCLOSED:
        data["legal_basis"] = None
    record = Record(organisation=organisation, catalog_item=item, catalog_key=item.key, unit=unit,
                    created_by=actor, **data)
    # No index number yet: it is assigned at publication, so the public sequence has no gaps (issue 21 item 14).
    deadlines.apply(record)
    record.save()
    privacy_scan(record=record)
    check_record(record, actor)
    audit.record(RecordEvent.CREATED, actor=actor, organisation=organisation, target=record,
                 after={"status": record.status, "attribute": record.attribute,
                        "publication_due": record.publication_due.isoformat() if record.publication_due else None})
    return record


def record_update(*, record: Record, actor, data: dict) -> Record:
    """Edit a draft or returned record; the deadline follows a changed formation date."""
    changed: dict = {}
    extra: dict = {}

    def apply(locked):
        merged = {k: getattr(locked, k) for k in RECORD_FIELDS}
        merged.update({k: v for k, v in data.items() if k in RECORD_FIELDS})
        problems = validate_record(merged)
        if problems:
            raise ValidationFailed(_("政府信息登记信息不完整。"), problems=problems)
        if merged["attribute"] != Attribute.NOT_DISCLOSED:
            merged["legal_basis"] = None
        for key, value in merged.items():
            if getattr(locked, key) != value:
                changed[key] = str(value) if value is not None else None
                setattr(locked, key, value)
        if "formation_date" in changed or "attribute" in changed:
            deadlines.apply(locked)
        privacy_scan(record=locked)
        check_record(locked, actor)
        extra["changed"] = sorted(changed)

    return RECORD_WORKFLOW.run("edit", record, actor=actor, apply=apply, extra=extra).instance


def attachment_add(*, record: Record, actor, name: str, data: bytes) -> Attachment:
    """Attach a validated file (type checked by content) and scan its text for personal data.

    The bytes are checked and read before any lock is taken; the row is saved in the transition
    and the file written to storage once it has committed (a rollback leaves no file behind).
    """
    kind = files.validate(name, data)
    text = files.extract_text(kind, data) if kind in files.TEXT_KINDS else ""
    effects: list = []

    def apply(locked):
        attachment = Attachment(record=locked, original_name=shorten_name(name), kind=kind,
                                content_type=files.CONTENT_TYPES[kind], size=len(data),
                                sha256=hashlib.sha256(data).hexdigest(), extracted_text=text)
        attachment.file.name = attachment_path(attachment, attachment.original_name)
        attachment.save()
        effects.append(write_after_commit(Attachment, attachment.pk, "file", attachment.file.name, data))
        privacy_scan(record=locked)
        return Step(result=attachment)

    return RECORD_WORKFLOW.run("attachment_add", record, actor=actor, apply=apply,
                               extra={"name": shorten_name(name), "kind": kind, "size": len(data)},
                               after_commit=[lambda: [e() for e in effects]]).result


def attachment_remove(*, attachment: Attachment, actor) -> None:
    """Delete an attachment; its files leave storage only after the deletion has committed."""
    names = (attachment.file.name, attachment.masked_file.name)

    def apply(locked):
        Attachment.objects.filter(pk=attachment.pk, record=locked).delete()
        privacy_scan(record=locked)

    RECORD_WORKFLOW.run("attachment_remove", attachment.record, actor=actor, apply=apply,
                        extra={"name": attachment.original_name}, after_commit=[delete_after_commit(*names)])


def interpretation_save(*, record: Record, actor, data: dict) -> Interpretation:
    """Create or edit the interpretation with its record: 同步起草 (only while the record is editable)."""
    problems = []
    if not (data.get("title") or "").strip():
        problems.append(_("解读标题不能为空。"))
    if not data.get("form"):
        problems.append(_("请选择解读形式。"))
    if not (data.get("interpreting_body") or "").strip():
        problems.append(_("请填写解读机关。"))
    link = (data.get("media_link") or "").strip()
    if link and not _safe_media_link(link):
        problems.append(_("音视频或发布会链接须以 http://、https:// 或本站路径 / 开头。"))
    extra: dict = {}

    def apply(locked):
        if problems:
            raise ValidationFailed(_("解读材料不完整。"), problems=problems)
        interpretation = Interpretation.objects.filter(record=locked).first() or Interpretation(record=locked)
        created = interpretation.pk is None
        for field in INTERPRETATION_FIELDS:
            if field in data:
                setattr(interpretation, field, (data[field] or "").strip() if field == "media_link" else data[field] or "")
        interpretation.save()
        locked.needs_interpretation = True
        privacy_scan(record=locked)
        check_interpretation(interpretation, actor)
        extra.update(interpretation="created" if created else "updated", form=interpretation.form)
        return Step(result=interpretation)

    return RECORD_WORKFLOW.run("interpretation", record, actor=actor, apply=apply, extra=extra).result


def interpretation_problems(record: Record) -> list[str]:
    """Return why a record flagged "needs interpretation" cannot go forward yet (empty when it can)."""
    if not record.needs_interpretation:
        return []
    interpretation = Interpretation.objects.filter(record=record).first()
    if interpretation is None:
        return [_("该文件需要解读：请同步起草解读材料。")]
    if not any(getattr(interpretation, f).strip() for f in INTERPRETATION_TEXT_FIELDS) and not interpretation.media_link:
        return [_("解读材料没有内容：请至少填写一项解读内容或音视频链接。")]
    return []
