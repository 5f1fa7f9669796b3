"""Writes to records: one keyword-only function per transition, atomic, permission-checked, audited.

Each transition (1) checks the state (`InvalidTransition`), (2) checks permission
(`PermissionDenied`), (3) saves inside the transaction, (4) writes an audit event
("record.<verb>") and, for review decisions, a ReviewStep shown on the record's history.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.catalog.models import CatalogItem
from gongkai.catalog.states import VersionStatus
from gongkai.core import audit, clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.permissions import Action, require

from . import deadlines, files, numbering, privacy
from .models import (
    Attachment, Interpretation, LegalBasis, NegativeListEntry, PrivacyFinding, ReadingRoomCopy, Record,
    RecordPolicy, ReviewStep, SecrecyEscalation, SelfCheck, SelfCheckEntry,
)
from .search import index as search_index
from .states import (
    ALLOWED_TRANSITIONS, EDITABLE, ESCALATION_TARGETS, STAGE_STATUS, Attribute, FindingStatus, LeaderApprovalRule,
    RecordStatus, SecrecyOutcome, SecrecyQuestion, SelfCheckDecisionKind, Stage,
)

RECORD_FIELDS = ("title", "doc_number", "issuing_unit", "formation_date", "summary", "body", "attribute",
                 "legal_basis", "attribute_reason", "touches_state_secrets", "is_major", "needs_interpretation")
TEXT_FIELDS = ("title", "summary", "body")
INTERPRETATION_FIELDS = ("title", "form", "background", "objectives", "main_content", "measures", "target_group",
                         "notes", "key_terms", "differences", "interpreting_body", "media_link")
INTERPRETATION_TEXT_FIELDS = ("background", "objectives", "main_content", "measures", "target_group", "notes",
                              "key_terms", "differences")
# 条例第十四条: information determined to be a state secret is not disclosed.
STATE_SECRET_BASIS = "art14"


def _snapshot(record: Record) -> dict:
    return {"status": record.status, "attribute": record.attribute}


def _transition(record: Record, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS[record.status]:
        raise InvalidTransition(
            _("该政府信息当前状态为“%(state)s”，不能执行此操作。") % {"state": record.get_status_display()}
        )


def _lock(record: Record) -> Record:
    return Record.objects.select_for_update().select_related("organisation", "catalog_item").get(pk=record.pk)


def _audit(verb: str, record: Record, actor, before: dict, reason: str = "", **extra) -> None:
    after = _snapshot(record)
    after.update(extra)
    audit.record(f"record.{verb}", actor=actor, organisation=record.organisation, target=record,
                 before=before, after=after, reason=reason)


def _step(record: Record, actor, stage: str, decision: str, opinion: str = "", referred_to: str = "") -> None:
    ReviewStep.objects.create(record=record, stage=stage, decision=decision, opinion=opinion or "",
                              referred_to=referred_to, actor=actor, created_at=clock.now())


def policy_for(organisation) -> RecordPolicy:
    return RecordPolicy.objects.filter(organisation=organisation).first() or RecordPolicy(organisation=organisation)


def review_stages(record: Record) -> list[str]:
    """Return the review stages a record needs, in order (see states.py)."""
    policy = policy_for(record.organisation)
    stages: list[str] = []
    if record.touches_state_secrets:
        stages.append(Stage.SECRECY)
    if record.attribute != Attribute.PROACTIVE or policy.review_all_attributes:
        stages.append(Stage.ATTRIBUTE)
    if record.attribute == Attribute.PROACTIVE and Stage.SECRECY not in stages:
        stages.append(Stage.SECRECY)
    if (record.attribute == Attribute.NOT_DISCLOSED or record.is_major
            or policy.leader_approval == LeaderApprovalRule.ALL):
        stages.append(Stage.LEADER)
    return [str(s) for s in stages]


def _next_status(record: Record) -> str:
    """Return the status after the stages done so far (the plan follows the current attribute)."""
    record.review_stages = review_stages(record)
    for stage in record.review_stages:
        if stage not in record.stages_done:
            return STAGE_STATUS[Stage(stage)]
    return RecordStatus.APPROVED if record.attribute == Attribute.PROACTIVE else RecordStatus.DECIDED


def _advance(record: Record, done: str) -> None:
    if done not in record.stages_done:
        record.stages_done = record.stages_done + [done]
    target = _next_status(record)
    _transition(record, target)
    record.status = target


def _validate_attribute(data: dict) -> list[str]:
    problems = []
    if data.get("attribute") == Attribute.NOT_DISCLOSED:
        if not data.get("legal_basis"):
            problems.append(_("拟不予公开的，必须选择法定依据。"))
        if not (data.get("attribute_reason") or "").strip():
            problems.append(_("拟不予公开的，必须说明理由。"))
    if data.get("attribute") == Attribute.ON_REQUEST and not (data.get("attribute_reason") or "").strip():
        problems.append(_("拟依申请公开的，必须说明理由。"))
    return problems


def _validate_record(data: dict) -> list[str]:
    problems = []
    for field, label in (("title", _("标题")), ("issuing_unit", _("发文机关")), ("formation_date", _("成文日期"))):
        if not data.get(field):
            problems.append(_("%(f)s不能为空。") % {"f": label})
    if data.get("attribute") not in Attribute.values:
        problems.append(_("请选择公开属性。"))
    basis = data.get("legal_basis")
    if basis is not None and not isinstance(basis, LegalBasis):
        problems.append(_("法定依据无效。"))
    return problems + _validate_attribute(data)


# ---------------------------------------------------------------- drafting

@transaction.atomic
def record_create(*, organisation, catalog_item: CatalogItem, actor, data: dict, unit=None) -> Record:
    """Create a draft record under an item of the organisation's published catalog, with its index number."""
    require(actor, Action.RECORD_DRAFT, organisation)
    item = CatalogItem.objects.select_related("version__catalog").get(pk=catalog_item.pk)
    if (item.version.catalog.organisation_id != organisation.pk or item.version.status != VersionStatus.PUBLISHED
            or item.retired):
        raise ValidationFailed(_("只能在本机关已发布目录的有效事项下登记政府信息。"),
                               problems=[_("请选择本机关已发布目录中的事项。")])
    data = {k: data.get(k) for k in RECORD_FIELDS if k in data}
    data.setdefault("attribute", Attribute.PROACTIVE)
    problems = _validate_record(data)
    if problems:
        raise ValidationFailed(_("政府信息登记信息不完整。"), problems=problems)
    if data.get("attribute") != Attribute.NOT_DISCLOSED:
        data["legal_basis"] = None
    record = Record(organisation=organisation, catalog_item=item, catalog_key=item.key, unit=unit,
                    created_by=actor, **data)
    record.index_number = numbering.issue(organisation=organisation, formation_date=record.formation_date, item=item)
    deadlines.apply(record)
    record.save()
    privacy_scan(record=record)
    audit.record("record.created", actor=actor, organisation=organisation, target=record,
                 after={"status": record.status, "attribute": record.attribute, "index_number": record.index_number,
                        "publication_due": record.publication_due.isoformat() if record.publication_due else None})
    return record


