"""Messages from the public (留言、咨询、投诉、建议, 领导信箱) answered within working days (seed 003 四(三))."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock, sequence, validators
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.models import Organisation, Unit
from gongkai.organisations.permissions import Action, require
from gongkai.proofing import services as proofing
from gongkai.workdays import calendar, engine

from ..models import Message
from ..states import EngagementEvent as E, MessageKind
from ..workflow import MESSAGE_WORKFLOW
from ._common import MAX_MESSAGE, MAX_TEXT, _clean, _fail, _require_text, public_pages_changed
from .wording import check_answer

# Seed 003 四(三): suggestions within 7 working days (15 when complex); consultations, complaints and
# reports of problems within 15.
SUGGESTION_WORKING_DAYS = 7
COMPLEX_WORKING_DAYS = 15
OTHER_WORKING_DAYS = 15
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


def message_number_prefix(organisation: Organisation, year: int) -> str:
    """``<ORG-CODE>-LY-<YEAR>-``: upper case like the disclosure requests' tracking numbers
    (gongkai.foi: ``<ORG-CODE>-<YEAR>-<NNNNN>``), so both read alike on receipts and letters."""
    return f"{organisation.code.upper()}-LY-{year}-"


def _next_number(organisation: Organisation, year: int) -> str:
    key = f"engagement.message.{organisation.code}.{year}"
    prefix = message_number_prefix(organisation, year)
    n = sequence.next_value(key, taken=lambda v: Message.objects.filter(number=f"{prefix}{v:05d}").exists())
    return f"{prefix}{n:05d}"


def _message_problems(kind, name, phone, subject, body) -> tuple[list[str], dict]:
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
    return MESSAGE_WORKFLOW.run("assign", message, actor=actor, apply=apply, extra={"unit": unit.name}).instance


def message_mark_complex(*, message: Message, actor, reason: str) -> Message:
    """Extend a suggestion's answer period to 15 working days because it is complex (with the reason)."""
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("认定情况复杂必须说明理由。"), problems=[_("认定情况复杂必须说明理由。")])

    def apply(m):
        m.complex, m.complex_reason = True, reason
        m.due_date = message_deadline(m).due_date
    return MESSAGE_WORKFLOW.run("mark_complex", message, actor=actor, apply=apply, reason=reason).instance


def message_answer(*, message: Message, actor, answer: str) -> Message:
    problems: list[str] = []
    answer = _require_text(problems, answer, _("答复内容"), MAX_TEXT)
    _fail(problems, _("请填写答复内容。"))
    if MESSAGE_WORKFLOW.may("answer", message, actor):  # else the kernel refuses below, nothing written
        check_answer(message, answer, actor)  # held and shown in place while a severe finding blocks it

    def apply(m):
        proofing.require_clear(m)
        m.answer, m.answered_on, m.answered_by = answer, clock.today(), actor
        proofing.release_held(m)
    return MESSAGE_WORKFLOW.run("answer", message, actor=actor, apply=apply).instance


def message_publish(*, message: Message, actor) -> Message:
    """Publish an answered message whose sender consented (personal data masked on every public page)."""
    def apply(m):
        m.published_at = clock.now()
        public_pages_changed()
    return MESSAGE_WORKFLOW.run("publish", message, actor=actor, apply=apply).instance


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


