"""Daily reminder digest of disclosure requests, per organisation (idempotent per day).

    python manage.py foi_reminders [--dry-run] [--date YYYY-MM-DD]

For every organisation with open requests it lists overdue answers, answers due within 3
working days, correction notices still to send, lapsed correction periods and third parties
past their 15 working days. The digest is printed and stored as a ReminderDigest row; a
second run on the same day finds the row and records nothing new. --dry-run prints only.
"""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from gongkai.core import clock
from gongkai.foi.models import DisclosureRequest, ReminderDigest
from gongkai.foi.selectors import attention
from gongkai.foi.states import OPEN_STATES
from gongkai.organisations.models import Organisation


def digest_text(org, work) -> str:
    lines = [f"{org.name} 依申请公开每日提醒（{work.day.isoformat()}）"]
    for r in work.overdue:
        lines.append(f"  已逾期：{r.tracking_number} 答复截止 {r.due_date.isoformat()}")
    for r in work.due_soon:
        lines.append(f"  即将到期：{r.tracking_number} 答复截止 {r.due_date.isoformat()}")
    for r, due in work.correction_notice_due:
        lines.append(f"  补正告知：{r.tracking_number} 如需补正须于 {due.isoformat()} 前告知")
    for r in work.correction_lapsed:
        lines.append(f"  补正期限已过：{r.tracking_number} 期限 {r.correction_due.isoformat()}")
    for r in work.third_party_overdue:
        lines.append(f"  第三方逾期未复：{r.tracking_number} 期限 {r.open_pause['reply_due']}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print and record the daily digest of overdue and due-soon disclosure requests per organisation."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print the digests without recording them")
        parser.add_argument("--date", help="the day to compute for (default: today, Asia/Shanghai)")

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            day = dt.date.fromisoformat(date) if date else clock.today()
        except ValueError:
            raise CommandError(f"日期格式无效：{date}（应为 YYYY-MM-DD）") from None
        org_ids = DisclosureRequest.objects.filter(status__in=OPEN_STATES).values("organisation").distinct()
        recorded = skipped = 0
        for org in Organisation.objects.filter(pk__in=org_ids).order_by("path"):
            work = attention(Organisation.objects.filter(pk=org.pk), day=day)
            if work.empty:
                continue
            text = digest_text(org, work)
            if ReminderDigest.objects.filter(organisation=org, day=day).exists():
                skipped += 1
                self.stdout.write(f"{org.name}：{day.isoformat()} 的提醒已记录，跳过。")
                continue
            self.stdout.write(text)
            if dry_run:
                continue
            try:
                with transaction.atomic():
                    ReminderDigest.objects.create(organisation=org, day=day, text=text, counts=work.counts(),
                                                  created_at=clock.now())
                recorded += 1
            except IntegrityError:
                skipped += 1  # a concurrent run recorded it first
        mode = "（试运行，未记录）" if dry_run else ""
        self.stdout.write(f"完成{mode}：记录 {recorded} 个机构的提醒，跳过 {skipped} 个已记录的机构。")
