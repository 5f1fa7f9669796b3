"""Opinion events: hour deadlines in real hours, countdowns, escalation (by the unit or by the sweep)."""
import datetime as dt
import io

import pytest
from django.core.management import call_command

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.engagement import selectors, services
from gongkai.engagement.models import OpinionEvent
from gongkai.engagement.states import OpinionStatus, Severity
from gongkai.engagement.templatetags.engagement_tags import countdown
from gongkai.organisations.models import Role, RoleAssignment, User

from . import factories as f

SEEN = f.at(2026, 10, 1, 22, 0)  # a holiday evening: hours run on regardless


@pytest.fixture
def jc_office(orgs):
    user = User.objects.create_user(username="jc_office", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs["sx-jc"], role=Role.OFFICE)
    return user


def test_major_event_deadlines_are_5_and_24_real_hours(zz, office):
    f.pin(SEEN + dt.timedelta(minutes=10))
    ev = f.opinion(zz, office, severity=Severity.MAJOR, first_seen_at=SEEN)
    assert ev.authoritative_due == SEEN + dt.timedelta(hours=5)
    assert ev.press_due == SEEN + dt.timedelta(hours=24)


def test_ordinary_event_is_answered_within_48_hours(zz, office):
    f.pin(SEEN)
    ev = f.opinion(zz, office, first_seen_at=SEEN)
    assert ev.response_due == SEEN + dt.timedelta(hours=48) and ev.authoritative_due is None


@pytest.mark.parametrize("kw,problem", [
    ({"first_seen_at": SEEN + dt.timedelta(hours=1)}, "首次发现时间不能晚于现在。"),
    ({"severity": "huge"}, "请选择舆情级别。"),
    ({"link": "javascript:alert(1)"}, "原文链接须以 http:// 或 https:// 开头。"),
])
def test_bad_event_input_is_refused(zz, office, kw, problem):
    f.pin(SEEN)
    with pytest.raises(ValidationFailed) as exc:
        f.opinion(zz, office, **kw)
    assert problem in exc.value.problems and not OpinionEvent.objects.exists()


def test_authoritative_info_and_press_conference_only_for_major_events(zz, office):
    f.pin(SEEN)
    ev = f.opinion(zz, office, first_seen_at=SEEN)
    with pytest.raises(InvalidTransition):
        services.opinion_authoritative_info(event=ev, actor=office, text="x")
    with pytest.raises(InvalidTransition):
        services.opinion_press_conference(event=ev, actor=office, held_at=SEEN)


def test_countdown_on_the_dashboard(zz, office):
    f.pin(SEEN + dt.timedelta(hours=4, minutes=30))
    ev = f.opinion(zz, office, severity=Severity.MAJOR, first_seen_at=SEEN)
    board = selectors.dashboard(office)
    (event, cds), = board["events"]
    assert event == ev and [countdown(cd.remaining) for cd in cds] == ["剩余0小时30分", "剩余19小时30分"]
    f.pin(SEEN + dt.timedelta(hours=6))
    cds = selectors.opinion_countdowns(ev)
    assert countdown(cds[0].remaining) == "已超时1小时0分" and cds[0].overdue


def _sweep(*args):
    out = io.StringIO()
    call_command("escalate_opinions", *args, stdout=out)
    return out.getvalue()


def test_sweep_escalates_a_major_event_to_the_higher_organisation_when_5_hours_pass(orgs, users, jc_office):
    f.pin(SEEN)
    ev = f.opinion(orgs["sx-jc"], jc_office, severity=Severity.MAJOR, first_seen_at=SEEN)
    f.pin(SEEN + dt.timedelta(hours=5))  # exactly at the deadline: not yet passed
    assert "escalated 0" in _sweep()
    f.pin(SEEN + dt.timedelta(hours=5, minutes=1))
    count = AuditEvent.objects.count()
    assert "would escalate 1" in _sweep("--dry-run")
    assert OpinionEvent.objects.get(pk=ev.pk).status == OpinionStatus.OPEN and AuditEvent.objects.count() == count
    assert "escalated 1" in _sweep()
    ev.refresh_from_db()
    assert ev.status == OpinionStatus.ESCALATED and ev.escalated_to == orgs["sx"]
    assert "5小时内发布权威信息" in ev.escalation_reason
    assert AuditEvent.objects.count() == count + 1
    assert "escalated 0" in _sweep()  # idempotent
    # It appears on the province's dashboard, not on the sibling city's.
    (shown, _cds), = selectors.dashboard(users["sx_supervisor"])["escalated"]
    assert shown == ev
    assert selectors.dashboard(users["zz_office"])["escalated"] == []


