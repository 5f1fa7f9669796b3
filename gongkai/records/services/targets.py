"""An organisation's own publication targets for catalog items without a fixed time limit."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.catalog.selectors import active_items
from gongkai.core import audit
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, require

from .. import deadlines
from ..models import ItemTarget, Record
from ..workflow import ItemTargetEvent, RecordEvent


@transaction.atomic
def item_target_set(*, organisation, item, actor, working_days: int | None, note: str = "") -> ItemTarget | None:
    """Set (or clear, with ``working_days=None``) the organisation's target for one catalog item.

    Only items whose time limit has no fixed count take a target, and only a stricter one than
    条例第二十六条's 20 working days. The stored deadlines of the item's unpublished proactive
    records follow at once.
    """
    require(actor, Action.RECORD_MANAGE, organisation)
    kind = (item.time_limit_rule or {}).get("kind")
    if not active_items(organisation).filter(pk=item.pk).exists():
        raise ValidationFailed(_("该事项不属于本机关已发布的目录。"))
    if kind not in deadlines.BACKSTOP_KINDS:
        raise ValidationFailed(_("该事项已有法定或固定的公开时限，不需要另设目标。"))
    if working_days is not None and not (1 <= working_days < deadlines.ART26_WORKING_DAYS):
        raise ValidationFailed(_("目标时限须为 1 至 %(n)d 个工作日（严于条例第二十六条的 %(m)d 个工作日）。")
                               % {"n": deadlines.ART26_WORKING_DAYS - 1, "m": deadlines.ART26_WORKING_DAYS})
    existing = ItemTarget.objects.select_for_update().filter(organisation=organisation, catalog_key=item.key).first()
    before = {"working_days": existing.working_days if existing else None}
    if working_days is None:
        if existing is not None:
            existing.delete()
        target = None
    else:
        target = existing or ItemTarget(organisation=organisation, catalog_key=item.key)
        target.working_days, target.note = working_days, (note or "").strip()[:200]
        target.save()
    audit.record(ItemTargetEvent.SET, actor=actor, organisation=organisation, target=target or item,
                 before=before, after={"working_days": working_days, "item": item.key})
    for record in Record.objects.select_for_update().filter(
            organisation=organisation, catalog_key=item.key, attribute="proactive",
            status__in=deadlines.OPEN_STATUSES).select_related("catalog_item", "organisation"):
        old = record.publication_due
        deadlines.apply(record)
        if record.publication_due != old:
            record.save(update_fields=["publication_due", "due_provisional", "due_explanation", "updated_at"])
            audit.record(RecordEvent.DUE_RECOMPUTED, actor=actor, organisation=organisation, target=record,
                         before={"due": old.isoformat() if old else None},
                         after={"due": record.publication_due.isoformat() if record.publication_due else None},
                         reason=_("本机关调整了该事项的目标时限"))
    return target
