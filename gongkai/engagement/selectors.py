"""Reads of public participation: public lists, staff visibility, dashboard countdowns, and the figures
other apps use (the annual report's message statistics, catalog item 政策文件/8's consultation period)."""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where
from gongkai.workdays import calendar

from .models import Consultation, DecisionCatalog, Meeting, Message, OpinionEvent
from .states import CatalogStatus, ConsultationStatus, MeetingStatus, MessageStatus, OpinionStatus

PUBLIC_CONSULTATION = (ConsultationStatus.CONSULTING, ConsultationStatus.REPORTED)
PUBLIC_MEETING = (MeetingStatus.ANNOUNCED, MeetingStatus.HELD)
UNRESOLVED_OPINION = (OpinionStatus.OPEN, OpinionStatus.ESCALATED)
OPEN_MESSAGE = (MessageStatus.RECEIVED, MessageStatus.ASSIGNED)


# ---------------------------------------------------------------- public reads

def consultation_phase(c: Consultation, at: dt.datetime | None = None) -> str:
    """Return 'upcoming', 'open' or 'closed' for a published consultation at `at` (default now)."""
    at = at or clock.now()
    if c.status == ConsultationStatus.REPORTED or at >= c.closes_at:
        return "closed"
    return "open" if at >= c.opens_at else "upcoming"


def public_consultations():
    return Consultation.objects.filter(status__in=PUBLIC_CONSULTATION).select_related("organisation")


def open_consultations():
    now = clock.now()
    return public_consultations().filter(status=ConsultationStatus.CONSULTING, closes_at__gt=now)


def closed_consultations():
    now = clock.now()
    return public_consultations().filter(Q(status=ConsultationStatus.REPORTED) | Q(closes_at__lte=now))


def _start_of_today() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(clock.today(), dt.time.min))


def consultations_of_the_day() -> tuple:
    """(open, closed) consultations for the public participation page, to the day: the page is the same
    for every visitor all day long (it comes from the page cache, whose key holds the date), so a
    consultation closing today is listed with the open ones — with its closing minute — until midnight;
    its own page (never cached) refuses comments from that minute on."""
    start = _start_of_today()
    public = public_consultations()
    open_ = public.filter(status=ConsultationStatus.CONSULTING, closes_at__gte=start)
    closed = public.filter(Q(status=ConsultationStatus.REPORTED) | Q(closes_at__lt=start))
    return open_, closed


def published_catalogs():
    return DecisionCatalog.objects.filter(status=CatalogStatus.PUBLISHED).select_related("organisation")


def published_messages():
    return Message.objects.filter(status=MessageStatus.DISCLOSED).select_related("organisation")


def public_meetings():
    return Meeting.objects.filter(status__in=PUBLIC_MEETING).select_related("organisation", "decision_entry")


# ---------------------------------------------------------------- one object, public or staff

def normalise_number(text: str) -> str:
    """Return a message number as stored: full-width forms folded (NFKC), blanks cut, upper case.
    Numbers were issued in lower case before 2026-12 (``sx-jc-zz-LY-…``); migration 0003 upper-cased
    them, and links and receipts holding the old spelling still resolve through this."""
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def message_by_number(queryset, number: str):
    """Return the message of `queryset` with `number` (any case or width), or None."""
    number = normalise_number(number)
    if not number or len(number) > 40 or "\x00" in number:
        return None
    return queryset.filter(number=number).first()


def _visible(obj, organisation, public: bool, user):
    if public or (user is not None and can(user, Action.ENGAGEMENT_VIEW, organisation)):
        return obj
    raise Http404  # another organisation's unpublished work is not revealed


def consultation_for(user, pk) -> Consultation:
    c = Consultation.objects.select_related("organisation", "resulting_record").filter(pk=pk).first()
    if c is None:
        raise Http404
    return _visible(c, c.organisation, c.status in PUBLIC_CONSULTATION, user)


def consultation_for_staff(user, pk) -> Consultation:
    c = Consultation.objects.select_related("organisation").filter(pk=pk).first()
    if c is None:
        raise Http404
    return _visible(c, c.organisation, False, user)


def catalog_for_staff(user, pk) -> DecisionCatalog:
    cat = DecisionCatalog.objects.select_related("organisation").filter(pk=pk).first()
    if cat is None:
        raise Http404
    return _visible(cat, cat.organisation, False, user)


def opinion_for_staff(user, pk) -> OpinionEvent:
    ev = OpinionEvent.objects.select_related("organisation", "unit", "escalated_to").filter(pk=pk).first()
    if ev is None:
        raise Http404
    return _visible(ev, ev.organisation, False, user)


