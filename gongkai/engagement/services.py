"""Writes of public participation. Each service validates its input, then runs one declared transition
on the workflow kernel (or creates the object with its audit event); nothing else writes these tables.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock, sequence
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.models import Organisation, Unit
from gongkai.organisations.permissions import Action, require
from gongkai.workdays import calendar, engine

from .models import (
    Comment, CommentGroup, Consultation, DecisionCatalog, DecisionEntry, Meeting, Message, OpinionEvent,
)
from .states import (
    Adoption, CommenterKind, ConsultationStatus, EngagementEvent as E, MeetingKind, MessageKind, Severity,
)
from .workflows import (
    CATALOG_WORKFLOW, CONSULTATION_WORKFLOW, GROUP_WORKFLOW, MEETING_WORKFLOW, MESSAGE_WORKFLOW, OPINION_WORKFLOW,
)

MAX_TEXT = 20_000
MAX_COMMENT = 5_000
MAX_MESSAGE = 5_000
MAX_TAGS = 200
# Seed 003 四(三): suggestions within 7 working days (15 when complex); consultations, complaints and
# reports of problems within 15.
SUGGESTION_WORKING_DAYS = 7
COMPLEX_WORKING_DAYS = 15
OTHER_WORKING_DAYS = 15


def _clean(value) -> str:
    return (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()


def _require_text(problems: list, value: str, label: str, limit: int) -> str:
    value = _clean(value)
    if not value:
        problems.append(_("%(f)s不能为空。") % {"f": label})
    elif len(value) > limit:
        problems.append(_("%(f)s不能超过%(n)d字。") % {"f": label, "n": limit})
    return value


def _minute(moment: dt.datetime | None) -> dt.datetime | None:
    """Return the aware moment cut to the minute (periods are shown and enforced to the minute)."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.replace(second=0, microsecond=0)


def _fail(problems: list[str], message: str) -> None:
    if problems:
        raise ValidationFailed(message, problems=problems)


# ---------------------------------------------------------------- consultations

CONSULTATION_FIELDS = ("title", "draft_text", "basis", "explanation", "opens_at", "closes_at", "report_due",
                       "decision_entry")


def _consultation_data(organisation, data: dict) -> dict:
    problems: list[str] = []
    clean = {
        "title": _require_text(problems, data.get("title"), _("征求意见稿名称"), 200),
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
    elif clean["report_due"] is not None and clean["report_due"] < timezone.localtime(clean["closes_at"]).date():
        problems.append(_("采纳情况公布时限不能早于征求意见截止日期。"))
    entry = clean["decision_entry"]
    if entry is not None and entry.catalog.organisation_id != organisation.pk:
        problems.append(_("只能关联本机关的重大行政决策事项。"))
    _fail(problems, _("征求意见稿信息不完整。"))
    return clean


@transaction.atomic
def consultation_create(*, organisation: Organisation, actor, data: dict) -> Consultation:
    """Create a draft consultation with its basis, explanation and comment period."""
    require(actor, Action.ENGAGEMENT_EDIT, organisation)
    clean = _consultation_data(organisation, data)
    c = Consultation.objects.create(organisation=organisation, created_by=actor, **clean)
    audit.record(E.CONSULTATION_CREATED, actor=actor, organisation=organisation, target=c,
                 after={"status": c.status})
    return c


def consultation_update(*, consultation: Consultation, actor, data: dict) -> Consultation:
    """Edit a draft consultation."""
    clean = _consultation_data(consultation.organisation, data)

    def apply(c):
        for k, v in clean.items():
            setattr(c, k, v)
    return CONSULTATION_WORKFLOW.run("edit", consultation, actor=actor, apply=apply)


def consultation_publish(*, consultation: Consultation, actor) -> Consultation:
    """Publish the draft for comments; comments are accepted from `opens_at` until `closes_at`."""
    def apply(c):
        c.published_at = clock.now()
    return CONSULTATION_WORKFLOW.run("publish", consultation, actor=actor, apply=apply)


def consultation_withdraw(*, consultation: Consultation, actor, reason: str) -> Consultation:
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("撤回时必须说明理由。"), problems=[_("撤回时必须说明理由。")])
    return CONSULTATION_WORKFLOW.run("withdraw", consultation, actor=actor, reason=reason)


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
    created: list[Comment] = []

    def apply(c):
        created.append(Comment.objects.create(consultation=c, kind=kind, name=name, phone=_clean(phone)[:30],
                                              email=_clean(email), body=body, submitted_at=clock.now()))
    CONSULTATION_WORKFLOW.run("receive_comment", consultation, actor=None, trusted=True, apply=apply)
    return created[0]


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
    result: list[CommentGroup] = []

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
        result.append(target)
    CONSULTATION_WORKFLOW.run("group", consultation, actor=actor, apply=apply,
                              extra={"group": new_title or (group.title if group else ""),
                                     "comments": len(comment_ids)})
    return result[0]


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
    return GROUP_WORKFLOW.run("decide", group, actor=actor, apply=apply, reason=reason)


