"""Public-participation endpoints (read-only, published data only): consultations with their adoption
reports, the major-decision catalogs, answered messages published with the sender's consent, and
meetings open to the public. Personal data is masked as on the portal; unpublished objects answer 404."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from gongkai.engagement import selectors
from gongkai.engagement.models import Consultation, Message
from gongkai.engagement.privacy import mask_name, mask_text
from gongkai.engagement.states import ConsultationStatus

from .schemas import Id, MessageNumberPath, OrgCode, Word, Year, errors

router = Router()


class GroupOut(Schema):
    title: str
    comments: int
    adoption: str
    adoption_label: str
    reason: str


class ConsultationOut(Schema):
    id: int
    organisation_code: str
    organisation_name: str
    title: str
    opens_at: str
    closes_at: str
    kind: str  # what is consulted on: major_decision / rule / normative (it fixes the minimum period)
    kind_label: str
    shortened_reason: str  # the published reason when the period is shorter than the minimum, else ""
    report_due: str | None
    phase: str
    status: str
    status_label: str
    url: str


class ConsultationDetail(ConsultationOut):
    draft_text: str
    basis: str
    explanation: str
    comment_count: int
    report_summary: str
    reported_at: str | None
    groups: list[GroupOut]


class EntryOut(Schema):
    title: str
    unit: str
    decision_time: str
    hearing: bool
    consultation_ids: list[int]


class DecisionCatalogOut(Schema):
    organisation_code: str
    organisation_name: str
    year: int
    published_at: str | None
    entries: list[EntryOut]


class MessageOut(Schema):
    number: str
    organisation_code: str
    kind: str
    kind_label: str
    to_leader: bool
    sender: str
    subject: str
    body: str
    received_on: str
    answer: str
    answered_on: str | None


class MeetingOut(Schema):
    id: int
    organisation_code: str
    kind: str
    kind_label: str
    title: str
    starts_at: str
    place: str
    invitation: str
    status: str
    status_label: str
    attendance: int | None
    live_url: str  # 网络直播 link ("" when none): an absolute http(s) link


def _consultation(c: Consultation) -> dict:
    return {"id": c.pk, "organisation_code": c.organisation.code, "organisation_name": c.organisation.name,
            "title": c.title, "opens_at": c.opens_at.isoformat(), "closes_at": c.closes_at.isoformat(),
            "kind": c.kind, "kind_label": c.get_kind_display(), "shortened_reason": c.shortened_reason,
            "report_due": c.report_due.isoformat() if c.report_due else None, "phase": selectors.consultation_phase(c), "status": c.status, "status_label": c.get_status_display(),
            "url": c.get_absolute_url()}


@router.get("/engagement/consultations/", response=list[ConsultationOut], tags=["engagement"],
         summary="Published consultations (征求意见)",
         description="phase: open, upcoming or closed at the current minute (Asia/Shanghai periods stored in UTC).")
def list_consultations(request, organisation: OrgCode = None, phase: Word = None):
    qs = selectors.public_consultations()
    if phase == "open":
        qs = selectors.open_consultations()
    elif phase == "closed":
        qs = selectors.closed_consultations()
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    return [_consultation(c) for c in qs.order_by("-opens_at")[:500]]


@router.get("/engagement/consultations/{consultation_id}", response={200: ConsultationDetail, **errors(404)},
         tags=["engagement"], summary="One consultation with its adoption report (采纳情况及理由) once published")
def consultation_detail(request, consultation_id: Id):
    c = get_object_or_404(selectors.public_consultations(), pk=consultation_id)
    reported = c.status == ConsultationStatus.REPORTED
    groups = [{"title": g.title, "comments": g.comments.count(), "adoption": g.adoption,
               "adoption_label": g.get_adoption_display(), "reason": g.reason} for g in c.groups.all()] \
        if reported else []
    return {**_consultation(c), "draft_text": c.draft_text, "basis": c.basis, "explanation": c.explanation,
            "comment_count": c.comments.count(), "report_summary": c.report_summary if reported else "",
            "reported_at": c.reported_at.isoformat() if reported and c.reported_at else None, "groups": groups}


@router.get("/engagement/decision-catalogs/", response=list[DecisionCatalogOut], tags=["engagement"],
         summary="Published catalogs of major administrative decisions (重大行政决策事项目录)")
def list_catalogs(request, organisation: OrgCode = None, year: Year = None):
    qs = selectors.published_catalogs().prefetch_related("entries__consultations")
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    if year:
        qs = qs.filter(year=year)
    return [{"organisation_code": cat.organisation.code, "organisation_name": cat.organisation.name,
             "year": cat.year, "published_at": cat.published_at.isoformat() if cat.published_at else None,
             "entries": [{"title": e.title, "unit": e.unit, "decision_time": e.decision_time, "hearing": e.hearing,
                          "consultation_ids": [c.pk for c in e.consultations.all()
                                               if c.status in selectors.PUBLIC_CONSULTATION]}
                         for e in cat.entries.all()]}
            for cat in qs[:200]]


def _message(m: Message) -> dict:
    return {"number": m.number, "organisation_code": m.organisation.code, "kind": m.kind,
            "kind_label": m.get_kind_display(), "to_leader": m.to_leader, "sender": mask_name(m.name),
            "subject": mask_text(m.subject), "body": mask_text(m.body), "received_on": m.received_on.isoformat(),
            "answer": mask_text(m.answer), "answered_on": m.answered_on.isoformat() if m.answered_on else None}


@router.get("/engagement/messages/", response=list[MessageOut], tags=["engagement"],
         summary="Answered messages published with the sender's consent (personal data masked)")
def list_messages(request, organisation: OrgCode = None):
    qs = selectors.published_messages()
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    return [_message(m) for m in qs.order_by("-published_at")[:500]]


@router.get("/engagement/messages/{number}", response={200: MessageOut, **errors(404)}, tags=["engagement"],
         summary="One published message and its answer")
def message_detail(request, number: MessageNumberPath):
    m = selectors.message_by_number(selectors.published_messages(), number)
    if m is None:
        raise Http404
    return _message(m)


@router.get("/engagement/meetings/", response=list[MeetingOut], tags=["engagement"],
         summary="Meetings and hearings open to the public (announced or held)")
def list_meetings(request, organisation: OrgCode = None):
    qs = selectors.public_meetings()
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    return [{"id": m.pk, "organisation_code": m.organisation.code, "kind": m.kind, "kind_label": m.get_kind_display(),
             "title": m.title, "starts_at": m.starts_at.isoformat(), "place": m.place, "invitation": m.invitation,
             "status": m.status, "status_label": m.get_status_display(), "attendance": m.attendance,
             "live_url": m.live_url}
            for m in qs[:500]]


class OpinionResponseOut(Schema):
    """A 政务舆情 event the organisation has responded to, as the public sees it."""

    id: int
    organisation_code: str
    organisation_name: str
    source: str
    summary: str
    severity: str
    severity_label: str
    first_seen_at: str | None
    responded_at: str | None
    response: str
    authoritative_info_at: str | None
    authoritative_info: str
    press_conference_at: str | None


@router.get("/engagement/opinion-responses/", response=list[OpinionResponseOut], tags=["engagement"],
            summary="Responses to public-opinion events (政务舆情回应)",
            description="Events the organisation has responded to, newest response first: its response, the "
                        "authoritative information and press conference if any. Personal data in the event "
                        "summary is masked. Open and escalated events are not listed.")
def list_opinion_responses(request, organisation: OrgCode = None):
    return selectors.public_opinion_responses(organisation_code=organisation)
