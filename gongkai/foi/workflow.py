"""The transition tables of disclosure requests and appeals, and the ``Workflow`` objects that run them.

Every state change of a request (and of an appeal) is one ``Transition`` below, run by
``gongkai.core.workflow`` from a service in services/ (``foi_request_<action>``): lock, state and
condition check (``InvalidTransition``), permission (``PermissionDenied``), the service's apply
(validation, ``ValidationFailed``), save, one audit event, side effects after commit. Views ask
``REQUEST_WORKFLOW.available_actions(req, user)`` which forms to show.

Creating a request (online submission, office registration, import) is not a transition of an
existing row: those services check permission themselves and write the ``SUBMITTED`` /
``REGISTERED`` / ``IMPORTED`` event.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from gongkai.core import clock
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .constants import AppealResult
from .deadlines import correction_notice_due, fee_payment_due
from .models import Appeal, DisclosureRequest
from .states import EXTENSIBLE, WORKABLE, FoiEvent, RequestStatus

S = RequestStatus


# ------------------------------------------------------------------------------ conditions
# Each returns None when the transition is possible, else the reason shown to the user. They
# read the locked row only (and the clock), so the kernel can ask them again under the lock.


def _today() -> dt.date:
    return clock.today()


def _correction_possible(req) -> str | None:
    if req.correction_asked_on:
        return str(_("《条例》第三十条要求一次性告知补正，本申请已告知过补正。"))
    due = correction_notice_due(req.received_on)
    if _today() > due:
        return str(_("补正告知应自收到申请之日起7个工作日内发出（截止%(due)s），已超过期限，不能再告知补正。")
                   % {"due": due.isoformat()})
    return None


def _correction_period_over(req) -> str | None:
    if req.correction_due is None or _today() <= req.correction_due:
        return str(_("补正期限（%(due)s）尚未届满，不能按逾期不补正处理。") % {
            "due": req.correction_due.isoformat() if req.correction_due else "—"})
    return None


def _receipt_not_recorded(req) -> str | None:
    pause = req.open_pause or {}  # the state (征求第三方意见中) guarantees an open consultation
    if pause.get("received"):
        return str(_("已登记第三方收到征求意见书的日期。"))
    return None


def _extension_requestable(req) -> str | None:
    if req.extension_days:
        return str(_("本申请已延长过答复期限，不能再次延长。"))
    if req.extension_requested_on:
        return str(_("延期申请正在等待批准。"))
    if req.due_date and _today() > req.due_date:
        return str(_("答复期限已于%(due)s届满，不能再延长。") % {"due": req.due_date.isoformat()})
    return None


def _extension_pending(req) -> str | None:
    if not req.extension_requested_on:
        return str(_("没有待批准的延期申请。"))
    if req.due_date and _today() > req.due_date:
        return str(_("原答复期限已于%(due)s届满，延期须在原期限届满前批准。") % {"due": req.due_date.isoformat()})
    return None


def _extension_refusable(req) -> str | None:
    return None if req.extension_requested_on else str(_("没有待批准的延期申请。"))


def _fee_assessable(req) -> str | None:
    return str(_("已登记缴费，不能重新核算。")) if req.fee_paid_on else None


def _payment_period_over(req) -> str | None:
    due = fee_payment_due(req)  # the state (待缴纳信息处理费) guarantees a notified fee
    if due is not None and _today() <= due:
        return str(_("缴费期限（%(due)s）尚未届满。") % {"due": due.isoformat()})
    return None


def _reasons_not_asked(req) -> str | None:
    return str(_("已要求申请人说明过理由。")) if req.reasons_asked_on else None


# ------------------------------------------------------------------------------ the tables


def _t(name, sources, target, permission, event, label, **kw):
    if isinstance(target, (set, frozenset)):
        return Transition(name, sources=sources, targets=target, permission=permission, event=event, label=label, **kw)
    return Transition(name, sources=sources, target=target, permission=permission, event=event, label=label, **kw)


H, X = Action.FOI_HANDLE, Action.FOI_APPROVE_EXTENSION
E = FoiEvent

REQUEST_TRANSITIONS = (
    _t("assign", WORKABLE, S.IN_PROGRESS, H, E.ASSIGNED, _("分办")),
    _t("ask_correction", WORKABLE, S.AWAITING_CORRECTION, H, E.CORRECTION_REQUESTED, _("告知补正"),
       condition=_correction_possible),
    _t("correct", {S.AWAITING_CORRECTION}, S.IN_PROGRESS, H, E.CORRECTED, _("登记补正")),
    # The applicant corrects with the query code (the code is the credential; no role grants it):
    # the service checks the code, then runs this step as trusted. Never offered as a button.
    _t("applicant_correct", {S.AWAITING_CORRECTION}, S.IN_PROGRESS, H, E.CORRECTED, _("申请人补正"), offer=False),
    _t("lapse", {S.AWAITING_CORRECTION}, S.CLOSED, H, E.LAPSED, _("逾期未补正，不再处理"),
       condition=_correction_period_over, style="danger"),
    _t("consult", WORKABLE, S.THIRD_PARTY, H, E.CONSULTATION_STARTED, _("征求第三方意见")),
    _t("third_party_received", {S.THIRD_PARTY}, None, H, E.THIRD_PARTY_RECEIVED, _("登记第三方收到日期"),
       condition=_receipt_not_recorded),
    _t("third_party_replied", {S.THIRD_PARTY}, S.IN_PROGRESS, H, E.THIRD_PARTY_REPLIED, _("第三方意见已收回")),
    _t("request_extension", EXTENSIBLE, None, H, E.EXTENSION_REQUESTED, _("申请延长答复期限"),
       condition=_extension_requestable),
    _t("approve_extension", EXTENSIBLE, None, X, E.EXTENDED, _("批准延长答复期限"), condition=_extension_pending),
    _t("refuse_extension", EXTENSIBLE, None, X, E.EXTENSION_REFUSED, _("不同意延长"),
       condition=_extension_refusable, style="secondary"),
    _t("assess_fee", WORKABLE, frozenset({S.RECEIVED, S.IN_PROGRESS, S.AWAITING_PAYMENT}), H, E.FEE_ASSESSED,
       _("核算信息处理费"), condition=_fee_assessable),
    _t("fee_paid", {S.AWAITING_PAYMENT}, S.IN_PROGRESS, H, E.FEE_PAID, _("登记缴费")),
    _t("close_unpaid", {S.AWAITING_PAYMENT}, S.CLOSED, H, E.CLOSED_UNPAID, _("逾期未缴费，不再处理"),
       condition=_payment_period_over, style="danger"),
    _t("ask_reasons", WORKABLE, S.AWAITING_REASONS, H, E.REASONS_REQUESTED, _("要求说明理由（第三十五条）"),
       condition=_reasons_not_asked),
    _t("accept_reasons", {S.AWAITING_REASONS}, S.IN_PROGRESS, H, E.REASONS_ACCEPTED, _("理由合理，继续办理")),
    _t("reject_reasons", {S.AWAITING_REASONS}, S.CLOSED, H, E.REASONS_REJECTED, _("理由不合理，不予处理"),
       style="danger"),
    _t("answer", WORKABLE, S.CLOSED, H, E.ANSWERED, _("答复办结")),
)


def _request_snapshot(req) -> dict:
    def iso(value):
        return value.isoformat() if isinstance(value, dt.date) else value

    return {
        "foi_unit": req.unit.name if req.unit_id and req.unit else "",
        "foi_due_date": iso(req.due_date),
        "foi_extension_days": req.extension_days,
        "foi_fee_amount": str(req.fee_amount) if req.fee_amount is not None else None,
        "foi_outcome": req.outcome,
        "foi_reason": req.reason,
        "foi_closed_on": iso(req.closed_on),
    }


REQUEST_WORKFLOW = Workflow(DisclosureRequest, transitions=REQUEST_TRANSITIONS, snapshot=_request_snapshot,
                            related=("organisation", "unit"))

APPEAL_WORKFLOW = Workflow(
    Appeal, state_field="result", organisation=lambda a: a.request.organisation, related=("request__organisation",),
    transitions=(Transition("decide", sources={AppealResult.PENDING},
                            targets={AppealResult.UPHELD, AppealResult.CORRECTED, AppealResult.OTHER},
                            permission=Action.FOI_HANDLE, event=FoiEvent.APPEAL_DECIDED, label=_("登记审结结果")),),
)

# The transition names and their labels (readers, forms and tests).
ACTION_LABELS = {t.name: t.label for t in REQUEST_TRANSITIONS}
TRANSITIONS = {t.name: (t.sources, (next(iter(t.targets)) if len(t.targets) == 1 else None))
               for t in REQUEST_TRANSITIONS}

# The explicit state graph (derived from the table, kept for readers and tests).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    state: frozenset(
        target for t in REQUEST_TRANSITIONS if state in t.sources for target in (t.targets or {state})
    )
    for state in S
}


def allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]
