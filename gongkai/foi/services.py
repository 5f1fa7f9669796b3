"""Writes to disclosure requests: one keyword-only function per transition, atomic and audited.

Each transition service, in order: checks the transition is possible from the current state
(InvalidTransition), checks permission (PermissionDenied), validates input (ValidationFailed),
saves, recomputes and stores the statutory clock (deadlines.py), and writes an audit event
named "foi_request.<event>".
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.models import Organisation, Unit
from gongkai.organisations.permissions import Action, can, require
from gongkai.workdays.calendar import get_calendar

from . import deadlines, fees, validators
from .constants import (
    RECEIPT_RULES, REASON_REQUIRED, REASONS_BY_KEY, AppealKind, AppealResult, ApplicantType, Channel, Delivery,
    IdentityDocument, InfoForm, Outcome,
)
from .models import Appeal, DisclosureRequest, RequestAttachment, TrackingCounter
from .states import ACTION_LABELS, OPEN_STATES, TRANSITIONS, RequestStatus

SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SECRET_LENGTH = 10
MAX_DESCRIPTION = 5000
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
FEE_PAYMENT_WORKING_DAYS = 20  # "在收到收费通知次日起20个工作日内" (FACTS.md §2, V-2nd)
DEFAULT_CORRECTION_PERIOD = 15

AUDITED_FIELDS = (
    "status", "unit_id", "received_on", "due_date", "correction_due", "corrected_on", "extension_days",
    "extension_approver_name", "fee_amount", "fee_paid_on", "outcome", "reason", "closed_on",
)


# ------------------------------------------------------------------------------ helpers


@dataclass
class Application:
    """What an applicant states (条例第二十九条); produced by the public form, the clerk's form or an import."""

    applicant_type: str
    applicant_name: str
    id_document_type: str
    id_number: str
    phone: str
    description: str
    info_form: str
    delivery: str
    email: str = ""
    address: str = ""
    postal_code: str = ""
    contact_person: str = ""
    document_number: str = ""
    document_title: str = ""
    purpose: str = ""

    def validate(self) -> None:
        """Raise ValidationFailed listing every problem."""
        problems: list[str] = []
        if self.applicant_type not in ApplicantType.values:
            problems.append(_("请选择申请人类型。"))
        if not self.applicant_name.strip():
            problems.append(_("请填写申请人姓名或名称。"))
        if self.id_document_type not in IdentityDocument.values:
            problems.append(_("请选择身份证明类型。"))
        elif not self.id_number.strip():
            problems.append(_("请填写证件号码。"))
        else:
            checks = {IdentityDocument.ID_CARD: validators.validate_id_number,
                      IdentityDocument.CREDIT_CODE: validators.validate_credit_code}
            check = checks.get(self.id_document_type)
            try:
                if check:
                    check(self.id_number)
            except ValidationError as exc:
                problems.extend(exc.messages)
        if self.applicant_type != ApplicantType.NATURAL and not self.contact_person.strip():
            problems.append(_("法人或其他组织申请的，请填写联系人。"))
        try:
            validators.validate_phone(self.phone)
        except ValidationError as exc:
            problems.extend(exc.messages)
        if self.email:
            try:
                validate_email(self.email)
            except ValidationError:
                problems.append(_("电子邮箱格式不正确。"))
        if not self.description.strip():
            problems.append(_("请描述所需的政府信息。"))
        elif len(self.description) > MAX_DESCRIPTION:
            problems.append(_("内容描述不能超过%(n)d字。") % {"n": MAX_DESCRIPTION})
        if self.info_form not in InfoForm.values:
            problems.append(_("请选择信息的载体形式（纸质或电子）。"))
        if self.delivery not in Delivery.values:
            problems.append(_("请选择获取信息的方式。"))
        if self.delivery == Delivery.EMAIL and not self.email:
            problems.append(_("选择电子邮件获取的，请填写电子邮箱。"))
        if self.delivery == Delivery.MAIL and not self.address.strip():
            problems.append(_("选择邮寄获取的，请填写通信地址。"))
        if problems:
            raise ValidationFailed(_("申请内容不完整或格式不正确。"), problems=problems)

    def normalised(self) -> dict:
        data = asdict(self)
        data["applicant_name"] = data["applicant_name"].strip()
        data["phone"] = validators.normalise_phone(data["phone"])
        if self.id_document_type in (IdentityDocument.ID_CARD, IdentityDocument.CREDIT_CODE):
            data["id_number"] = validators.normalise_id_number(data["id_number"])
        else:
            data["id_number"] = data["id_number"].strip()
        data["description"] = data["description"].strip()
        return data


