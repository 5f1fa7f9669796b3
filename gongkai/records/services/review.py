"""Review and publication: submit, attribute review, secrecy review (and escalation), leader, publish, withdraw."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.workflow import Step

from .. import deadlines, numbering
from ..models import Interpretation, LegalBasis, ReadingRoomCopy, Record, SecrecyEscalation
from ..search import index as search_index
from ..states import (
    ESCALATION_TARGETS, STAGE_STATUS, Attribute, FindingStatus, LeaderApprovalRule, RecordStatus, SecrecyOutcome,
    SecrecyQuestion, Stage, Validity,
)
from ..workflow import RECORD_WORKFLOW
from .common import RECORD_FIELDS, policy_for, step, validate_attribute, validate_record
from .drafting import interpretation_problems
from .findings import privacy_scan
from .wording import check_before_submit, require_clear

# 条例第十四条: information determined to be a state secret is not disclosed.
STATE_SECRET_BASIS = "art14"


def review_stages(record: Record) -> list[str]:
    """Return the review stages a record needs, in order (see workflow.py)."""
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


def next_status(record: Record) -> str:
    """Return the status after the stages done so far (the plan follows the current attribute)."""
    record.review_stages = review_stages(record)
    for stage in record.review_stages:
        if stage not in record.stages_done:
            return STAGE_STATUS[Stage(stage)]
    return RecordStatus.APPROVED if record.attribute == Attribute.PROACTIVE else RecordStatus.DECIDED


def _advance(record: Record, done: str) -> str:
    if done not in record.stages_done:
        record.stages_done = record.stages_done + [done]
    return next_status(record)


def _return(record: Record, opinion: str) -> str:
    if not (opinion or "").strip():
        raise ValidationFailed(_("退回时必须填写意见。"), problems=[_("退回时必须填写意见。")])
    record.stages_done = []
    return RecordStatus.RETURNED


def record_submit(*, record: Record, actor, note: str = "") -> Record:
    """Submit a draft (or a returned record) for review; it goes to the first stage its attribute requires.

    Only a draft or returned record can be submitted: a record already under review keeps its
    review chain (the kernel refuses the transition from any other state).
    """
    extra: dict = {}
    if RECORD_WORKFLOW.may("submit", record, actor):  # else the kernel refuses below, nothing written
        check_before_submit(record, actor)  # findings stay stored (and shown in place) if refused below

    def apply(locked):
        problems = validate_record({k: getattr(locked, k) for k in RECORD_FIELDS}) + interpretation_problems(locked)
        if problems:
            raise ValidationFailed(_("不能报审。"), problems=problems)
        require_clear(locked)  # a severe wording finding blocks 报审 until fixed or kept by the leader
        locked.stages_done = []
        target = next_status(locked)
        locked.submitted_at = clock.now()
        privacy_scan(record=locked)
        step(locked, actor, "submit", "submitted", note)
        extra["stages"] = locked.review_stages
        return target

    return RECORD_WORKFLOW.run("submit", record, actor=actor, apply=apply, reason=note, extra=extra).instance


def record_attribute_review(*, record: Record, actor, approve: bool, opinion: str = "", attribute: str | None = None,
                            legal_basis: LegalBasis | None = None, reason: str | None = None) -> Record:
    """The disclosure office reviews the proposed attribute: confirm (or correct) it, or return the record."""
    if not approve:
        def give_back(locked):
            target = _return(locked, opinion)
            step(locked, actor, Stage.ATTRIBUTE, "returned", opinion)
            return target

        return RECORD_WORKFLOW.run("attribute_return", record, actor=actor, apply=give_back, reason=opinion).instance

    def apply(locked):
        if attribute is not None and attribute != locked.attribute:
            data = {"attribute": attribute, "legal_basis": legal_basis,
                    "attribute_reason": reason if reason is not None else locked.attribute_reason}
            problems = ([] if attribute in Attribute.values else [_("请选择公开属性。")]) + validate_attribute(data)
            if problems:
                raise ValidationFailed(_("公开属性调整不完整。"), problems=problems)
            locked.attribute = attribute
            locked.legal_basis = legal_basis if attribute == Attribute.NOT_DISCLOSED else None
            locked.attribute_reason = data["attribute_reason"] or ""
            deadlines.apply(locked)  # proactive: a deadline; 依申请公开/不予公开: none
        target = _advance(locked, Stage.ATTRIBUTE)
        step(locked, actor, Stage.ATTRIBUTE, "approved", opinion)
        return target

    return RECORD_WORKFLOW.run("attribute_approve", record, actor=actor, apply=apply, reason=opinion).instance


def _secrecy_outcome(record: Record, outcome: str, opinion: str) -> str:
    """Apply a secrecy conclusion to the locked record and return its next status."""
    if outcome == SecrecyOutcome.CLEARED:
        return _advance(record, Stage.SECRECY)
    if outcome == SecrecyOutcome.CLASSIFIED:
        basis = LegalBasis.objects.filter(code=STATE_SECRET_BASIS).first()
        if basis is None:
            raise ValidationFailed(_("法定依据清单中缺少“条例第十四条”，请先维护。"))
        record.attribute, record.legal_basis = Attribute.NOT_DISCLOSED, basis
        record.attribute_reason = opinion or _("经保密审查，属于国家秘密。")
        return _advance(record, Stage.SECRECY)
    if outcome == SecrecyOutcome.UNSUITABLE:
        return _return(record, opinion or _("经研究确定不适宜公开，请重新确定公开属性。"))
    raise ValidationFailed(_("请选择保密审查结论。"))


def record_secrecy_review(*, record: Record, actor, outcome: str, opinion: str = "") -> Record:
    """The secrecy reviewer decides: cleared, classified (不予公开 under 条例第十四条), or return."""
    if outcome == "return":
        def give_back(locked):
            target = _return(locked, opinion)
            step(locked, actor, Stage.SECRECY, "returned", opinion)
            return target

        return RECORD_WORKFLOW.run("secrecy_return", record, actor=actor, apply=give_back, reason=opinion).instance

    def apply(locked):
        target = _secrecy_outcome(locked, outcome, opinion)
        step(locked, actor, Stage.SECRECY, outcome, opinion)
        return target

    return RECORD_WORKFLOW.run("secrecy_decide", record, actor=actor, apply=apply, reason=opinion,
                               extra={"outcome": outcome}).instance


def record_secrecy_escalate(*, record: Record, actor, question: str, reason: str) -> SecrecyEscalation:
    """Refer a question the reviewer cannot decide one level up (seed 000 三(三)).

    A secrecy question goes to the unit's secrecy body, then to the authority empowered to
    decide; a suitability question to the competent business department, then to the
    government's disclosure authority at the same level.
    """
    reason = (reason or "").strip()
    extra: dict = {}

    def apply(locked):
        if question not in SecrecyQuestion.values:
            raise ValidationFailed(_("请选择无法确定的问题。"))
        if not reason:
            raise ValidationFailed(_("报请审定必须说明理由。"), problems=[_("报请审定必须说明理由。")])
        open_one = locked.escalations.select_for_update().filter(resolved_at__isnull=True).first()
        level = 1
        if open_one is not None:
            if open_one.question != question:
                raise ValidationFailed(_("上一级报请的问题尚未审定。"))
            level = 2
            open_one.outcome, open_one.resolved_at = "", clock.now()
            open_one.determined_by = str(ESCALATION_TARGETS[SecrecyQuestion(question)][0])
            open_one.reference = _("无法确定，继续报请")
            open_one.save()
        target = str(ESCALATION_TARGETS[SecrecyQuestion(question)][level - 1])
        escalation = SecrecyEscalation.objects.create(record=locked, question=question, level=level,
                                                      referred_to=target, reason=reason, created_at=clock.now())
        step(locked, actor, Stage.SECRECY, "escalated", reason, referred_to=target)
        extra.update(referred_to=target, level=level)
        return Step(result=escalation)

    return RECORD_WORKFLOW.run("secrecy_escalate", record, actor=actor, apply=apply, reason=reason,
                               extra=extra).result


def record_secrecy_determine(*, record: Record, actor, outcome: str, determined_by: str, reference: str = "") -> Record:
    """Record the determination of the body a question was referred to, and continue the review."""
    def apply(locked):
        if outcome not in SecrecyOutcome.values:
            raise ValidationFailed(_("请选择审定结论。"))
        escalation = locked.escalations.filter(resolved_at__isnull=True).order_by("-created_at").first()
        body = (determined_by or "").strip() or (escalation.referred_to if escalation else "")
        if escalation is not None:
            escalation.outcome, escalation.determined_by = outcome, body
            escalation.reference, escalation.resolved_at = (reference or "").strip(), clock.now()
            escalation.save()
        opinion = _("%(body)s审定：%(outcome)s") % {"body": body, "outcome": SecrecyOutcome(outcome).label}
        if reference:
            opinion += f"（{reference}）"
        target = _secrecy_outcome(locked, outcome, opinion)
        step(locked, actor, Stage.SECRECY, f"determined_{outcome}", opinion, referred_to=body)
        return target

    extra = {"outcome": outcome}
    return RECORD_WORKFLOW.run("secrecy_determine", record, actor=actor, apply=apply, extra=extra,
                               reason=_("审定结论：%(o)s") % {"o": SecrecyOutcome(outcome).label}
                               if outcome in SecrecyOutcome.values else "").instance


def record_leader_decide(*, record: Record, actor, approve: bool, opinion: str = "") -> Record:
    """The leader approves (non-disclosure, major items, or all where the organisation requires it) or returns."""
    def apply(locked):
        target = _advance(locked, Stage.LEADER) if approve else _return(locked, opinion)
        step(locked, actor, Stage.LEADER, "approved" if approve else "returned", opinion)
        return target

    return RECORD_WORKFLOW.run("leader_approve" if approve else "leader_return", record, actor=actor, apply=apply,
                               reason=opinion).instance


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


def record_publish(*, record: Record, actor) -> Record:
    """Publish an approved record (and its interpretation at the same moment), and index it for search."""
    extra: dict = {}

    def apply(locked):
        privacy_scan(record=locked)
        problems = publication_problems(locked)
        if problems:
            raise ValidationFailed(_("暂不能发布。"), problems=problems)
        if locked.published_at is None:
            locked.published_at = clock.now()
        if not locked.index_number:  # assigned at (first) publication: no gaps in the public sequence
            locked.index_number = numbering.issue(organisation=locked.organisation,
                                                  formation_date=locked.formation_date, item=locked.catalog_item)
        extra["index_number"] = locked.index_number
        interpretation = Interpretation.objects.filter(record=locked).first() if locked.needs_interpretation else None
        if interpretation is not None and interpretation.published_at is None:
            # Published with its record, in the record's one audit row (no second row for it).
            interpretation.published_at = locked.published_at
            interpretation.save()
            extra["interpretation"] = interpretation.pk
        extra["published_at"] = locked.published_at.isoformat()

    with transaction.atomic():
        published = RECORD_WORKFLOW.run("publish", record, actor=actor, apply=apply, extra=extra).instance
        search_index.index_record(published)
    return published


def record_withdraw(*, record: Record, actor, reason: str) -> Record:
    """Take a published record off the public site (and out of the search index), with a reason."""
    reason = (reason or "").strip()

    def apply(locked):
        if not reason:
            raise ValidationFailed(_("撤回必须说明理由。"), problems=[_("撤回必须说明理由。")])

    with transaction.atomic():
        withdrawn = RECORD_WORKFLOW.run("withdraw", record, actor=actor, apply=apply, reason=reason).instance
        search_index.unindex_record(withdrawn)
    return withdrawn


def reading_room_deliver(*, record: Record, actor, location: str, delivered_on: dt.date, copies: int = 1) -> ReadingRoomCopy:
    """Record that the paper copy of a published record went to the reading room (seed 000 四(一)6)."""
    def apply(locked):
        if not (location or "").strip() or copies < 1:
            raise ValidationFailed(_("请填写查阅点和份数。"))
        return Step(result=ReadingRoomCopy.objects.create(record=locked, location=location.strip(), copies=copies,
                                                          delivered_on=delivered_on, delivered_by=actor))

    return RECORD_WORKFLOW.run("reading_room", record, actor=actor, apply=apply,
                               extra={"location": (location or "").strip(), "copies": copies,
                                      "delivered_on": delivered_on.isoformat() if delivered_on else None}).result


def record_set_validity(*, record: Record, actor, validity: str, changed_on: dt.date | None = None,
                        replaced_by: Record | None = None) -> Record:
    """Mark a published normative document 有效 / 失效 / 废止 (with the date), and what replaced it.

    The annual report's 现行有效件数 counts from this (selectors.valid_normative_documents).
    """
    extra: dict = {}

    def apply(locked):
        problems = []
        if validity not in Validity.values:
            problems.append(_("请选择有效性。"))
        if validity in (Validity.EXPIRED, Validity.REPEALED, Validity.AMENDED) and changed_on is None:
            problems.append(_("已修改、已废止或失效的，必须填写日期。"))
        if replaced_by is not None and (replaced_by.pk == locked.pk
                                        or replaced_by.organisation_id != locked.organisation_id):
            problems.append(_("替代文件须是本机关的另一件政府信息。"))
        if problems:
            raise ValidationFailed(_("有效性信息不完整。"), problems=problems)
        locked.validity = validity
        locked.validity_changed_on = changed_on if validity != Validity.VALID else None
        locked.replaced_by = replaced_by if validity != Validity.VALID else None
        extra.update(validity=validity, changed_on=changed_on.isoformat() if changed_on else None,
                     replaced_by=replaced_by.pk if replaced_by else None)

    return RECORD_WORKFLOW.run("set_validity", record, actor=actor, apply=apply, extra=extra).instance
