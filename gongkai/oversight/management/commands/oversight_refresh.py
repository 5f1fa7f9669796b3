"""Recompute the oversight figures and evaluation scores (scheduled; see gongkai/oversight/evaluation.py)."""
from django.core.management.base import BaseCommand

from gongkai.oversight import evaluation
from gongkai.oversight.models import DirtyOrganisation


class Command(BaseCommand):
    help = "Recompute every organisation's figures and scores for a year (or only the organisations marked dirty)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument("--dirty", action="store_true", help="only organisations changed since the last refresh")

    def handle(self, *args, year=None, dirty=False, **options):
        ids = None
        if dirty:
            ids = list(DirtyOrganisation.objects.values_list("organisation_id", flat=True))
            if not ids:
                self.stdout.write("nothing to refresh")
                return
        result = evaluation.refresh(year=year, organisation_ids=ids, out=self.stdout)
        self.stdout.write(f"{result['figures']} figures, {result['scores']} scores in {result['seconds']:.2f} s")