def message_for_staff(user, pk) -> Message:
    m = Message.objects.select_related("organisation", "unit", "source_request").filter(pk=pk).first()
    if m is None:
        raise Http404
    return _visible(m, m.organisation, False, user)


def meeting_for_staff(user, pk) -> Meeting:
    m = Meeting.objects.select_related("organisation", "decision_entry").filter(pk=pk).first()
    if m is None:
        raise Http404
    return _visible(m, m.organisation, False, user)


def staff_organisations(user):
    return organisations_where(user, Action.ENGAGEMENT_VIEW)


def office_messages(user, *, organisation=None, status: str = "", kind: str = "", overdue: bool = False,
                    received_from: dt.date | None = None, received_to: dt.date | None = None, q: str = ""):
    """The messages `user` may see in the back office, narrowed by the list's filters (the page and its
    .xlsx/CSV export read the same rows)."""
    qs = Message.objects.filter(organisation__in=staff_organisations(user))
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if overdue:
        qs = qs.filter(status__in=OPEN_MESSAGE, due_date__lt=clock.today())
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(subject__icontains=q))
    return qs.select_related("organisation", "unit").order_by("-received_on", "-pk")


def _own_organisations(user):
    """Organisations where the user holds a role themselves (not reached through supervision)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(role_assignments__user=user).distinct()


# ---------------------------------------------------------------- dashboard

@dataclass(frozen=True)
class Countdown:
    label: str
    due: dt.datetime
    remaining: dt.timedelta

    @property
    def overdue(self) -> bool:
        return self.remaining.total_seconds() < 0


def opinion_countdowns(event: OpinionEvent, at: dt.datetime | None = None) -> list[Countdown]:
    """Return the open hour deadlines of an event with the time left (negative when passed)."""
    at = at or clock.now()
    out = []
    if event.authoritative_due and event.authoritative_info_at is None:
        out.append(Countdown(_("发布权威信息"), event.authoritative_due, event.authoritative_due - at))
    if event.press_due and event.press_conference_at is None:
        out.append(Countdown(_("举行新闻发布会"), event.press_due, event.press_due - at))
    if event.responded_at is None and not event.press_due:
        out.append(Countdown(_("回应"), event.response_due, event.response_due - at))
    return out


def dashboard(user) -> dict:
    """Return what the office dashboard shows: opinion countdowns, escalations received, messages due."""
    # Each queue only for those who act on it (issue 21 item 13): opinion events and consultations
    # for the office, messages for those who answer them, escalations for the office or supervisor
    # of the organisation they were reported to.
    own = _own_organisations(user)
    handles = own.filter(pk__in=organisations_where(user, Action.ENGAGEMENT_EDIT).values("pk"))
    answers = own.filter(pk__in=organisations_where(user, Action.MESSAGE_ANSWER).values("pk"))
    receives = own.filter(pk__in=(organisations_where(user, Action.ENGAGEMENT_EDIT)
                                  | organisations_where(user, Action.OVERSIGHT_REVIEW)).values("pk"))
    now = clock.now()
    events = list(OpinionEvent.objects.filter(organisation__in=handles, status__in=UNRESOLVED_OPINION)
                  .select_related("organisation", "unit").order_by("response_due")[:50])
    escalated = list(OpinionEvent.objects.filter(escalated_to__in=receives, status=OpinionStatus.ESCALATED)
                     .select_related("organisation").order_by("response_due")[:50])
    messages = list(Message.objects.filter(organisation__in=answers, status__in=OPEN_MESSAGE)
                    .select_related("organisation").order_by("due_date")[:50])
    consultations = list(Consultation.objects.filter(organisation__in=handles, status=ConsultationStatus.CONSULTING)
                         .annotate(n=Count("comments")).order_by("closes_at")[:20])
    return {
        "show": handles.exists() or answers.exists() or receives.exists(),
        "events": [(e, opinion_countdowns(e, now)) for e in events],
        "escalated": [(e, opinion_countdowns(e, now)) for e in escalated],
        "messages_due": messages,
        "consultations": consultations,
        "today": clock.today(),
    }


def overdue_opinion_candidates():
    """Open events some of whose hour deadlines may have passed (the sweep checks each exactly)."""
    now = clock.now()
    return OpinionEvent.objects.filter(status=OpinionStatus.OPEN).filter(
        Q(authoritative_due__lt=now, authoritative_info_at__isnull=True)
        | Q(press_due__lt=now, press_conference_at__isnull=True)
        | Q(response_due__lt=now, responded_at__isnull=True, press_due__isnull=True)
    ).select_related("organisation__parent")


# ---------------------------------------------------------------- figures for other apps

@dataclass(frozen=True)
class ConsultationPeriod:
    consultation_id: int
    title: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    report_due: dt.date | None  # the adoption report's time limit announced with the consultation


def consultation_period_for_record(record) -> ConsultationPeriod | None:
    """Return the period of the published consultation that resulted in `record`, or None.

    Catalog item 政策文件/8 (征集采纳社会公众意见情况) is due "征求意见时对外公布的时限内": the
    comment period and the report time limit announced with the consultation."""
    c = (Consultation.objects.filter(resulting_record=record, status__in=PUBLIC_CONSULTATION)
         .order_by("-closes_at").first())
    if c is None:
        return None
    return ConsultationPeriod(c.pk, c.title, c.opens_at, c.closes_at, c.report_due)


@dataclass(frozen=True)
class MessageStatistics:
    received: int
    answered: int
    average_working_days: float | None


def message_statistics(organisation: Organisation, year: int, *, include_subtree: bool = False) -> MessageStatistics:
    """Return the year's message count and the average handling time in working days (received → answered),
    for the annual report's narrative (seed 004: 513 messages, 5 working days on average)."""
    qs = Message.objects.filter(received_on__year=year)
    qs = qs.filter(organisation__path__startswith=organisation.path) if include_subtree else \
        qs.filter(organisation=organisation)
    received = qs.count()
    answered = list(qs.filter(answered_on__isnull=False).values_list("received_on", "answered_on"))
    if not answered:
        return MessageStatistics(received, 0, None)
    total = sum(calendar.working_days_between(r, a) for r, a in answered)
    return MessageStatistics(received, len(answered), round(total / len(answered), 1))