def consultation_publish_report(*, consultation: Consultation, actor, summary: str = "") -> Consultation:
    """Publish the adoption report (采纳情况及理由); refused while a concentrated group lacks its reason."""
    summary = _clean(summary)
    if len(summary) > MAX_TEXT:
        raise ValidationFailed(_("说明过长。"), problems=[_("总体说明不能超过%(n)d字。") % {"n": MAX_TEXT}])

    def apply(c):
        c.report_summary = summary
        c.reported_at = clock.now()
    return CONSULTATION_WORKFLOW.run("publish_report", consultation, actor=actor, apply=apply)


def _own_record(organisation, record):
    if record is None or record.organisation_id != organisation.pk:
        raise ValidationFailed(_("只能关联本机关的政府信息。"), problems=[_("只能关联本机关的政府信息。")])


def consultation_link_record(*, consultation: Consultation, actor, record) -> Consultation:
    """Link the consultation to the record that finally results from it."""
    _own_record(consultation.organisation, record)

    def apply(c):
        c.resulting_record = record
    return CONSULTATION_WORKFLOW.run("link_record", consultation, actor=actor, apply=apply,
                                     extra={"record": record.pk})


# ---------------------------------------------------------------- the major-decision catalog

@transaction.atomic
def decision_catalog_create(*, organisation: Organisation, year: int, actor) -> DecisionCatalog:
    require(actor, Action.ENGAGEMENT_EDIT, organisation)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationFailed(_("年度无效。"), problems=[_("请填写2000至2100之间的年度。")])
    if DecisionCatalog.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationFailed(_("该年度目录已存在。"), problems=[_("每个机关每年只有一份重大行政决策事项目录。")])
    catalog = DecisionCatalog.objects.create(organisation=organisation, year=year)
    audit.record(E.CATALOG_CREATED, actor=actor, organisation=organisation, target=catalog,
                 after={"status": catalog.status, "year": year})
    return catalog


def _entry_data(data: dict) -> dict:
    problems: list[str] = []
    clean = {
        "title": _require_text(problems, data.get("title"), _("决策事项"), 200),
        "unit": _require_text(problems, data.get("unit"), _("承办部门"), 120),
        "decision_time": _require_text(problems, data.get("decision_time"), _("决策时间"), 60),
        "hearing": bool(data.get("hearing")),
    }
    _fail(problems, _("决策事项信息不完整。"))
    return clean


def decision_entry_save(*, catalog: DecisionCatalog, actor, data: dict, entry: DecisionEntry | None = None
                        ) -> DecisionEntry:
    """Add an entry to a catalog being compiled (or returned), or change one."""
    clean = _entry_data(data)
    if entry is not None and entry.catalog_id != catalog.pk:
        raise ValidationFailed(_("事项不属于该目录。"))
    saved: list[DecisionEntry] = []

    def apply(cat):
        target = entry or DecisionEntry(catalog=cat, position=cat.entries.count() + 1)
        for k, v in clean.items():
            setattr(target, k, v)
        target.save()
        saved.append(target)
    CATALOG_WORKFLOW.run("edit", catalog, actor=actor, apply=apply, extra={"entry": clean["title"]})
    return saved[0]


def decision_entry_delete(*, entry: DecisionEntry, actor) -> None:
    title = entry.title

    def apply(cat):
        DecisionEntry.objects.filter(pk=entry.pk, catalog=cat).delete()
    CATALOG_WORKFLOW.run("edit", entry.catalog, actor=actor, apply=apply, extra={"removed": title})


def decision_catalog_submit(*, catalog: DecisionCatalog, actor) -> DecisionCatalog:
    return CATALOG_WORKFLOW.run("submit", catalog, actor=actor)


