"""Extending the answer period (第三十三条第二款): the office asks, the approver decides.
"""
from __future__ import annotations

from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import ValidationFailed

from .. import deadlines
from ..models import DisclosureRequest
from ..states import LetterKind
from .common import _issue, _run, _today, deadlines_text


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


def foi_request_refuse_extension(*, request: DisclosureRequest, actor, comment: str) -> DisclosureRequest:
    """The approver does not agree; the request keeps its deadline."""
    def apply(req):
        if not comment.strip():
            raise ValidationFailed(_("请填写不同意的理由。"))
        req.extension_requested_on = None
        req.extension_requested_days = None
        req.extension_requested_by = None

    return _run("refuse_extension", request, actor=actor, apply=apply, reason=comment)
