"""The yearly self-check (seed 003 一(四)): review every 依申请公开/不予公开 record, keep or convert it."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.organisations.permissions import Action, require

from .. import deadlines
from ..models import Record, SelfCheck, SelfCheckEntry
from ..states import Attribute, RecordStatus, SelfCheckDecisionKind, Stage
from ..workflow import RECORD_WORKFLOW, SelfCheckEvent
from .common import step
from .review import next_status


@transaction.atomic
def self_check_start(*, organisation, year: int, actor) -> SelfCheck:
    """Open the year's self-check with every 依申请公开/不予公开 record of the organisation (seed 003 一(四))."""
    require(actor, Action.RECORD_MANAGE, organisation)
    if SelfCheck.objects.filter(organisation=organisation, year=year).exists():
        raise InvalidTransition(_("%(y)d年度自查已开始。") % {"y": year})
    check = SelfCheck.objects.create(organisation=organisation, year=year, started_by=actor)
    records = Record.objects.filter(organisation=organisation, status=RecordStatus.DECIDED,
                                    attribute__in=[Attribute.ON_REQUEST, Attribute.NOT_DISCLOSED])
    SelfCheckEntry.objects.bulk_create([
        SelfCheckEntry(self_check=check, record=r, attribute_at_check=r.attribute) for r in records
    ])
    audit.record(SelfCheckEvent.STARTED, actor=actor, organisation=organisation, target=check,
                 after={"year": year, "records": len(records)})
    return check


@transaction.atomic
def self_check_decide(*, entry: SelfCheckEntry, actor, decision: str, reason: str) -> SelfCheckEntry:
    """Decide on one record: keep its attribute (with a reason) or convert it to proactive disclosure.

    A conversion changes the information's disclosure status, so its publication deadline (条例
    第二十六条, 20 working days "自该政府信息形成或者变更之日起") runs from the decision, not from the
    original formation date (deadlines.apply with ``start``). The record then goes to secrecy
    review and is published like any other.
    """
    entry = SelfCheckEntry.objects.select_for_update().select_related("self_check").get(pk=entry.pk)
    check = entry.self_check
    require(actor, Action.RECORD_MANAGE, check.organisation)
    if check.completed_at is not None or entry.decision:
        raise InvalidTransition(_("该条目已有结论。"))
    reason = (reason or "").strip()
    if decision not in SelfCheckDecisionKind.values or not reason:
        raise ValidationFailed(_("请选择结论并说明理由。"), problems=[_("请选择结论并说明理由。")])
    now = clock.now()
    if decision == SelfCheckDecisionKind.CONVERT:
        def apply(locked):
            locked.attribute, locked.legal_basis, locked.attribute_reason = Attribute.PROACTIVE, None, reason
            locked.stages_done = [Stage.ATTRIBUTE]
            locked.converted_on = clock.today()
            deadlines.apply(locked)
            step(locked, actor, "self_check", "converted", reason)
            return next_status(locked)

        RECORD_WORKFLOW.run("convert", entry.record, actor=actor, apply=apply, reason=reason,
                            extra={"self_check": check.year})
    entry.decision, entry.reason, entry.decided_by, entry.decided_at = decision, reason, actor, now
    entry.save()
    audit.record(SelfCheckEvent.DECIDED, actor=actor, organisation=check.organisation, target=check,
                 after={"record": entry.record_id, "decision": decision}, reason=reason)
    return entry


@transaction.atomic
def self_check_complete(*, check: SelfCheck, actor) -> SelfCheck:
    check = SelfCheck.objects.select_for_update().get(pk=check.pk)
    require(actor, Action.RECORD_MANAGE, check.organisation)
    if check.completed_at is not None:
        raise InvalidTransition(_("自查已完成。"))
    open_entries = check.entries.filter(decision="").count()
    if open_entries:
        raise ValidationFailed(_("还有 %(n)d 条未作结论。") % {"n": open_entries})
    check.completed_at = clock.now()
    check.save(update_fields=["completed_at", "updated_at"])
    audit.record(SelfCheckEvent.COMPLETED, actor=actor, organisation=check.organisation, target=check,
                 after={"year": check.year})
    return check