@transaction.atomic
def record_update(*, record: Record, actor, data: dict) -> Record:
    """Edit a draft or returned record; the deadline follows a changed formation date."""
    require(actor, Action.RECORD_DRAFT, record.organisation)
    record = _lock(record)
    if record.status not in EDITABLE:
        raise InvalidTransition(_("该政府信息当前状态为“%(state)s”，不能修改。") % {"state": record.get_status_display()})
    merged = {k: getattr(record, k) for k in RECORD_FIELDS}
    merged.update({k: v for k, v in data.items() if k in RECORD_FIELDS})
    problems = _validate_record(merged)
    if problems:
        raise ValidationFailed(_("政府信息登记信息不完整。"), problems=problems)
    if merged["attribute"] != Attribute.NOT_DISCLOSED:
        merged["legal_basis"] = None
    changed = {}
    for key, value in merged.items():
        if getattr(record, key) != value:
            changed[key] = str(value) if value is not None else None
            setattr(record, key, value)
    if "formation_date" in changed:
        deadlines.apply(record)
    record.save()
    privacy_scan(record=record)
    audit.record("record.updated", actor=actor, organisation=record.organisation, target=record,
                 before={}, after={"changed": sorted(changed)})
    return record


@transaction.atomic
def attachment_add(*, record: Record, actor, name: str, data: bytes) -> Attachment:
    """Attach a validated file (type checked by content) and scan its text for personal data."""
    require(actor, Action.RECORD_DRAFT, record.organisation)
    record = _lock(record)
    if record.status not in EDITABLE:
        raise InvalidTransition(_("只能在起草或退回修改时添加附件。"))
    kind = files.validate(name, data)
    text = files.extract_text(kind, data) if kind in files.TEXT_KINDS else ""
    attachment = Attachment(record=record, original_name=name[:200], kind=kind, content_type=files.CONTENT_TYPES[kind],
                            size=len(data), sha256=hashlib.sha256(data).hexdigest(), extracted_text=text)
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    privacy_scan(record=record)
    audit.record("record.attachment_added", actor=actor, organisation=record.organisation, target=record,
                 after={"attachment": attachment.pk, "name": attachment.original_name, "kind": kind,
                        "size": attachment.size})
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor) -> None:
    record = _lock(attachment.record)
    require(actor, Action.RECORD_DRAFT, record.organisation)
    if record.status not in EDITABLE:
        raise InvalidTransition(_("只能在起草或退回修改时删除附件。"))
    name, pk = attachment.original_name, attachment.pk
    attachment.file.delete(save=False)
    if attachment.masked_file:
        attachment.masked_file.delete(save=False)
    attachment.delete()
    audit.record("record.attachment_removed", actor=actor, organisation=record.organisation, target=record,
                 after={"attachment": pk, "name": name})


