"""Periodic jobs without a person and without double runs, on SQLite and PostgreSQL.

Each job has a row in ``ops.ScheduledJob``. A process that finds the job due *claims* it with one
conditional UPDATE (``WHERE name = … AND next_run_at <= now AND the lease is free or expired``);
the database lets exactly one UPDATE match, so however many servers run ``run_scheduler``, one of
them runs the job and the others see zero rows changed. The winner runs the job, sets the next due
time and frees the lease. A process that dies mid-job leaves a lease that expires after the job's
``lease`` and the job is taken up again. Missed runs (every server down) run once at the next start.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
import socket
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from gongkai.core import clock

from .models import ScheduledJob

log = logging.getLogger("gongkai.scheduler")


@dataclass(frozen=True)
class Job:
    """A periodic job: ``run(stdout)`` every ``every``, or once a day at ``daily_at`` (Asia/Shanghai)."""

    name: str
    run: Callable[[io.StringIO], None]
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None
    lease: dt.timedelta = dt.timedelta(hours=1)
    description: str = ""

    def __post_init__(self):
        if (self.every is None) == (self.daily_at is None):
            raise ValueError(f"job {self.name}: give exactly one of every= or daily_at=")

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        """Return the first due time strictly after `moment`."""
        if self.every is not None:
            return moment + self.every
        local = timezone.localtime(moment)
        due = local.replace(hour=self.daily_at.hour, minute=self.daily_at.minute, second=0, microsecond=0)
        if due <= local:
            due = timezone.make_aware(dt.datetime.combine(local.date() + dt.timedelta(days=1), self.daily_at))
        return due

    def first_due(self, moment: dt.datetime) -> dt.datetime:
        """When a job is seen for the first time: interval jobs run now, daily jobs at their next time."""
        return moment if self.every is not None else self.next_after(moment)


_registry: dict[str, Job] = {}


def register(job: Job) -> Job:
    """Add a periodic job (call at import time, e.g. from an AppConfig.ready())."""
    existing = _registry.get(job.name)
    if existing is not None and existing != job:
        raise ValueError(f"scheduled job {job.name!r} registered twice")
    _registry[job.name] = job
    return job


def registered() -> list[Job]:
    return [_registry[name] for name in sorted(_registry)]


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _ensure_row(job: Job, now: dt.datetime) -> None:
    if ScheduledJob.objects.filter(name=job.name).exists():
        return
    try:
        with transaction.atomic():
            ScheduledJob.objects.create(name=job.name, next_run_at=job.first_due(now))
    except IntegrityError:
        pass  # another server created it first


def claim(job: Job, *, owner: str, now: dt.datetime) -> bool:
    """Try to take the job's lease; True for exactly one claimant per due run."""
    _ensure_row(job, now)
    won = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    ).update(lease_owner=owner, lease_until=now + job.lease, last_started_at=now)
    return won == 1


def run_soon(name: str) -> bool:
    """Make a registered job due now: the next tick of any server's scheduler runs it (once).

    For work too long for a web request (a province-wide recomputation). A run in progress is left
    alone: it finishes and the job keeps its next time. Returns False when no such job is registered.
    """
    job = _registry.get(name)
    if job is None:
        return False
    now = clock.now()
    _ensure_row(job, now)
    ScheduledJob.objects.filter(name=name).filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now)) \
        .filter(next_run_at__gt=now).update(next_run_at=now)
    return True


def run_job(job: Job, *, owner: str, now: dt.datetime) -> bool:
    """Run a claimed job, record its outcome and the next due time; return whether it succeeded."""
    out = io.StringIO()
    ok = True
    try:
        job.run(out)
    except Exception:  # a failing job must not stop the scheduler; the row records why
        ok = False
        out.write(traceback.format_exc())
        log.exception("scheduled job %s failed", job.name)
    finished = clock.now()
    ScheduledJob.objects.filter(name=job.name, lease_owner=owner).update(
        next_run_at=job.next_after(max(now, finished) if job.every is None else now),
        lease_owner="", lease_until=None, last_finished_at=finished, last_ok=ok,
        last_output=out.getvalue()[-20000:], runs=F("runs") + 1,
    )
    return ok


def run_due(*, owner: str | None = None, now: dt.datetime | None = None, only: set[str] | None = None) -> list[str]:
    """Run every job that is due and that this process wins; return the names of the jobs it ran."""
    owner = owner or default_owner()
    ran = []
    for job in registered():
        if only is not None and job.name not in only:
            continue
        moment = now or clock.now()
        if claim(job, owner=owner, now=moment):
            run_job(job, owner=owner, now=moment)
            ran.append(job.name)
    return ran
