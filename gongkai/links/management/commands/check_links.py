"""Rescan published pages for links and check the external ones that are due (scheduled)."""
from django.core.management.base import BaseCommand, CommandError

from gongkai.organisations.models import Organisation

from ... import services


class Command(BaseCommand):
    help = "检查已公开页面中的链接和附件：站内链接即时检查，外部链接按限速检查（GONGKAI_LINKS_EXTERNAL 开启时）。"

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="只检查该机构（机构代码）")
        parser.add_argument("--limit", type=int, default=None, help="本次最多检查的外部地址数")
        parser.add_argument("--no-external", action="store_true", help="只重新扫描页面，不访问外部链接")

    def handle(self, *args, organisation=None, limit=None, no_external=False, **options):
        ids = None
        if organisation:
            org = Organisation.objects.filter(code=organisation).first()
            if org is None:
                raise CommandError(f"没有代码为 {organisation} 的机构")
            ids = [org.pk]
        scanned = services.sweep(ids)
        self.stdout.write(f"pages {scanned['pages']}, links {scanned['links']}, not working {scanned['failed']}\n")
        if no_external:
            return
        if limit is not None and limit < 1:
            raise CommandError("--limit 必须为正整数")
        checked = services.check_external(limit=limit, out=self.stdout)
        if not checked["enabled"]:
            self.stdout.write("external links: not checked (GONGKAI_LINKS_EXTERNAL is off)\n")
        else:
            self.stdout.write(f"external checked {checked['checked']}, dead {checked['failed']}, "
                              f"refused by policy {checked['refused']}\n")
