"""Metrics of an organisation's own duties: yearly accountabilities, progress reports, the task division."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import Accountability, ProgressReport, Task
from ..states import AccountabilityStatus, PeriodKind, Recurrence, TaskStatus
from .base import counts, scoped


def _done(period, kinds=None):
    qs = Accountability.objects.filter(year=period.year, status=AccountabilityStatus.DONE,
                                       done_on__lte=period.as_of.date())
    return qs.filter(kind__in=kinds) if kinds else qs


def accountabilities_done(scope, period):
    return counts(scoped(_done(period), scope))


def _accountability_rows(org, period, kinds=None):
    qs = Accountability.objects.filter(organisation=org, year=period.year)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return [Row(a.get_kind_display(), a.done_on, a.get_status_display() + (f" · {a.note}" if a.note else ""),
                reverse("oversight:accountabilities", args=[org.code])) for a in qs]


def quarter_due(year: int, quarter: int) -> dt.date:
    """A quarterly progress report is due on the last day of the quarter (seed 000 三(三) “每季度末报送”)."""
    return (dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1))


def progress_late(scope, period):
    """1 when the quarter's progress report is due and was not submitted on time (missing counts too)."""
    from gongkai.organisations.models import Organisation
    due = quarter_due(period.year, period.quarter)
    if period.as_of.date() <= due:
        orgs = scoped(Organisation.objects.filter(parent__isnull=False), scope, "id").values_list("pk", flat=True)
        return {o: 0.0 for o in orgs}
    on_time = set(scoped(ProgressReport.objects.filter(
        kind=PeriodKind.QUARTER, year=period.year, period=period.quarter, submitted_at__date__lte=due), scope)
        .values_list("organisation_id", flat=True))
    orgs = scoped(Organisation.objects.filter(parent__isnull=False), scope, "id").values_list("pk", flat=True)
    return {o: float(o not in on_time) for o in orgs}


def progress_rows(org, period):
    qs = ProgressReport.objects.filter(organisation=org, year=period.year)
    rows = [Row(p.period_label, p.submitted_at, str(_("期限%(due)s；%(state)s%(late)s") % {
        "due": p.due_date, "state": p.get_status_display(), "late": str(_("（逾期报送）")) if p.submitted_late else ""}),
        reverse("oversight:progress", args=[p.pk])) for p in qs]
    if not qs.filter(kind=PeriodKind.QUARTER, period=period.quarter).exists():
        rows.append(Row(str(_("%(year)s年第%(q)s季度进展报告尚未创建") % {"year": period.year, "q": period.quarter}),
                        quarter_due(period.year, period.quarter), "", ""))
    return rows


def tasks_overdue(scope, period):
    qs = Task.objects.filter(status=TaskStatus.OPEN, recurrence=Recurrence.ONCE, due_date__lt=period.as_of.date())
    return counts(scoped(qs, scope))


def tasks_overdue_rows(org, period):
    qs = Task.objects.filter(organisation=org, status=TaskStatus.OPEN, recurrence=Recurrence.ONCE,
                             due_date__lt=period.as_of.date())
    return [Row(str(t), t.due_date, t.lead_units, reverse("oversight:tasks", args=[org.code])) for t in qs]
