"""The daily reminder command: digest per organisation, idempotent per day, --dry-run."""
import datetime as dt

from django.core.management import call_command

from gongkai.foi import services
from gongkai.foi.models import ReminderDigest

from .factories import pin, submitted

D = dt.date


def test_digest_lists_overdue_and_due_soon_and_is_recorded_once_a_day(tree, office, capsys):
    orgs, _ = tree
    overdue, _s = submitted(orgs["sx-jc-zz"], day=D(2026, 2, 2))
    soon, _s = submitted(orgs["sx-jc-zz"], day=D(2026, 2, 27), description="另一项")
    other, _s = submitted(orgs["sx-jc-yc"], day=D(2026, 3, 17))  # notice due 26 March
    pin(D(2026, 3, 24))
    call_command("foi_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert f"已逾期：{overdue.tracking_number}" in out and f"即将到期：{soon.tracking_number}" in out
    assert "试运行" in out and not ReminderDigest.objects.exists()
    call_command("foi_reminders")
    out = capsys.readouterr().out
    digest = ReminderDigest.objects.get(organisation=orgs["sx-jc-zz"], day=D(2026, 3, 24))
    assert digest.counts["overdue"] == 1 and digest.counts["due_soon"] == 1
    yc = ReminderDigest.objects.get(organisation=orgs["sx-jc-yc"])
    assert yc.counts["correction_notice_due"] == 1
    call_command("foi_reminders")
    assert "已记录，跳过" in capsys.readouterr().out
    assert ReminderDigest.objects.count() == 2


def test_closed_requests_are_not_reminded(zz, office, capsys):
    req, _s = submitted(zz, day=D(2026, 2, 2))
    pin(D(2026, 3, 24))
    services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    call_command("foi_reminders", "--date", "2026-03-24")
    assert not ReminderDigest.objects.exists()
