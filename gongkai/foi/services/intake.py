"""Creating a request: the applicant's statement, query codes, tracking numbers, submission and registration.

Creating a request is not a transition of an existing row: these services check permission
themselves (registration) and write the SUBMITTED / REGISTERED event.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock, sequence, validators
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .. import deadlines
from ..constants import RECEIPT_RULES, ApplicantType, Channel, Delivery, IdentityDocument, InfoForm
from ..models import DisclosureRequest
from ..selectors import find_duplicates
from ..states import FoiEvent
from .common import MAX_DESCRIPTION, _not_future, _today

SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SECRET_LENGTH = 10


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
    req.duplicate_of = find_duplicates(req).first()
    deadlines.apply(req)
    # Drawn last: the counter's row stays locked until the commit, so the lock covers only the insert.
    req.tracking_number = next_tracking_number(organisation, received_on.year)
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
