"""Reads of the 双公示 register. Selectors for other apps (oversight, reports) return plain figures."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.core import clock, privacy, validators
from gongkai.organisations.permissions import Action, organisations_where

from . import rules
from .models import Decision
from .states import PUBLIC_STATES, DecisionKind, DecisionStatus, SubjectType

PAGE_SIZE = 20
MAX_QUERY = 100


# ------------------------------------------------------------------ the public portal

def public_decisions(*, q: str = "", kind: str = "", organisation_code: str = ""):
    """Return the published decisions matching a search: a credit code or 文书号 (exact or part), or the name of
    an organisation (natural persons are never found by name: their names are shown masked)."""
    qs = Decision.objects.filter(status__in=PUBLIC_STATES).select_related("organisation")
    if kind in DecisionKind.values:
        qs = qs.filter(kind=kind)
    if organisation_code:
        qs = qs.filter(organisation__code=organisation_code)
    q = validators.clean_text(q)[:MAX_QUERY]
    if q:
        folded = validators.normalise_id_number(q)
        match = Q(document_number__icontains=q) | Q(subject_name__icontains=q, subject_type__in=[
            SubjectType.LEGAL, SubjectType.BUSINESS])
        if folded:
            match |= Q(credit_code__icontains=folded)
        qs = qs.filter(match)
    return qs.order_by("-published_on", "-decided_on", "-id")


def public_decision(pk: int) -> Decision | None:
    return Decision.objects.filter(pk=pk, status__in=PUBLIC_STATES).select_related("organisation").first()


def _mask_text(text: str) -> str:
    """Mask every ID, card, mobile number and e-mail address found in `text` (core.privacy)."""
    found = {(m.kind, m.value) for m in privacy.scan(text)}
    return privacy.mask_text(text, found)[0]


def public_view(d: Decision) -> dict:
    """Return what the public sees of a decision: natural persons' names and numbers masked, free text scanned."""
    person = d.is_person
    return {
        "subject_name": validators.mask_name(d.subject_name) if person else d.subject_name,
        "id_number": privacy.mask_value("id_number", d.id_number) if (person and d.id_number) else "",
        "legal_representative": "" if person else d.legal_representative,
        "facts": _mask_text(d.facts), "basis": _mask_text(d.basis), "content": _mask_text(d.content),
    }


# ------------------------------------------------------------------ the office

def office_decisions(user, *, status: str = "", overdue: bool = False, kind: str = "", year: int | None = None,
                     organisation_id: int | None = None):
    """Return the decisions `user` may read, filtered; overdue: not published and past the due date."""
    qs = Decision.objects.filter(organisation__in=organisations_where(user, Action.DECISION_VIEW)) \
        .select_related("organisation")
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if status in DecisionStatus.values:
        qs = qs.filter(status=status)
    if kind in DecisionKind.values:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(decided_on__year=year)
    if overdue:
        qs = qs.filter(status=DecisionStatus.DRAFT, due_on__lt=clock.today())
    return qs.order_by("status", "due_on", "-id") if overdue or status == DecisionStatus.DRAFT else qs


def dashboard(user) -> dict:
    """The office dashboard's queue: decisions waiting to be published, overdue first."""
    orgs = organisations_where(user, Action.DECISION_PUBLISH) | organisations_where(user, Action.DECISION_EDIT)
    if not orgs.exists():
        return {"show": False}
    waiting = list(Decision.objects.filter(organisation__in=orgs, status=DecisionStatus.DRAFT)
                   .select_related("organisation").order_by("due_on")[:20])
    return {"show": True, "waiting": waiting, "today": clock.today()}


# ------------------------------------------------------------------ supervision (oversight, plain figures)

def _due_in(start: dt.date, end: dt.date, as_of: dt.date):
    """Decisions whose publication was due in [start, min(end, as_of)): what 按时公示 is measured against."""
    return Decision.objects.filter(due_on__gte=start, due_on__lt=min(end, as_of))


def _per_organisation(qs, organisation_ids) -> dict[int, int]:
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    return {r["organisation_id"]: r["n"] for r in qs.values("organisation_id").annotate(n=Count("id")).order_by()}


def _on_time_q():
    return Q(published_on__isnull=False, published_on__lte=F("due_on"))


def supervision_due_counts(organisation_ids, start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, int]:
    return _per_organisation(_due_in(start, end, as_of), organisation_ids)


def supervision_on_time_counts(organisation_ids, start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, int]:
    """Decisions due in the window and published by their due date."""
    return _per_organisation(_due_in(start, end, as_of).filter(_on_time_q()), organisation_ids)


def supervision_late_counts(organisation_ids, start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, int]:
    """Decisions due in the window and published after their due date or not published at all."""
    return _per_organisation(_due_in(start, end, as_of).exclude(_on_time_q()), organisation_ids)


def timeliness(d: Decision, today: dt.date) -> str:
    """Return in words whether a decision was published on time."""
    if d.published_on is None:
        if d.status != DecisionStatus.DRAFT:
            return str(d.get_status_display())
        if today > d.due_on:
            return _("逾期未公示")
        return _("待公示")
    late = rules.working_days_late(d.due_on, d.published_on)
    return _("逾期%(n)d个工作日公示") % {"n": late} if late else _("按时公示")


def supervision_list(organisation_id: int, start: dt.date, end: dt.date, as_of: dt.date, limit: int = 200) -> list[dict]:
    """The rows behind the figures: each decision due in the window, its dates and timeliness in words."""
    today = clock.today()
    rows = []
    for d in _due_in(start, end, as_of).filter(organisation_id=organisation_id).order_by("due_on", "id")[:limit]:
        rows.append({"title": f"{d.get_kind_display()} {d.document_number}", "date": d.decided_on,
                     "due": d.due_on, "published_on": d.published_on, "status": timeliness(d, today),
                     "on_time": d.published_on is not None and d.published_on <= d.due_on,
                     "url": reverse("decisions_office:detail", args=[d.pk])})
    return rows


# ------------------------------------------------------------------ the annual report (section 二)

def year_counts(year: int, organisation_ids=None) -> dict[int, dict[str, int]]:
    """Return {organisation id: {"licensing": n, "penalty": n}}: decisions with a 决定日期 in `year` entered in
    the register (本年处理决定数量 of the annual report's 第二十条第（五）（六）项), whatever their state."""
    qs = Decision.objects.filter(decided_on__year=year)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    out: dict[int, dict[str, int]] = {}
    for r in qs.values("organisation_id", "kind").annotate(n=Count("id")).order_by():
        out.setdefault(r["organisation_id"], {k: 0 for k in DecisionKind.values})[r["kind"]] = r["n"]
    return out


def organisation_year_counts(organisation_id: int, year: int) -> dict[str, int]:
    return year_counts(year, [organisation_id]).get(organisation_id, {k: 0 for k in DecisionKind.values})