@transaction.atomic
def interpretation_save(*, record: Record, actor, data: dict) -> Interpretation:
    """Create or edit the interpretation with its record: 同步起草 (only while the record is editable)."""
    require(actor, Action.RECORD_DRAFT, record.organisation)
    record = _lock(record)
    if record.status not in EDITABLE:
        raise InvalidTransition(_("解读材料与文件同步起草、同步审签：只能在文件起草或退回修改时编辑。"))
    problems = []
    if not (data.get("title") or "").strip():
        problems.append(_("解读标题不能为空。"))
    if not data.get("form"):
        problems.append(_("请选择解读形式。"))
    if not (data.get("interpreting_body") or "").strip():
        problems.append(_("请填写解读机关。"))
    link = (data.get("media_link") or "").strip()
    if link and not (link.startswith(("http://", "https://")) or (link.startswith("/") and not link.startswith("//"))):
        problems.append(_("音视频或发布会链接须以 http://、https:// 或 / 开头。"))
    if problems:
        raise ValidationFailed(_("解读材料不完整。"), problems=problems)
    interpretation = Interpretation.objects.filter(record=record).first() or Interpretation(record=record)
    created = interpretation.pk is None
    for field in INTERPRETATION_FIELDS:
        if field in data:
            setattr(interpretation, field, data[field] or "")
    interpretation.save()
    if not record.needs_interpretation:
        record.needs_interpretation = True
        record.save(update_fields=["needs_interpretation", "updated_at"])
    privacy_scan(record=record)
    audit.record("interpretation.created" if created else "interpretation.updated", actor=actor,
                 organisation=record.organisation, target=interpretation, after={"record": record.pk,
                                                                                  "form": interpretation.form})
    return interpretation


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


# ---------------------------------------------------------------- privacy

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
        elif finding.status == FindingStatus.OPEN or finding.status == FindingStatus.JUSTIFIED:
            finding.delete()
    for key, (context, value) in current.items():
        if key not in existing:
            field, attachment_id, kind, _value = key
            PrivacyFinding.objects.create(record=record, attachment_id=attachment_id, field=field, kind=kind,
                                          value=value, context=context[:200])
    Record.objects.filter(pk=record.pk).update(privacy_scanned_at=clock.now())
    return list(record.findings.filter(status=FindingStatus.OPEN))


