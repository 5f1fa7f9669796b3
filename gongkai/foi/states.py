"""States and audit events of disclosure requests: the status enum, the letter kinds and ``FoiEvent``.

The transition tables and the ``Workflow`` objects that run them live in workflow.py; this module
imports neither the models nor the workflow, so models.py can import it.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("已收到")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待申请人补正")
    THIRD_PARTY = "third_party", _("征求第三方意见中")
    AWAITING_PAYMENT = "awaiting_payment", _("待缴纳信息处理费")
    AWAITING_REASONS = "awaiting_reasons", _("待申请人说明理由")
    CLOSED = "closed", _("已办结")


S = RequestStatus
OPEN_STATES = frozenset({S.RECEIVED, S.IN_PROGRESS, S.AWAITING_CORRECTION, S.THIRD_PARTY, S.AWAITING_PAYMENT,
                         S.AWAITING_REASONS})
WORKABLE = frozenset({S.RECEIVED, S.IN_PROGRESS})
EXTENSIBLE = frozenset({S.RECEIVED, S.IN_PROGRESS, S.THIRD_PARTY})


@audit.register
class FoiEvent(audit.EventType):
    """Audit events of disclosure requests and appeals (values are stored; labels are what staff read)."""

    SUBMITTED = "foi_request.submitted", _("提交申请")
    REGISTERED = "foi_request.registered", _("登记申请")
    IMPORTED = "foi_request.imported", _("历史数据导入")
    ASSIGNED = "foi_request.assigned", _("分办承办股室")
    CORRECTION_REQUESTED = "foi_request.correction_requested", _("告知补正")
    CORRECTED = "foi_request.corrected", _("收到补正申请")
    LAPSED = "foi_request.lapsed", _("逾期未补正，不再处理")
    CONSULTATION_STARTED = "foi_request.consultation_started", _("征求第三方意见")
    THIRD_PARTY_RECEIVED = "foi_request.third_party_received", _("登记第三方收到征求意见书日期")
    THIRD_PARTY_REPLIED = "foi_request.third_party_replied", _("第三方意见收回")
    EXTENSION_REQUESTED = "foi_request.extension_requested", _("申请延长答复期限")
    EXTENDED = "foi_request.extended", _("批准延长答复期限")
    EXTENSION_REFUSED = "foi_request.extension_refused", _("不同意延长答复期限")
    FEE_ASSESSED = "foi_request.fee_assessed", _("核算信息处理费")
    FEE_PAID = "foi_request.fee_paid", _("登记缴费")
    CLOSED_UNPAID = "foi_request.closed_unpaid", _("逾期未缴费，不再处理")
    REASONS_REQUESTED = "foi_request.reasons_requested", _("要求说明申请理由（第三十五条）")
    REASONS_ACCEPTED = "foi_request.reasons_accepted", _("申请理由合理，继续办理")
    REASONS_REJECTED = "foi_request.reasons_rejected", _("申请理由不合理，不予处理")
    ANSWERED = "foi_request.answered", _("答复办结")
    DEADLINE_RECOMPUTED = "foi_request.deadline_recomputed", _("节假日调整，重新计算答复期限")
    APPEAL_RECORDED = "foi_appeal.recorded", _("登记行政复议或行政诉讼")
    APPEAL_DECIDED = "foi_appeal.decided", _("登记行政复议或行政诉讼结果")


class LetterKind(models.TextChoices):
    """The written documents a request produces (each with a number from the organisation's sequence)."""

    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    CONSULTATION = "consultation", _("征求第三方意见函")
    THIRD_PARTY_NOTICE = "third_party_notice", _("公开决定告知书（第三方）")
    FEE = "fee", _("收费通知书")
    REASONS = "reasons", _("说明理由告知书")
    LATER_DEADLINE = "later_deadline", _("答复期限告知书")
    REPLY = "reply", _("政府信息公开申请答复告知书")


def register_value_labels() -> None:
    """Teach audit.describe() how foi snapshot values read (called once, when this module is imported)."""
    from .constants import Outcome, REASONS

    audit.register_values("status", RequestStatus)
    audit.register_values("foi_unit", {}, label=_("承办股室"))
    audit.register_values("foi_due_date", {}, label=_("答复截止日期"))
    audit.register_values("foi_extension_days", {}, label=_("延长工作日数"))
    audit.register_values("foi_fee_amount", {}, label=_("信息处理费（元）"))
    audit.register_values("foi_outcome", Outcome, label=_("办理结果"))
    audit.register_values("foi_reason", {r.code: r.label for r in REASONS}, label=_("具体情形"))
    audit.register_values("foi_closed_on", {}, label=_("办结日期"))
    from .constants import AppealResult

    audit.register_values("result", AppealResult, label=_("结果"))


register_value_labels()
