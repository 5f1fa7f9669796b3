"""Third-party consultation (第三十二条, pause ≤ 15 working days from receipt) and extension (第三十三条, ≤ 20, office head)."""
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


def test_extension_is_requested_by_the_office_and_takes_effect_when_the_office_head_approves(req, office, tree):
    """第三十三条第二款: "经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日"."""
    head = tree[1]["zz_office_head"]
    pin(D(2026, 3, 20))
    with pytest.raises(ValidationFailed, match="无法申请延长"):
        services.foi_request_request_extension(request=req, actor=office, working_days=21, reason="检索")
    with pytest.raises(ValidationFailed, match="无法申请延长"):
        services.foi_request_request_extension(request=req, actor=office, working_days=10, reason=" ")
    with pytest.raises(PermissionDenied):
        services.foi_request_request_extension(request=req, actor=head, working_days=10, reason="检索")
    req = services.foi_request_request_extension(request=req, actor=office, working_days=20, reason="需要检索档案")
    assert req.extension_days is None and req.due_date == D(2026, 3, 30)  # not in effect yet
    assert not req.letters.filter(kind="extension").exists()
    with pytest.raises(InvalidTransition, match="等待批准"):
        services.foi_request_request_extension(request=req, actor=office, working_days=5, reason="再次")
    for not_the_head in (office, tree[1]["zz_leader"], tree[1]["yc_office_head"]):
        with pytest.raises(PermissionDenied):
            services.foi_request_approve_extension(request=req, actor=not_the_head)
    pin(D(2026, 3, 25))
    req = services.foi_request_approve_extension(request=req, actor=head)
    assert req.extension_days == 20 and req.extension_approved_by == head and req.extension_approved_on == D(2026, 3, 25)
    assert req.due_date == D(2026, 4, 28)  # 40 working days from 2 March (Qingming 4–6 April off)
    assert "经泽州县应急管理局·政府信息公开工作机构负责人同意" in req.deadline["explanation"]["text"]
    assert req.letters.get(kind="extension").recipient == "测试申请人"  # the applicant is told (延期答复告知书)
    event = AuditEvent.objects.get(action="foi_request.extended")
    assert event.after["foi_extension_days"] == 20 and event.actor == head
    with pytest.raises(InvalidTransition, match="不能再次延长"):
        services.foi_request_request_extension(request=req, actor=office, working_days=1, reason="再延")


def test_extension_approval_must_come_before_the_original_deadline(req, office, tree):
    head = tree[1]["zz_office_head"]
    pin(D(2026, 3, 27))
    req = services.foi_request_request_extension(request=req, actor=office, working_days=5, reason="涉及多个股室")
    pin(D(2026, 3, 31))  # the original deadline (30 March) has passed
    with pytest.raises(InvalidTransition, match="原答复期限"):
        services.foi_request_approve_extension(request=req, actor=head)
    req.refresh_from_db()
    assert req.extension_days is None and req.due_date == D(2026, 3, 30)


def test_the_head_may_refuse_with_a_reason(req, office, tree):
    head = tree[1]["zz_office_head"]
    pin(D(2026, 3, 20))
    req = services.foi_request_request_extension(request=req, actor=office, working_days=5, reason="涉及多个股室")
    with pytest.raises(ValidationFailed, match="不同意的理由"):
        services.foi_request_refuse_extension(request=req, actor=head, comment="")
    with pytest.raises(PermissionDenied):
        services.foi_request_refuse_extension(request=req, actor=office, comment="不同意")
    req = services.foi_request_refuse_extension(request=req, actor=head, comment="可以按期答复")
    assert req.extension_requested_on is None and req.extension_days is None and req.due_date == D(2026, 3, 30)
    with pytest.raises(InvalidTransition, match="没有待批准"):
        services.foi_request_approve_extension(request=req, actor=head)


def test_no_extension_request_after_the_deadline_or_when_closed(req, office):
    pin(D(2026, 3, 31))
    with pytest.raises(InvalidTransition, match="已于2026-03-30届满"):
        services.foi_request_request_extension(request=req, actor=office, working_days=5, reason="x")
    services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    with pytest.raises(InvalidTransition):
        services.foi_request_request_extension(request=req, actor=office, working_days=5, reason="x")
