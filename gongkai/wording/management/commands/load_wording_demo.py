"""Load the wording check's demo rules and fictitious leaders' tenures (part of ``manage.py load_demo``)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.wording.demo import load_wording_demo


class Command(BaseCommand):
    help = "Demo rules and tenures of the wording check (idempotent, marked as demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write(load_wording_demo())
