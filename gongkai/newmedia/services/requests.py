"""Requests to open, adjust or close a 政务新媒体 account, approved level by level (``rules.py``).

The proposed fields stay on the request until it is approved and carried out; only then does the
register change (``request_carry_out``), in the same transaction as the request's last transition.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock, effects
from gongkai.core.errors import InvalidTransition
from gongkai.organisations.permissions import Action, require

from ..models import FILING_MAX, Account, AccountRequest
from ..states import AccountStatus, NewMediaEvent as E, RequestKind, RequestStatus
from ..workflow import REQUEST_WORKFLOW, REVIEW_DECISIONS
from . import _clean

# The fields an adjustment (调整) may change; contact and feed are kept by the office directly.
CHANGED_FIELDS = ("platform", "name", "handle", "url", "operator", "purpose")


def _own_active_account(organisation, account) -> Account:
    if not isinstance(account, Account) or account.organisation_id != organisation.pk:
        raise InvalidTransition(_("只能为本单位的账号提出申请。"))
    if account.status != AccountStatus.ACTIVE:
        raise InvalidTransition(_("该账号已关闭注销，不能再调整或关闭。"))
    if AccountRequest.objects.filter(account=account, status__in=[
            s.value for s in (RequestStatus.DRAFT, RequestStatus.LEADER_REVIEW, RequestStatus.SUPERVISOR_REVIEW,
                              RequestStatus.RETURNED, RequestStatus.APPROVED)]).exists():
        raise InvalidTransition(_("该账号已有办理中的申请，请先办结或撤回。"))
    return account


def _proposal(kind: str, data: dict, account: Account | None) -> tuple[dict, list[str]]:
    problems: list[str] = []
    if kind == RequestKind.CLOSE:
        fields = {f: getattr(account, f) for f in (*CHANGED_FIELDS, "contact")}
    else:
        fields = _clean.account_fields(problems, data)
        if kind == RequestKind.CHANGE and not problems and all(
                fields[f] == getattr(account, f) for f in CHANGED_FIELDS):
            problems.append(_("调整申请须至少变更名称、平台、账号ID、链接、运维单位或功能定位中的一项。"))
    fields["reason"] = _clean.reason(problems, data.get("reason"),
                                     _("关闭理由") if kind == RequestKind.CLOSE else _("申请理由"))
    return fields, problems


def request_create(*, organisation, actor, kind: str, data: dict, account: Account | None = None) -> AccountRequest:
    """Draft a request of `kind` (open / change / close) for `organisation`; `account` for change and close."""
    require(actor, Action.NEWMEDIA_EDIT, organisation)
    if kind not in RequestKind.values:
        raise InvalidTransition(_("申请类型不正确。"))
    with transaction.atomic():
        if kind != RequestKind.OPEN:
            account = _own_active_account(organisation, Account.objects.select_for_update().filter(
                pk=getattr(account, "pk", None)).first())
        else:
            account = None
        fields, problems = _proposal(kind, data, account)
        _clean.fail(problems)
        req = AccountRequest.objects.create(organisation=organisation, kind=kind, account=account,
                                            created_by=actor if getattr(actor, "is_authenticated", False) else None,
                                            **fields)
        audit.record(E.REQUEST_CREATED, actor=actor, organisation=organisation, target=req,
                     after={"status": req.status, "kind": req.kind})
    return req


def request_update(*, request: AccountRequest, actor, data: dict) -> AccountRequest:
    """Change a draft or returned request's proposal."""
    def apply(locked):
        fields, problems = _proposal(locked.kind, data, locked.account)
        _clean.fail(problems)
        for name, value in fields.items():
            setattr(locked, name, value)

    return REQUEST_WORKFLOW.run("edit", request, actor=actor, apply=apply).instance


def request_submit(*, request: AccountRequest, actor) -> AccountRequest:
    """Hand the request to the organisation's leader for agreement."""
    def apply(locked):
        locked.submitted_at = clock.now()

    return REQUEST_WORKFLOW.run("submit", request, actor=actor, apply=apply).instance


def request_agree(*, request: AccountRequest, actor, opinion: str = "") -> AccountRequest:
    """The leader agrees: the request goes to the 主管单位 (the parent organisation; the organisation itself at
    the top of the tree, whose supervisor then decides for the 本级政府)."""
    problems: list[str] = []
    opinion = _clean.text(problems, opinion, _("意见"), 2000, required=False)
    _clean.fail(problems)

    def apply(locked):
        locked.reviewer = locked.organisation.parent or locked.organisation
        locked.opinion = opinion

    return REQUEST_WORKFLOW.run("agree", request, actor=actor, apply=apply, reason=opinion).instance


def request_leader_return(*, request: AccountRequest, actor, opinion: str) -> AccountRequest:
    """The leader sends the request back to the office, saying why."""
    problems: list[str] = []
    opinion = _clean.text(problems, opinion, _("退回理由"), 2000)
    _clean.fail(problems)

    def apply(locked):
        locked.opinion = opinion

    return REQUEST_WORKFLOW.run("leader_return", request, actor=actor, apply=apply, reason=opinion).instance


def request_decide(*, request: AccountRequest, actor, decision: str, opinion: str = "") -> AccountRequest:
    """The reviewing organisation approves, forwards one level up, returns or refuses (the last two with reasons)."""
    if decision not in REVIEW_DECISIONS:
        raise InvalidTransition(_("审核意见类型不正确。"))
    problems: list[str] = []
    opinion = _clean.text(problems, opinion, _("审核意见"), 2000, required=decision in ("return", "reject"))
    _clean.fail(problems)

    def apply(locked):
        locked.opinion = opinion
        if decision == "approve":
            locked.approved_by = locked.reviewer
        elif decision == "forward":
            locked.reviewer = locked.reviewer.parent

    return REQUEST_WORKFLOW.run(decision, request, actor=actor, apply=apply, reason=opinion).instance


def request_carry_out(*, request: AccountRequest, actor, done_on, filing_number: str = "") -> AccountRequest:
    """Carry out an approved request and record its filing (备案): the register changes now."""
    problems: list[str] = []
    filing_number = _clean.text(problems, filing_number, _("备案编号"), FILING_MAX, required=False)

    def apply(locked):
        day = _clean.day(problems, done_on, _("实施日期"),
                         not_before=timezone.localtime(locked.submitted_at).date() if locked.submitted_at else None)
        _clean.fail(problems)
        locked.filing_number = filing_number
        if locked.kind == RequestKind.OPEN:
            account = Account.objects.create(
                organisation=locked.organisation, competent=locked.approved_by, registered_on=day,
                filing_number=filing_number, contact=locked.contact,
                **{f: getattr(locked, f) for f in CHANGED_FIELDS})
            locked.account = account
        else:
            account = Account.objects.select_for_update().get(pk=locked.account_id)
            if locked.kind == RequestKind.CHANGE:
                for f in CHANGED_FIELDS:
                    setattr(account, f, getattr(locked, f))
                account.competent = locked.approved_by
                if filing_number:
                    account.filing_number = filing_number
            else:
                account.status = AccountStatus.CLOSED
                account.closed_on = day
            account.save()
        effects.touch(account)  # the register's public list changes with this request's transition

    return REQUEST_WORKFLOW.run("carry_out", request, actor=actor, apply=apply).instance


def request_withdraw(*, request: AccountRequest, actor) -> AccountRequest:
    return REQUEST_WORKFLOW.run("withdraw", request, actor=actor).instance
