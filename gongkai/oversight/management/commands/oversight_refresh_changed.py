"""Recompute the figures and scores of the organisations changed since the last refresh (scheduled
every 5 minutes through settings.GONGKAI_SCHEDULED_COMMANDS)."""
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "oversight_refresh --dirty, as a command the scheduler can run without arguments."

    def handle(self, *args, **options):
        call_command("oversight_refresh", dirty=True, stdout=self.stdout)