def decision_catalog_approve(*, catalog: DecisionCatalog, actor, opinion: str = "") -> DecisionCatalog:
    """The leader approves the catalog, which publishes it (seed 000 二(四): 向社会公开)."""
    def apply(cat):
        cat.review_opinion = _clean(opinion)
        cat.published_at = clock.now()
    return CATALOG_WORKFLOW.run("approve", catalog, actor=actor, apply=apply, reason=_clean(opinion))


def decision_catalog_return(*, catalog: DecisionCatalog, actor, opinion: str) -> DecisionCatalog:
    opinion = _clean(opinion)
    if not opinion:
        raise ValidationFailed(_("退回时必须填写意见。"), problems=[_("退回时必须填写意见。")])

    def apply(cat):
        cat.review_opinion = opinion
    return CATALOG_WORKFLOW.run("return", catalog, actor=actor, apply=apply, reason=opinion)


def decision_catalog_reopen(*, catalog: DecisionCatalog, actor, reason: str) -> DecisionCatalog:
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("调整已公布的目录必须说明理由。"), problems=[_("调整已公布的目录必须说明理由。")])
    return CATALOG_WORKFLOW.run("reopen", catalog, actor=actor, reason=reason)


def decision_entry_link_record(*, entry: DecisionEntry, actor, record) -> DecisionEntry:
    _own_record(entry.catalog.organisation, record)

    def apply(cat):
        DecisionEntry.objects.filter(pk=entry.pk, catalog=cat).update(resulting_record=record)
    CATALOG_WORKFLOW.run("link_record", entry.catalog, actor=actor, apply=apply,
                         extra={"entry": entry.title, "record": record.pk})
    entry.resulting_record = record
    return entry


# ---------------------------------------------------------------- opinion events

def opinion_deadlines(first_seen_at: dt.datetime, severity: str) -> dict[str, engine.HourDeadline]:
    """Return the hour deadlines of an event (国办发〔2016〕61号 48 h; 80号 5 h and 24 h for major events)."""
    if severity == Severity.MAJOR:
        return {"authoritative": engine.authoritative_info_deadline(first_seen_at),
                "press": engine.press_conference_deadline(first_seen_at),
                "response": engine.press_conference_deadline(first_seen_at)}
    return {"response": engine.opinion_response_deadline(first_seen_at)}


@transaction.atomic
def opinion_log(*, organisation: Organisation, actor, source: str, summary: str, first_seen_at: dt.datetime,
                severity: str, link: str = "", unit: Unit | None = None) -> OpinionEvent:
    """Log an opinion event; its hour deadlines are stored from the moment it was first seen."""
    require(actor, Action.ENGAGEMENT_EDIT, organisation)
    problems: list[str] = []
    source = _require_text(problems, source, _("舆情来源"), 120)
    summary = _require_text(problems, summary, _("舆情摘要"), MAX_COMMENT)
    link = _clean(link)
    if link and not link.startswith(("http://", "https://")):
        problems.append(_("原文链接须以 http:// 或 https:// 开头。"))
    if severity not in Severity.values:
        problems.append(_("请选择舆情级别。"))
    first_seen_at = _minute(first_seen_at)
    if first_seen_at is None:
        problems.append(_("请填写首次发现时间。"))
    elif first_seen_at > clock.now():
        problems.append(_("首次发现时间不能晚于现在。"))
    if unit is not None and unit.organisation_id != organisation.pk:
        problems.append(_("责任股室不属于本机关。"))
    _fail(problems, _("舆情信息不完整。"))
    due = opinion_deadlines(first_seen_at, severity)
    event = OpinionEvent.objects.create(
        organisation=organisation, source=source, link=link, summary=summary, first_seen_at=first_seen_at,
        severity=severity, unit=unit, response_due=due["response"].due,
        authoritative_due=due["authoritative"].due if "authoritative" in due else None,
        press_due=due["press"].due if "press" in due else None)
    audit.record(E.OPINION_LOGGED, actor=actor, organisation=organisation, target=event,
                 after={"status": event.status, "severity": severity,
                        "response_due": event.response_due.isoformat()})
    return event


def opinion_assign(*, event: OpinionEvent, actor, unit: Unit) -> OpinionEvent:
    """Name the responsible unit (谁主管谁发声)."""
    if unit is None or unit.organisation_id != event.organisation_id:
        raise ValidationFailed(_("责任股室不属于本机关。"), problems=[_("请选择本机关的股室。")])

    def apply(ev):
        ev.unit = unit
    return OPINION_WORKFLOW.run("assign", event, actor=actor, apply=apply, extra={"unit": unit.name})


