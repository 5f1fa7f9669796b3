"""Enter the demo counties' 双公示 decisions (needs `load_demo`'s organisations first; idempotent)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.decisions.demo import load_decisions_demo


class Command(BaseCommand):
    help = "Enter demo licensing and penalty decisions (marked as demo) for the demo counties, one of them overdue."

    @transaction.atomic
    def handle(self, *args, **options):
        created = load_decisions_demo()
        self.stdout.write(f"decisions demo: {len(created)} decision(s) entered")
