"""Build the whole demo, in layer order, by calling each app's own demo code (idempotent).

1. organisations: the demo tree of 山西省 departments and one login per role
   (``organisations.demo.load_organisations_demo``);
2. catalog: 阳城县's published 安全生产 catalog, derived from the national template
   (``catalog.demo.publish_demo_catalog``; skipped, with the rest, when the templates are not
   imported — ``manage.py import_standard_catalogs``);
3. wording (rules and demo tenures), records, foi (requests in every state), engagement, oversight, portal (the guides and the demo banner): each app's
   ``load_*_demo`` command.

This is the one module that may import every app (the top layer, with api and siteimport).
"""
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.catalog.demo import publish_demo_catalog
from gongkai.catalog.models import Catalog
from gongkai.demo.inspection import load_inspection_demo
from gongkai.demo.proofing_demo import load_proofing_demo
from gongkai.demo.press import load_press_demo
from gongkai.organisations.demo import load_organisations_demo

LATER_PARTS = ("load_wording_demo", "load_records_demo", "load_foi_demo", "load_engagement_demo", "load_decisions_demo", "load_reports_demo",
               "load_newmedia_demo", "load_oversight_demo", "load_portal_demo")


class Command(BaseCommand):
    help = ("Create the whole demo: organisation tree and logins, 阳城县's catalog, records, engagement and "
            "oversight demo data (existing rows are kept).")

    def add_arguments(self, parser):
        parser.add_argument("--tree-only", "--no-catalog", dest="tree_only", action="store_true",
                            help="only the organisation tree and the logins")

    def handle(self, *args, tree_only=False, **options):
        with transaction.atomic():
            orgs, users = load_organisations_demo()
        self.stdout.write(f"{len(orgs)} organisations, {len(users)} demo logins "
                          "(password from GONGKAI_DEMO_PASSWORD or the README).")
        if tree_only:
            return
        if not Catalog.objects.filter(is_template=True).exists():
            self.stdout.write("No national template imported (manage.py import_standard_catalogs): "
                              "catalog, records, engagement and oversight demo skipped.")
            return
        with transaction.atomic():
            self.stdout.write(publish_demo_catalog(orgs["sx-jc-yc"]))
        for command in LATER_PARTS:
            call_command(command, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(load_proofing_demo())
        self.stdout.write(load_inspection_demo())
        load_press_demo(self.stdout)
