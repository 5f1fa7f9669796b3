"""Writes of the public disclosure column: the 政府信息公开指南 (条例第十二条)."""
from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed
from gongkai.organisations.models import Organisation
from gongkai.proofing import services as proofing

from .models import DisclosureGuide
from .workflow import GUIDE_WORKFLOW

GUIDE_FIELDS = ("classification", "how_to_obtain", "office_name", "office_address", "office_hours",
                "phone", "fax", "online_contact", "postal_code", "postal_address", "functions")
# 条例第十二条 names these; a guide without them does not tell the public how to reach the office.
REQUIRED = ("classification", "how_to_obtain", "office_name", "office_address", "office_hours", "phone")
PHONE = re.compile(r"^[0-9０-９()（）+\-－ ,，、转]{5,60}$")
POSTAL_CODE = re.compile(r"^[0-9]{6}$")


def validate_guide(data: dict) -> dict:
    """Return the cleaned guide fields; raise ValidationFailed listing every problem."""
    cleaned = {name: str(data.get(name) or "").strip() for name in GUIDE_FIELDS}
    problems = []
    labels = {name: str(DisclosureGuide._meta.get_field(name).verbose_name) for name in GUIDE_FIELDS}
    for name in REQUIRED:
        if not cleaned[name]:
            problems.append(_("请填写“%(field)s”。") % {"field": labels[name]})
    for name in ("phone", "fax"):
        if cleaned[name] and not PHONE.match(cleaned[name]):
            problems.append(_("“%(field)s”只能包含数字、括号、连字符和空格。") % {"field": labels[name]})
    if cleaned["postal_code"] and not POSTAL_CODE.match(cleaned["postal_code"]):
        problems.append(_("邮政编码应为 6 位数字。"))
    for name in GUIDE_FIELDS:
        limit = DisclosureGuide._meta.get_field(name).max_length
        if limit and len(cleaned[name]) > limit:
            problems.append(_("“%(field)s”不能超过 %(n)s 个字。") % {"field": labels[name], "n": limit})
    if problems:
        raise ValidationFailed(_("指南未保存，请改正以下问题。"), problems=problems)
    return cleaned


# The guide's free texts the wording check reads (gongkai.proofing); held there while a finding blocks them.
CHECKED = ("office_name", "functions", "classification", "how_to_obtain")


def _check(guide: DisclosureGuide, cleaned: dict, actor, trusted: bool) -> None:
    proofing.check_object(guide, {name: cleaned[name] for name in CHECKED}, organisation=guide.organisation,
                          actor=actor, trusted=trusted, hold=True)


def guide_update(*, organisation: Organisation, actor, data: dict, trusted: bool = False) -> DisclosureGuide:
    """Validate and publish the organisation's guide (an audited transition), stamping its last update.

    The wording check runs first, in a transaction of its own, so its findings (and the texts, held)
    stay shown in place when a severe one refuses the update; it runs again inside the transition.
    The first update creates the guide's row; a refused update (permission, state, wording) rolls it back.
    """
    cleaned = validate_guide(data)
    existing = DisclosureGuide.objects.filter(organisation=organisation).first()
    if existing is not None and (trusted or GUIDE_WORKFLOW.may("update", existing, actor)):
        _check(existing, cleaned, actor, trusted)
    return _publish(organisation, actor, cleaned, trusted)


@transaction.atomic
def _publish(organisation: Organisation, actor, cleaned: dict, trusted: bool) -> DisclosureGuide:
    guide, _created = DisclosureGuide.objects.get_or_create(organisation=organisation)

    def apply(locked: DisclosureGuide):
        _check(locked, cleaned, actor, trusted=True)  # the kernel has checked the permission
        proofing.require_clear(locked)  # a severe wording finding blocks publication of the guide
        proofing.release_held(locked)
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.updated_at = clock.now()
        locked.updated_by = actor if getattr(actor, "is_authenticated", False) else None

    return GUIDE_WORKFLOW.run("update", guide, actor=actor, trusted=trusted, apply=apply).instance
