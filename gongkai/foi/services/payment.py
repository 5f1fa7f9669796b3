"""The information-processing fee (第四十二条, 国办函〔2020〕109号): assessment, payment, closing unpaid.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed

from .. import deadlines, fees, letters
from ..constants import Outcome
from ..models import DisclosureRequest
from ..states import LetterKind
from .common import _issue, _not_future, _run, _today, deadlines_text


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
        today = _today()
        req.fee_notified_on = today
        req.pauses = list(req.pauses) + [{"kind": "fee", "start": today.isoformat(), "end": None}]
        _issue(req, LetterKind.FEE, calculation=result.text_lines(), payment=letters.fee_payment_text(),
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
