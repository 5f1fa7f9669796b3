"""The four yearly accountabilities of an organisation (seed 000 三(一), seed 003 六(一))."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.organisations.models import Organisation

from .. import sources
from ..models import Accountability
from ..states import AccountabilityKind
from ..workflow import ACCOUNTABILITY_WORKFLOW
from ._common import _fail, _text, _url


def accountabilities_for(*, organisation: Organisation, year: int) -> list[Accountability]:
    """The four yearly accountabilities of `organisation` (rows created on first read)."""
    rows = []
    for kind in AccountabilityKind.values:
        row, _created = Accountability.objects.get_or_create(organisation=organisation, year=year, kind=kind)
        rows.append(row)
    return rows


def accountability_complete(*, item: Accountability, actor, done_on: dt.date, responsible: str = "",
                            evidence_url: str = "", record_id=None, note: str = "") -> Accountability:
    problems: list[str] = []
    if not isinstance(done_on, dt.date):
        problems.append(_("请填写完成日期。"))
    elif done_on > clock.today() or done_on.year != item.year:
        problems.append(_("完成日期须在%(year)s年内且不晚于今天。") % {"year": item.year})
    responsible = _text(responsible, _("责任人职务"), problems, required=False, max_length=80)
    evidence_url = _url(evidence_url, _("佐证链接"), problems)
    note = _text(note, _("说明"), problems, required=False)
    record = None
    if record_id:
        record = sources.record_of(item.organisation_id, record_id)
        if record is None:
            problems.append(_("佐证信息须为本机构的政府信息。"))
    if not (evidence_url or record):
        problems.append(_("请提供佐证：本机构的政府信息编号或链接。"))
    _fail(problems)

    def apply(a):
        a.done_on, a.responsible, a.evidence_url, a.record, a.note = done_on, responsible, evidence_url, record, note

    return ACCOUNTABILITY_WORKFLOW.run("complete", item, actor=actor, apply=apply, reason=note).instance


def accountability_reopen(*, item: Accountability, actor, reason: str) -> Accountability:
    problems: list[str] = []
    reason = _text(reason, _("理由"), problems)
    _fail(problems)

    def apply(a):
        a.done_on = None

    return ACCOUNTABILITY_WORKFLOW.run("reopen", item, actor=actor, apply=apply, reason=reason).instance
