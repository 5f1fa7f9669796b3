"""Privacy check before publication: scanning a record, masking findings (one or all of a kind), justifying."""
from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from gongkai.core import clock, files, privacy
from gongkai.core.errors import ValidationFailed
from gongkai.core.workflow import Step

from ..models import Attachment, Interpretation, PrivacyFinding, Record, masked_path
from ..states import FindingKind, FindingStatus
from ..workflow import FINDING_WORKFLOW, RECORD_WORKFLOW
from .common import INTERPRETATION_TEXT_FIELDS, TEXT_FIELDS, delete_after_commit, write_after_commit


def _texts(record: Record):
    """Yield (field, attachment or None, text) for everything of a record that may be published."""
    for field in TEXT_FIELDS:
        yield field, None, getattr(record, field) or ""
    for attachment in record.attachments.all():
        yield "attachment", attachment, attachment.extracted_text
    interpretation = Interpretation.objects.filter(record=record).first() if record.needs_interpretation else None
    if interpretation is not None:
        for field in ("title",) + INTERPRETATION_TEXT_FIELDS:
            yield f"interpretation.{field}", None, getattr(interpretation, field) or ""


def privacy_scan(*, record: Record) -> list[PrivacyFinding]:
    """Scan the record's text, attachments and interpretation; return the open findings.

    A finding keeps its resolution while the value it names is still present and justified, or
    absent because it was masked; a value that reappears unmasked is open again.
    """
    current: dict[tuple, tuple[str, str]] = {}
    for field, attachment, text in _texts(record):
        if attachment is not None and attachment.masked_text:
            text = attachment.masked_text
        for m in privacy.scan(text):
            key = (field, attachment.pk if attachment else None, m.kind, m.value)
            current.setdefault(key, (privacy.context_of(text, m), m.value))
    existing = {(f.field, f.attachment_id, f.kind, f.value): f for f in record.findings.all()}
    for key, finding in existing.items():
        if key in current:
            if finding.status == FindingStatus.MASKED:
                finding.status = FindingStatus.OPEN
                finding.save(update_fields=["status"])
        elif finding.status in (FindingStatus.OPEN, FindingStatus.JUSTIFIED):
            finding.delete()
    for key, (context, value) in current.items():
        if key not in existing:
            field, attachment_id, kind, _value = key
            PrivacyFinding.objects.create(record=record, attachment_id=attachment_id, field=field, kind=kind,
                                          value=value, context=context[:200])
    record.privacy_scanned_at = clock.now()  # kept on the instance too: a transition saves it whole
    Record.objects.filter(pk=record.pk).update(privacy_scanned_at=record.privacy_scanned_at)
    return list(record.findings.filter(status=FindingStatus.OPEN))


def _mask(record: Record, findings: list[PrivacyFinding], actor) -> list:
    """Mask `findings` everywhere they occur; return the storage effects to run after commit."""
    effects = []
    by_place: dict[tuple, set] = defaultdict(set)
    for f in findings:
        by_place[(f.attachment_id, f.field)].add((f.kind, f.value))
    for (attachment_id, field), targets in by_place.items():
        if attachment_id:
            attachment = Attachment.objects.select_related("record").get(pk=attachment_id)
            with attachment.file.open("rb") as fh:
                data = fh.read()
            targets = targets | {(f.kind, f.value) for f in attachment.findings.filter(status=FindingStatus.MASKED)}
            masked_bytes, masked_text = files.masked_copy(attachment.kind, data, targets, attachment.extracted_text,
                                                          attachment.original_name)
            old = attachment.masked_file.name
            attachment.masked_file.name = masked_path(attachment, attachment.original_name) if masked_bytes else ""
            attachment.masked_text = masked_text
            attachment.save()
            if masked_bytes is not None:
                effects.append(write_after_commit(Attachment, attachment.pk, "masked_file",
                                                  attachment.masked_file.name, masked_bytes))
            effects.append(delete_after_commit(old))
        elif field.startswith("interpretation."):
            interpretation = record.interpretation
            name = field.split(".", 1)[1]
            setattr(interpretation, name, privacy.mask_text(getattr(interpretation, name), targets)[0])
            interpretation.save()
        else:
            setattr(record, field, privacy.mask_text(getattr(record, field), targets)[0])
    now = clock.now()
    for f in findings:
        f.status, f.resolved_by, f.resolved_at = FindingStatus.MASKED, actor, now
        f.save()
    return effects