def message_count(organisation: Organisation, year: int) -> int:
    return message_statistics(organisation, year).received


def message_average_working_days(organisation: Organisation, year: int) -> float | None:
    return message_statistics(organisation, year).average_working_days


# ---------------------------------------------------------------- figures for supervision
# Read by gongkai.oversight without a user: it restricts them to the organisations it evaluates and
# shows them only to users who may supervise those organisations (its own permission checks).

def _per_organisation(qs, organisation_ids) -> dict[int, int]:
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    return {r["organisation_id"]: r["n"] for r in qs.values("organisation_id").annotate(n=Count("pk")).order_by()}


def public_opinion_responses(*, organisation_code: str | None = None, limit: int = 200) -> list[dict]:
    """Responded 政务舆情 events as the public may see them (the JSON API): the organisation's response,
    authoritative information and press conference; the event summary with personal data masked."""
    from .privacy import mask_text

    qs = (OpinionEvent.objects.filter(status=OpinionStatus.RESPONDED, responded_at__isnull=False)
          .select_related("organisation").order_by("-responded_at", "-pk"))
    if organisation_code:
        qs = qs.filter(organisation__code=organisation_code)
    iso = lambda value: value.isoformat() if value else None  # noqa: E731
    return [{
        "id": e.pk, "organisation_code": e.organisation.code, "organisation_name": e.organisation.name,
        "source": e.source, "summary": mask_text(e.summary), "severity": e.severity,
        "severity_label": str(e.get_severity_display()), "first_seen_at": iso(e.first_seen_at),
        "responded_at": iso(e.responded_at), "response": e.response,
        "authoritative_info_at": iso(e.authoritative_info_at), "authoritative_info": e.authoritative_info,
        "press_conference_at": iso(e.press_conference_at),
    } for e in qs[:limit]]


def _consultations_between(start, end):
    return public_consultations().filter(published_at__gte=start, published_at__lt=end)


def supervision_consultation_counts(organisation_ids, start, end) -> dict[int, int]:
    """Public consultations published in [start, end) per organisation (None: every organisation)."""
    return _per_organisation(_consultations_between(start, end), organisation_ids)


def supervision_consultation_list(organisation_id: int, start, end, limit: int = 200) -> list[dict]:
    qs = _consultations_between(start, end).filter(organisation_id=organisation_id).order_by("-published_at")
    return [{"title": c.title, "date": c.published_at, "status": c.get_status_display(),
             "url": reverse("engagement_office:consultation", args=[c.pk])} for c in qs[:limit]]


