"""Entering, publishing, correcting, withdrawing and expiring decisions; due dates; lateness."""
import datetime as dt

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.decisions import rules, selectors, services
from gongkai.decisions.models import Decision
from gongkai.decisions.states import DecisionStatus
from gongkai.workdays import calendar

from .factories import data, pin


def test_due_date_is_seven_working_days_after_the_decision_skipping_the_national_day_holiday(w):
    d = services.decision_create(organisation=w.zz, actor=w.users["zz_office"], data=data(decided_on="2026-09-30"))
    # 10/1–10/7 off; 10/8 (1), 10/9 (2), Saturday 10/10 is a make-up working day (3), 10/12–10/15 (4–7).
    assert d.due_on == dt.date(2026, 10, 15) == calendar.add_working_days(dt.date(2026, 9, 30), 7)
    assert d.status == DecisionStatus.DRAFT and d.authority == w.zz.name
    lines = rules.publication_deadline(d.decided_on).explanation.lines()
    assert any("国庆" in line for line in lines) and any("7个工作日" in line for line in lines)
    assert AuditEvent.objects.filter(target_type="decisions.decision", target_id=str(d.pk)).count() == 1


def test_published_after_the_due_date_is_late_and_unpublished_past_it_is_overdue(w):
    office = w.users["zz_office"]
    on_time = services.decision_create(organisation=w.zz, actor=office, data=data())
    late = services.decision_create(organisation=w.zz, actor=office, data=data(document_number="泽应急罚〔2026〕2号"))
    waiting = services.decision_create(organisation=w.zz, actor=office, data=data(document_number="泽应急罚〔2026〕3号"))
    pin(dt.date(2026, 10, 15))  # the due date itself: on time
    services.decision_publish(decision=on_time, actor=office)
    pin(dt.date(2026, 10, 19))  # two working days after it
    services.decision_publish(decision=late, actor=office)
    on_time.refresh_from_db(), late.refresh_from_db()
    assert (on_time.is_late, late.is_late) == (False, True)
    assert rules.working_days_late(late.due_on, late.published_on) == 2
    assert waiting.is_overdue(dt.date(2026, 10, 19)) and not waiting.is_overdue(dt.date(2026, 10, 15))
    queue = list(selectors.office_decisions(office, overdue=True))
    assert queue == [waiting]
    assert selectors.dashboard(office)["waiting"] == [waiting]
    window = (dt.date(2026, 10, 1), dt.date(2027, 1, 1), dt.date(2026, 10, 15))
    assert selectors.supervision_due_counts(None, *window) == {}  # due on 10/15: not yet measured on that day
    window = (dt.date(2026, 10, 1), dt.date(2027, 1, 1), dt.date(2026, 10, 20))
    assert selectors.supervision_due_counts(None, *window) == {w.zz.pk: 3}
    assert selectors.supervision_on_time_counts(None, *window) == {w.zz.pk: 1}
    assert selectors.supervision_late_counts(None, *window) == {w.zz.pk: 2}
    rows = {r["title"].split(" ")[1]: r["status"] for r in selectors.supervision_list(w.zz.pk, *window)}
    assert rows == {"泽应急罚〔2026〕1号": "按时公示", "泽应急罚〔2026〕2号": "逾期2个工作日公示",
                    "泽应急罚〔2026〕3号": "逾期未公示"}


def test_correct_withdraw_and_expire_keep_the_reason_and_leave_the_portal(w):
    office = w.users["zz_office"]
    d = services.decision_create(organisation=w.zz, actor=office, data=data(publicity_until="2026-10-20"))
    services.decision_publish(decision=d, actor=office)
    assert list(selectors.public_decisions()) == [d]
    with pytest.raises(ValidationFailed):
        services.decision_correct(decision=d, actor=office, data=data(content="罚款人民币四万元"), reason=" \u200b ")
    services.decision_correct(decision=d, actor=office, data=data(content="罚款人民币四万元", publicity_until="2026-10-20"),
                              reason="录入错误，依决定书原件更正")
    d.refresh_from_db()
    assert d.content == "罚款人民币四万元" and d.status == DecisionStatus.PUBLISHED
    assert services.expire_due() == []  # the term has not ended
    pin(dt.date(2026, 10, 21))
    assert [x.pk for x in services.expire_due(dry_run=True)] == [d.pk]
    assert d.status == DecisionStatus.PUBLISHED
    [expired] = services.expire_due()
    assert expired.status == DecisionStatus.EXPIRED and "公示期满" in expired.end_reason
    assert services.expire_due() == []  # idempotent
    assert list(selectors.public_decisions()) == []
    other = services.decision_create(organisation=w.zz, actor=office, data=data(document_number="泽应急罚〔2026〕9号"))
    services.decision_publish(decision=other, actor=office)
    services.decision_withdraw(decision=other, actor=office, reason="经行政复议被撤销")
    other.refresh_from_db()
    assert (other.status, other.end_reason) == (DecisionStatus.WITHDRAWN, "经行政复议被撤销")


def test_a_document_number_is_entered_once_per_organisation(w):
    services.decision_create(organisation=w.zz, actor=w.users["zz_office"], data=data())
    with pytest.raises(ValidationFailed) as info:
        services.decision_create(organisation=w.zz, actor=w.users["zz_office"], data=data())
    assert "已登记" in info.value.problems[0]
    services.decision_create(organisation=w.yc, actor=w.users["yc_office"], data=data())  # another office: fine
    assert Decision.objects.count() == 2


def test_year_counts_give_the_report_its_licensing_and_penalty_figures(w):
    office = w.users["zz_office"]
    services.decision_create(organisation=w.zz, actor=office, data=data())
    services.decision_create(organisation=w.zz, actor=office, data=data(
        kind="licensing", document_number="泽危化经字〔2026〕1号", fine_amount="", title="危险化学品经营许可证核发",
        category="普通", content="准予许可"))
    services.decision_create(organisation=w.zz, actor=office, data=data(document_number="泽应急罚〔2025〕7号",
                                                                     decided_on="2025-12-31"))
    assert selectors.year_counts(2026) == {w.zz.pk: {"licensing": 1, "penalty": 1}}
    assert selectors.organisation_year_counts(w.zz.pk, 2025) == {"licensing": 0, "penalty": 1}
    assert selectors.organisation_year_counts(w.yc.pk, 2026) == {"licensing": 0, "penalty": 0}
