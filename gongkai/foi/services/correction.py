"""Working the case: assignment (分办) and the one correction notice (补正, 条例第三十条).
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed

from django.core.exceptions import PermissionDenied

from gongkai.organisations.models import Unit
from gongkai.workdays.calendar import get_calendar

from ..constants import Outcome
from ..models import DisclosureRequest
from ..workflow import REQUEST_WORKFLOW
from .intake import check_secret
from ..states import LetterKind
from . import wording
from .common import MAX_DESCRIPTION, _issue, _run, _today

DEFAULT_CORRECTION_PERIOD = 15


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
    wording.check_letter(request, "ask_correction", items, actor)

    def apply(req):
        problems = []
        if not items.strip():
            problems.append(_("请说明需要补正的事项。"))
        if not 1 <= period_working_days <= 60:
            problems.append(_("补正期限应为1至60个工作日。"))
        if problems:
            raise ValidationFailed(_("补正告知内容不完整。"), problems=problems)
        wording.require_clear(req, "ask_correction")
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
