"""Volume or frequency beyond a reasonable range (第三十五条): asking for reasons and deciding on them.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed

from .. import deadlines
from ..constants import Outcome
from ..models import DisclosureRequest
from ..states import LetterKind
from . import wording
from .common import _issue, _run, _today, deadlines_text


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
    wording.check_letter(request, "reject_reasons", reply_text, actor)

    def apply(req):
        if not reply_text.strip():
            raise ValidationFailed(_("请填写答复内容。"))
        wording.require_clear(req, "reject_reasons")
        req.outcome, req.reason, req.closed_on, req.closed_by = Outcome.NOT_PROCESSED, "excessive", _today(), actor
        req.reply_text = reply_text.strip()
        _issue(req, LetterKind.REPLY)

    return _run("reject_reasons", request, actor=actor, apply=apply, reason=reply_text)
