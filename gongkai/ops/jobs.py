"""The product's periodic jobs. Other apps add theirs with ``scheduler.register(Job(...))``.

Management commands listed in ``settings.GONGKAI_SCHEDULED_COMMANDS`` (name → "HH:MM" daily or
"every N minutes") are registered too, so an app's sweep command is scheduled by one settings line.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management import call_command, get_commands

from .scheduler import Job, register


def _command_job(name: str, spec: str) -> Job | None:
    if name not in get_commands():
        return None  # the command's app is not installed here

    def run(out, name=name):
        call_command(name, stdout=out, stderr=out)

    spec = spec.strip()
    if spec.startswith("every "):
        minutes = int(spec.split()[1])
        return Job(name, run, every=dt.timedelta(minutes=minutes), description=spec)
    hour, minute = (int(p) for p in spec.split(":"))
    return Job(name, run, daily_at=dt.time(hour, minute), description=spec)


def recompute_deadlines(out) -> None:
    """Recompute stored deadlines for holiday years entered or changed since the last run.

    ``holiday_year_enter()`` already recomputes inside its transaction; this catches years whose
    calendar changed another way (an import, the admin) and deadlines left provisional.
    """
    from django.db import transaction

    from gongkai.workdays import recompute
    from gongkai.workdays.models import HolidayYear

    from .models import ScheduledJob

    row = ScheduledJob.objects.filter(name="recompute_deadlines").values_list("last_finished_at", flat=True).first()
    changed = HolidayYear.objects.all()
    if row is not None:
        changed = changed.filter(updated_at__gte=row)
    for year in sorted(set(changed.values_list("year", flat=True))):
        with transaction.atomic():
            results = recompute.run(year, actor=None)
        out.write(f"{year}: {results}\n")


def register_builtin() -> None:
    register(Job("recompute_deadlines", recompute_deadlines, every=dt.timedelta(hours=1),
                 description="holiday-year changes → stored deadlines"))
    for name, spec in getattr(settings, "GONGKAI_SCHEDULED_COMMANDS", {}).items():
        job = _command_job(name, spec)
        if job is not None:
            register(job)

