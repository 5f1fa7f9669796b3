"""Escalate every open opinion event whose hour deadline has passed unmet to the higher-level organisation.

Idempotent: an escalated event is no longer open, so a second run changes nothing. ``--dry-run`` lists
what would be escalated and writes nothing. Runs as a trusted system step (no user).
"""
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import DomainError
from gongkai.engagement import selectors, services


class Command(BaseCommand):
    help = "Escalate open opinion events whose hour deadlines have passed (国办发〔2016〕61号、80号)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the events, change nothing")

    def handle(self, *args, dry_run=False, **options):
        now = clock.now()
        escalated = skipped = 0
        for event in selectors.overdue_opinion_candidates():
            missed = services.opinion_missed(event, now)
            if not missed:
                continue
            if event.organisation.parent_id is None:
                skipped += 1
                self.stdout.write(f"skip {event.pk}: {event.organisation.name} has no higher-level organisation")
                continue
            if dry_run:
                self.stdout.write(f"would escalate {event.pk} to {event.organisation.parent.name}: {'；'.join(missed)}")
                escalated += 1
                continue
            reason = _("逾期未完成：%(m)s。系统自动报告上级机关。") % {"m": "；".join(missed)}
            try:
                services.opinion_escalate(event=event, actor=None, reason=reason, trusted=True)
            except DomainError as exc:  # changed by someone else meanwhile
                skipped += 1
                self.stdout.write(f"skip {event.pk}: {exc.message}")
                continue
            escalated += 1
            self.stdout.write(f"escalated {event.pk} to {event.organisation.parent.name}")
        verb = "would escalate" if dry_run else "escalated"
        self.stdout.write(f"{verb} {escalated}, skipped {skipped}")