def applicant_key_for(id_document_type: str, id_number: str, name: str) -> str:
    """Return a stable identity of an applicant: the document number, else the name."""
    number = validators.normalise_id_number(id_number)
    if number:
        return f"{id_document_type}:{number}"[:80]
    return f"name:{name.strip()}"[:80]


def secret_digest(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), (secret or "").strip().upper().encode(), hashlib.sha256).hexdigest()


def check_secret(request: DisclosureRequest, secret: str) -> bool:
    """Return True when `secret` is the request's query code."""
    return bool(secret) and hmac.compare_digest(request.secret_digest, secret_digest(secret))


def new_secret() -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _i in range(SECRET_LENGTH))


def _next_tracking_number(organisation: Organisation, year: int) -> str:
    """Return the next tracking number of `organisation` in `year` (call inside a transaction).

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite transactions here are
    IMMEDIATE, so writers are serialised), so concurrent submissions never share a number; the
    unique constraint on tracking_number is the last guard.
    """
    counter = TrackingCounter.objects.select_for_update().filter(organisation=organisation, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                TrackingCounter.objects.create(organisation=organisation, year=year, last=0)
        except IntegrityError:
            pass  # another transaction created it first; lock it below
        counter = TrackingCounter.objects.select_for_update().get(organisation=organisation, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{organisation.code.upper()}-{year}-{counter.last:05d}"


def _snapshot(req: DisclosureRequest) -> dict:
    out = {}
    for name in AUDITED_FIELDS:
        value = getattr(req, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else (str(value) if isinstance(value, Decimal) else value)
    return out


def _check_transition(req: DisclosureRequest, action: str) -> None:
    if req.status not in TRANSITIONS[action][0]:
        raise InvalidTransition(
            _("申请 %(number)s 当前状态为“%(state)s”，不能执行“%(action)s”。") % {
                "number": req.tracking_number, "state": req.get_status_display(),
                "action": ACTION_LABELS[action],
            }
        )


def _lock(req: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.select_for_update().select_related("organisation").get(pk=req.pk)


def _finish(req: DisclosureRequest, *, action: str, event: str, actor, before: dict, reason: str = "",
            extra: dict | None = None) -> DisclosureRequest:
    """Move to the action's target state, recompute the clock, save and audit."""
    target = TRANSITIONS[action][1]
    if target is not None:
        req.status = target
    deadlines.apply(req)
    req.save()
    after = _snapshot(req)
    after.update(extra or {})
    audit.record(f"foi_request.{event}", actor=actor, target=req, organisation=req.organisation,
                 before=before, after=after, reason=reason)
    return req


def _today() -> dt.date:
    return clock.today()


def _not_future(day: dt.date, label: str) -> None:
    if day > _today():
        raise ValidationFailed(_("日期无效。"), problems=[_("%(label)s不能晚于今天。") % {"label": label}])


# ------------------------------------------------------------------------------ intake


def _create(*, organisation: Organisation, application: Application, channel: str, arrived_on: dt.date,
            confirmed_on: dt.date | None, actor, submitted_by=None, registered_by=None,
            event: str) -> tuple[DisclosureRequest, str]:
    application.validate()
    which, basis = RECEIPT_RULES[Channel(channel)]
    if which == "confirmed":
        if confirmed_on is None:
            raise ValidationFailed(_("缺少确认日期。"), problems=[
                _("该渠道以双方确认之日为收到申请之日，请填写与申请人确认的日期（%(basis)s）。") % {"basis": basis}])
        if confirmed_on < arrived_on:
            raise ValidationFailed(_("日期无效。"), problems=[_("确认日期不能早于收到日期。")])
        received_on = confirmed_on
    else:
        received_on = arrived_on
    data = application.normalised()
    secret = new_secret()
    now = clock.now()
    year = received_on.year
    req = DisclosureRequest(
        organisation=organisation, channel=channel, submitted_by=submitted_by, registered_by=registered_by,
        submitted_at=now, arrived_on=arrived_on, confirmed_on=confirmed_on, received_on=received_on,
        receipt_basis=basis, secret_digest=secret_digest(secret),
        applicant_key=applicant_key_for(data["id_document_type"], data["id_number"], data["applicant_name"]),
        **data,
    )
    from .selectors import find_duplicates

    req.duplicate_of = find_duplicates(req).first()
    req.tracking_number = _next_tracking_number(organisation, year)
    deadlines.apply(req)
    req.save()
    audit.record(f"foi_request.{event}", actor=actor, target=req, organisation=organisation,
                 after=dict(_snapshot(req), channel=channel, tracking_number=req.tracking_number,
                            duplicate_of=req.duplicate_of_id))
    return req, secret


@transaction.atomic
def foi_request_submit(*, organisation: Organisation, application: Application, actor=None) -> tuple[DisclosureRequest, str]:
    """File a request online (the public form); return the request and its query code.

    Online receipt (第三十一条第（三）项) is the date both sides confirm: the system confirms at
    once with the receipt page, so the date of receipt is the day of submission.
    """
    today = _today()
    user = actor if getattr(actor, "is_authenticated", False) else None
    return _create(organisation=organisation, application=application, channel=Channel.ONLINE,
                   arrived_on=today, confirmed_on=today, actor=actor, submitted_by=user, event="submitted")


@transaction.atomic
def foi_request_register(*, organisation: Organisation, application: Application, actor, channel: str,
                         arrived_on: dt.date, confirmed_on: dt.date | None = None) -> tuple[DisclosureRequest, str]:
    """Register a request that arrived by letter, in person, by fax or email (clerk)."""
    require(actor, Action.FOI_HANDLE, organisation)
    if channel not in Channel.values:
        raise ValidationFailed(_("请选择申请渠道。"))
    _not_future(arrived_on, _("收到日期"))
    if confirmed_on:
        _not_future(confirmed_on, _("确认日期"))
    return _create(organisation=organisation, application=application, channel=channel, arrived_on=arrived_on,
                   confirmed_on=confirmed_on, actor=actor, registered_by=actor, event="registered")


# ------------------------------------------------------------------------------ working the case


@transaction.atomic
def foi_request_assign(*, request: DisclosureRequest, actor, unit: Unit, note: str = "") -> DisclosureRequest:
    """Assign the request to a unit of the organisation (分办)."""
    req = _lock(request)
    _check_transition(req, "assign")
    require(actor, Action.FOI_HANDLE, req.organisation)
    if unit.organisation_id != req.organisation_id:
        raise ValidationFailed(_("只能分办给本机关的内设股室。"))
    before = _snapshot(req)
    req.unit, req.assignment_note = unit, note.strip()
    return _finish(req, action="assign", event="assigned", actor=actor, before=before, reason=note,
                   extra={"unit": unit.name})


@transaction.atomic
def foi_request_ask_correction(*, request: DisclosureRequest, actor, items: str,
                               period_working_days: int = DEFAULT_CORRECTION_PERIOD) -> DisclosureRequest:
    """Send the one correction notice (第三十条): within 7 working days of receipt, with a period."""
    req = _lock(request)
    _check_transition(req, "ask_correction")
    require(actor, Action.FOI_HANDLE, req.organisation)
    if req.correction_asked_on:
        raise InvalidTransition(_("《条例》第三十条要求一次性告知补正，本申请已告知过补正。"))
    today = _today()
    notice_due = deadlines.correction_notice_due(req.received_on)
    if today > notice_due:
        raise InvalidTransition(
            _("补正告知应自收到申请之日起7个工作日内发出（截止%(due)s），已超过期限，不能再告知补正。")
            % {"due": notice_due.isoformat()})
    problems = []
    if not items.strip():
        problems.append(_("请说明需要补正的事项。"))
    if not 1 <= period_working_days <= 60:
        problems.append(_("补正期限应为1至60个工作日。"))
    if problems:
        raise ValidationFailed(_("补正告知内容不完整。"), problems=problems)
    before = _snapshot(req)
    req.correction_asked_on = today
    req.correction_items = items.strip()
    req.correction_due = get_calendar().add_working_days(today, period_working_days)
    req.pauses = list(req.pauses) + [{"kind": "correction", "start": today.isoformat(), "end": None,
                                      "note": items.strip()[:200]}]
    return _finish(req, action="ask_correction", event="correction_requested", actor=actor, before=before,
                   reason=items, extra={"period_working_days": period_working_days})


@transaction.atomic
def foi_request_correct(*, request: DisclosureRequest, actor, text: str, secret: str = "",
                        received_on: dt.date | None = None, reason: str = "") -> DisclosureRequest:
    """Record the corrected application; the answer clock restarts from its date of receipt.

    The applicant corrects online with the query code (received the same day); the office
    records a corrected application that arrived otherwise, with its date, and may accept one
    after the period when the applicant had good reason (recorded as `reason`).
    """
    req = _lock(request)
    _check_transition(req, "correct")
    staff = can(actor, Action.FOI_HANDLE, req.organisation)
    applicant = check_secret(req, secret) or (
        getattr(actor, "is_authenticated", False) and req.submitted_by_id == actor.pk)
    if not (staff or applicant):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    today = _today()
    day = received_on if (staff and received_on) else today
    problems = []
    if not text.strip():
        problems.append(_("请填写补正内容。"))
    elif len(text) > MAX_DESCRIPTION:
        problems.append(_("补正内容不能超过%(n)d字。") % {"n": MAX_DESCRIPTION})
    if day > today or day < req.correction_asked_on:
        problems.append(_("收到补正的日期应在告知补正之日和今天之间。"))
    if day > req.correction_due and not (staff and reason.strip()):
        problems.append(_("补正期限（%(due)s）已过。") % {"due": req.correction_due.isoformat()}
                        + (_("如申请人有正当理由，请填写理由后登记。") if staff else _("请与受理机关联系。")))
    if problems:
        raise ValidationFailed(_("无法登记补正。"), problems=problems)
    before = _snapshot(req)
    req.corrected_on, req.corrected_text = day, text.strip()
    pauses = list(req.pauses)
    pauses[-1] = dict(pauses[-1], end=day.isoformat())
    req.pauses = pauses
    return _finish(req, action="correct", event="corrected", actor=actor, before=before, reason=reason,
                   extra={"by": "office" if staff else "applicant"})


@transaction.atomic
def foi_request_lapse(*, request: DisclosureRequest, actor) -> DisclosureRequest:
    """Close a request not corrected in time: 视为放弃申请 (第三十条), 其他处理·逾期不补正."""
    req = _lock(request)
    _check_transition(req, "lapse")
    require(actor, Action.FOI_HANDLE, req.organisation)
    today = _today()
    if today <= req.correction_due:
        raise InvalidTransition(_("补正期限（%(due)s）尚未届满，不能按逾期不补正处理。")
                                % {"due": req.correction_due.isoformat()})
    before = _snapshot(req)
    req.outcome, req.reason, req.closed_on, req.closed_by = Outcome.OTHER, "uncorrected", today, actor
    req.reply_text = _("您的申请经告知补正后，未在补正期限（%(due)s）内补正，视为放弃申请，本机关不再处理。") % {
        "due": req.correction_due.isoformat()}
    req = _finish(req, action="lapse", event="lapsed", actor=actor, before=before)
    _issue_letter(req)
    return req


@transaction.atomic
def foi_request_consult(*, request: DisclosureRequest, actor, third_party: str, sent_on: dt.date | None = None,
                        note: str = "") -> DisclosureRequest:
    """Consult a third party in writing (第三十二条); the clock pauses, at most 15 working days."""
    req = _lock(request)
    _check_transition(req, "consult")
    require(actor, Action.FOI_HANDLE, req.organisation)
    day = sent_on or _today()
    _not_future(day, _("征求意见书发出日期"))
    if not third_party.strip():
        raise ValidationFailed(_("请填写被征求意见的第三方或机关。"))
    last_end = max([req.received_on] + [dt.date.fromisoformat(p["end"]) for p in req.pauses if p.get("end")])
    if day < last_end:
        raise ValidationFailed(_("日期无效。"), problems=[_("发出日期不能早于收到申请之日或上一次恢复计时之日。")])
    before = _snapshot(req)
    reply_due = deadlines.third_party_reply_due(day)
    req.pauses = list(req.pauses) + [{"kind": "third_party", "start": day.isoformat(), "end": None,
                                      "reply_due": reply_due.isoformat(), "party": third_party.strip()[:200],
                                      "note": note.strip()[:300]}]
    return _finish(req, action="consult", event="consultation_started", actor=actor, before=before, reason=note,
                   extra={"third_party": third_party.strip(), "reply_due": reply_due.isoformat()})


@transaction.atomic
def foi_request_third_party_replied(*, request: DisclosureRequest, actor, replied_on: dt.date | None = None,
                                    opinion: str = "") -> DisclosureRequest:
    """Record the third party's opinion (or that its 15 working days ran out); the clock resumes."""
    req = _lock(request)
    _check_transition(req, "third_party_replied")
    require(actor, Action.FOI_HANDLE, req.organisation)
    day = replied_on or _today()
    _not_future(day, _("意见收回日期"))
    pause = req.pauses[-1]
    if day < dt.date.fromisoformat(pause["start"]):
        raise ValidationFailed(_("日期无效。"), problems=[_("收回日期不能早于征求意见书发出日期。")])
    before = _snapshot(req)
    pauses = list(req.pauses)
    pauses[-1] = dict(pause, end=day.isoformat(), opinion=opinion.strip()[:1000])
    req.pauses = pauses
    return _finish(req, action="third_party_replied", event="third_party_replied", actor=actor, before=before,
                   reason=opinion)


@transaction.atomic
def foi_request_extend(*, request: DisclosureRequest, actor, working_days: int, reason: str,
                       approved_by) -> DisclosureRequest:
    """Extend the answer period (第三十三条): at most 20 working days, approved by the office head.

    The head of the disclosure office is modelled as the organisation's `leader` role; the
    approver is recorded by account and name. The office records it, or the leader does.
    """
    req = _lock(request)
    _check_transition(req, "extend")
    if not (can(actor, Action.FOI_HANDLE, req.organisation) or can(actor, Action.FOI_APPROVE_EXTENSION, req.organisation)):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    if approved_by is None or not can(approved_by, Action.FOI_APPROVE_EXTENSION, req.organisation):
        raise PermissionDenied(_("延长答复期限须经本机关政府信息公开工作机构负责人（分管负责人）同意。"))
    if req.extension_days:
        raise InvalidTransition(_("本申请已延长过答复期限，不能再次延长。"))
    problems = []
    if not 1 <= int(working_days) <= deadlines.MAX_EXTENSION_WORKING_DAYS:
        problems.append(_("延长的期限最长不得超过20个工作日（《条例》第三十三条）。"))
    if not reason.strip():
        problems.append(_("请填写延长理由。"))
    if problems:
        raise ValidationFailed(_("无法延长答复期限。"), problems=problems)
    today = _today()
    if req.due_date and today > req.due_date:
        raise InvalidTransition(_("答复期限已于%(due)s届满，不能再延长。") % {"due": req.due_date.isoformat()})
    before = _snapshot(req)
    req.extension_days = int(working_days)
    req.extension_approved_by = approved_by
    req.extension_approver_name = str(approved_by)
    req.extension_reason = reason.strip()
    req.extension_approved_on = today
    return _finish(req, action="extend", event="extended", actor=actor, before=before, reason=reason,
                   extra={"approved_by": approved_by.username})


def prior_units_this_month(req: DisclosureRequest) -> int:
    """Return how many earlier applications the same applicant made to this organisation this natural month."""
    first = req.received_on.replace(day=1)
    qs = DisclosureRequest.objects.filter(
        organisation=req.organisation, applicant_key=req.applicant_key,
        received_on__gte=first, received_on__lte=req.received_on,
    ).exclude(pk=req.pk)
    earlier_same_day = qs.filter(received_on=req.received_on, pk__gt=req.pk)
    return qs.count() - earlier_same_day.count()


@transaction.atomic
def foi_request_assess_fee(*, request: DisclosureRequest, actor, scheme: str, units: int) -> DisclosureRequest:
    """Compute and record the information-processing fee (usually zero) with its calculation."""
    req = _lock(request)
    _check_transition(req, "assess_fee")
    require(actor, Action.FOI_HANDLE, req.organisation)
    if req.fee_paid_on:
        raise InvalidTransition(_("已登记缴费，不能重新核算。"))
    prior = prior_units_this_month(req) if scheme == "per_request" else 0
    result = fees.compute_fee(scheme, units=int(units), prior_units=prior)
    before = _snapshot(req)
    req.fee_scheme, req.fee_units, req.fee_amount = scheme, int(units), result.total
    req.fee_calculation = result.as_dict()
    req.fee_notified_on = _today() if result.total > 0 else None
    return _finish(req, action="assess_fee", event="fee_assessed", actor=actor, before=before,
                   extra={"calculation": result.text_lines()})


@transaction.atomic
def foi_request_fee_paid(*, request: DisclosureRequest, actor, paid_on: dt.date | None = None) -> DisclosureRequest:
    """Record the payment of a notified fee."""
    req = _lock(request)
    _check_transition(req, "fee_paid")
    require(actor, Action.FOI_HANDLE, req.organisation)
    if not req.fee_amount or req.fee_paid_on:
        raise InvalidTransition(_("本申请没有待缴的信息处理费。"))
    day = paid_on or _today()
    _not_future(day, _("缴费日期"))
    before = _snapshot(req)
    req.fee_paid_on = day
    return _finish(req, action="fee_paid", event="fee_paid", actor=actor, before=before)


def fee_payment_due(req: DisclosureRequest) -> dt.date | None:
    if not req.fee_notified_on:
        return None
    return get_calendar().add_working_days(req.fee_notified_on, FEE_PAYMENT_WORKING_DAYS)


@transaction.atomic
def foi_request_close_unpaid(*, request: DisclosureRequest, actor) -> DisclosureRequest:
    """Close a request whose notified fee was not paid in time (其他处理·逾期未缴费)."""
    req = _lock(request)
    _check_transition(req, "close_unpaid")
    require(actor, Action.FOI_HANDLE, req.organisation)
    due = fee_payment_due(req)
    if due is None or req.fee_paid_on:
        raise InvalidTransition(_("本申请没有逾期未缴的信息处理费。"))
    today = _today()
    if today <= due:
        raise InvalidTransition(_("缴费期限（%(due)s）尚未届满。") % {"due": due.isoformat()})
    before = _snapshot(req)
    req.outcome, req.reason, req.closed_on, req.closed_by = Outcome.OTHER, "unpaid", today, actor
    req.reply_text = _("您未在收费通知规定的期限（%(due)s）内缴纳信息处理费，视为放弃申请，本机关不再处理。") % {
        "due": due.isoformat()}
    req = _finish(req, action="close_unpaid", event="closed_unpaid", actor=actor, before=before)
    _issue_letter(req)
    return req


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes = field(repr=False)


def validate_outcome(outcome: str, reason: str) -> None:
    """Raise ValidationFailed unless (outcome, reason) is one row of the annual-report table."""
    if outcome not in Outcome.values:
        raise ValidationFailed(_("请选择办理结果。"))
    if outcome == Outcome.PARTIAL:
        if reason and f"withheld.{reason}" not in REASONS_BY_KEY:
            raise ValidationFailed(_("部分公开的不予公开部分理由无效。"))
        return
    if outcome in REASON_REQUIRED and not reason:
        raise ValidationFailed(_("“%(o)s”须选择具体情形。") % {"o": Outcome(outcome).label})
    if reason and f"{outcome}.{reason}" not in REASONS_BY_KEY:
        raise ValidationFailed(_("具体情形与办理结果不一致。"))


@transaction.atomic
def foi_request_answer(*, request: DisclosureRequest, actor, outcome: str, reason: str = "", reply_text: str,
                       reply_link: str = "", referred_to: str = "", attachments: list[Attachment] | None = None,
                       suggest_proactive: bool = False, catalog_item=None) -> DisclosureRequest:
    """Answer and close the request with exactly one outcome; issue the reply letter (告知书)."""
    req = _lock(request)
    _check_transition(req, "answer")
    require(actor, Action.FOI_HANDLE, req.organisation)
    validate_outcome(outcome, reason)
    problems = []
    if outcome == Outcome.OTHER and reason in ("uncorrected", "unpaid"):
        problems.append(_("逾期不补正、逾期未缴费请使用相应的办理步骤，由系统核对期限。"))
    if outcome == Outcome.UNAVAILABLE and reason == "still_unclear" and not req.corrected_on:
        problems.append(_("“补正后申请内容仍不明确”只适用于已经补正的申请。"))
    if outcome in (Outcome.DISCLOSED, Outcome.PARTIAL) and req.fee_amount and not req.fee_paid_on:
        problems.append(_("申请人尚未缴纳信息处理费。"))
    if not reply_text.strip():
        problems.append(_("请填写答复内容。"))
    attachments = attachments or []
    for a in attachments:
        if len(a.data) > MAX_ATTACHMENT_BYTES:
            problems.append(_("附件“%(name)s”超过10MB。") % {"name": a.name})
    if suggest_proactive and outcome != Outcome.DISCLOSED:
        problems.append(_("只有予以公开的信息才建议转为主动公开。"))
    if catalog_item is not None and catalog_item.version.catalog.organisation_id != req.organisation_id:
        problems.append(_("只能关联本机关目录中的事项。"))
    if problems:
        raise ValidationFailed(_("无法办结。"), problems=problems)
    before = _snapshot(req)
    today = _today()
    req.outcome, req.reason = outcome, reason
    req.reply_text, req.reply_link, req.referred_to = reply_text.strip(), reply_link.strip(), referred_to.strip()
    req.closed_on, req.closed_by = today, actor
    req.suggest_proactive = bool(suggest_proactive)
    req.proactive_catalog_item = catalog_item
    now = clock.now()
    for a in attachments:
        RequestAttachment.objects.create(request=req, name=a.name[:200], content_type=a.content_type[:100],
                                         size=len(a.data), data=a.data, created_at=now)
    req = _finish(req, action="answer", event="answered", actor=actor, before=before, reason=reply_text,
                  extra={"attachments": [a.name for a in attachments], "late": req.answered_late})
    _issue_letter(req)
    return req


def _issue_letter(req: DisclosureRequest) -> None:
    from .letters import store_letter

    store_letter(req)


# ------------------------------------------------------------------------------ appeals


@transaction.atomic
def foi_appeal_record(*, request: DisclosureRequest, actor, kind: str, filed_on: dt.date, authority: str = "",
                      case_number: str = "", note: str = "") -> Appeal:
    """Record an administrative reconsideration or a lawsuit about a request (result 尚未审结)."""
    require(actor, Action.FOI_HANDLE, request.organisation)
    if kind not in AppealKind.values:
        raise ValidationFailed(_("请选择行政复议或行政诉讼的类型。"))
    _not_future(filed_on, _("提起日期"))
    if filed_on < request.received_on:
        raise ValidationFailed(_("提起日期不能早于收到申请之日。"))
    appeal = Appeal.objects.create(request=request, kind=kind, filed_on=filed_on, authority=authority.strip(),
                                   case_number=case_number.strip(), note=note.strip(), recorded_by=actor)
    audit.record("foi_appeal.recorded", actor=actor, target=appeal, organisation=request.organisation,
                 after={"request": request.tracking_number, "kind": kind, "filed_on": filed_on.isoformat()})
    return appeal


@transaction.atomic
def foi_appeal_decide(*, appeal: Appeal, actor, result: str, decided_on: dt.date, note: str = "") -> Appeal:
    """Record the result of a reconsideration or lawsuit (维持 / 纠正 / 其他)."""
    appeal = Appeal.objects.select_for_update().select_related("request__organisation").get(pk=appeal.pk)
    require(actor, Action.FOI_HANDLE, appeal.request.organisation)
    if appeal.result != AppealResult.PENDING:
        raise InvalidTransition(_("该案件已记录审结结果。"))
    if result not in AppealResult.values or result == AppealResult.PENDING:
        raise ValidationFailed(_("请选择审结结果（维持、纠正或其他）。"))
    _not_future(decided_on, _("审结日期"))
    if decided_on < appeal.filed_on:
        raise ValidationFailed(_("审结日期不能早于提起日期。"))
    before = {"result": appeal.result}
    appeal.result, appeal.decided_on = result, decided_on
    if note.strip():
        appeal.note = note.strip()
    appeal.save()
    audit.record("foi_appeal.decided", actor=actor, target=appeal, organisation=appeal.request.organisation,
                 before=before, after={"result": result, "decided_on": decided_on.isoformat()}, reason=note)
    return appeal


# ------------------------------------------------------------------------------ calendar changes


def foi_recompute_year(year: int, *, actor=None) -> int:
    """Recompute the stored due dates of open requests whose clock touches `year`; return how many changed.

    Registered with gongkai.workdays.recompute: it runs inside holiday_year_enter()'s transaction.
    """
    changed = 0
    qs = DisclosureRequest.objects.select_for_update().filter(status__in=OPEN_STATES, received_on__year__lte=year)
    for req in qs.select_related("organisation"):
        if req.due_date and req.due_date.year < year:
            continue
        before = _snapshot(req)
        old_provisional = req.deadline_provisional
        if deadlines.apply(req) or old_provisional != req.deadline_provisional:
            req.save(update_fields=["due_date", "deadline", "deadline_provisional", "updated_at"])
            audit.record("foi_request.deadline_recomputed", actor=actor, target=req, organisation=req.organisation,
                         before=before, after=_snapshot(req), reason=f"{year}年节假日安排录入")
            changed += 1
        else:
            req.save(update_fields=["deadline", "updated_at"])
    return changed
