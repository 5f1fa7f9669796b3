"""Correction (补正, 第三十条): notice within 7 working days, clock restart, lapse."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import letters, services

from .factories import pin, submitted

D = dt.date


@pytest.fixture
def received(zz):
    return submitted(zz, day=D(2026, 3, 2))  # due 2026-03-30; correction notice due 2026-03-11


def test_ask_correction_stops_the_clock(received, office):
    req, _secret = received
    pin(D(2026, 3, 11))  # the 7th working day: still in time
    req = services.foi_request_ask_correction(request=req, actor=office, items="请写明所需信息的年份", period_working_days=10)
    assert req.status == "awaiting_correction"
    assert req.due_date is None
    assert req.correction_due == D(2026, 3, 25)
    event = AuditEvent.objects.get(action="foi_request.correction_requested")
    assert event.before["status"] == "received" and event.after["status"] == "awaiting_correction"


def test_notice_after_7_working_days_is_refused(received, office):
    req, _secret = received
    pin(D(2026, 3, 12))
    with pytest.raises(InvalidTransition, match="7个工作日"):
        services.foi_request_ask_correction(request=req, actor=office, items="请写明年份")


def test_only_one_notice(received, office):
    req, secret = received
    pin(D(2026, 3, 3))
    req = services.foi_request_ask_correction(request=req, actor=office, items="请写明年份")
    req = services.foi_request_correct(request=req, actor=None, text="2025年", secret=secret)
    with pytest.raises(InvalidTransition, match="一次性"):
        services.foi_request_ask_correction(request=req, actor=office, items="再补正")


def test_applicant_corrects_online_and_the_clock_restarts(received, office):
    req, secret = received
    pin(D(2026, 3, 3))
    req = services.foi_request_ask_correction(request=req, actor=office, items="请写明年份")
    pin(D(2026, 3, 9))
    req = services.foi_request_correct(request=req, actor=None, text="2025年全年", secret=secret)
    assert req.status == "in_progress"
    assert req.corrected_on == D(2026, 3, 9)
    # 20 working days counted again from the day after the corrected application arrived.
    assert req.due_date == D(2026, 4, 7)
    assert "第三十条" in req.deadline["explanation"]["text"]
    assert AuditEvent.objects.get(action="foi_request.corrected").after["by"] == "applicant"


def test_correction_needs_the_query_code(received, office):
    req, _secret = received
    pin(D(2026, 3, 3))
    req = services.foi_request_ask_correction(request=req, actor=office, items="请写明年份")
    with pytest.raises(PermissionDenied):
        services.foi_request_correct(request=req, actor=None, text="2025年", secret="WRONGCODE0")


def test_correct_from_an_illegal_state_is_refused(received):
    req, secret = received
    with pytest.raises(InvalidTransition, match="已收到"):
        services.foi_request_correct(request=req, actor=None, text="x", secret=secret)


def test_late_online_correction_is_refused_but_the_office_may_accept_with_a_reason(received, office):
    req, secret = received
    pin(D(2026, 3, 3))
    req = services.foi_request_ask_correction(request=req, actor=office, items="请写明年份", period_working_days=5)
    pin(D(2026, 3, 12))
    with pytest.raises(ValidationFailed, match="无法登记补正"):
        services.foi_request_correct(request=req, actor=None, text="2025年", secret=secret)
    req = services.foi_request_correct(request=req, actor=office, text="2025年", received_on=D(2026, 3, 12),
                                       reason="申请人住院，提供了证明")
    assert req.status == "in_progress" and req.corrected_on == D(2026, 3, 12)


def test_lapse_only_after_the_period(received, office):
    req, _secret = received
    pin(D(2026, 3, 3))
    req = services.foi_request_ask_correction(request=req, actor=office, items="请写明年份", period_working_days=5)
    assert req.correction_due == D(2026, 3, 10)
    pin(D(2026, 3, 10))
    with pytest.raises(InvalidTransition, match="尚未届满"):
        services.foi_request_lapse(request=req, actor=office)
    pin(D(2026, 3, 11))
    req = services.foi_request_lapse(request=req, actor=office)
    assert req.status == "closed"
    assert (req.outcome, req.reason, req.closed_on) == ("other", "uncorrected", D(2026, 3, 11))
    assert letters.docx(req.letter) and letters.pdf(req.letter)
    assert AuditEvent.objects.filter(action="foi_request.lapsed").exists()
    with pytest.raises(InvalidTransition):
        services.foi_request_lapse(request=req, actor=office)
