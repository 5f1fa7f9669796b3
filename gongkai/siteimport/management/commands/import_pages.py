"""``manage.py import_pages --organisation CODE [--dry-run] [--json] PATH...`` (issue 22 item 8)."""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.organisations.models import Organisation
from gongkai.siteimport import analysis
from gongkai.siteimport.sources import SourceIssue, SourcePage, open_source


class Command(BaseCommand):
    help = "导入旧网站保存的文章页面（.html、文件夹、.zip 或 .warc）；--dry-run 只报告，不写入。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--organisation", required=True, help="导入机构的机构代码")
        parser.add_argument("--dry-run", action="store_true", help="只分析并报告，不写入任何数据")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出报告")

    def handle(self, *args, **options):
        try:
            organisation = Organisation.objects.get(code=options["organisation"])
        except Organisation.DoesNotExist:
            raise CommandError(f"找不到机构代码为 {options['organisation']} 的机构") from None
        if not options["paths"]:
            raise CommandError("请给出要导入的文件、文件夹、.zip 或 .warc")
        reports = self.analyse(organisation, options["paths"])
        result = {"pages": [r.as_json() for r in reports], "summary": analysis.summary(reports, dry_run=True)}
        self.emit(result, options["json"])

    def analyse(self, organisation, paths):
        dedupe = analysis.Deduplicator(organisation.name)
        reports = []
        for path in paths:
            try:
                source = open_source(path)
            except SourceIssue as issue:
                reports.append(analysis.analyse_page(None, SourcePage(path, None, issue=issue)))
                continue
            for item in source.pages():
                report = analysis.analyse_page(source, item)
                dedupe.check(report)
                reports.append(report)
        return reports

    def emit(self, result: dict, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
            return
        for page in result["pages"]:
            first = page["problems"][0]["message"] if page["problems"] else ""
            self.stdout.write(f"{page['path']}\t{page['title'] or '-'}\t{page['index_number'] or '-'}\t{first}")
        s = result["summary"]
        self.stdout.write(f"共 {s['pages']} 页：导入 {s['import']}，待审 {s['review']}，暂存 {s['held']}，"
                          f"重复 {s['duplicate']}，跳过 {s['skipped']}")