def _opinion_late_between(start, end):
    return OpinionEvent.objects.filter(response_due__gte=start, response_due__lt=end).filter(
        Q(responded_at__isnull=True) | Q(responded_at__gt=F("response_due")))


def supervision_opinion_late_counts(organisation_ids, start, end) -> dict[int, int]:
    """Opinion events due in [start, end) answered late or not at all."""
    return _per_organisation(_opinion_late_between(start, end), organisation_ids)


def supervision_opinion_due_counts(organisation_ids, start, end) -> dict[int, int]:
    """Opinion events whose response was due in [start, end): what 按时回应 is measured on."""
    return _per_organisation(OpinionEvent.objects.filter(response_due__gte=start, response_due__lt=end),
                             organisation_ids)


def supervision_opinion_late_list(organisation_id: int, start, end, limit: int = 200) -> list[dict]:
    qs = _opinion_late_between(start, end).filter(organisation_id=organisation_id).order_by("-response_due")
    return [{"title": e.summary[:80], "date": e.first_seen_at, "due": e.response_due, "status": e.get_status_display(),
             "url": reverse("engagement_office:opinion", args=[e.pk])} for e in qs[:limit]]


def _messages_unanswered(as_of: dt.date, days: int):
    """Messages received within a year before `as_of` left more than `days` days without an answer."""
    limit = dt.timedelta(days=days)
    return Message.objects.filter(received_on__gt=as_of - dt.timedelta(days=365)).filter(
        Q(answered_on__isnull=True, received_on__lte=as_of - limit) | Q(answered_on__gt=F("received_on") + limit))


def _messages_late(start: dt.date, end: dt.date, as_of: dt.date):
    """Messages whose answer deadline (7 or 15 working days, seed 003 四(三)) fell in [start, min(end, as_of)) and
    that were answered after it or not at all."""
    return Message.objects.filter(due_date__gte=start, due_date__lt=min(end, as_of)).filter(
        Q(answered_on__isnull=True) | Q(answered_on__gt=F("due_date")))


def supervision_messages_unanswered_counts(organisation_ids, as_of: dt.date, days: int) -> dict[int, int]:
    return _per_organisation(_messages_unanswered(as_of, days), organisation_ids)


def supervision_messages_late_counts(organisation_ids, start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, int]:
    return _per_organisation(_messages_late(start, end, as_of), organisation_ids)


def supervision_messages_due_counts(organisation_ids, start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, int]:
    """Messages whose answer deadline fell in [start, min(end, as_of)): what 按期答复 is measured against."""
    return _per_organisation(Message.objects.filter(due_date__gte=start, due_date__lt=min(end, as_of)),
                             organisation_ids)


def _message_list(qs, limit: int) -> list[dict]:
    return [{"title": m.subject, "date": m.received_on, "due": m.due_date, "answered_on": m.answered_on,
             "url": reverse("engagement_office:message", args=[m.pk])} for m in qs.order_by("received_on")[:limit]]


def supervision_messages_unanswered_list(organisation_id: int, as_of: dt.date, days: int,
                                         limit: int = 200) -> list[dict]:
    return _message_list(_messages_unanswered(as_of, days).filter(organisation_id=organisation_id), limit)


def supervision_messages_late_list(organisation_id: int, start: dt.date, end: dt.date, as_of: dt.date,
                                   limit: int = 200) -> list[dict]:
    return _message_list(_messages_late(start, end, as_of).filter(organisation_id=organisation_id), limit)


# ---------------------------------------------------------------- meetings held, for supervision (oversight.sources)

def _held_meetings(organisation_ids, start, end):
    qs = Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__gte=start, starts_at__lt=end)
    return qs.filter(organisation_id__in=organisation_ids) if organisation_ids is not None else qs


def supervision_meeting_counts(organisation_ids, start, end, *, live_only: bool = False) -> dict[int, int]:
    """Meetings open to the public held in [start, end) per organisation (only those with a live broadcast
    link when `live_only`: seed 003 一(二), 附件1 task 4)."""
    qs = _held_meetings(organisation_ids, start, end)
    if live_only:
        qs = qs.exclude(live_url="")
    return {r["organisation_id"]: r["n"] for r in qs.values("organisation_id").annotate(n=Count("pk")).order_by()}


def supervision_meeting_list(organisation_id: int, start, end) -> list[dict]:
    return [{"title": m.title, "date": m.starts_at, "live": bool(m.live_url),
             "url": reverse("engagement:meeting", args=[m.pk])}
            for m in _held_meetings([organisation_id], start, end).order_by("starts_at")]
