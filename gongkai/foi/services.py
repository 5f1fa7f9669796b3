"""Writes to disclosure requests: one keyword-only function per transition, run by the workflow kernel.

Each transition service validates what it can without the row, then calls
``REQUEST_WORKFLOW.run(<transition>, …)`` (states.py) with an ``apply`` that validates against the
locked row (``ValidationFailed``), makes the change and recomputes the statutory clock
(deadlines.py). The kernel locks the row, checks the state (``InvalidTransition``) and the
permission (``PermissionDenied``), saves, writes the one audit event (``FoiEvent``) and runs side
effects after commit. Letters are numbered and their wording fixed inside the transition
(letters.issue); their files are rendered on first download.

Creating a request (submission, registration) is not a transition: those services check
permission themselves and write the SUBMITTED / REGISTERED event.
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
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock, sequence
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Organisation, Unit
from gongkai.organisations.permissions import Action, require
from gongkai.records import files as file_checks
from gongkai.workdays.calendar import get_calendar

from . import deadlines, fees, validators
from .constants import (
    RECEIPT_RULES, REASON_REQUIRED, AppealKind, ApplicantType, Channel, Delivery, IdentityDocument, InfoForm,
    Outcome, find_reason,
)
from .models import Appeal, DisclosureRequest, LetterKind, RequestAttachment
from .states import APPEAL_WORKFLOW, OPEN_STATES, REQUEST_WORKFLOW, FoiEvent

SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SECRET_LENGTH = 10
MAX_DESCRIPTION = 5000
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
FEE_PAYMENT_WORKING_DAYS = deadlines.FEE_PAYMENT_WORKING_DAYS
DEFAULT_CORRECTION_PERIOD = 15



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


def tracking_number_format(organisation: Organisation, year: int, n: int) -> str:
    """The live tracking-number format: ``<ORG-CODE>-<YEAR>-<NNNNN>``."""
    return f"{organisation.code.upper()}-{year}-{n:05d}"


def tracking_sequence_key(organisation: Organisation, year: int) -> str:
    return f"foi.tracking.{organisation.pk}.{year}"


def next_tracking_number(organisation: Organisation, year: int) -> str:
    """Return the next free tracking number of `organisation` in `year` (call inside a transaction).

    One locked counter per organisation and year (gongkai.core.sequence); numbers already taken —
    e.g. by an imported historical request in the live format — are skipped, so an import can never
    leave later submissions colliding with it. The unique constraint is the last guard.
    """
    def taken(n: int) -> bool:
        return DisclosureRequest.objects.filter(tracking_number=tracking_number_format(organisation, year, n)).exists()

    n = sequence.next_value(tracking_sequence_key(organisation, year), taken=taken)
    return tracking_number_format(organisation, year, n)


def _today() -> dt.date:
    return clock.today()


def _not_future(day: dt.date, label: str) -> None:
    if day > _today():
        raise ValidationFailed(_("日期无效。"), problems=[_("%(label)s不能晚于今天。") % {"label": label}])


def _run(name: str, req: DisclosureRequest, *, actor, apply, reason: str = "", extra: dict | None = None,
         trusted: bool = False, after_commit=()) -> DisclosureRequest:
    """Run transition `name`; `apply(locked)` changes the row; the clock is recomputed before saving."""

    def apply_and_recompute(locked):
        target = apply(locked)
        deadlines.apply(locked)
        return target

    return REQUEST_WORKFLOW.run(name, req, actor=actor, apply=apply_and_recompute, reason=reason, extra=extra,
                                trusted=trusted, after_commit=after_commit)


def _issue(locked: DisclosureRequest, kind: str, **facts):
    from . import letters

    return letters.issue(locked, kind, facts=facts)


# ------------------------------------------------------------------------------ intake


def _create(*, organisation: Organisation, application: Application, channel: str, arrived_on: dt.date,
            confirmed_on: dt.date | None, actor, submitted_by=None, registered_by=None,
            event: FoiEvent) -> tuple[DisclosureRequest, str]:
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
    req = DisclosureRequest(
        organisation=organisation, channel=channel, submitted_by=submitted_by, registered_by=registered_by,
        submitted_at=now, arrived_on=arrived_on, confirmed_on=confirmed_on, received_on=received_on,
        receipt_basis=basis, secret_digest=secret_digest(secret),
        applicant_key=applicant_key_for(data["id_document_type"], data["id_number"], data["applicant_name"]),
        **data,
    )
    from .selectors import find_duplicates

    req.duplicate_of = find_duplicates(req).first()
    req.tracking_number = next_tracking_number(organisation, received_on.year)
    deadlines.apply(req)
    req.save()
    audit.record(event, actor=actor, target=req, organisation=organisation,
                 after={"status": req.status, "foi_due_date": req.due_date.isoformat() if req.due_date else None,
                        "channel": channel, "tracking_number": req.tracking_number,
                        "duplicate_of": req.duplicate_of_id})
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
                   arrived_on=today, confirmed_on=today, actor=actor, submitted_by=user, event=FoiEvent.SUBMITTED)


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
                   confirmed_on=confirmed_on, actor=actor, registered_by=actor, event=FoiEvent.REGISTERED)


# ------------------------------------------------------------------------------ working the case


def foi_request_assign(*, request: DisclosureRequest, actor, unit: Unit, note: str = "") -> DisclosureRequest:
    """Assign the request to a unit of the organisation (分办)."""
    def apply(req):
        if unit.organisation_id != req.organisation_id:
            raise ValidationFailed(_("只能分办给本机关的内设股室。"))
        req.unit, req.assignment_note = unit, note.strip()

    return _run("assign", request, actor=actor, apply=apply, reason=note)


def foi_request_ask_correction(*, request: DisclosureRequest, actor, items: str,
                               period_working_days: int = DEFAULT_CORRECTION_PERIOD) -> DisclosureRequest:
    """Send the one correction notice (第三十条): within 7 working days of receipt, with a period."""
    def apply(req):
        problems = []
        if not items.strip():
            problems.append(_("请说明需要补正的事项。"))
        if not 1 <= period_working_days <= 60:
            problems.append(_("补正期限应为1至60个工作日。"))
        if problems:
            raise ValidationFailed(_("补正告知内容不完整。"), problems=problems)
        today = _today()
        req.correction_asked_on = today
        req.correction_items = items.strip()
        req.correction_due = get_calendar().add_working_days(today, period_working_days)
        req.pauses = list(req.pauses) + [{"kind": "correction", "start": today.isoformat(), "end": None,
                                          "note": items.strip()[:200]}]
        _issue(req, LetterKind.CORRECTION, items=req.correction_items, period=period_working_days,
               due=req.correction_due.isoformat())

    return _run("ask_correction", request, actor=actor, apply=apply, reason=items,
                extra={"period_working_days": period_working_days})


def _correction_problems(req, *, text: str, day: dt.date, staff: bool, reason: str) -> list[str]:
    problems = []
    if not text.strip():
        problems.append(_("请填写补正内容。"))
    elif len(text) > MAX_DESCRIPTION:
        problems.append(_("补正内容不能超过%(n)d字。") % {"n": MAX_DESCRIPTION})
    if day > _today() or day < req.correction_asked_on:
        problems.append(_("收到补正的日期应在告知补正之日和今天之间。"))
    if day > req.correction_due and not (staff and reason.strip()):
        problems.append(_("补正期限（%(due)s）已过。") % {"due": req.correction_due.isoformat()}
                        + (_("如申请人有正当理由，请填写理由后登记。") if staff else _("请与受理机关联系。")))
    return problems


def _apply_correction(req, *, text: str, day: dt.date) -> None:
    req.corrected_on, req.corrected_text = day, text.strip()
    pauses = list(req.pauses)
    pauses[-1] = dict(pauses[-1], end=day.isoformat())
    req.pauses = pauses


def foi_request_correct(*, request: DisclosureRequest, actor, text: str, secret: str = "",
                        received_on: dt.date | None = None, reason: str = "") -> DisclosureRequest:
    """Record the corrected application; the answer clock restarts from its date of receipt.

    The office records a corrected application that arrived otherwise, with its date, and may
    accept one after the period when the applicant had good reason (recorded as `reason`). The
    applicant corrects online with the query code (received the same day): the code — or the
    online account that filed the request — is the applicant's credential; it is checked here and
    the applicant's step (``applicant_correct``) then runs as trusted.
    """
    own_account = getattr(actor, "is_authenticated", False) and request.submitted_by_id == actor.pk
    if secret or (own_account and not REQUEST_WORKFLOW.may("correct", request, actor)):
        if not (check_secret(request, secret) or own_account):
            raise PermissionDenied(_("您没有权限执行此操作。"))

        def apply_applicant(req):
            day = _today()
            problems = _correction_problems(req, text=text, day=day, staff=False, reason="")
            if problems:
                raise ValidationFailed(_("无法登记补正。"), problems=problems)
            _apply_correction(req, text=text, day=day)

        return _run("applicant_correct", request, actor=actor, apply=apply_applicant, trusted=True,
                    extra={"by": "applicant"})

    def apply_office(req):
        day = received_on or _today()
        problems = _correction_problems(req, text=text, day=day, staff=True, reason=reason)
        if problems:
            raise ValidationFailed(_("无法登记补正。"), problems=problems)
        _apply_correction(req, text=text, day=day)

    return _run("correct", request, actor=actor, apply=apply_office, reason=reason, extra={"by": "office"})


def foi_request_lapse(*, request: DisclosureRequest, actor) -> DisclosureRequest:
    """Close a request not corrected in time: 视为放弃申请 (第三十条), 其他处理·逾期不补正."""
    def apply(req):
        today = _today()
        req.outcome, req.reason, req.closed_on, req.closed_by = Outcome.OTHER, "uncorrected", today, actor
        req.reply_text = _("您的申请经告知补正后，未在补正期限（%(due)s）内补正，视为放弃申请，本机关不再处理。") % {
            "due": req.correction_due.isoformat()}
        _issue(req, LetterKind.REPLY)

    return _run("lapse", request, actor=actor, apply=apply)


def foi_request_consult(*, request: DisclosureRequest, actor, third_party: str, sent_on: dt.date | None = None,
                        received_on: dt.date | None = None, note: str = "") -> DisclosureRequest:
    """Consult a third party in writing (第三十二条); the clock pauses from the sending date.

    The third party has 15 working days from its *receipt* of the letter; `received_on` may be
    given now or recorded later (foi_request_third_party_received).
    """
    day = sent_on or _today()
    facts = {"third_party": third_party.strip(), "sent_on": day.isoformat()}

    def apply(req):
        _not_future(day, _("征求意见书发出日期"))
        if not third_party.strip():
            raise ValidationFailed(_("请填写被征求意见的第三方或机关。"))
        last_end = max([req.received_on] + [dt.date.fromisoformat(p["end"]) for p in req.pauses if p.get("end")])
        if day < last_end:
            raise ValidationFailed(_("日期无效。"), problems=[_("发出日期不能早于收到申请之日或上一次恢复计时之日。")])
        if received_on is not None:
            _check_receipt(day, received_on)
        reply_due = deadlines.third_party_reply_due(received_on or day)
        facts["reply_due"] = reply_due.isoformat()
        req.pauses = list(req.pauses) + [{
            "kind": "third_party", "start": day.isoformat(), "end": None,
            "received": received_on.isoformat() if received_on else None, "reply_due": reply_due.isoformat(),
            "party": third_party.strip()[:200], "note": note.strip()[:300]}]
        letter = _issue(req, LetterKind.CONSULTATION, party=third_party.strip()[:200],
                        subject=(req.document_title or req.description)[:300])
        req.pauses[-1]["letter"] = letter.number

    return _run("consult", request, actor=actor, apply=apply, reason=note, extra=facts)


def _check_receipt(sent: dt.date, received: dt.date) -> None:
    _not_future(received, _("第三方收到征求意见书日期"))
    if received < sent:
        raise ValidationFailed(_("日期无效。"), problems=[_("第三方收到日期不能早于征求意见书发出日期。")])


def foi_request_third_party_received(*, request: DisclosureRequest, actor, received_on: dt.date) -> DisclosureRequest:
    """Record the day the third party received the consultation letter; its 15 working days run from it."""
    def apply(req):
        pause = req.pauses[-1]
        _check_receipt(dt.date.fromisoformat(pause["start"]), received_on)
        pauses = list(req.pauses)
        pauses[-1] = dict(pause, received=received_on.isoformat(),
                          reply_due=deadlines.third_party_reply_due(received_on).isoformat())
        req.pauses = pauses

    return _run("third_party_received", request, actor=actor, apply=apply,
                extra={"received_on": received_on.isoformat()})


def foi_request_third_party_replied(*, request: DisclosureRequest, actor, replied_on: dt.date | None = None,
                                    opinion: str = "", objected: bool = False) -> DisclosureRequest:
    """Record the third party's opinion (or that its 15 working days ran out); the clock resumes.

    `objected`: the third party does not agree to disclosure. Disclosing over its objection later
    (public interest, 第三十二条) then requires the written notice to it (see foi_request_answer).
    """
    day = replied_on or _today()

    def apply(req):
        _not_future(day, _("意见收回日期"))
        pause = req.pauses[-1]
        if day < dt.date.fromisoformat(pause["start"]):
            raise ValidationFailed(_("日期无效。"), problems=[_("收回日期不能早于征求意见书发出日期。")])
        pauses = list(req.pauses)
        pauses[-1] = dict(pause, end=day.isoformat(), opinion=opinion.strip()[:1000], objected=bool(objected))
        req.pauses = pauses

    return _run("third_party_replied", request, actor=actor, apply=apply, reason=opinion,
                extra={"objected": bool(objected)})


def foi_request_request_extension(*, request: DisclosureRequest, actor, working_days: int,
                                  reason: str) -> DisclosureRequest:
    """The office asks to extend the answer period (第三十三条第二款); it waits for the approver."""
    def apply(req):
        problems = []
        if not 1 <= int(working_days) <= deadlines.MAX_EXTENSION_WORKING_DAYS:
            problems.append(_("延长的期限最长不得超过20个工作日（《条例》第三十三条）。"))
        if not reason.strip():
            problems.append(_("请填写延长理由。"))
        if problems:
            raise ValidationFailed(_("无法申请延长答复期限。"), problems=problems)
        req.extension_requested_on = _today()
        req.extension_requested_days = int(working_days)
        req.extension_requested_by = actor
        req.extension_reason = reason.strip()

    return _run("request_extension", request, actor=actor, apply=apply, reason=reason,
                extra={"requested_days": int(working_days)})


def foi_request_approve_extension(*, request: DisclosureRequest, actor) -> DisclosureRequest:
    """The head of the disclosure office approves the requested extension, before the original deadline.

    It takes effect now: the due date moves and the 延期答复告知书 to the applicant is issued.
    """
    def apply(req):
        original_due = req.due_date
        req.extension_days = req.extension_requested_days
        req.extension_approved_by = actor
        req.extension_approver_name = audit.actor_name(actor)
        req.extension_approved_on = _today()
        req.extension_requested_on = None
        deadlines.apply(req)
        _issue(req, LetterKind.EXTENSION, reason=req.extension_reason, days=req.extension_days,
               original_due=deadlines_text(original_due), new_due=deadlines_text(req.due_date))

    return _run("approve_extension", request, actor=actor, apply=apply)


def deadlines_text(day: dt.date | None) -> str:
    from .letters import cn_date

    return cn_date(day) if day else "—"


def foi_request_refuse_extension(*, request: DisclosureRequest, actor, comment: str) -> DisclosureRequest:
    """The approver does not agree; the request keeps its deadline."""
    def apply(req):
        if not comment.strip():
            raise ValidationFailed(_("请填写不同意的理由。"))
        req.extension_requested_on = None
        req.extension_requested_days = None
        req.extension_requested_by = None

    return _run("refuse_extension", request, actor=actor, apply=apply, reason=comment)


def prior_units_this_month(req: DisclosureRequest) -> int:
    """Return how many earlier applications the same applicant made to this organisation this natural month."""
    first = req.received_on.replace(day=1)
    qs = DisclosureRequest.objects.filter(
        organisation=req.organisation, applicant_key=req.applicant_key,
        received_on__gte=first, received_on__lte=req.received_on,
    ).exclude(pk=req.pk)
    earlier_same_day = qs.filter(received_on=req.received_on, pk__gt=req.pk)
    return qs.count() - earlier_same_day.count()


def foi_request_assess_fee(*, request: DisclosureRequest, actor, scheme: str, units: int) -> DisclosureRequest:
    """Compute and record the information-processing fee (usually zero) with its calculation.

    A positive fee is notified that day (收费通知书) and stops the answer clock until payment
    (国办函〔2020〕109号, deadlines.FEE_RULE); the request waits in 待缴纳信息处理费.
    """
    def apply(req):
        prior = prior_units_this_month(req) if scheme == "per_request" else 0
        result = fees.compute_fee(scheme, units=int(units), prior_units=prior)
        req.fee_scheme, req.fee_units, req.fee_amount = scheme, int(units), result.total
        req.fee_calculation = result.as_dict()
        if result.total <= 0:
            req.fee_notified_on = None
            return req.status
        from .letters import fee_payment_text

        today = _today()
        req.fee_notified_on = today
        req.pauses = list(req.pauses) + [{"kind": "fee", "start": today.isoformat(), "end": None}]
        _issue(req, LetterKind.FEE, calculation=result.text_lines(), payment=fee_payment_text(),
               pay_due=deadlines_text(deadlines.fee_payment_due(req)))
        return "awaiting_payment"

    return _run("assess_fee", request, actor=actor, apply=apply, extra={"scheme": scheme, "units": int(units)})


def foi_request_fee_paid(*, request: DisclosureRequest, actor, paid_on: dt.date | None = None) -> DisclosureRequest:
    """Record the payment of a notified fee; the answer clock resumes."""
    day = paid_on or _today()

    def apply(req):
        _not_future(day, _("缴费日期"))
        if day < req.fee_notified_on:
            raise ValidationFailed(_("日期无效。"), problems=[_("缴费日期不能早于收费通知日期。")])
        req.fee_paid_on = day
        pauses = list(req.pauses)
        if pauses and pauses[-1].get("kind") == "fee" and not pauses[-1].get("end"):
            pauses[-1] = dict(pauses[-1], end=day.isoformat())
        req.pauses = pauses

    return _run("fee_paid", request, actor=actor, apply=apply)


def foi_request_close_unpaid(*, request: DisclosureRequest, actor) -> DisclosureRequest:
    """Close a request whose notified fee was not paid in time (其他处理·逾期未缴费)."""
    def apply(req):
        due = deadlines.fee_payment_due(req)
        today = _today()
        req.outcome, req.reason, req.closed_on, req.closed_by = Outcome.OTHER, "unpaid", today, actor
        req.reply_text = _("您未在收费通知规定的期限（%(due)s）内缴纳信息处理费，视为放弃申请，本机关不再处理。") % {
            "due": due.isoformat()}
        _issue(req, LetterKind.REPLY)

    return _run("close_unpaid", request, actor=actor, apply=apply)


# ------------------------------------------------------------------------------ 第三十五条


def foi_request_ask_reasons(*, request: DisclosureRequest, actor, question: str) -> DisclosureRequest:
    """Ask the applicant for reasons: volume or frequency clearly beyond a reasonable range (第三十五条)."""
    def apply(req):
        if not question.strip():
            raise ValidationFailed(_("请写明要求申请人说明的事项。"))
        req.reasons_asked_on = _today()
        req.reasons_question = question.strip()
        _issue(req, LetterKind.REASONS, question=req.reasons_question)

    return _run("ask_reasons", request, actor=actor, apply=apply, reason=question)


def foi_request_accept_reasons(*, request: DisclosureRequest, actor, received_on: dt.date, reasons: str,
                               later_due_date: dt.date | None = None) -> DisclosureRequest:
    """The reasons are reasonable: carry on; if the 第三十三条 deadline cannot be met, set a later one.

    A later deadline must fall after the current one; it becomes the due date and the
    答复期限告知书 tells the applicant (第三十五条).
    """
    def apply(req):
        problems = []
        if not reasons.strip():
            problems.append(_("请填写申请人说明的理由。"))
        if received_on > _today() or received_on < req.reasons_asked_on:
            problems.append(_("收到理由说明的日期应在要求说明之日和今天之间。"))
        if later_due_date is not None:
            current = deadlines.compute(req).due_date
            if current is not None and later_due_date <= current:
                problems.append(_("另行确定的答复期限应晚于现在的答复期限（%(due)s）。") % {"due": current.isoformat()})
            if later_due_date <= _today():
                problems.append(_("另行确定的答复期限应晚于今天。"))
        if problems:
            raise ValidationFailed(_("无法登记。"), problems=problems)
        req.reasons_received_on, req.reasons_text = received_on, reasons.strip()
        if later_due_date is not None:
            req.later_due_date = later_due_date
            _issue(req, LetterKind.LATER_DEADLINE, asked=deadlines_text(req.reasons_asked_on),
                   answered=deadlines_text(received_on), later_due=deadlines_text(later_due_date))

    return _run("accept_reasons", request, actor=actor, apply=apply, reason=reasons,
                extra={"later_due_date": later_due_date.isoformat() if later_due_date else None})


def foi_request_reject_reasons(*, request: DisclosureRequest, actor, reply_text: str) -> DisclosureRequest:
    """The reasons are unreasonable (or none came): close as 不予处理·无正当理由大量反复申请 (第三十五条)."""
    def apply(req):
        if not reply_text.strip():
            raise ValidationFailed(_("请填写答复内容。"))
        req.outcome, req.reason, req.closed_on, req.closed_by = Outcome.NOT_PROCESSED, "excessive", _today(), actor
        req.reply_text = reply_text.strip()
        _issue(req, LetterKind.REPLY)

    return _run("reject_reasons", request, actor=actor, apply=apply, reason=reply_text)


# ------------------------------------------------------------------------------ the answer


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes = field(repr=False)


def validate_outcome(outcome: str, reason: str) -> None:
    """Raise ValidationFailed unless (outcome, reason) is one row of the annual-report table.

    部分公开 needs the ground of the withheld part: one of the eight 不予公开 reasons or a 无法提供
    reason (constants.PARTIAL_GROUNDS), cited with its article in the reply letter.
    """
    if outcome not in Outcome.values:
        raise ValidationFailed(_("请选择办理结果。"))
    if outcome in REASON_REQUIRED and not reason:
        if outcome == Outcome.PARTIAL:
            raise ValidationFailed(_("部分公开须写明不予提供部分的理由（不予公开或无法提供的情形之一）。"))
        raise ValidationFailed(_("“%(o)s”须选择具体情形。") % {"o": Outcome(outcome).label})
    if reason and find_reason(outcome, reason) is None:
        raise ValidationFailed(_("具体情形与办理结果不一致。"))


def _third_party_objection(req) -> dict | None:
    """Return the last consultation in which the third party objected, or None."""
    objected = [p for p in req.pauses if p.get("kind") == "third_party" and p.get("objected")]
    return objected[-1] if objected else None


def foi_request_answer(*, request: DisclosureRequest, actor, outcome: str, reason: str = "", reply_text: str,
                       reply_link: str = "", referred_to: str = "", attachments: list[Attachment] | None = None,
                       suggest_proactive: bool = False, catalog_item=None,
                       public_interest: str = "") -> DisclosureRequest:
    """Answer and close the request with exactly one outcome; issue the reply letter (告知书).

    Disclosing (予以公开/部分公开) information a consulted third party objected to requires the
    public-interest reason (第三十二条); the written notice to the third party is then issued too.
    """
    attachments = attachments or []
    facts = {"attachments": [a.name for a in attachments]}
    detected: dict[str, str] = {}

    def apply(req):
        validate_outcome(outcome, reason)
        problems = []
        if outcome == Outcome.OTHER and reason in ("uncorrected", "unpaid"):
            problems.append(_("逾期不补正、逾期未缴费请使用相应的办理步骤，由系统核对期限。"))
        if outcome == Outcome.NOT_PROCESSED and reason == "excessive" and not req.reasons_asked_on:
            problems.append(_("“无正当理由大量反复申请”须先要求申请人说明理由（第三十五条）。"))
        if outcome == Outcome.UNAVAILABLE and reason == "still_unclear" and not req.corrected_on:
            problems.append(_("“补正后申请内容仍不明确”只适用于已经补正的申请。"))
        if not reply_text.strip():
            problems.append(_("请填写答复内容。"))
        for a in attachments:
            if len(a.data) > MAX_ATTACHMENT_BYTES:
                problems.append(_("附件“%(name)s”超过10MB。") % {"name": a.name})
                continue
            # Checked like a record attachment (type by content, not by the client's claim) and
            # stored with the detected type, which is what the download is served with.
            try:
                detected[a.name] = file_checks.CONTENT_TYPES[file_checks.validate(a.name, a.data)]
            except ValidationFailed as exc:
                problems.extend(f"{a.name}：{p}" for p in (exc.problems or [exc.message]))
        if suggest_proactive and outcome != Outcome.DISCLOSED:
            problems.append(_("只有予以公开的信息才建议转为主动公开。"))
        if catalog_item is not None and catalog_item.version.catalog.organisation_id != req.organisation_id:
            problems.append(_("只能关联本机关目录中的事项。"))
        objection = _third_party_objection(req) if outcome in (Outcome.DISCLOSED, Outcome.PARTIAL) else None
        if objection and not public_interest.strip():
            problems.append(_("第三方不同意公开。决定公开的，须写明不公开可能对公共利益造成重大影响的理由（第三十二条）。"))
        if problems:
            raise ValidationFailed(_("无法办结。"), problems=problems)
        today = _today()
        req.outcome, req.reason = outcome, reason
        req.reply_text, req.reply_link, req.referred_to = reply_text.strip(), reply_link.strip(), referred_to.strip()
        req.closed_on, req.closed_by = today, actor
        req.suggest_proactive = bool(suggest_proactive)
        req.proactive_catalog_item = catalog_item
        now = clock.now()
        for a in attachments:
            RequestAttachment.objects.create(request=req, name=a.name[:200], content_type=detected[a.name],
                                             size=len(a.data), data=a.data, created_at=now)
        facts["late"] = req.answered_late
        _issue(req, LetterKind.REPLY)
        if objection:
            _issue(req, LetterKind.THIRD_PARTY_NOTICE, party=objection.get("party", ""),
                   sent=deadlines_text(dt.date.fromisoformat(objection["start"])),
                   subject=(req.document_title or req.description)[:300], content=req.reply_text[:500],
                   public_interest=public_interest.strip())

    return _run("answer", request, actor=actor, apply=apply, reason=reply_text, extra=facts)


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
    audit.record(FoiEvent.APPEAL_RECORDED, actor=actor, target=appeal, organisation=request.organisation,
                 after={"request": request.tracking_number, "kind": kind, "filed_on": filed_on.isoformat()})
    return appeal


def foi_appeal_decide(*, appeal: Appeal, actor, result: str, decided_on: dt.date, note: str = "") -> Appeal:
    """Record the result of a reconsideration or lawsuit (维持 / 纠正 / 其他)."""
    def apply(locked):
        from .constants import AppealResult

        if result not in AppealResult.values or result == AppealResult.PENDING:
            raise ValidationFailed(_("请选择审结结果（维持、纠正或其他）。"))
        _not_future(decided_on, _("审结日期"))
        if decided_on < locked.filed_on:
            raise ValidationFailed(_("审结日期不能早于提起日期。"))
        locked.decided_on = decided_on
        if note.strip():
            locked.note = note.strip()
        return result

    return APPEAL_WORKFLOW.run("decide", appeal, actor=actor, apply=apply, reason=note,
                               extra={"decided_on": decided_on.isoformat()})


# ------------------------------------------------------------------------------ calendar changes


def foi_recompute_year(year: int, *, actor=None) -> int:
    """Recompute the stored due dates of open requests whose clock touches `year`; return how many changed.

    Registered with gongkai.workdays.recompute: it runs inside holiday_year_enter()'s transaction.
    A recomputation is no state change, so it is audited directly (DEADLINE_RECOMPUTED).
    """
    changed = 0
    qs = DisclosureRequest.objects.select_for_update().filter(status__in=OPEN_STATES, received_on__year__lte=year)
    for req in qs.select_related("organisation"):
        if req.due_date and req.due_date.year < year:
            continue
        before = {"foi_due_date": req.due_date.isoformat() if req.due_date else None}
        old_provisional = req.deadline_provisional
        if deadlines.apply(req) or old_provisional != req.deadline_provisional:
            req.save(update_fields=["due_date", "deadline", "deadline_provisional", "updated_at"])
            audit.record(FoiEvent.DEADLINE_RECOMPUTED, actor=actor, target=req, organisation=req.organisation,
                         before=before, after={"foi_due_date": req.due_date.isoformat() if req.due_date else None},
                         reason=f"{year}年节假日安排录入")
            changed += 1
        else:
            req.save(update_fields=["deadline", "updated_at"])
    return changed