def _require_unpublished(record: Record) -> None:
    if record.status in (RecordStatus.PUBLISHED,):
        raise InvalidTransition(_("已发布的政府信息不能再处理检查结果；请先撤回。"))


@transaction.atomic
def finding_mask(*, finding: PrivacyFinding, actor) -> PrivacyFinding:
    """Mask one finding everywhere it occurs in the record (text fields, attachment copy, interpretation)."""
    record = _lock(finding.record)
    require(actor, Action.RECORD_DRAFT, record.organisation)
    _require_unpublished(record)
    finding = PrivacyFinding.objects.select_for_update().get(pk=finding.pk)
    if finding.status != FindingStatus.OPEN:
        raise InvalidTransition(_("该检查结果已处理。"))
    target = {(finding.kind, finding.value)}
    if finding.attachment_id:
        attachment = finding.attachment
        with attachment.file.open("rb") as fh:
            data = fh.read()
        targets = target | {(f.kind, f.value) for f in attachment.findings.filter(status=FindingStatus.MASKED)}
        masked_bytes, masked_text = files.masked_copy(attachment.kind, data, targets, attachment.extracted_text,
                                                      attachment.original_name)
        if attachment.masked_file:
            attachment.masked_file.delete(save=False)
        if masked_bytes is not None:
            attachment.masked_file.save(attachment.original_name, ContentFile(masked_bytes), save=False)
        attachment.masked_text = masked_text
        attachment.save()
    elif finding.field.startswith("interpretation."):
        interpretation = record.interpretation
        name = finding.field.split(".", 1)[1]
        setattr(interpretation, name, privacy.mask_text(getattr(interpretation, name), target)[0])
        interpretation.save()
    else:
        setattr(record, finding.field, privacy.mask_text(getattr(record, finding.field), target)[0])
        record.save(update_fields=[finding.field, "updated_at"])
    finding.status, finding.resolved_by, finding.resolved_at = FindingStatus.MASKED, actor, clock.now()
    finding.save()
    privacy_scan(record=record)
    audit.record("record.finding_masked", actor=actor, organisation=record.organisation, target=record,
                 after={"finding": finding.pk, "kind": finding.kind, "field": finding.field,
                        "masked": finding.masked_value})
    return finding


