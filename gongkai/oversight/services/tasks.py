"""The task division of seed 003 附件1: import, evidence, completion."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.workflow import Step
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from .. import sources
from ..models import ProgressReport, Task, TaskEvidence
from ..states import OversightEvent as E
from ..states import EvidenceKind
from ..workflow import TASK_WORKFLOW
from ._common import _fail, _text, _url, package_data


def tasks_import(*, organisation: Organisation, actor, data: dict | None = None,
                 trusted: bool = False) -> dict[str, int]:
    """Create the task division of seed 003 附件1 for `organisation` (idempotent by number).
    ``trusted=True`` (the command line, the demo) is the one way past the permission check."""
    if not trusted:
        require(actor, Action.OVERSIGHT_EDIT, organisation)
    data = data or package_data()
    created = 0
    with transaction.atomic():
        for row in data["tasks"]:
            if Task.objects.filter(organisation=organisation, number=row["number"]).exists():
                continue
            task = Task.objects.create(
                organisation=organisation, number=row["number"], text=row["text"],
                lead_units=row["lead_units"][:200], responsible_units=row["responsible_units"][:200],
                due_text=row["due_text"][:200], due_date=row["due_date"], recurrence=row["recurrence"],
                recurrence_month=row["recurrence_month"], source=row["source"], flags=row["flags"])
            audit.record(E.TASK_IMPORTED, actor=actor, organisation=organisation, target=task,
                         after={"status": task.status}, reason=data.get("source", ""))
            created += 1
    return {"created": created}


def task_add_evidence(*, task: Task, actor, kind: str, note: str, url: str = "", record_id=None,
                      report_id=None, progress_id=None) -> TaskEvidence:
    problems: list[str] = []
    note = _text(note, _("说明"), problems)
    url = _url(url, _("链接"), problems)
    if kind not in EvidenceKind.values:
        problems.append(_("请选择佐证材料类型。"))
    record = report = progress = None
    if kind == EvidenceKind.RECORD:
        record = sources.record_of(task.organisation_id, record_id) if record_id else None
        if record is None:
            problems.append(_("请填写本机构政府信息的编号。"))
    elif kind == EvidenceKind.REPORT:
        report = sources.published_report_of(task.organisation_id, report_id)
        if report is None:
            problems.append(_("请填写本机构已发布年度报告的编号。"))
    elif kind == EvidenceKind.PROGRESS:
        progress = ProgressReport.objects.filter(pk=progress_id or 0, organisation_id=task.organisation_id).first()
        if progress is None:
            problems.append(_("请填写本机构进展报告的编号。"))
    elif not url:
        problems.append(_("请填写链接。"))
    _fail(problems)

    def apply(t):
        return Step(result=TaskEvidence.objects.create(task=t, kind=kind, record=record, report=report,
                                                       progress=progress, url=url, note=note, added_by=actor,
                                                       added_at=clock.now()))

    return TASK_WORKFLOW.run("add_evidence", task, actor=actor, apply=apply, reason=note).result


def task_complete(*, task: Task, actor, completed_on: dt.date | None = None) -> Task:
    completed_on = completed_on or clock.today()
    if completed_on > clock.today():
        raise ValidationFailed(_("完成日期不能晚于今天。"), problems=[_("完成日期不能晚于今天。")])

    def apply(t):
        t.completed_on = completed_on

    return TASK_WORKFLOW.run("complete", task, actor=actor, apply=apply).instance


def task_reopen(*, task: Task, actor, reason: str) -> Task:
    problems: list[str] = []
    reason = _text(reason, _("理由"), problems)
    _fail(problems)

    def apply(t):
        t.completed_on = None

    return TASK_WORKFLOW.run("reopen", task, actor=actor, apply=apply, reason=reason).instance