def opinion_authoritative_info(*, event: OpinionEvent, actor, text: str) -> OpinionEvent:
    problems: list[str] = []
    text = _require_text(problems, text, _("权威信息"), MAX_TEXT)
    _fail(problems, _("请填写发布的权威信息。"))

    def apply(ev):
        ev.authoritative_info, ev.authoritative_info_at = text, clock.now()
    return OPINION_WORKFLOW.run("authoritative_info", event, actor=actor, apply=apply)


def opinion_press_conference(*, event: OpinionEvent, actor, held_at: dt.datetime, note: str = "") -> OpinionEvent:
    held_at = _minute(held_at)
    if held_at is None or held_at > clock.now():
        raise ValidationFailed(_("请填写已举行的新闻发布会时间。"), problems=[_("新闻发布会时间不能晚于现在。")])
    if held_at < event.first_seen_at:
        raise ValidationFailed(_("新闻发布会时间不能早于舆情首次发现时间。"))

    def apply(ev):
        ev.press_conference_at = held_at
    return OPINION_WORKFLOW.run("press_conference", event, actor=actor, apply=apply, reason=_clean(note))


def opinion_escalate(*, event: OpinionEvent, actor, reason: str, trusted: bool = False) -> OpinionEvent:
    """Report the event to the higher-level organisation (beyond the unit's capacity, or a deadline missed)."""
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("报告上级时必须说明原因。"), problems=[_("报告上级时必须说明原因。")])

    def apply(ev):
        ev.escalated_to = ev.organisation.parent
        ev.escalated_at = clock.now()
        ev.escalation_reason = reason
    return OPINION_WORKFLOW.run("escalate", event, actor=actor, trusted=trusted, apply=apply, reason=reason,
                                extra={"escalated_to": event.organisation.parent.name
                                       if event.organisation.parent_id else ""})


def opinion_respond(*, event: OpinionEvent, actor, response: str) -> OpinionEvent:
    problems: list[str] = []
    response = _require_text(problems, response, _("回应内容"), MAX_TEXT)
    _fail(problems, _("请填写回应内容。"))

    def apply(ev):
        ev.response, ev.responded_at = response, clock.now()
    return OPINION_WORKFLOW.run("respond", event, actor=actor, apply=apply,
                                extra={"late": clock.now() > event.response_due})


def opinion_make_record(*, event: OpinionEvent, actor, catalog_item) -> OpinionEvent:
    """Turn the response into a record in one step: drafted and submitted to the records review
    (secrecy review and approval still apply before the records app publishes it)."""
    from gongkai.records import services as record_services

    def apply(ev):
        local_day = timezone.localtime(ev.responded_at or clock.now()).date()
        record = record_services.record_create(
            organisation=ev.organisation, catalog_item=catalog_item, actor=actor,
            data={"title": _("关于%(s)s的回应") % {"s": ev.summary[:60]}, "issuing_unit": ev.organisation.name,
                  "formation_date": local_day, "summary": ev.summary[:500], "body": ev.response})
        record_services.record_submit(record=record, actor=actor, note=_("由政务舆情回应转来"))
        ev.record = record
    return OPINION_WORKFLOW.run("make_record", event, actor=actor, apply=apply)


def opinion_missed(event: OpinionEvent, at: dt.datetime) -> list[str]:
    """Return the deadlines of `event` that have passed unmet at `at`, as Chinese phrases."""
    missed = []
    if event.severity == Severity.MAJOR:
        if event.authoritative_info_at is None and event.authoritative_due and at > event.authoritative_due:
            missed.append(_("5小时内发布权威信息（国办发〔2016〕80号）"))
        if event.press_conference_at is None and event.press_due and at > event.press_due:
            missed.append(_("24小时内举行新闻发布会（国办发〔2016〕61号、80号）"))
    elif event.responded_at is None and at > event.response_due:
        missed.append(_("48小时内回应（国办发〔2016〕61号）"))
    return missed


# ---------------------------------------------------------------- messages

def message_working_days(kind: str, complex_: bool) -> int:
    if kind == MessageKind.SUGGESTION:
        return COMPLEX_WORKING_DAYS if complex_ else SUGGESTION_WORKING_DAYS
    return OTHER_WORKING_DAYS


