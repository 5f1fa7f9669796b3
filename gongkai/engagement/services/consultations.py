"""Consultations on draft decisions (征求意见): the draft, the comments, their groups and the adoption report."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.workflow import Step
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require
from gongkai.proofing import services as proofing

from ..models import Comment, CommentGroup, Consultation
from ..periods import short_period_problem
from ..states import Adoption, CommenterKind, ConsultationKind, EngagementEvent as E
from ..workflow import CONSULTATION_WORKFLOW, GROUP_WORKFLOW
from ._common import (
    MAX_COMMENT, MAX_TAGS, MAX_TEXT, _clean, _fail, _minute, _require_text, own_record, public_pages_changed,
)
from .wording import check_consultation


CONSULTATION_FIELDS = ("title", "kind", "draft_text", "basis", "explanation", "opens_at", "closes_at",
                       "short_period_reason", "report_due", "decision_entry")


def _consultation_data(organisation, data: dict) -> dict:
    problems: list[str] = []
    clean = {
        "title": _require_text(problems, data.get("title"), _("征求意见稿名称"), 200),
        "kind": data.get("kind") or ConsultationKind.NORMATIVE,
        "short_period_reason": _clean(data.get("short_period_reason")),
        "draft_text": _require_text(problems, data.get("draft_text"), _("决策草案"), MAX_TEXT),
        "basis": _require_text(problems, data.get("basis"), _("决策依据"), MAX_TEXT),
        "explanation": _require_text(problems, data.get("explanation"), _("起草说明"), MAX_TEXT),
        "opens_at": _minute(data.get("opens_at")),
        "closes_at": _minute(data.get("closes_at")),
        "report_due": data.get("report_due"),
        "decision_entry": data.get("decision_entry"),
    }
    if clean["opens_at"] is None or clean["closes_at"] is None:
        problems.append(_("请填写征求意见的开始和截止时间。"))
    elif clean["closes_at"] <= clean["opens_at"]:
        problems.append(_("征求意见截止时间必须晚于开始时间。"))
    elif clean["kind"] in ConsultationKind.values and (problem := short_period_problem(
            clean["kind"], clean["opens_at"], clean["closes_at"], clean["short_period_reason"])):
        problems.append(problem)
    elif clean["report_due"] is not None and clean["report_due"] < timezone.localtime(clean["closes_at"]).date():
        problems.append(_("采纳情况公布时限不能早于征求意见截止日期。"))
    if clean["kind"] not in ConsultationKind.values:
        problems.append(_("请选择征求意见事项类别。"))
    if len(clean["short_period_reason"]) > MAX_COMMENT:
        problems.append(_("%(f)s不能超过%(n)d字。") % {"f": _("缩短期限的理由"), "n": MAX_COMMENT})
    entry = clean["decision_entry"]
    if entry is not None and entry.catalog.organisation_id != organisation.pk:
        problems.append(_("只能关联本机关的重大行政决策事项。"))
    elif entry is not None and clean["kind"] != ConsultationKind.MAJOR_DECISION:
        problems.append(_("关联了重大行政决策事项的，类别应为“重大行政决策”（公开征求意见一般不少于30日）。"))
    _fail(problems, _("征求意见稿信息不完整。"))
    return clean


@transaction.atomic
def consultation_create(*, organisation: Organisation, actor, data: dict) -> Consultation:
    """Create a draft consultation with its basis, explanation and comment period."""
    require(actor, Action.ENGAGEMENT_EDIT, organisation)
    clean = _consultation_data(organisation, data)
    c = Consultation.objects.create(organisation=organisation, created_by=actor, **clean)
    check_consultation(c, actor)
    audit.record(E.CONSULTATION_CREATED, actor=actor, organisation=organisation, target=c,
                 after={"status": c.status})
    return c


def consultation_update(*, consultation: Consultation, actor, data: dict) -> Consultation:
    """Edit a draft consultation."""
    clean = _consultation_data(consultation.organisation, data)

    def apply(c):
        for k, v in clean.items():
            setattr(c, k, v)
        check_consultation(c, actor)
    return CONSULTATION_WORKFLOW.run("edit", consultation, actor=actor, apply=apply).instance


def consultation_publish(*, consultation: Consultation, actor) -> Consultation:
    """Publish the draft for comments; comments are accepted from `opens_at` until `closes_at`.

    A severe wording finding (checked again first, stored even when publication is refused) blocks it.
    """
    if CONSULTATION_WORKFLOW.may("publish", consultation, actor):  # else the kernel refuses, nothing written
        check_consultation(consultation, actor, trusted=False)

    def apply(c):
        proofing.require_clear(c)
        c.published_at = clock.now()
        public_pages_changed()
    return CONSULTATION_WORKFLOW.run("publish", consultation, actor=actor, apply=apply).instance


def consultation_withdraw(*, consultation: Consultation, actor, reason: str) -> Consultation:
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("撤回时必须说明理由。"), problems=[_("撤回时必须说明理由。")])
    def apply(c):
        public_pages_changed()
    return CONSULTATION_WORKFLOW.run("withdraw", consultation, actor=actor, reason=reason, apply=apply).instance


def comment_submit(*, consultation: Consultation, kind: str, name: str, body: str, phone: str = "",
                   email: str = "") -> Comment:
    """Receive a comment from the public intake (a trusted caller: the citizen holds no role).

    The kernel locks the consultation and refuses the comment outside the period, to the minute.
    """
    problems: list[str] = []
    if kind not in CommenterKind.values:
        problems.append(_("请选择提交人类型。"))
    name = _require_text(problems, name, _("姓名或名称"), 120)
    body = _require_text(problems, body, _("意见内容"), MAX_COMMENT)
    _fail(problems, _("意见信息不完整。"))

    def apply(c):
        return Step(result=Comment.objects.create(consultation=c, kind=kind, name=name, phone=_clean(phone)[:30],
                                                  email=_clean(email), body=body, submitted_at=clock.now()))
    return CONSULTATION_WORKFLOW.run("receive_comment", consultation, actor=None, trusted=True, apply=apply).result


def _tags(text: str) -> str:
    parts = [p.strip() for p in (text or "").replace(",", "，").replace("、", "，").split("，")]
    value = "，".join(dict.fromkeys(p for p in parts if p))
    if len(value) > MAX_TAGS:
        raise ValidationFailed(_("标签过长。"), problems=[_("标签合计不能超过%(n)d字。") % {"n": MAX_TAGS}])
    return value


def comments_group(*, consultation: Consultation, actor, comment_ids: list[int], group: CommentGroup | None = None,
                   new_title: str = "", tags: str = "") -> CommentGroup:
    """Tag the chosen comments and put them into an existing group or a new one."""
    tags = _tags(tags)
    new_title = _clean(new_title)
    problems = []
    if not comment_ids:
        problems.append(_("请至少选择一条意见。"))
    if group is None and not new_title:
        problems.append(_("请选择已有归类或填写新归类名称。"))
    if group is not None and group.consultation_id != consultation.pk:
        problems.append(_("归类不属于本次征求意见。"))
    if len(new_title) > 200:
        problems.append(_("归类名称不能超过200字。"))
    _fail(problems, _("无法归类。"))

    def apply(c):
        comments = list(Comment.objects.filter(consultation=c, pk__in=comment_ids))
        if len(comments) != len(set(comment_ids)):
            raise ValidationFailed(_("无法归类。"), problems=[_("所选意见不属于本次征求意见。")])
        target = group or CommentGroup.objects.create(consultation=c, title=new_title)
        for comment in comments:
            comment.group = target
            if tags:
                comment.tags = _tags(f"{comment.tags}，{tags}")
            comment.save(update_fields=["group", "tags"])
        return Step(result=target)
    return CONSULTATION_WORKFLOW.run("group", consultation, actor=actor, apply=apply,
                                     extra={"group": new_title or (group.title if group else ""),
                                            "comments": len(comment_ids)}).result


def group_decide(*, group: CommentGroup, actor, adoption: str, reason: str = "") -> CommentGroup:
    """Mark a group adopted / partly adopted / not adopted, with the reason published in the report."""
    if adoption not in (Adoption.ADOPTED, Adoption.PARTLY, Adoption.NOT_ADOPTED):
        raise ValidationFailed(_("请选择采纳情况。"), problems=[_("请选择采纳、部分采纳或不予采纳。")])
    reason = _clean(reason)
    if len(reason) > MAX_COMMENT:
        raise ValidationFailed(_("理由过长。"), problems=[_("理由不能超过%(n)d字。") % {"n": MAX_COMMENT}])

    def apply(g):
        g.reason = reason
        return adoption
    return GROUP_WORKFLOW.run("decide", group, actor=actor, apply=apply, reason=reason).instance


def consultation_publish_report(*, consultation: Consultation, actor, summary: str = "") -> Consultation:
    """Publish the adoption report (采纳情况及理由); refused while a concentrated group lacks its reason."""
    summary = _clean(summary)
    if len(summary) > MAX_TEXT:
        raise ValidationFailed(_("说明过长。"), problems=[_("总体说明不能超过%(n)d字。") % {"n": MAX_TEXT}])

    def apply(c):
        c.report_summary = summary
        c.reported_at = clock.now()
        public_pages_changed()
    return CONSULTATION_WORKFLOW.run("publish_report", consultation, actor=actor, apply=apply).instance


def consultation_link_record(*, consultation: Consultation, actor, record) -> Consultation:
    """Link the consultation to the record that finally results from it."""
    own_record(consultation.organisation, record)

    def apply(c):
        c.resulting_record = record
    return CONSULTATION_WORKFLOW.run("link_record", consultation, actor=actor, apply=apply,
                                     extra={"record": record.pk}).instance

