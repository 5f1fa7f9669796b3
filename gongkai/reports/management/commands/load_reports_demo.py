"""Publish demo annual reports for the demo counties (needs `load_demo` first; idempotent)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.reports.demo import load_reports_demo


class Command(BaseCommand):
    help = "Publish the demo counties' annual reports for the two previous years, marked as demo (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        reports = load_reports_demo()
        self.stdout.write(f"reports demo: {len(reports)} annual report(s) published")
