"""Publish the demo organisations' 政府信息公开指南 and mark the site as a demo (part of ``make demo``)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.portal import demo


class Command(BaseCommand):
    help = "Publish a demo 政府信息公开指南 for each demo organisation and set the demo banner flag."

    def add_arguments(self, parser):
        parser.add_argument("--unmark", action="store_true",
                            help="Remove the demo flag (the banner disappears); the data stays.")

    @transaction.atomic
    def handle(self, *args, unmark=False, **options):
        if unmark:
            demo.unmark_demo()
            self.stdout.write("Demo flag removed: pages no longer show the demo banner.")
            return
        guides = demo.load_demo_guides()
        demo.mark_demo(demo.DEMO_NOTE)
        self.stdout.write(f"{len(guides)} demo guides published; demo banner on.")