def _record_of(finding: PrivacyFinding) -> Record:
    """Lock the finding's record: masking rewrites its text, and a scan runs on it."""
    return Record.objects.select_for_update().select_related("organisation").get(pk=finding.record_id)


def finding_mask(*, finding: PrivacyFinding, actor) -> PrivacyFinding:
    """Mask one finding everywhere it occurs in the record (text fields, attachment copy, interpretation).

    A FINDING_WORKFLOW transition: the kernel locks the finding, checks it is open and the record
    unpublished, checks the permission and writes the one audit row (naming the record).
    """
    effects: list = []

    def apply(locked):
        record = _record_of(locked)
        effects.extend(_mask(record, [locked], actor))
        record.save()
        privacy_scan(record=record)

    return FINDING_WORKFLOW.run("mask", finding, actor=actor, apply=apply, after_commit=_later(effects),
                                extra={"record": finding.record_id, "kind": finding.kind, "field": finding.field,
                                       "masked": finding.masked_value}).instance


def findings_mask_kind(*, record: Record, actor, kind: str) -> int:
    """Mask every open finding of one kind (e.g. all ID numbers) in one action; return how many."""
    if kind not in FindingKind.values:
        raise ValidationFailed(_("请选择要遮蔽的个人信息类型。"))
    effects: list = []

    def apply(locked):
        findings = list(PrivacyFinding.objects.select_for_update().filter(record=locked, kind=kind,
                                                                           status=FindingStatus.OPEN))
        if not findings:
            raise ValidationFailed(_("没有待处理的该类个人信息。"))
        effects.extend(_mask(locked, findings, actor))
        privacy_scan(record=locked)
        return Step(result=len(findings))

    return RECORD_WORKFLOW.run("findings_mask_kind", record, actor=actor, apply=apply, after_commit=_later(effects),
                               extra={"kind": kind}).result


def mask_kind_preview(record: Record, kind: str) -> list[dict]:
    """Return the texts as they will read once every open finding of `kind` is masked (nothing is saved)."""
    findings = list(record.findings.filter(kind=kind, status=FindingStatus.OPEN).select_related("attachment"))
    by_place: dict[tuple, set] = defaultdict(set)
    for f in findings:
        by_place[(f.attachment_id, f.field)].add((f.kind, f.value))
    labels = {"title": _("标题"), "summary": _("内容概述"), "body": _("正文")}
    preview = []
    for (attachment_id, field), targets in by_place.items():
        if attachment_id:
            attachment = next(f.attachment for f in findings if f.attachment_id == attachment_id)
            text, where = attachment.masked_text or attachment.extracted_text, _("附件：%(n)s") % {
                "n": attachment.original_name}
        elif field.startswith("interpretation."):
            text, where = getattr(record.interpretation, field.split(".", 1)[1]), _("解读材料")
        else:
            text, where = getattr(record, field), labels.get(field, field)
        masked, n = privacy.mask_text(text or "", targets)
        preview.append({"where": where, "text": masked, "count": n})
    return preview


def finding_justify(*, finding: PrivacyFinding, actor, reason: str) -> PrivacyFinding:
    """Keep one finding unmasked with an explicit reason (e.g. a public service hotline)."""
    reason = (reason or "").strip()

    def apply(locked):
        if not reason:
            raise ValidationFailed(_("保留个人信息必须说明理由。"), problems=[_("保留个人信息必须说明理由。")])
        locked.justification, locked.resolved_by, locked.resolved_at = reason, actor, clock.now()

    return FINDING_WORKFLOW.run("justify", finding, actor=actor, apply=apply, reason=reason,
                                extra={"record": finding.record_id, "kind": finding.kind,
                                       "masked": finding.masked_value}).instance


def _later(effects: list):
    """Return after-commit callables that run whatever `apply` collected into `effects`."""
    return [lambda: [effect() for effect in effects]]
