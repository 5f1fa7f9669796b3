"""Meetings open to the public (invitation at least a week ahead), hearings against decisions, and the
decision catalog's guards."""
import datetime as dt

import pytest

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.engagement import selectors, services
from gongkai.engagement.models import Meeting
from gongkai.engagement.states import CatalogStatus, MeetingStatus

from . import factories as f

NOW = f.at(2026, 6, 10, 10)


def test_invitation_at_least_one_week_before(zz, office):
    f.pin(NOW)
    late = f.meeting(zz, office, NOW + dt.timedelta(days=7) - dt.timedelta(minutes=1))
    with pytest.raises(InvalidTransition, match="至少提前一周"):
        services.meeting_announce(meeting=late, actor=office)
    on_time = f.meeting(zz, office, NOW + dt.timedelta(days=7))
    services.meeting_announce(meeting=on_time, actor=office)
    assert list(selectors.public_meetings()) == [on_time]


def test_attendance_is_recorded_after_the_meeting(zz, office):
    f.pin(NOW)
    m = services.meeting_announce(meeting=f.meeting(zz, office, NOW + dt.timedelta(days=8)), actor=office)
    with pytest.raises(InvalidTransition, match="尚未召开"):
        services.meeting_record_held(meeting=m, actor=office, attendance=3, attendees="群众代表3名")
    f.pin(NOW + dt.timedelta(days=8))
    with pytest.raises(ValidationFailed):
        services.meeting_record_held(meeting=m, actor=office, attendance=-1, attendees="")
    services.meeting_record_held(meeting=m, actor=office, attendance=3, attendees="群众代表3名")
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.HELD


def test_a_hearing_is_recorded_against_a_decision(zz, office, orgs, users):
    f.pin(NOW)
    with pytest.raises(ValidationFailed, match="会议信息不完整"):
        f.meeting(zz, office, NOW + dt.timedelta(days=8), kind="hearing")
    cat = f.catalog(zz, office)
    entry = cat.entries.get()
    hearing = f.meeting(zz, office, NOW + dt.timedelta(days=8), kind="hearing", decision_entry=entry)
    assert list(entry.meetings.all()) == [hearing]
    other = f.catalog(orgs["sx-jc-yc"], users["yc_office"])
    with pytest.raises(ValidationFailed):
        f.meeting(zz, office, NOW + dt.timedelta(days=8), kind="hearing", decision_entry=other.entries.get())


def test_catalog_cannot_be_submitted_empty_or_returned_without_an_opinion(zz, office, leader):
    cat = f.catalog(zz, office, entries=0)
    with pytest.raises(InvalidTransition, match="还没有决策事项"):
        services.decision_catalog_submit(catalog=cat, actor=office)
    f.catalog(zz, office, year=2027)
    cat = services.decision_catalog_submit(catalog=f.catalog(zz, office, year=2028), actor=office)
    with pytest.raises(ValidationFailed):
        services.decision_catalog_return(catalog=cat, actor=leader, opinion="")
    services.decision_catalog_approve(catalog=cat, actor=leader)
    assert list(selectors.published_catalogs()) == [cat]
    assert cat.status == CatalogStatus.PUBLISHED


@pytest.mark.parametrize("data", [
    {"title": "", "unit": "办公室", "decision_time": "2026年"},
    {"title": "事项", "unit": "", "decision_time": "2026年"},
    {"title": "事项", "unit": "办公室", "decision_time": ""},
])
def test_entry_fields_are_required(zz, office, data):
    cat = f.catalog(zz, office, entries=0)
    with pytest.raises(ValidationFailed):
        services.decision_entry_save(catalog=cat, actor=office, data=data)
    assert not cat.entries.exists()


def test_one_catalog_per_year(zz, office):
    f.catalog(zz, office, entries=0)
    with pytest.raises(ValidationFailed):
        f.catalog(zz, office, entries=0)


def test_an_entry_is_changed_only_through_its_own_catalog(zz, office):
    """Guard sampling: the entry-belongs-to-catalog check in decision_entry_save."""
    from gongkai.core.errors import ValidationFailed
    from gongkai.engagement.models import DecisionEntry

    f.pin(NOW)
    first, second = f.catalog(zz, office, year=2026), f.catalog(zz, office, year=2027)
    entry = first.entries.get()
    with pytest.raises(ValidationFailed, match="事项不属于该目录"):
        services.decision_entry_save(catalog=second, actor=office, entry=entry, data={
            "title": "改名", "unit": "办公室", "decision_time": "2027年", "hearing": False})
    assert DecisionEntry.objects.get(pk=entry.pk).title == "决策事项1"


@pytest.mark.parametrize("attendance", [-1, 100_001, "5"])
def test_the_attendance_must_be_a_sensible_number(zz, office, attendance):
    """Guard sampling: the attendance check of meeting_record_held (the form is not the only caller)."""
    f.pin(NOW)
    m = services.meeting_announce(meeting=f.meeting(zz, office, NOW + dt.timedelta(days=8)), actor=office)
    f.pin(NOW + dt.timedelta(days=8, hours=1))
    with pytest.raises(ValidationFailed) as exc:
        services.meeting_record_held(meeting=m, actor=office, attendance=attendance, attendees="群众代表")
    assert "列席公众人数无效。" in exc.value.problems
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.ANNOUNCED
