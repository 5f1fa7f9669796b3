"""Third-party consultation (第三十二条, pause ≤ 15 working days) and extension (第三十三条, ≤ 20, leader)."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import services

from .factories import pin, submitted

D = dt.date


@pytest.fixture
def req(zz):
    return submitted(zz, day=D(2026, 3, 2))[0]  # due 2026-03-30


def test_consult_pauses_and_the_stored_date_is_the_latest_possible(req, office):
    pin(D(2026, 3, 5))
    req = services.foi_request_consult(request=req, actor=office, third_party="某生产经营单位", sent_on=D(2026, 3, 5))
    assert req.status == "third_party"
    pause = req.open_pause
    assert pause["reply_due"] == "2026-03-26"  # 15 working days after 5 March
    # 15 working days excluded: 30 March moves to 21 April (Qingming 4–6 April off).
    assert req.due_date == D(2026, 4, 21)
    assert "最迟日期" in req.deadline["explanation"]["text"]
    assert AuditEvent.objects.get(action="foi_request.consultation_started").after["reply_due"] == "2026-03-26"


def test_reply_resumes_the_clock_and_only_the_pause_is_excluded(req, office):
    pin(D(2026, 3, 5))
    req = services.foi_request_consult(request=req, actor=office, third_party="某单位", sent_on=D(2026, 3, 5))
    pin(D(2026, 3, 10))
    req = services.foi_request_third_party_replied(request=req, actor=office, replied_on=D(2026, 3, 10), opinion="不同意公开")
    assert req.status == "in_progress"
    assert req.due_date == D(2026, 4, 2)  # 3 working days (6, 9, 10 March) excluded
    assert AuditEvent.objects.filter(action="foi_request.third_party_replied").exists()


def test_a_late_reply_is_capped_at_15_working_days(req, office):
    pin(D(2026, 3, 5))
    req = services.foi_request_consult(request=req, actor=office, third_party="某单位", sent_on=D(2026, 3, 5))
    pin(D(2026, 4, 1))
    req = services.foi_request_third_party_replied(request=req, actor=office, replied_on=D(2026, 4, 1))
    assert req.due_date == D(2026, 4, 21)
    assert "暂停计时只计至期限届满日" in req.deadline["explanation"]["text"]


def test_replied_from_an_illegal_state_is_refused(req, office):
    with pytest.raises(InvalidTransition, match="第三方意见已收回"):
        services.foi_request_third_party_replied(request=req, actor=office)


def test_extension_needs_the_leaders_approval_and_is_at_most_20(req, office, leader, tree):
    pin(D(2026, 3, 20))
    with pytest.raises(PermissionDenied, match="负责人"):
        services.foi_request_extend(request=req, actor=office, working_days=10, reason="需要检索档案", approved_by=office)
    with pytest.raises(PermissionDenied):
        services.foi_request_extend(request=req, actor=office, working_days=10, reason="检索", approved_by=tree[1]["yc_leader"])
    with pytest.raises(ValidationFailed, match="无法延长"):
        services.foi_request_extend(request=req, actor=office, working_days=21, reason="检索", approved_by=leader)
    req = services.foi_request_extend(request=req, actor=office, working_days=20, reason="需要检索档案", approved_by=leader)
    assert req.extension_days == 20 and req.extension_approved_by == leader
    assert req.due_date == D(2026, 4, 28)  # 40 working days from 2 March (Qingming 4–6 April off)
    assert "经" in req.deadline["explanation"]["text"] and "同意" in req.deadline["explanation"]["text"]
    event = AuditEvent.objects.get(action="foi_request.extended")
    assert event.after["approved_by"] == "zz_leader" and event.after["extension_days"] == 20
    with pytest.raises(InvalidTransition, match="不能再次延长"):
        services.foi_request_extend(request=req, actor=office, working_days=1, reason="再延", approved_by=leader)


def test_the_leader_may_extend_directly(req, leader):
    pin(D(2026, 3, 20))
    req = services.foi_request_extend(request=req, actor=leader, working_days=5, reason="涉及多个股室", approved_by=leader)
    assert req.extension_approver_name == str(leader)


def test_no_extension_after_the_deadline_or_when_closed(req, office, leader):
    pin(D(2026, 3, 31))
    with pytest.raises(InvalidTransition, match="届满"):
        services.foi_request_extend(request=req, actor=office, working_days=5, reason="x", approved_by=leader)
    pin(D(2026, 3, 20))
    req = services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="见附件。")
    with pytest.raises(InvalidTransition, match="已办结"):
        services.foi_request_extend(request=req, actor=office, working_days=5, reason="x", approved_by=leader)
