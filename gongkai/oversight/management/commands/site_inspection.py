"""Run the site inspection now: every organisation, or one (scheduled nightly)."""
from django.core.management.base import BaseCommand, CommandError

from gongkai.organisations.models import Organisation

from ...inspection import sweep


class Command(BaseCommand):
    help = "按《政府网站与政务新媒体检查指标》检查已公开的网站内容并保存检查结果。"

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="只检查该机构（机构代码）")

    def handle(self, *args, organisation=None, **options):
        ids = None
        if organisation:
            org = Organisation.objects.filter(code=organisation).first()
            if org is None:
                raise CommandError(f"没有代码为 {organisation} 的机构")
            ids = [org.pk]
        n = sweep.inspect_all(ids, out=self.stdout)
        self.stdout.write(f"inspected {n} organisation(s)\n")
