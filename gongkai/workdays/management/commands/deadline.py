"""Print the due date and explanation of a working-day deadline."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError
from gongkai.workdays import calendar, engine


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"无效日期“{text}”，应为 YYYY-MM-DD。") from None


class Command(BaseCommand):
    help = "计算自某日起N个工作日的截止日期（收到当日不计入），可指定暂停区间。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="起算日（收到申请之日），YYYY-MM-DD")
        parser.add_argument("--working-days", type=int, required=True, help="工作日数")
        parser.add_argument(
            "--pause", action="append", default=[], metavar="YYYY-MM-DD:YYYY-MM-DD",
            help="暂停区间（开始日照常计入，恢复日不计入）；可重复",
        )
        parser.add_argument("--strict", action="store_true", help="遇到未录入节假日安排的年份时报错")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        start = _date(options["start"])
        if options["working_days"] < 1:
            raise CommandError("--working-days 必须是正整数。")
        pauses = []
        for text in options["pause"]:
            first, sep, last = text.partition(":")
            if not sep:
                raise CommandError(f"无效暂停区间“{text}”，应为 YYYY-MM-DD:YYYY-MM-DD。")
            pauses.append(engine.Pause(_date(first), _date(last)))
        pauses.sort(key=lambda p: p.start)
        try:
            result = calendar.deadline(start, options["working_days"], pauses=pauses, strict=options["strict"])
        except DomainError as exc:
            raise CommandError("；".join([exc.message, *exc.problems])) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        due = result.due_date.isoformat() if result.due_date else "—"
        self.stdout.write(f"截止日期：{due}")
        self.stdout.write(f"临时：{'是' if result.provisional else '否'}")
        self.stdout.write(result.text)
