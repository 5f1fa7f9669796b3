"""Run the periodic jobs: every server may run this; a database lease lets one of them run each job.

    python manage.py run_scheduler            # loop: look for due jobs every --tick seconds
    python manage.py run_scheduler --once     # run what is due now and exit (cron-free tests, ops)
    python manage.py run_scheduler --list     # show the jobs, their schedule and last outcome
"""
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gongkai.ops import scheduler
from gongkai.ops.models import ScheduledJob


class Command(BaseCommand):
    help = "Run the scheduled jobs (overdue sweeps, reminder digest, deadline recomputation, e-mail retries)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the due jobs once and exit")
        parser.add_argument("--list", action="store_true", help="list the jobs and exit")
        parser.add_argument("--tick", type=float, default=30.0, help="seconds between looks for due jobs")
        parser.add_argument("--job", action="append", help="only this job (repeatable)")

    def handle(self, *args, once=False, list=False, tick=30.0, job=None, **options):
        if list:
            rows = {r.name: r for r in ScheduledJob.objects.all()}
            for j in scheduler.registered():
                r = rows.get(j.name)
                schedule = f"every {j.every}" if j.every else f"daily {j.daily_at:%H:%M}"
                state = "never run" if r is None or r.last_finished_at is None else (
                    f"last {r.last_finished_at:%Y-%m-%d %H:%M} {'ok' if r.last_ok else 'FAILED'}, next {r.next_run_at:%Y-%m-%d %H:%M}")
                self.stdout.write(f"{j.name:28} {schedule:24} {state}")
            return
        only = set(job) if job else None
        if once:
            for name in scheduler.run_due(only=only):
                self.stdout.write(f"ran {name}")
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        owner = scheduler.default_owner()
        self.stdout.write(f"scheduler {owner}: {len(scheduler.registered())} jobs, tick {tick:g}s")
        while not stopping:
            try:
                close_old_connections()
                for name in scheduler.run_due(owner=owner, only=only):
                    self.stdout.write(f"ran {name}")
            except Exception as exc:  # the database may be briefly unreachable; try again next tick
                self.stderr.write(f"scheduler: {exc}")
                close_old_connections()
            slept = 0.0
            while slept < tick and not stopping:
                time.sleep(min(1.0, tick))
                slept += 1.0
