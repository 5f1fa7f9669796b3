"""Enter a year's holiday arrangement from a text or JSON file (see docs/workdays.md)."""
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError
from gongkai.workdays.formats import parse_day_list
from gongkai.workdays.services import holiday_year_enter


class Command(BaseCommand):
    help = "从文本或 JSON 文件录入某年的节假日和调休上班安排（整体替换该年）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="文件路径，UTF-8 文本或 JSON；“-”表示标准输入")
        parser.add_argument("--year", type=int, help="年份（JSON 中有 year 时可省略）")
        parser.add_argument("--source", default="", help="依据：国务院办公厅通知名称或文号")
        parser.add_argument("--actor", default="", help="记入审计日志的用户名（须为系统管理员）")
        parser.add_argument("--reason", default="", help="备注")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc}") from None
        actor = None
        if options["actor"]:
            try:
                actor = get_user_model().objects.get(username=options["actor"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"用户“{options['actor']}”不存在。") from None
        try:
            parsed = parse_day_list(text)
            year = options["year"] or parsed.year
            if year is None:
                raise CommandError("请用 --year 指定年份。")
            if parsed.year is not None and parsed.year != year:
                raise CommandError(f"文件中的年份 {parsed.year} 与 --year {year} 不一致。")
            source = options["source"] or parsed.source
            # Without --actor the operator at the console is trusted (the audit shows 系统);
            # with --actor the named user must be a calendar administrator.
            holiday_year = holiday_year_enter(
                year=year, days=parsed.days, source=source, actor=actor, reason=options["reason"],
                trusted=actor is None,
            )
        except DomainError as exc:
            raise CommandError("；".join([exc.message, *exc.problems])) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc) or "只有系统管理员可以维护工作日历。") from None
        holidays = sum(1 for d in parsed.days if d.kind == "holiday")
        self.stdout.write(self.style.SUCCESS(
            f"{holiday_year.year}年：已录入放假 {holidays} 天、调休上班 {len(parsed.days) - holidays} 天。"
        ))