def message_deadline(message: Message) -> engine.Deadline:
    """Return the explained answer deadline of a message (seed 003 四(三))."""
    days = message_working_days(message.kind, message.complex)
    rule = (_("意见建议%(d)d个工作日内反馈（情况复杂的可延长至15个工作日）") % {"d": days}
            if message.kind == MessageKind.SUGGESTION else _("咨询投诉、反映问题15个工作日内答复"))
    return calendar.deadline(message.received_on, days, rule=rule, start_label=_("收到留言之日"))


def _next_number(organisation: Organisation, year: int) -> str:
    key = f"engagement.message.{organisation.code}.{year}"
    prefix = f"{organisation.code}-LY-{year}-"
    n = sequence.next_value(key, taken=lambda v: Message.objects.filter(number=f"{prefix}{v:05d}").exists())
    return f"{prefix}{n:05d}"


def _message_problems(kind, name, phone, subject, body) -> tuple[list[str], dict]:
    from gongkai.core import validators
    from django.core.exceptions import ValidationError

    problems: list[str] = []
    if kind not in MessageKind.values:
        problems.append(_("请选择留言类型。"))
    clean = {
        "name": _require_text(problems, name, _("姓名"), 120),
        "phone": _require_text(problems, phone, _("联系电话"), 30),
        "subject": _require_text(problems, subject, _("标题"), 200),
        "body": _require_text(problems, body, _("留言内容"), MAX_MESSAGE),
    }
    if clean["phone"]:
        try:
            validators.validate_phone(clean["phone"])
        except ValidationError as exc:
            problems.extend(exc.messages)
    return problems, clean


@transaction.atomic
def message_submit(*, organisation: Organisation, kind: str, name: str, phone: str, subject: str, body: str,
                   email: str = "", to_leader: bool = False, consent_publish: bool = False,
                   source_request=None, actor=None) -> tuple[Message, str]:
    """Receive a message (online intake) and return it with its query code; the deadline is stored now."""
    from gongkai.foi.services import new_secret, secret_digest

    problems, clean = _message_problems(kind, name, phone, subject, body)
    _fail(problems, _("留言信息不完整。"))
    today = clock.today()
    secret = new_secret()
    message = Message(organisation=organisation, kind=kind, to_leader=bool(to_leader), email=_clean(email),
                      consent_publish=bool(consent_publish), received_on=today, source_request=source_request,
                      secret_digest=secret_digest(secret), **clean)
    message.due_date = message_deadline(message).due_date
    message.number = _next_number(organisation, today.year)
    message.save()
    audit.record(E.MESSAGE_FROM_REQUEST if source_request else E.MESSAGE_RECEIVED, actor=actor,
                 organisation=organisation, target=message,
                 after={"status": message.status, "number": message.number, "due_date": message.due_date.isoformat()})
    return message, secret


def message_check_secret(message: Message, secret: str) -> bool:
    import secrets as _secrets

    from gongkai.foi.services import secret_digest

    return bool(secret) and _secrets.compare_digest(message.secret_digest, secret_digest(secret.strip()))


def message_assign(*, message: Message, actor, unit: Unit) -> Message:
    if unit is None or unit.organisation_id != message.organisation_id:
        raise ValidationFailed(_("承办股室不属于本机关。"), problems=[_("请选择本机关的股室。")])

    def apply(m):
        m.unit = unit
    return MESSAGE_WORKFLOW.run("assign", message, actor=actor, apply=apply, extra={"unit": unit.name})


def message_mark_complex(*, message: Message, actor, reason: str) -> Message:
    """Extend a suggestion's answer period to 15 working days because it is complex (with the reason)."""
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("认定情况复杂必须说明理由。"), problems=[_("认定情况复杂必须说明理由。")])

    def apply(m):
        m.complex, m.complex_reason = True, reason
        m.due_date = message_deadline(m).due_date
    return MESSAGE_WORKFLOW.run("mark_complex", message, actor=actor, apply=apply, reason=reason)


def message_answer(*, message: Message, actor, answer: str) -> Message:
    problems: list[str] = []
    answer = _require_text(problems, answer, _("答复内容"), MAX_TEXT)
    _fail(problems, _("请填写答复内容。"))

    def apply(m):
        m.answer, m.answered_on, m.answered_by = answer, clock.today(), actor
    return MESSAGE_WORKFLOW.run("answer", message, actor=actor, apply=apply)


def message_publish(*, message: Message, actor) -> Message:
    """Publish an answered message whose sender consented (personal data masked on every public page)."""
    def apply(m):
        m.published_at = clock.now()
    return MESSAGE_WORKFLOW.run("publish", message, actor=actor, apply=apply)


