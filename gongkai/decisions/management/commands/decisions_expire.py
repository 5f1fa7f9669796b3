"""Take published decisions off the site once their 公示截止日期 has passed (idempotent; schedule daily)."""
from django.core.management.base import BaseCommand

from gongkai.decisions import services


class Command(BaseCommand):
    help = "Expire published 双公示 decisions whose publicity period has ended."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list them without changing anything")

    def handle(self, *args, dry_run=False, **options):
        done = services.expire_due(dry_run=dry_run)
        for d in done:
            self.stdout.write(f"{d.organisation.code} {d.document_number} {d.publicity_until}")
        self.stdout.write(f"{len(done)} decision(s) {'to expire' if dry_run else 'expired'}.")
