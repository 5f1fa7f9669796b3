"""``manage.py import_pages --organisation CODE [--dry-run] [--json] PATH...`` (issue 22 item 8).

``--from-url URL --max-pages N`` crawls a live site instead (robots.txt respected, polite rate).
Run by the server's operator: trusted; the import is recorded as ``--user`` or the system account.
"""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.organisations.models import Organisation, User
from gongkai.siteimport import services


class Command(BaseCommand):
    help = "导入旧网站保存的文章页面（.html、文件夹、.zip 或 .warc）；--dry-run 只报告，不写入。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--organisation", required=True, help="导入机构的机构代码")
        parser.add_argument("--dry-run", action="store_true", help="只分析并报告，不写入任何数据")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出报告")
        parser.add_argument("--user", help="记为该用户的操作（默认：系统账号）")
        parser.add_argument("--map", action="append", default=[], metavar="栏目=事项标识",
                            help="确认原网站栏目对应的目录事项（可重复）")
        parser.add_argument("--from-url", help="从在线网站抓取（起始地址）")
        parser.add_argument("--max-pages", type=int, default=100, help="抓取的最多页面数")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"找不到机构代码为 {options['organisation']} 的机构")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"找不到用户 {options['user']}")
        if options["from_url"]:
            from gongkai.siteimport.crawl import CrawlSource

            source = CrawlSource(options["from_url"], max_pages=options["max_pages"])
            items, label = [(source, source.pages())], options["from_url"]
        elif options["paths"]:
            items, label = services.sources_from_paths(options["paths"]), " ".join(options["paths"])
        else:
            raise CommandError("请给出要导入的文件、文件夹、.zip 或 .warc，或 --from-url")
        if options["map"] and not options["dry_run"]:
            self.confirm_mappings(organisation, actor, options["map"])
        result = services.import_pages(organisation=organisation, actor=actor, items_by_source=items,
                                       dry_run=options["dry_run"], source_label=label, trusted=True)
        self.emit({"pages": [r.as_json() for r in result.reports], "summary": result.summary}, options["json"])

    def confirm_mappings(self, organisation, actor, pairs):
        actor = actor or services.system_actor()
        for pair in pairs:
            column, sep, key = pair.partition("=")
            if not sep:
                raise CommandError(f"--map 的格式是 栏目=事项标识：{pair}")
            services.mapping_confirm(organisation=organisation, actor=actor, column=column.strip(),
                                     catalog_key=key.strip(), trusted=True)

    def emit(self, result: dict, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
            return
        for page in result["pages"]:
            first = page["problems"][0]["message"] if page["problems"] else ""
            self.stdout.write(f"{page['path']}\t{page['title'] or '-'}\t{page['index_number'] or '-'}\t{first}")
        s = result["summary"]
        self.stdout.write(f"共 {s['pages']} 页：可导入 {s['import']}，待审 {s['review']}，暂存 {s['held']}，"
                          f"重复 {s['duplicate']}，跳过 {s['skipped']}" + ("（试运行，未写入）" if s["dry_run"] else ""))
