"""The organisation's negative list (不予公开负面清单)."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, require

from ..models import LegalBasis, NegativeListEntry
from ..workflow import NegativeListEvent


@transaction.atomic
def negative_list_save(*, organisation, actor, title: str, legal_basis: LegalBasis, description: str = "",
                       entry: NegativeListEntry | None = None, active: bool = True) -> NegativeListEntry:
    """Add or edit an entry of the organisation's negative list (不予公开负面清单)."""
    require(actor, Action.RECORD_MANAGE, organisation)
    if not (title or "").strip() or legal_basis is None:
        raise ValidationFailed(_("请填写事项并选择法定依据。"))
    created = entry is None
    if entry is None:
        entry = NegativeListEntry(organisation=organisation)
    elif entry.organisation_id != organisation.pk:
        raise ValidationFailed(_("该清单事项不属于本机关。"))
    entry.title, entry.legal_basis, entry.description, entry.active = title.strip(), legal_basis, description, active
    entry.save()
    audit.record(NegativeListEvent.CREATED if created else NegativeListEvent.UPDATED, actor=actor,
                 organisation=organisation, target=entry, after={"title": entry.title, "active": active,
                                                                 "legal_basis": legal_basis.code})
    return entry
