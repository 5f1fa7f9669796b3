"""Entering a holiday year recomputes the stored due dates of open requests."""
import datetime as dt

from gongkai.core.models import AuditEvent
from gongkai.foi.models import DisclosureRequest
from gongkai.workdays.formats import parse_day_list
from gongkai.workdays.services import holiday_year_enter

from .factories import pin, submitted

D = dt.date


def test_entering_2027_moves_a_provisional_due_date(zz, tree):
    req, _s = submitted(zz, day=D(2026, 12, 21))
    assert req.deadline_provisional  # counting runs into 2027, which has no announced arrangement
    before = req.due_date
    closed, _s = submitted(zz, day=D(2026, 12, 21), description="另一项")
    admin = tree[1]["sx_admin"]
    days = parse_day_list("2027-01-01..2027-01-03 holiday 元旦\n2027-01-04..2027-01-08 holiday 测试假期\n").days
    pin(D(2026, 12, 22))
    from gongkai.foi import services

    services.foi_request_answer(request=closed, actor=tree[1]["zz_office"], outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    holiday_year_enter(year=2027, days=days, source="测试安排", actor=admin)
    req.refresh_from_db()
    assert not req.deadline_provisional
    assert req.due_date > before
    event = AuditEvent.objects.get(action="foi_request.deadline_recomputed")
    assert event.target_id == str(req.pk)
    year_event = AuditEvent.objects.get(action="workdays.year_entered")
    assert year_event.after["recomputed"]["gongkai.foi.services.recompute.foi_recompute_year"] == 1
    assert DisclosureRequest.objects.get(pk=closed.pk).due_date == closed.due_date
