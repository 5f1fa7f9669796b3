"""Meetings open to the public and hearings on major decisions."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.errors import ValidationFailed
from gongkai.core.validators import normalise_web_url, validate_web_url
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require

from ..models import Meeting
from ..states import EngagementEvent as E, MeetingKind
from ..workflow import MEETING_WORKFLOW
from ._common import MAX_TEXT, _clean, _fail, _minute, _require_text, public_pages_changed
# ---------------------------------------------------------------- meetings and hearings

def _live_url(problems: list, value) -> str:
    """The live-broadcast link: empty, or an absolute http(s) link (never javascript: or data:)."""
    if value is not None and not isinstance(value, str):
        problems.append(_("请填写以 http:// 或 https:// 开头的完整链接。"))
        return ""
    value = normalise_web_url(value or "")
    if value:
        try:
            validate_web_url(value)
        except ValidationError as exc:
            problems.extend(exc.messages)
    return value


def _meeting_data(organisation, data: dict) -> dict:
    problems: list[str] = []
    kind = data.get("kind") or MeetingKind.MEETING
    if kind not in MeetingKind.values:
        problems.append(_("请选择会议类型。"))
    clean = {
        "kind": kind,
        "title": _require_text(problems, data.get("title"), _("会议名称"), 200),
        "place": _require_text(problems, data.get("place"), _("地点"), 200),
        "invitation": _require_text(problems, data.get("invitation"), _("邀请说明"), MAX_TEXT),
        "starts_at": _minute(data.get("starts_at")),
        "decision_entry": data.get("decision_entry"),
        "live_url": _live_url(problems, data.get("live_url")),
    }
    if clean["starts_at"] is None:
        problems.append(_("请填写召开时间。"))
    entry = clean["decision_entry"]
    if entry is not None and entry.catalog.organisation_id != organisation.pk:
        problems.append(_("只能关联本机关的重大行政决策事项。"))
    if kind == MeetingKind.HEARING and entry is None:
        problems.append(_("听证会必须关联所针对的重大行政决策事项。"))
    _fail(problems, _("会议信息不完整。"))
    return clean


@transaction.atomic
def meeting_create(*, organisation: Organisation, actor, data: dict) -> Meeting:
    require(actor, Action.ENGAGEMENT_EDIT, organisation)
    meeting = Meeting.objects.create(organisation=organisation, **_meeting_data(organisation, data))
    audit.record(E.MEETING_CREATED, actor=actor, organisation=organisation, target=meeting,
                 after={"status": meeting.status, "starts_at": meeting.starts_at.isoformat()})
    return meeting


def meeting_update(*, meeting: Meeting, actor, data: dict) -> Meeting:
    clean = _meeting_data(meeting.organisation, data)

    def apply(m):
        for k, v in clean.items():
            setattr(m, k, v)
    return MEETING_WORKFLOW.run("edit", meeting, actor=actor, apply=apply).instance


def meeting_announce(*, meeting: Meeting, actor) -> Meeting:
    def apply(m):
        m.announced_at = clock.now()
        public_pages_changed()
    return MEETING_WORKFLOW.run("announce", meeting, actor=actor, apply=apply).instance


def meeting_record_held(*, meeting: Meeting, actor, attendance: int, attendees: str, minutes: str = "") -> Meeting:
    problems: list[str] = []
    if not isinstance(attendance, int) or attendance < 0 or attendance > 100_000:
        problems.append(_("列席公众人数无效。"))
    attendees = _require_text(problems, attendees, _("出席情况"), MAX_TEXT)
    minutes = _clean(minutes)
    if len(minutes) > MAX_TEXT:
        problems.append(_("会议情况过长。"))
    _fail(problems, _("出席情况不完整。"))

    def apply(m):
        m.attendance, m.attendees, m.minutes = attendance, attendees, minutes
        public_pages_changed()
    return MEETING_WORKFLOW.run("record_held", meeting, actor=actor, apply=apply,
                                extra={"attendance": attendance}).instance


def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    reason = _clean(reason)
    if not reason:
        raise ValidationFailed(_("取消会议必须说明理由。"), problems=[_("取消会议必须说明理由。")])
    def apply(m):
        public_pages_changed()
    return MEETING_WORKFLOW.run("cancel", meeting, actor=actor, reason=reason, apply=apply).instance


def meeting_set_live_url(*, meeting: Meeting, actor, live_url: str) -> Meeting:
    """Set (or clear, with an empty link) the live broadcast link of a planned, announced or held meeting."""
    problems: list[str] = []
    live_url = _live_url(problems, live_url)
    _fail(problems, _("直播链接无效。"))

    def apply(m):
        m.live_url = live_url
        public_pages_changed()
    return MEETING_WORKFLOW.run("live_url", meeting, actor=actor, apply=apply, extra={"live_url": live_url}).instance
