"""The transition tables of 政务新媒体 requests and accounts, run by the workflow kernel.

A request waits, in turn, at its own organisation (draft, leader's agreement, carrying out) and at the
organisation reviewing it (``reviewer``: the 主管单位, ``rules.py``). The kernel asks the policy about the
organisation the request is waiting at, so a supervisor decides only where the request has reached.
"""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import Account, AccountRequest
from .states import AccountStatus, NewMediaEvent as E, RequestKind, RequestStatus as S


def waiting_at(req: AccountRequest):
    """The organisation whose staff act on `req` now: the reviewer while under review, else the requester."""
    if req.status == S.SUPERVISOR_REVIEW and req.reviewer_id:
        return req.reviewer
    return req.organisation


def _account_still_active(req: AccountRequest) -> str | None:
    if req.kind != RequestKind.OPEN and (req.account is None or req.account.status != AccountStatus.ACTIVE):
        return _("该账号已关闭注销，不能再调整或关闭。")
    return None


def _has_higher_level(req: AccountRequest) -> str | None:
    if req.reviewer is None or req.reviewer.parent_id is None:
        return _("已是最高一级，不能再转报。")
    return None


def _snapshot(req: AccountRequest) -> dict:
    return {"reviewer": req.reviewer.name if req.reviewer_id else ""}


REQUEST_WORKFLOW = Workflow(
    AccountRequest,
    organisation=waiting_at,
    snapshot=_snapshot,
    related=("organisation", "reviewer", "account"),
    transitions=(
        Transition("edit", sources={S.DRAFT, S.RETURNED}, permission=Action.NEWMEDIA_EDIT,
                   event=E.REQUEST_EDITED, label=gettext_lazy("修改申请"), offer=False),
        Transition("submit", sources={S.DRAFT, S.RETURNED}, target=S.LEADER_REVIEW, permission=Action.NEWMEDIA_EDIT,
                   event=E.REQUEST_SUBMITTED, label=gettext_lazy("提交本单位负责人同意"),
                   condition=_account_still_active),
        Transition("agree", sources={S.LEADER_REVIEW}, target=S.SUPERVISOR_REVIEW, permission=Action.NEWMEDIA_AGREE,
                   event=E.REQUEST_AGREED, label=gettext_lazy("同意，报主管单位审核"), offer=False),
        Transition("leader_return", sources={S.LEADER_REVIEW}, target=S.RETURNED, permission=Action.NEWMEDIA_AGREE,
                   event=E.REQUEST_RETURNED, label=gettext_lazy("退回修改"), offer=False),
        Transition("approve", sources={S.SUPERVISOR_REVIEW}, target=S.APPROVED, permission=Action.NEWMEDIA_APPROVE,
                   event=E.REQUEST_APPROVED, label=gettext_lazy("批准"), offer=False,
                   condition=_account_still_active),
        Transition("forward", sources={S.SUPERVISOR_REVIEW}, permission=Action.NEWMEDIA_APPROVE,
                   event=E.REQUEST_FORWARDED, label=gettext_lazy("转报上一级审核"), offer=False,
                   condition=_has_higher_level),
        Transition("return", sources={S.SUPERVISOR_REVIEW}, target=S.RETURNED, permission=Action.NEWMEDIA_APPROVE,
                   event=E.REQUEST_RETURNED, label=gettext_lazy("退回修改"), offer=False),
        Transition("reject", sources={S.SUPERVISOR_REVIEW}, target=S.REJECTED, permission=Action.NEWMEDIA_APPROVE,
                   event=E.REQUEST_REJECTED, label=gettext_lazy("不予批准"), offer=False),
        Transition("carry_out", sources={S.APPROVED}, target=S.DONE, permission=Action.NEWMEDIA_EDIT,
                   event=E.REQUEST_DONE, label=gettext_lazy("实施并登记备案"), offer=False,
                   condition=_account_still_active),
        Transition("withdraw", sources={S.DRAFT, S.RETURNED, S.LEADER_REVIEW}, target=S.WITHDRAWN,
                   permission=Action.NEWMEDIA_EDIT, event=E.REQUEST_WITHDRAWN, label=gettext_lazy("撤回申请"),
                   style="danger secondary"),
    ),
)

# The decisions a reviewer takes on one form, with an opinion (in this order on the page).
REVIEW_DECISIONS = ("approve", "forward", "return", "reject")
LEADER_DECISIONS = ("agree", "leader_return")

ACCOUNT_WORKFLOW = Workflow(
    Account,
    related=("organisation",),
    transitions=(
        Transition("record_update", sources={AccountStatus.ACTIVE}, permission=Action.NEWMEDIA_EDIT,
                   event=E.ACCOUNT_UPDATED, label=gettext_lazy("登记最近更新"), offer=False),
        Transition("feed_read", sources={AccountStatus.ACTIVE}, permission=Action.NEWMEDIA_EDIT,
                   event=E.ACCOUNT_FEED_READ, label=gettext_lazy("读取订阅源"), offer=False),
        Transition("edit_details", sources={AccountStatus.ACTIVE}, permission=Action.NEWMEDIA_EDIT,
                   event=E.ACCOUNT_EDITED, label=gettext_lazy("修改联系方式等"), offer=False),
    ),
)
