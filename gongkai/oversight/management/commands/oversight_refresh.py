"""Recompute the oversight figures and evaluation scores (scheduled; see gongkai/oversight/evaluation.py)."""
from django.core.management.base import BaseCommand

from gongkai.core import clock
from gongkai.oversight import evaluation
from gongkai.oversight.models import DirtyOrganisation


class Command(BaseCommand):
    help = ("Recompute every organisation's figures and scores for a year (default: the running year and every "
            "year with a published indicator set that was never computed), or only the organisations marked dirty.")

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
        # Changed organisations are recounted in the running year only: a past year never computed
        # must be computed whole, never left holding the figures of a few organisations.
        if year:
            years = [year]
        elif dirty:
            years = [clock.now().year]
        else:
            years = evaluation.years_to_refresh()
        for y in years:
            result = evaluation.refresh(year=y, organisation_ids=ids, out=self.stdout)
            self.stdout.write(f"{y}: {result['figures']} figures, {result['scores']} scores in {result['seconds']:.2f} s")