def test_sweep_leaves_events_whose_steps_are_done(zz, office):
    f.pin(SEEN)
    ev = f.opinion(zz, office, severity=Severity.MAJOR, first_seen_at=SEEN)
    f.pin(SEEN + dt.timedelta(hours=4))
    services.opinion_authoritative_info(event=ev, actor=office, text="已发布通报")
    f.pin(SEEN + dt.timedelta(hours=6))
    assert "escalated 0" in _sweep()
    f.pin(SEEN + dt.timedelta(hours=24, minutes=1))  # the press conference is now late
    assert "escalated 1" in _sweep()


def test_ordinary_event_escalates_after_48_hours_unanswered(zz, office, orgs):
    f.pin(SEEN)
    ev = f.opinion(zz, office, first_seen_at=SEEN)
    f.pin(SEEN + dt.timedelta(hours=47))
    assert "escalated 0" in _sweep()
    f.pin(SEEN + dt.timedelta(hours=48, minutes=1))
    assert "escalated 1" in _sweep()
    assert OpinionEvent.objects.get(pk=ev.pk).escalated_to == orgs["sx-jc"]


def test_unit_may_escalate_beyond_its_capacity_with_a_reason(zz, office, orgs):
    f.pin(SEEN)
    ev = f.opinion(zz, office, first_seen_at=SEEN)
    with pytest.raises(ValidationFailed):
        services.opinion_escalate(event=ev, actor=office, reason=" ")
    services.opinion_escalate(event=ev, actor=office, reason="涉及多个部门，超出处置能力")
    assert OpinionEvent.objects.get(pk=ev.pk).escalated_to == orgs["sx-jc"]


def test_the_province_has_no_higher_organisation(orgs):
    user = User.objects.create_user(username="sx_office", password="x")
    RoleAssignment.objects.create(user=user, organisation=orgs["sx"], role=Role.OFFICE)
    f.pin(SEEN)
    ev = f.opinion(orgs["sx"], user, first_seen_at=SEEN)
    with pytest.raises(InvalidTransition):
        services.opinion_escalate(event=ev, actor=user, reason="超出处置能力")


@pytest.fixture
def w(tree, seed_templates):
    from gongkai.records.tests.factories import world

    return world(tree)


def test_response_becomes_a_record_in_one_step(w):
    from gongkai.records.states import RecordStatus

    office = w.users["yc_office"]
    f.pin(f.at(2026, 3, 10, 9))
    ev = f.opinion(w.org, office, first_seen_at=f.at(2026, 3, 10, 8))
    services.opinion_respond(event=ev, actor=office, response="经核实，网传情况不属实，现将调查结果通报如下。")
    ev = services.opinion_make_record(event=OpinionEvent.objects.get(pk=ev.pk), actor=office, catalog_item=w.item)
    assert ev.record.body.startswith("经核实") and ev.record.status != RecordStatus.DRAFT
    with pytest.raises(InvalidTransition):
        services.opinion_make_record(event=OpinionEvent.objects.get(pk=ev.pk), actor=office, catalog_item=w.item)


@pytest.mark.parametrize("held_at,problem", [
    (SEEN - dt.timedelta(minutes=1), "不能早于舆情首次发现时间"),
    (SEEN + dt.timedelta(hours=3), "新闻发布会时间不能晚于现在"),
])
def test_the_press_conference_lies_between_the_first_sighting_and_now(zz, office, held_at, problem):
    """Guard sampling: both time checks of opinion_press_conference; nothing written when refused."""
    f.pin(SEEN + dt.timedelta(hours=2))
    ev = f.opinion(zz, office, severity=Severity.MAJOR, first_seen_at=SEEN)
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.opinion_press_conference(event=ev, actor=office, held_at=held_at)
    assert problem in " ".join([exc.value.message, *exc.value.problems])
    assert OpinionEvent.objects.get(pk=ev.pk).press_conference_at is None and AuditEvent.objects.count() == count
    services.opinion_press_conference(event=ev, actor=office, held_at=SEEN + dt.timedelta(hours=1))
