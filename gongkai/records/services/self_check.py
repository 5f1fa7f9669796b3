"""The yearly self-check (seed 003 一(四)): review every 依申请公开/不予公开 record, keep or convert it.

Every step runs on the kernel with one audit row: ``keep`` on the entry (ENTRY_WORKFLOW), a
conversion on the record (RECORD_WORKFLOW ``convert``, which marks its entry), ``complete`` on the
self-check (SELF_CHECK_WORKFLOW). Starting one creates it (one audited write, no state to move).
"""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.workflow import Step
from gongkai.organisations.permissions import Action, require

from .. import deadlines
from ..models import Record, SelfCheck, SelfCheckEntry
from ..states import UNDECIDED, Attribute, RecordStatus, SelfCheckDecisionKind, SelfCheckStatus, Stage
from ..workflow import ENTRY_WORKFLOW, RECORD_WORKFLOW, SELF_CHECK_WORKFLOW, SelfCheckEvent
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


def self_check_decide(*, entry: SelfCheckEntry, actor, decision: str, reason: str) -> SelfCheckEntry:
    """Decide on one record: keep its attribute (with a reason) or convert it to proactive disclosure.

    A conversion changes the information's disclosure status, so its publication deadline (条例
    第二十六条, 20 working days "自该政府信息形成或者变更之日起") runs from the decision, not from the
    original formation date (deadlines.apply with ``start``). The record then goes to secrecy
    review and is published like any other.
    """
    reason = (reason or "").strip()
    valid = decision in SelfCheckDecisionKind.values and bool(reason)

    def decided(locked: SelfCheckEntry, kind: str) -> SelfCheckEntry:
        locked.decision, locked.reason, locked.decided_by, locked.decided_at = kind, reason, actor, clock.now()
        return locked

    def keep(locked):
        if not valid:
            raise ValidationFailed(_("请选择结论并说明理由。"), problems=[_("请选择结论并说明理由。")])
        decided(locked, SelfCheckDecisionKind.KEEP)

    if decision != SelfCheckDecisionKind.CONVERT:
        return ENTRY_WORKFLOW.run("keep", entry, actor=actor, apply=keep, reason=reason,
                                  extra={"record": entry.record_id}).instance

    def convert(locked: Record):
        if not valid:
            raise ValidationFailed(_("请选择结论并说明理由。"), problems=[_("请选择结论并说明理由。")])
        # The entry is this record's row of the check: decided once, while the check is open.
        row = SelfCheckEntry.objects.select_for_update().select_related("self_check").get(pk=entry.pk)
        if row.decision != UNDECIDED or row.self_check.status != SelfCheckStatus.OPEN:
            raise InvalidTransition(_("该条目已有结论。"))
        decided(row, SelfCheckDecisionKind.CONVERT).save()
        locked.attribute, locked.legal_basis, locked.attribute_reason = Attribute.PROACTIVE, None, reason
        locked.stages_done = [Stage.ATTRIBUTE]
        locked.converted_on = clock.today()
        deadlines.apply(locked)
        step(locked, actor, "self_check", "converted", reason)
        return Step(next_status(locked), row)

    return RECORD_WORKFLOW.run("convert", entry.record, actor=actor, apply=convert, reason=reason,
                               extra={"self_check": entry.self_check.year, "entry": entry.pk}).result


def self_check_complete(*, check: SelfCheck, actor) -> SelfCheck:
    """Close the year's self-check once every entry has its conclusion."""
    def complete(locked):
        undecided = locked.entries.filter(decision=UNDECIDED).count()
        if undecided:
            raise ValidationFailed(_("还有 %(n)d 条未作结论。") % {"n": undecided})
        locked.completed_at = clock.now()

    return SELF_CHECK_WORKFLOW.run("complete", check, actor=actor, apply=complete,
                                   extra={"year": check.year}).instance
