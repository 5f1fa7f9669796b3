"""The records transition table, run by the one workflow kernel (gongkai.core.workflow).

Every state change of a record — and every audited edit allowed only in some states — is a
``Transition`` below. The services in ``records.services`` validate their input and call
``RECORD_WORKFLOW.run(name, record, actor=..., apply=...)``; the office detail page asks
``RECORD_WORKFLOW.available_names(record, user)`` which forms to show.

Review order (see ``services.review.review_stages``): secrecy review first when a record touches
state secrets (seed 000 四(一)2), attribute review by the disclosure office (mandatory for
依申请公开 and 不予公开), secrecy review before anything is published ("谁公开、谁审查、谁负责"),
leader approval where the organisation's rules require it.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core import audit
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import PrivacyFinding, Record, SelfCheck, SelfCheckEntry
from .states import (
    EDITABLE, UNDECIDED, Attribute, FindingStatus, RecordStatus, SecrecyOutcome, SelfCheckDecisionKind, SelfCheckStatus,
    Validity,
)

S = RecordStatus


@audit.register
class RecordEvent(audit.EventType):
    CREATED = "record.created", _("登记政府信息")
    UPDATED = "record.updated", _("修改政府信息")
    ATTACHMENT_ADDED = "record.attachment_added", _("上传附件")
    ATTACHMENT_REMOVED = "record.attachment_removed", _("删除附件")
    INTERPRETATION_SAVED = "record.interpretation_saved", _("编辑解读材料")
    SUBMITTED = "record.submitted", _("报审")
    ATTRIBUTE_REVIEWED = "record.attribute_reviewed", _("公开属性审查通过")
    ATTRIBUTE_RETURNED = "record.attribute_returned", _("公开属性审查退回")
    SECRECY_REVIEWED = "record.secrecy_reviewed", _("保密审查")
    SECRECY_RETURNED = "record.secrecy_returned", _("保密审查退回")
    SECRECY_ESCALATED = "record.secrecy_escalated", _("报请审定")
    SECRECY_DETERMINED = "record.secrecy_determined", _("录入审定结论")
    LEADER_APPROVED = "record.leader_approved", _("领导审批同意")
    LEADER_RETURNED = "record.leader_returned", _("领导审批退回")
    PUBLISHED = "record.published", _("发布")
    WITHDRAWN = "record.withdrawn", _("撤回")
    READING_ROOM_DELIVERED = "record.reading_room_delivered", _("移送查阅点纸质件")
    CONVERTED = "record.converted", _("年度自查转为主动公开")
    FINDING_MASKED = "record.finding_masked", _("遮蔽个人信息")
    FINDINGS_MASKED = "record.findings_masked", _("按类型遮蔽个人信息")
    FINDING_JUSTIFIED = "record.finding_justified", _("说明理由保留个人信息")
    VALIDITY_CHANGED = "record.validity_changed", _("变更有效性")
    DUE_RECOMPUTED = "record.due_recomputed", _("重算发布期限")
    IMPORTED = "record.imported", _("从原网站导入")


@audit.register
class InterpretationEvent(audit.EventType):
    CREATED = "interpretation.created", _("起草解读材料")
    UPDATED = "interpretation.updated", _("修改解读材料")
    PUBLISHED = "interpretation.published", _("发布解读材料")


@audit.register
class SelfCheckEvent(audit.EventType):
    STARTED = "self_check.started", _("开始年度自查")
    DECIDED = "self_check.decided", _("作出自查结论")
    COMPLETED = "self_check.completed", _("完成年度自查")


@audit.register
class ItemTargetEvent(audit.EventType):
    SET = "item_target.set", _("设定事项发布目标时限")


@audit.register
class NegativeListEvent(audit.EventType):
    CREATED = "negative_list.created", _("新增负面清单事项")
    UPDATED = "negative_list.updated", _("修改负面清单事项")


# How snapshot values read on a history page (the kernel registers the record's states itself).
audit.register_values("attribute", Attribute, model="records.record")
audit.register_values("outcome", SecrecyOutcome, label=_("审查结论"), model="records.record")
audit.register_values("validity", Validity, label=_("有效性"), model="records.record")

# Where a review decision may lead: the next stage of the record's plan, the end states, or back.
REVIEW_EXITS = frozenset({S.ATTRIBUTE_REVIEW, S.SECRECY_REVIEW, S.LEADER_APPROVAL, S.APPROVED, S.DECIDED})
NOT_PUBLISHED = frozenset(S.values) - {S.PUBLISHED}


def _no_reading_room_copy(record: Record) -> str | None:
    from .models import ReadingRoomCopy

    if ReadingRoomCopy.objects.filter(record_id=record.pk).exists():
        return str(_("纸质件已移送。"))
    return None


def _escalation_possible(record: Record) -> str | None:
    open_one = record.escalations.filter(resolved_at__isnull=True).order_by("-created_at").first()
    if open_one is not None and open_one.level >= 2:
        return str(_("已报请有权机关确定，请录入其审定结论。"))
    return None


RECORD_WORKFLOW = Workflow(
    Record,
    related=("organisation", "catalog_item"),
    snapshot=lambda r: {"attribute": r.attribute},
    transitions=(
        # drafting (audited edits that keep the state)
        Transition("edit", sources=EDITABLE, permission=Action.RECORD_DRAFT, event=RecordEvent.UPDATED,
                   label=_("修改"), offer=False),
        Transition("attachment_add", sources=EDITABLE, permission=Action.RECORD_DRAFT,
                   event=RecordEvent.ATTACHMENT_ADDED, label=_("上传附件"), offer=False),
        Transition("attachment_remove", sources=EDITABLE, permission=Action.RECORD_DRAFT,
                   event=RecordEvent.ATTACHMENT_REMOVED, label=_("删除附件"), offer=False),
        Transition("interpretation", sources=EDITABLE, permission=Action.RECORD_DRAFT,
                   event=RecordEvent.INTERPRETATION_SAVED, label=_("编辑解读材料"), offer=False),
        # review
        Transition("submit", sources=EDITABLE, targets={S.ATTRIBUTE_REVIEW, S.SECRECY_REVIEW},
                   permission=Action.RECORD_DRAFT, event=RecordEvent.SUBMITTED, label=_("报审")),
        Transition("attribute_approve", sources={S.ATTRIBUTE_REVIEW}, targets=REVIEW_EXITS - {S.ATTRIBUTE_REVIEW},
                   permission=Action.RECORD_REVIEW_ATTRIBUTE, event=RecordEvent.ATTRIBUTE_REVIEWED,
                   label=_("公开属性审查通过")),
        Transition("attribute_return", sources={S.ATTRIBUTE_REVIEW}, target=S.RETURNED,
                   permission=Action.RECORD_REVIEW_ATTRIBUTE, event=RecordEvent.ATTRIBUTE_RETURNED,
                   label=_("公开属性审查退回"), style="danger"),
        Transition("secrecy_decide", sources={S.SECRECY_REVIEW},
                   targets=(REVIEW_EXITS - {S.SECRECY_REVIEW}) | {S.RETURNED},
                   permission=Action.RECORD_REVIEW_SECRECY, event=RecordEvent.SECRECY_REVIEWED,
                   label=_("保密审查")),
        Transition("secrecy_return", sources={S.SECRECY_REVIEW}, target=S.RETURNED,
                   permission=Action.RECORD_REVIEW_SECRECY, event=RecordEvent.SECRECY_RETURNED,
                   label=_("保密审查退回"), style="danger"),
        Transition("secrecy_escalate", sources={S.SECRECY_REVIEW, S.SECRECY_ESCALATED}, target=S.SECRECY_ESCALATED,
                   permission=Action.RECORD_REVIEW_SECRECY, event=RecordEvent.SECRECY_ESCALATED,
                   label=_("报请审定"), condition=_escalation_possible),
        Transition("secrecy_determine", sources={S.SECRECY_ESCALATED},
                   targets=(REVIEW_EXITS - {S.SECRECY_REVIEW}) | {S.RETURNED},
                   permission=Action.RECORD_REVIEW_SECRECY, event=RecordEvent.SECRECY_DETERMINED,
                   label=_("录入审定结论")),
        Transition("leader_approve", sources={S.LEADER_APPROVAL}, targets=REVIEW_EXITS - {S.LEADER_APPROVAL},
                   permission=Action.RECORD_APPROVE, event=RecordEvent.LEADER_APPROVED, label=_("领导审批同意")),
        Transition("leader_return", sources={S.LEADER_APPROVAL}, target=S.RETURNED,
                   permission=Action.RECORD_APPROVE, event=RecordEvent.LEADER_RETURNED,
                   label=_("领导审批退回"), style="danger"),
        # publication
        Transition("publish", sources={S.APPROVED, S.WITHDRAWN}, target=S.PUBLISHED,
                   permission=Action.RECORD_PUBLISH, event=RecordEvent.PUBLISHED, label=_("发布")),
        Transition("withdraw", sources={S.PUBLISHED}, target=S.WITHDRAWN, permission=Action.RECORD_PUBLISH,
                   event=RecordEvent.WITHDRAWN, label=_("撤回"), style="danger"),
        Transition("reading_room", sources={S.PUBLISHED}, permission=Action.RECORD_MANAGE,
                   event=RecordEvent.READING_ROOM_DELIVERED, label=_("移送查阅点纸质件"),
                   condition=_no_reading_room_copy),
        Transition("set_validity", sources={S.PUBLISHED, S.WITHDRAWN}, permission=Action.RECORD_MANAGE,
                   event=RecordEvent.VALIDITY_CHANGED, label=_("变更有效性"), offer=False),
        # a record already published on the office's previous site (gongkai.siteimport): published at
        # once, or held as approved while a privacy finding is open; run trusted by the importer
        Transition("import", sources={S.DRAFT}, targets={S.PUBLISHED, S.APPROVED}, permission=Action.RECORD_PUBLISH,
                   event=RecordEvent.IMPORTED, label=_("从原网站导入"), offer=False),
        # the yearly self-check converts a decided record to proactive; it then passes secrecy review
        Transition("convert", sources={S.DECIDED}, target=S.SECRECY_REVIEW, permission=Action.RECORD_MANAGE,
                   event=RecordEvent.CONVERTED, label=_("转为主动公开"), offer=False),
        # privacy findings (before publication): every open finding of one kind at once; one finding
        # at a time is FINDING_WORKFLOW's
        Transition("findings_mask_kind", sources=NOT_PUBLISHED, permission=Action.RECORD_DRAFT,
                   event=RecordEvent.FINDINGS_MASKED, label=_("按类型遮蔽"), offer=False),
    ),
)


def _record_unpublished(finding: PrivacyFinding) -> str | None:
    if finding.record.status == S.PUBLISHED:
        return str(_("政府信息已发布，不能再处理隐私检查结果。"))
    return None


# One privacy finding: open until it is masked or kept with a reason (before publication). The
# audit row names the record (``record`` in "after"), so the record's history shows it.
FINDING_WORKFLOW = Workflow(
    PrivacyFinding,
    organisation=lambda f: f.record.organisation,
    related=("record__organisation",),
    transitions=(
        Transition("mask", sources={FindingStatus.OPEN}, target=FindingStatus.MASKED, permission=Action.RECORD_DRAFT,
                   event=RecordEvent.FINDING_MASKED, label=_("遮蔽"), condition=_record_unpublished, offer=False),
        Transition("justify", sources={FindingStatus.OPEN}, target=FindingStatus.JUSTIFIED,
                   permission=Action.RECORD_DRAFT, event=RecordEvent.FINDING_JUSTIFIED, label=_("说明理由保留"),
                   condition=_record_unpublished, offer=False),
    ),
)


def _check_open(entry: SelfCheckEntry) -> str | None:
    if entry.self_check.status != SelfCheckStatus.OPEN:
        return str(_("自查已完成。"))
    return None


# The yearly self-check: open until it is completed (the service refuses while an entry is undecided).
SELF_CHECK_WORKFLOW = Workflow(
    SelfCheck,
    transitions=(
        Transition("complete", sources={SelfCheckStatus.OPEN}, target=SelfCheckStatus.COMPLETED,
                   permission=Action.RECORD_MANAGE, event=SelfCheckEvent.COMPLETED, label=_("完成年度自查"),
                   offer=False),
    ),
)

# One entry of a self-check. "Keep" is this table's; "convert" is the record's ``convert``
# transition (its one audit row names the entry), which marks the entry converted.
ENTRY_WORKFLOW = Workflow(
    SelfCheckEntry,
    state_field="decision",
    organisation=lambda e: e.self_check.organisation,
    related=("self_check__organisation",),
    transitions=(
        Transition("keep", sources={UNDECIDED}, target=SelfCheckDecisionKind.KEEP, permission=Action.RECORD_MANAGE,
                   event=SelfCheckEvent.DECIDED, label=_("维持原属性"), condition=_check_open, offer=False),
    ),
)