@transaction.atomic
def message_from_request(*, request, actor, reply_text: str, kind: str = MessageKind.COMPLAINT) -> Message:
    """Close a disclosure request that is really a 信访/投诉 with 不予处理 (条例第三十九条第一款) and handle it
    as a message, in one step; the message keeps a link to the request and so its history."""
    from gongkai.foi import services as foi_services
    from gongkai.foi.constants import Outcome

    require(actor, Action.ENGAGEMENT_EDIT, request.organisation)
    if kind not in (MessageKind.COMPLAINT, MessageKind.REPORT, MessageKind.CONSULTATION, MessageKind.SUGGESTION):
        raise ValidationFailed(_("请选择留言类型。"))
    if Message.objects.filter(source_request=request).exists():
        raise InvalidTransition(_("该申请已转为留言。"))
    closed = foi_services.foi_request_answer(request=request, actor=actor, outcome=Outcome.NOT_PROCESSED,
                                             reason="petition", reply_text=reply_text)
    message, _secret = message_submit(
        organisation=closed.organisation, kind=kind, name=closed.applicant_name, phone=closed.phone,
        email=closed.email, subject=(closed.document_title or closed.description)[:200] or _("转来的申请"),
        body=closed.description, source_request=closed, actor=actor)
    return message


# ---------------------------------------------------------------- meetings and hearings

def _meeting_data(organisation, data: dict) -> dict:
    problems: list[str] = []
    kind = data.get("kind") or MeetingKind.MEETING
    if kind not in MeetingKind.values:
        problems.append(_("请选择会议类型。"))
    clean = {
        "kind": kind,
        "title": _require_text(problems, data.get("title"), _("会议名称"), 200),
        "place": _require_text(problems, data.get("place"), _("地点"), 200),
        "invitation": _require_text(problems, data.get("invitation"), _("邀请说明"), MAX_TEXT),
        "starts_at": _minute(data.get("starts_at")),
        "decision_entry": data.get("decision_entry"),
    }
    if clean["starts_at"] is None:
        problems.append(_("请填写召开时间。"))
    entry = clean["decision_entry"]
    if entry is not None and entry.catalog.organisation_id != organisation.pk:
        problems.append(_("只能关联本机关的重大行政决策事项。"))
    if kind == MeetingKind.HEARING and entry is None:
        problems.append(_("听证会必须关联所针对的重大行政决策事项。"))
    _fail(problems, _("会议信息不完整。"))
    return clean


@transaction.atomic
def meeting_create(*, organisation: Organisation, actor, data: dict) -> Meeting:
    require(actor, Action.ENGAGEMENT_EDIT, organisation)
    meeting = Meeting.objects.create(organisation=organisation, **_meeting_data(organisation, data))
    audit.record(E.MEETING_CREATED, actor=actor, organisation=organisation, target=meeting,
                 after={"status": meeting.status, "starts_at": meeting.starts_at.isoformat()})
    return meeting


def meeting_update(*, meeting: Meeting, actor, data: dict) -> Meeting:
    clean = _meeting_data(meeting.organisation, data)

    def apply(m):
        for k, v in clean.items():
            setattr(m, k, v)
    return MEETING_WORKFLOW.run("edit", meeting, actor=actor, apply=apply)


def meeting_announce(*, meeting: Meeting, actor) -> Meeting:
    def apply(m):
        m.announced_at = clock.now()
    return MEETING_WORKFLOW.run("announce", meeting, actor=actor, apply=apply)


def meeting_record_held(*, meeting: Meeting, actor, attendance: int, attendees: str, minutes: str = "") -> Meeting:
    problems: list[str] = []
    if not isinstance(attendance, int) or attendance < 0 or attendance > 100_000:
        problems.append(_("列席公众人数无效。"))
    attendees = _require_text(problems, attendees, _("出席情况"), MAX_TEXT)
    minutes = _clean(minutes)
    if len(minutes) > MAX_TEXT:
        problems.append(_("会议情况过长。"))
    _fail(problems, _("出席情况不完整。"))

    def apply(m):
        m.attendance, m.attendees, m.minutes = attendance, attendees, minutes
    return MEETING_WORKFLOW.run("record_held", meeting, actor=actor, apply=apply, extra={"attendance": attendance})


def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("取消会议必须说明理由。"), problems=[_("取消会议必须说明理由。")])
    return MEETING_WORKFLOW.run("cancel", meeting, actor=actor, reason=reason)
