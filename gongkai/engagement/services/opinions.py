"""Public-opinion events (政务舆情) and their hour deadlines."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Organisation, Unit
from gongkai.organisations.permissions import Action, require
from gongkai.workdays import engine

from ..models import OpinionEvent
from ..states import EngagementEvent as E, Severity
from ..workflow import OPINION_WORKFLOW
from ._common import MAX_COMMENT, MAX_TEXT, _clean, _fail, _minute, _require_text

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
    return OPINION_WORKFLOW.run("assign", event, actor=actor, apply=apply, extra={"unit": unit.name}).instance


def opinion_authoritative_info(*, event: OpinionEvent, actor, text: str) -> OpinionEvent:
    problems: list[str] = []
    text = _require_text(problems, text, _("权威信息"), MAX_TEXT)
    _fail(problems, _("请填写发布的权威信息。"))

    def apply(ev):
        ev.authoritative_info, ev.authoritative_info_at = text, clock.now()
    return OPINION_WORKFLOW.run("authoritative_info", event, actor=actor, apply=apply).instance


def opinion_press_conference(*, event: OpinionEvent, actor, held_at: dt.datetime, note: str = "") -> OpinionEvent:
    held_at = _minute(held_at)
    if held_at is None or held_at > clock.now():
        raise ValidationFailed(_("请填写已举行的新闻发布会时间。"), problems=[_("新闻发布会时间不能晚于现在。")])
    if held_at < event.first_seen_at:
        raise ValidationFailed(_("新闻发布会时间不能早于舆情首次发现时间。"))

    def apply(ev):
        ev.press_conference_at = held_at
    return OPINION_WORKFLOW.run("press_conference", event, actor=actor, apply=apply, reason=_clean(note)).instance


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
                                       if event.organisation.parent_id else ""}).instance


def opinion_respond(*, event: OpinionEvent, actor, response: str) -> OpinionEvent:
    problems: list[str] = []
    response = _require_text(problems, response, _("回应内容"), MAX_TEXT)
    _fail(problems, _("请填写回应内容。"))

    def apply(ev):
        ev.response, ev.responded_at = response, clock.now()
    return OPINION_WORKFLOW.run("respond", event, actor=actor, apply=apply,
                                extra={"late": clock.now() > event.response_due}).instance


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
    return OPINION_WORKFLOW.run("make_record", event, actor=actor, apply=apply).instance


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


