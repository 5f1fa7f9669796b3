"""Writes of the 双公示 register: entering, editing, publishing, correcting, withdrawing and expiring decisions.

Creation is not a transition (there is no state before it): ``decision_create`` checks the permission
once and writes one audit event. Every later change runs on the kernel (``workflow.DECISION_WORKFLOW``).
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock, validators
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, require
from gongkai.workdays.engine import MissingYearError

from . import cleaning, rules
from .models import Decision
from .states import DecisionEvent, DecisionStatus
from .workflow import DECISION_WORKFLOW

MAX_REASON = 2000


def _fail(problems: list[str], message: str | None = None) -> None:
    if problems:
        raise ValidationFailed(message or _("决定信息有误，未保存。"), problems=problems)


def _due(decided_on: dt.date) -> tuple[dt.date, bool]:
    try:
        deadline = rules.publication_deadline(decided_on)
    except (MissingYearError, ValueError) as exc:
        raise ValidationFailed(_("无法计算公示期限。"), problems=[str(exc)]) from None
    return deadline.due_date, deadline.provisional


def checked(organisation, data: dict, *, exclude_pk=None) -> dict:
    """Return the clean values of `data` with the due date, or raise ValidationFailed listing every problem."""
    values, problems = cleaning.clean(data, organisation)
    if values.get("document_number"):
        taken = Decision.objects.filter(organisation=organisation, document_number=values["document_number"])
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            problems.append(_("决定文书号“%(n)s”已登记。") % {"n": values["document_number"]})
    _fail(problems)
    values["due_on"], values["due_provisional"] = _due(values["decided_on"])
    return values


def _reason(reason: str, what: str) -> str:
    reason = validators.clean_text(reason or "")
    if not validators.has_visible_text(reason):
        raise ValidationFailed(_("请写明%(what)s的理由。") % {"what": what}, problems=[_("理由不能为空。")])
    if len(reason) > MAX_REASON:
        raise ValidationFailed(_("理由不能超过%(n)d字。") % {"n": MAX_REASON}, problems=[_("理由过长。")])
    return reason


@transaction.atomic
def decision_create(*, organisation, actor, data: dict) -> Decision:
    """Enter one decision in `organisation`'s register (state 待公示) with its due date."""
    require(actor, Action.DECISION_EDIT, organisation)
    values = checked(organisation, data)
    decision = Decision.objects.create(organisation=organisation, created_by=actor, **values)
    audit.record(DecisionEvent.CREATED, actor=actor, organisation=organisation, target=decision,
                 after={"status": decision.status, "due_on": decision.due_on.isoformat()})
    return decision


def _assign(decision: Decision, values: dict) -> None:
    for key, value in values.items():
        setattr(decision, key, value)


def decision_edit(*, decision: Decision, actor, data: dict) -> Decision:
    """Change a decision that is not yet published (the due date follows the decision date)."""
    def apply(locked):
        _assign(locked, checked(locked.organisation, data, exclude_pk=locked.pk))

    return DECISION_WORKFLOW.run("edit", decision, actor=actor, apply=apply).instance


def decision_publish(*, decision: Decision, actor) -> Decision:
    """Publish a decision today; it is late when today is after its due date."""
    def apply(locked):
        locked.published_on = clock.today()

    return DECISION_WORKFLOW.run("publish", decision, actor=actor, apply=apply).instance


def decision_correct(*, decision: Decision, actor, data: dict, reason: str) -> Decision:
    """Correct a published decision's content, with the reason (the publication date stays)."""
    reason = _reason(reason, _("更正"))

    def apply(locked):
        _assign(locked, checked(locked.organisation, data, exclude_pk=locked.pk))

    return DECISION_WORKFLOW.run("correct", decision, actor=actor, apply=apply, reason=reason).instance


def decision_withdraw(*, decision: Decision, actor, reason: str) -> Decision:
    """Take a published decision off the site before its term (revoked, re-made, published in error)."""
    reason = _reason(reason, _("撤下"))

    def apply(locked):
        locked.end_reason = reason

    return DECISION_WORKFLOW.run("withdraw", decision, actor=actor, apply=apply, reason=reason).instance


def decision_expire(*, decision: Decision, actor, trusted: bool = False) -> Decision:
    """Take a published decision off the site once its 公示截止日期 has passed."""
    def apply(locked):
        locked.end_reason = _("公示期满（%(d)s）") % {"d": locked.publicity_until.isoformat()}

    return DECISION_WORKFLOW.run("expire", decision, actor=actor, trusted=trusted, apply=apply).instance


def expire_due(*, dry_run: bool = False) -> list[Decision]:
    """Expire every published decision whose term has passed (the sweep; idempotent). Return them."""
    due = list(Decision.objects.filter(status=DecisionStatus.PUBLISHED, publicity_until__lt=clock.today()))
    if not dry_run:
        due = [decision_expire(decision=d, actor=None, trusted=True) for d in due]
    return due


def decisions_recompute_year(year: int, *, actor=None) -> int:
    """Recompute the due dates whose 7 working days touch `year` (a holiday arrangement was entered); return how
    many changed. Registered with gongkai.workdays.recompute: it runs inside holiday_year_enter()'s transaction.
    A recomputation is no state change, so it is audited directly (DUE_RECOMPUTED)."""
    changed = 0
    qs = Decision.objects.select_for_update().filter(decided_on__year__lte=year, due_on__year__gte=year)
    for d in qs.select_related("organisation"):
        due, provisional = _due(d.decided_on)
        if (due, provisional) == (d.due_on, d.due_provisional):
            continue
        before = {"due_on": d.due_on.isoformat()}
        d.due_on, d.due_provisional = due, provisional
        d.save(update_fields=["due_on", "due_provisional", "updated_at"])
        audit.record(DecisionEvent.DUE_RECOMPUTED, actor=actor, organisation=d.organisation, target=d, before=before,
                     after={"due_on": due.isoformat()}, reason=_("%(y)d年节假日安排录入") % {"y": year})
        changed += 1
    return changed
