"""Entering a holiday year recomputes the stored publication due dates whose 7 working days touch it."""
import datetime as dt

from gongkai.core.models import AuditEvent
from gongkai.decisions import services
from gongkai.workdays.formats import parse_day_list
from gongkai.workdays.services import holiday_year_enter

from .factories import data, pin


def test_entering_2027_moves_a_provisional_due_date(w):
    pin(dt.date(2026, 12, 29))
    d = services.decision_create(organisation=w.zz, actor=w.users["zz_office"], data=data(decided_on="2026-12-28"))
    early = services.decision_create(organisation=w.zz, actor=w.users["zz_office"], data=data(
        document_number="泽应急罚〔2026〕8号", decided_on="2026-12-01"))
    assert d.due_provisional and d.due_on.year == 2027  # 2027's arrangement is not announced yet
    before, early_due = d.due_on, early.due_on
    days = parse_day_list("2027-01-01..2027-01-03 holiday 元旦\n2027-01-04..2027-01-08 holiday 测试假期\n").days
    holiday_year_enter(year=2027, days=days, source="测试安排", actor=w.users["sx_admin"])
    d.refresh_from_db(), early.refresh_from_db()
    assert not d.due_provisional and d.due_on > before
    assert early.due_on == early_due  # its 7 working days lie in 2026
    event = AuditEvent.objects.get(action="decision.due_recomputed")
    assert event.target_id == str(d.pk) and event.before == {"due_on": before.isoformat()}
