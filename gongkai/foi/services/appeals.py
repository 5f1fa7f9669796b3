"""Administrative reconsideration and litigation about a request: recording and deciding.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, require

from ..constants import AppealKind, AppealResult
from ..models import Appeal, DisclosureRequest
from ..states import FoiEvent
from ..workflow import APPEAL_WORKFLOW
from .common import _not_future


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
                               extra={"decided_on": decided_on.isoformat()}).instance