@transaction.atomic
def finding_justify(*, finding: PrivacyFinding, actor, reason: str) -> PrivacyFinding:
    """Keep one finding unmasked with an explicit reason (e.g. a public service hotline)."""
    record = _lock(finding.record)
    require(actor, Action.RECORD_DRAFT, record.organisation)
    _require_unpublished(record)
    finding = PrivacyFinding.objects.select_for_update().get(pk=finding.pk)
    if finding.status != FindingStatus.OPEN:
        raise InvalidTransition(_("该检查结果已处理。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("保留个人信息必须说明理由。"), problems=[_("保留个人信息必须说明理由。")])
    finding.status, finding.justification = FindingStatus.JUSTIFIED, reason
    finding.resolved_by, finding.resolved_at = actor, clock.now()
    finding.save()
    audit.record("record.finding_justified", actor=actor, organisation=record.organisation, target=record,
                 after={"finding": finding.pk, "kind": finding.kind, "masked": finding.masked_value}, reason=reason)
    return finding


# ---------------------------------------------------------------- review

@transaction.atomic
def record_submit(*, record: Record, actor, note: str = "") -> Record:
    """Submit a draft for review; it goes to the first stage its attribute requires."""
    require(actor, Action.RECORD_DRAFT, record.organisation)
    record = _lock(record)
    if record.status not in EDITABLE:
        _transition(record, RecordStatus.SECRECY_REVIEW)
    problems = _validate_record({k: getattr(record, k) for k in RECORD_FIELDS}) + interpretation_problems(record)
    if problems:
        raise ValidationFailed(_("不能报审。"), problems=problems)
    before = _snapshot(record)
    record.stages_done = []
    target = _next_status(record)
    _transition(record, target)
    record.status, record.submitted_at = target, clock.now()
    record.save()
    privacy_scan(record=record)
    _step(record, actor, "submit", "submitted", note)
    _audit("submitted", record, actor, before, note, stages=record.review_stages)
    return record


def _return(record: Record, actor, stage: str, opinion: str) -> None:
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationFailed(_("退回时必须填写意见。"), problems=[_("退回时必须填写意见。")])
    _transition(record, RecordStatus.RETURNED)
    record.status, record.stages_done = RecordStatus.RETURNED, []


@transaction.atomic
def record_attribute_review(*, record: Record, actor, approve: bool, opinion: str = "", attribute: str | None = None,
                            legal_basis: LegalBasis | None = None, reason: str | None = None) -> Record:
    """The disclosure office reviews the proposed attribute: confirm (or correct) it, or return the record."""
    record = _lock(record)
    if record.status != RecordStatus.ATTRIBUTE_REVIEW:
        raise InvalidTransition(_("该政府信息不在公开属性审查环节。"))
    require(actor, Action.RECORD_REVIEW_ATTRIBUTE, record.organisation)
    before = _snapshot(record)
    if not approve:
        _return(record, actor, Stage.ATTRIBUTE, opinion)
        record.save()
        _step(record, actor, Stage.ATTRIBUTE, "returned", opinion)
        _audit("attribute_returned", record, actor, before, opinion)
        return record
    if attribute is not None and attribute != record.attribute:
        data = {"attribute": attribute, "legal_basis": legal_basis,
                "attribute_reason": reason if reason is not None else record.attribute_reason}
        problems = _validate_attribute(data)
        if problems:
            raise ValidationFailed(_("公开属性调整不完整。"), problems=problems)
        record.attribute = attribute
        record.legal_basis = legal_basis if attribute == Attribute.NOT_DISCLOSED else None
        record.attribute_reason = data["attribute_reason"] or ""
        if attribute == Attribute.PROACTIVE:
            deadlines.apply(record)
    _advance(record, Stage.ATTRIBUTE)
    record.save()
    _step(record, actor, Stage.ATTRIBUTE, "approved", opinion)
    _audit("attribute_reviewed", record, actor, before, opinion)
    return record


@transaction.atomic
def record_secrecy_review(*, record: Record, actor, outcome: str, opinion: str = "") -> Record:
    """The secrecy reviewer decides: cleared, classified (不予公开 under 条例第十四条), or return."""
    record = _lock(record)
    if record.status != RecordStatus.SECRECY_REVIEW:
        raise InvalidTransition(_("该政府信息不在保密审查环节。"))
    require(actor, Action.RECORD_REVIEW_SECRECY, record.organisation)
    before = _snapshot(record)
    if outcome == "return":
        _return(record, actor, Stage.SECRECY, opinion)
        record.save()
        _step(record, actor, Stage.SECRECY, "returned", opinion)
        _audit("secrecy_returned", record, actor, before, opinion)
        return record
    _apply_secrecy_outcome(record, outcome, opinion)
    record.save()
    _step(record, actor, Stage.SECRECY, outcome, opinion)
    _audit("secrecy_reviewed", record, actor, before, opinion, outcome=outcome)
    return record


def _apply_secrecy_outcome(record: Record, outcome: str, opinion: str) -> None:
    if outcome == SecrecyOutcome.CLEARED:
        _advance(record, Stage.SECRECY)
    elif outcome == SecrecyOutcome.CLASSIFIED:
        basis = LegalBasis.objects.filter(code=STATE_SECRET_BASIS).first()
        if basis is None:
            raise ValidationFailed(_("法定依据清单中缺少“条例第十四条”，请先维护。"))
        record.attribute, record.legal_basis = Attribute.NOT_DISCLOSED, basis
        record.attribute_reason = opinion or _("经保密审查，属于国家秘密。")
        _advance(record, Stage.SECRECY)
    elif outcome == SecrecyOutcome.UNSUITABLE:
        _return(record, None, Stage.SECRECY, opinion or _("经研究确定不适宜公开，请重新确定公开属性。"))
    else:
        raise ValidationFailed(_("请选择保密审查结论。"))


@transaction.atomic
def record_secrecy_escalate(*, record: Record, actor, question: str, reason: str) -> SecrecyEscalation:
    """Refer a question the reviewer cannot decide one level up (seed 000 三(三)).

    A secrecy question goes to the unit's secrecy body, then to the authority empowered to
    decide; a suitability question to the competent business department, then to the
    government's disclosure authority at the same level.
    """
    record = _lock(record)
    if record.status not in (RecordStatus.SECRECY_REVIEW, RecordStatus.SECRECY_ESCALATED):
        raise InvalidTransition(_("该政府信息不在保密审查环节。"))
    require(actor, Action.RECORD_REVIEW_SECRECY, record.organisation)
    if question not in SecrecyQuestion.values:
        raise ValidationFailed(_("请选择无法确定的问题。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("报请审定必须说明理由。"), problems=[_("报请审定必须说明理由。")])
    open_one = record.escalations.filter(resolved_at__isnull=True).first()
    level = 1
    if open_one is not None:
        if open_one.level >= 2:
            raise InvalidTransition(_("已报请有权机关确定，请录入其审定结论。"))
        if open_one.question != question:
            raise ValidationFailed(_("上一级报请的问题尚未审定。"))
        level = 2
        open_one.outcome, open_one.resolved_at = "", clock.now()
        open_one.determined_by = str(ESCALATION_TARGETS[SecrecyQuestion(question)][0])
        open_one.reference = _("无法确定，继续报请")
        open_one.save()
    before = _snapshot(record)
    _transition(record, RecordStatus.SECRECY_ESCALATED)
    target = str(ESCALATION_TARGETS[SecrecyQuestion(question)][level - 1])
    escalation = SecrecyEscalation.objects.create(record=record, question=question, level=level, referred_to=target,
                                                  reason=reason, created_at=clock.now())
    record.status = RecordStatus.SECRECY_ESCALATED
    record.save()
    _step(record, actor, Stage.SECRECY, "escalated", reason, referred_to=target)
    _audit("secrecy_escalated", record, actor, before, reason, referred_to=target, level=level)
    return escalation


@transaction.atomic
def record_secrecy_determine(*, record: Record, actor, outcome: str, determined_by: str, reference: str = "") -> Record:
    """Record the determination of the body a question was referred to, and continue the review."""
    record = _lock(record)
    if record.status != RecordStatus.SECRECY_ESCALATED:
        raise InvalidTransition(_("该政府信息没有待审定的报请。"))
    require(actor, Action.RECORD_REVIEW_SECRECY, record.organisation)
    if outcome not in SecrecyOutcome.values:
        raise ValidationFailed(_("请选择审定结论。"))
    escalation = record.escalations.filter(resolved_at__isnull=True).order_by("-created_at").first()
    determined_by = (determined_by or "").strip() or (escalation.referred_to if escalation else "")
    before = _snapshot(record)
    if escalation is not None:
        escalation.outcome, escalation.determined_by = outcome, determined_by
        escalation.reference, escalation.resolved_at = (reference or "").strip(), clock.now()
        escalation.save()
    opinion = _("%(body)s审定：%(outcome)s") % {"body": determined_by, "outcome": SecrecyOutcome(outcome).label}
    if reference:
        opinion += f"（{reference}）"
    _apply_secrecy_outcome(record, outcome, opinion)
    record.save()
    _step(record, actor, Stage.SECRECY, f"determined_{outcome}", opinion, referred_to=determined_by)
    _audit("secrecy_determined", record, actor, before, opinion, outcome=outcome)
    return record


@transaction.atomic
def record_leader_decide(*, record: Record, actor, approve: bool, opinion: str = "") -> Record:
    """The leader approves (non-disclosure, major items, or all where the organisation requires it) or returns."""
    record = _lock(record)
    if record.status != RecordStatus.LEADER_APPROVAL:
        raise InvalidTransition(_("该政府信息不在领导审批环节。"))
    require(actor, Action.RECORD_APPROVE, record.organisation)
    before = _snapshot(record)
    if approve:
        _advance(record, Stage.LEADER)
    else:
        _return(record, actor, Stage.LEADER, opinion)
    record.save()
    _step(record, actor, Stage.LEADER, "approved" if approve else "returned", opinion)
    _audit("leader_approved" if approve else "leader_returned", record, actor, before, opinion)
    return record


def publication_problems(record: Record) -> list[str]:
    """Return why a record cannot be published now (empty when it can)."""
    problems = []
    if record.attribute != Attribute.PROACTIVE:
        problems.append(_("只有主动公开的政府信息可以发布。"))
    if Stage.SECRECY not in record.stages_done and record.status != RecordStatus.WITHDRAWN:
        problems.append(_("发布前必须经过保密审查。"))
    open_findings = record.findings.filter(status=FindingStatus.OPEN).count()
    if open_findings:
        problems.append(_("隐私检查发现 %(n)d 处个人信息尚未遮蔽或说明理由。") % {"n": open_findings})
    problems.extend(interpretation_problems(record))
    return problems


@transaction.atomic
def record_publish(*, record: Record, actor) -> Record:
    """Publish an approved record (and its interpretation at the same moment), and index it for search."""
    record = _lock(record)
    _transition(record, RecordStatus.PUBLISHED)
    require(actor, Action.RECORD_PUBLISH, record.organisation)
    privacy_scan(record=record)
    problems = publication_problems(record)
    if problems:
        raise ValidationFailed(_("暂不能发布。"), problems=problems)
    before = _snapshot(record)
    now = clock.now()
    record.status = RecordStatus.PUBLISHED
    if record.published_at is None:
        record.published_at = now
    record.save()
    interpretation = Interpretation.objects.filter(record=record).first() if record.needs_interpretation else None
    if interpretation is not None:
        if interpretation.published_at is None:
            interpretation.published_at = record.published_at
        interpretation.save()
        audit.record("interpretation.published", actor=actor, organisation=record.organisation,
                     target=interpretation, after={"record": record.pk})
    search_index.index_record(record)
    _audit("published", record, actor, before, published_at=record.published_at.isoformat())
    return record


@transaction.atomic
def record_withdraw(*, record: Record, actor, reason: str) -> Record:
    """Take a published record off the public site (and out of the search index), with a reason."""
    record = _lock(record)
    _transition(record, RecordStatus.WITHDRAWN)
    require(actor, Action.RECORD_PUBLISH, record.organisation)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("撤回必须说明理由。"), problems=[_("撤回必须说明理由。")])
    before = _snapshot(record)
    record.status = RecordStatus.WITHDRAWN
    record.save()
    search_index.unindex_record(record)
    _audit("withdrawn", record, actor, before, reason)
    return record


# ---------------------------------------------------------------- after publication

@transaction.atomic
def reading_room_deliver(*, record: Record, actor, location: str, delivered_on: dt.date, copies: int = 1) -> ReadingRoomCopy:
    """Record that the paper copy of a published record went to the reading room (seed 000 四(一)6)."""
    record = _lock(record)
    require(actor, Action.RECORD_MANAGE, record.organisation)
    if record.status != RecordStatus.PUBLISHED:
        raise InvalidTransition(_("只有已发布的政府信息需要移送纸质件。"))
    if ReadingRoomCopy.objects.filter(record=record).exists():
        raise InvalidTransition(_("纸质件已移送。"))
    if not (location or "").strip() or copies < 1:
        raise ValidationFailed(_("请填写查阅点和份数。"))
    copy = ReadingRoomCopy.objects.create(record=record, location=location.strip(), copies=copies,
                                          delivered_on=delivered_on, delivered_by=actor)
    audit.record("record.reading_room_delivered", actor=actor, organisation=record.organisation, target=record,
                 after={"location": copy.location, "copies": copies, "delivered_on": delivered_on.isoformat()})
    return copy


# ---------------------------------------------------------------- self-check and negative list

@transaction.atomic
def self_check_start(*, organisation, year: int, actor) -> SelfCheck:
    """Open the year's self-check with every 依申请公开/不予公开 record of the organisation (seed 003 一(四))."""
    require(actor, Action.RECORD_MANAGE, organisation)
    if SelfCheck.objects.filter(organisation=organisation, year=year).exists():
        raise InvalidTransition(_("%(y)d年度自查已开始。") % {"y": year})
    check = SelfCheck.objects.create(organisation=organisation, year=year, started_by=actor)
    records = Record.objects.filter(organisation=organisation, status=RecordStatus.DECIDED,
                                    attribute__in=[Attribute.ON_REQUEST, Attribute.NOT_DISCLOSED])
    SelfCheckEntry.objects.bulk_create([
        SelfCheckEntry(self_check=check, record=r, attribute_at_check=r.attribute) for r in records
    ])
    audit.record("self_check.started", actor=actor, organisation=organisation, target=check,
                 after={"year": year, "records": len(records)})
    return check


@transaction.atomic
def self_check_decide(*, entry: SelfCheckEntry, actor, decision: str, reason: str) -> SelfCheckEntry:
    """Decide on one record: keep its attribute (with a reason) or convert it to proactive disclosure.

    A conversion sends the record to secrecy review; it is then published like any other.
    """
    entry = SelfCheckEntry.objects.select_for_update().select_related("self_check").get(pk=entry.pk)
    check = entry.self_check
    require(actor, Action.RECORD_MANAGE, check.organisation)
    if check.completed_at is not None or entry.decision:
        raise InvalidTransition(_("该条目已有结论。"))
    reason = (reason or "").strip()
    if decision not in SelfCheckDecisionKind.values or not reason:
        raise ValidationFailed(_("请选择结论并说明理由。"), problems=[_("请选择结论并说明理由。")])
    record = _lock(entry.record)
    if decision == SelfCheckDecisionKind.CONVERT:
        _transition(record, RecordStatus.SECRECY_REVIEW)
        before = _snapshot(record)
        record.attribute, record.legal_basis, record.attribute_reason = Attribute.PROACTIVE, None, reason
        record.stages_done = [Stage.ATTRIBUTE]
        record.status = _next_status(record)
        deadlines.apply(record)
        record.save()
        _step(record, actor, "self_check", "converted", reason)
        _audit("converted", record, actor, before, reason, self_check=check.year)
    entry.decision, entry.reason, entry.decided_by, entry.decided_at = decision, reason, actor, clock.now()
    entry.save()
    audit.record("self_check.decided", actor=actor, organisation=check.organisation, target=check,
                 after={"record": record.pk, "decision": decision}, reason=reason)
    return entry


@transaction.atomic
def self_check_complete(*, check: SelfCheck, actor) -> SelfCheck:
    check = SelfCheck.objects.select_for_update().get(pk=check.pk)
    require(actor, Action.RECORD_MANAGE, check.organisation)
    if check.completed_at is not None:
        raise InvalidTransition(_("自查已完成。"))
    open_entries = check.entries.filter(decision="").count()
    if open_entries:
        raise ValidationFailed(_("还有 %(n)d 条未作结论。") % {"n": open_entries})
    check.completed_at = clock.now()
    check.save(update_fields=["completed_at", "updated_at"])
    audit.record("self_check.completed", actor=actor, organisation=check.organisation, target=check,
                 after={"year": check.year})
    return check


@transaction.atomic
def negative_list_save(*, organisation, actor, title: str, legal_basis: LegalBasis, description: str = "",
                       entry: NegativeListEntry | None = None, active: bool = True) -> NegativeListEntry:
    """Add or edit an entry of the organisation's negative list (不予公开负面清单)."""
    require(actor, Action.RECORD_MANAGE, organisation)
    if not (title or "").strip() or legal_basis is None:
        raise ValidationFailed(_("请填写事项并选择法定依据。"))
    created = entry is None
    if entry is None:
        entry = NegativeListEntry(organisation=organisation)
    elif entry.organisation_id != organisation.pk:
        raise ValidationFailed(_("该清单事项不属于本机关。"))
    entry.title, entry.legal_basis, entry.description, entry.active = title.strip(), legal_basis, description, active
    entry.save()
    audit.record("negative_list.created" if created else "negative_list.updated", actor=actor,
                 organisation=organisation, target=entry, after={"title": entry.title, "active": active,
                                                                 "legal_basis": legal_basis.code})
    return entry
