"""Reads of disclosure requests: visibility, duplicates, due-soon/overdue lists and the report table."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from gongkai.core import clock
from gongkai.organisations.permissions import Action, organisations_where
from gongkai.workdays.calendar import get_calendar

from .constants import REASONS, ApplicantType, Outcome
from .models import DisclosureRequest
from .states import OPEN_STATES, RequestStatus

DUE_SOON_WORKING_DAYS = 3
SIMILARITY = 0.85


def requests_visible_to(user) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.filter(organisation__in=organisations_where(user, Action.FOI_VIEW))


def open_requests(organisations) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.filter(organisation__in=organisations, status__in=OPEN_STATES)


# Bounded work whatever the applicant sends (docs/security.md): the first SIMILARITY_CHARS characters
# are compared (difflib's ratio is quadratic in the worst case), against at most SIMILARITY_CANDIDATES
# earlier requests of the applicant, newest first.
SIMILARITY_CHARS = 1000
SIMILARITY_CANDIDATES = 30


def _similar(a: str, b: str) -> bool:
    a, b = "".join(a.split())[:SIMILARITY_CHARS], "".join(b.split())[:SIMILARITY_CHARS]
    if not a or not b:
        return False
    if a == b:
        return True
    matcher = difflib.SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY
            and matcher.ratio() >= SIMILARITY)


def find_duplicates(req: DisclosureRequest) -> QuerySet[DisclosureRequest]:
    """Return earlier requests of the same applicant to the same organisation for the same information.

    Same information: the same document number, or descriptions at least 85% alike
    (difflib ratio, whitespace ignored). Offered to the clerk as 重复申请 (第三十六条第（六）项);
    the clerk decides.
    """
    candidates = DisclosureRequest.objects.filter(
        organisation=req.organisation, applicant_key=req.applicant_key,
    ).exclude(pk=req.pk) if req.applicant_key else DisclosureRequest.objects.none()
    if req.pk:
        candidates = candidates.filter(received_on__lte=req.received_on, pk__lt=req.pk)
    ids = [
        c.pk for c in candidates.only("pk", "description", "document_number").order_by("-received_on", "-pk")[
            :SIMILARITY_CANDIDATES]
        if (req.document_number and c.document_number.strip() == req.document_number.strip())
        or _similar(c.description, req.description)
    ]
    return DisclosureRequest.objects.filter(pk__in=ids).order_by("received_on", "pk")


@dataclass
class Attention:
    """Open work of some organisations that needs action, as of one day."""

    day: dt.date
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    correction_notice_due: list = field(default_factory=list)  # (request, last day to send the notice)
    correction_lapsed: list = field(default_factory=list)
    third_party_overdue: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.correction_notice_due or self.correction_lapsed
                    or self.third_party_overdue)

    def counts(self) -> dict:
        return {k: len(getattr(self, k)) for k in
                ("overdue", "due_soon", "correction_notice_due", "correction_lapsed", "third_party_overdue")}


def attention(organisations, *, day: dt.date | None = None, soon: int = DUE_SOON_WORKING_DAYS) -> Attention:
    """Return the overdue and due-soon requests of `organisations` on `day` (default today)."""
    from .deadlines import correction_notice_due

    day = day or clock.today()
    horizon = get_calendar().add_working_days(day, soon)
    result = Attention(day)
    qs = open_requests(organisations).select_related("organisation", "unit").order_by("due_date", "pk")
    for req in qs:
        if req.status == RequestStatus.AWAITING_CORRECTION:
            if req.correction_due and day > req.correction_due:
                result.correction_lapsed.append(req)
            continue
        if req.status == RequestStatus.THIRD_PARTY:
            pause = req.open_pause
            if pause and day > dt.date.fromisoformat(pause["reply_due"]):
                result.third_party_overdue.append(req)
        if req.due_date and day > req.due_date:
            result.overdue.append(req)
        elif req.due_date and req.due_date <= horizon:
            result.due_soon.append(req)
        if req.status == RequestStatus.RECEIVED and not req.correction_asked_on:
            notice_due = correction_notice_due(req.received_on)
            if day <= notice_due <= horizon:
                result.correction_notice_due.append((req, notice_due))
    return result


# ------------------------------------------------------------------------------ work queues (dashboard)

QUEUES = {
    "unassigned": _lazy("新收到、尚未分办的申请"),
    "extensions": _lazy("待批准的延期申请"),
    "due_soon": _lazy("即将到期的申请"),
    "overdue": _lazy("已逾期的申请"),
}
# Who acts on each queue: only those see its panel (a count links to the filtered list).
QUEUE_ACTIONS = {
    "unassigned": Action.FOI_HANDLE,
    "extensions": Action.FOI_APPROVE_EXTENSION,
    "due_soon": Action.FOI_HANDLE,
    "overdue": Action.FOI_HANDLE,
}


def queue(name: str, qs: QuerySet[DisclosureRequest], *, day: dt.date | None = None,
          soon: int = DUE_SOON_WORKING_DAYS) -> QuerySet[DisclosureRequest]:
    """Narrow `qs` to the open requests of work queue `name` on `day`."""
    day = day or clock.today()
    qs = qs.filter(status__in=OPEN_STATES)
    if name == "unassigned":
        return qs.filter(status=RequestStatus.RECEIVED, unit__isnull=True)
    if name == "extensions":
        return qs.filter(extension_requested_on__isnull=False)
    if name == "due_soon":
        return qs.filter(due_date__gte=day, due_date__lte=get_calendar().add_working_days(day, soon))
    if name == "overdue":
        return qs.filter(due_date__lt=day)
    raise ValueError(name)


def work_queues(user, *, day: dt.date | None = None) -> list[dict]:
    """Return the queues `user` can act on, each with its count and the organisations it covers."""
    out = []
    for name, label in QUEUES.items():
        orgs = organisations_where(user, QUEUE_ACTIONS[name])
        if not orgs.exists():
            continue
        count = queue(name, DisclosureRequest.objects.filter(organisation__in=orgs), day=day).count()
        out.append({"name": name, "label": label, "count": count})
    return out


# ------------------------------------------------------------------------------ annual report, section 三

COLUMNS: list[tuple[str, str]] = [(t.value, str(t.label)) for t in ApplicantType] + [("total", "总计")]


@dataclass
class StatRow:
    key: str
    label: str
    level: int  # 0: 一/二/三/四; 1: （一）…; 2: 1. 2. …
    values: dict[str, int] | None  # None for heading rows without figures (三、本年度办理结果)
    counted_in_total: bool = True


@dataclass
class RequestStatistics:
    organisation_id: int
    year: int
    rows: list[StatRow]

    def row(self, key: str) -> StatRow:
        return next(r for r in self.rows if r.key == key)

    def value(self, key: str, column: str = "total") -> int:
        return self.row(key).values[column]

    def consistency_problems(self) -> list[str]:
        """Return the columns where 一+二 ≠ 三(总计)+四 (empty when consistent)."""
        problems = []
        for col, label in COLUMNS:
            left = self.value("new", col) + self.value("carried_in", col)
            right = self.value("total", col) + self.value("carried_out", col)
            if left != right:
                problems.append(f"{label}：第一项加第二项为{left}，第三项加第四项为{right}。")
        return problems

    def as_dict(self) -> dict:
        return {
            "year": self.year, "columns": [{"key": k, "label": l} for k, l in COLUMNS],
            "rows": [{"key": r.key, "label": r.label, "level": r.level, "values": r.values} for r in self.rows],
            "consistent": not self.consistency_problems(),
        }


_OUTCOME_HEADS = {
    Outcome.DISCLOSED: "（一）予以公开",
    Outcome.PARTIAL: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    Outcome.WITHHELD: "（三）不予公开",
    Outcome.UNAVAILABLE: "（四）无法提供",
    Outcome.NOT_PROCESSED: "（五）不予处理",
    Outcome.OTHER: "（六）其他处理",
}


def request_statistics(organisation, year: int) -> RequestStatistics:
    """Return the section 三 table of `organisation` for `year`, computed by database aggregation.

    * 一、本年新收: received in `year`.
    * 二、上年结转: received before `year` and still open on 31 December of the year before.
    * 三、本年度办理结果: closed in `year`, by outcome and reason; （六）其他处理 carries the 2021
      split (逾期不补正 / 逾期未缴费 / 其他) as sub-rows that sum to it; （七）总计.
    * 四、结转下年度继续办理: received by 31 December of `year` and not closed by then.
    A request open across New Year is counted in both years (carried out, then carried in), so
    一+二 = 三（总计）+四 holds per column by construction.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    base = DisclosureRequest.objects.filter(organisation=organisation)
    flows = {
        "new": Q(received_on__gte=start),
        "carried_in": Q(received_on__lt=start),
        "carried_out": Q(closed_on__isnull=True) | Q(closed_on__gt=end),
    }
    # Only requests that touch the year (received by its end, not closed before it) are read, in
    # two index ranges (still open; closed from 1 January on); within them the flow conditions
    # above reduce to these simpler forms.
    touching = [base.filter(closed_on__isnull=True, received_on__lte=end),
                base.filter(closed_on__gte=start, received_on__lte=end)]
    names = ["new", "carried_in", "total", "carried_out"] + [f"o:{o.value}" for o in Outcome] + [
        f"r:{r.key}" for r in REASONS if r.counted]
    figures: dict[str, dict[str, int]] = {n: {c: 0 for c, _l in COLUMNS} for n in names}

    def add(name: str, applicant_type: str, n: int) -> None:
        figures[name][applicant_type] += n
        figures[name]["total"] += n

    for part in touching:
        for group in part.values("applicant_type").annotate(
                **{name: Count("id", filter=q) for name, q in flows.items()}).order_by():
            for name in flows:
                add(name, group["applicant_type"], group[name])
    # The outcome rows: one GROUP BY over the requests closed in the year (an index range).
    counted_reasons = {r.key for r in REASONS if r.counted}
    for group in base.filter(closed_on__gte=start, closed_on__lte=end).values(
            "applicant_type", "outcome", "reason").annotate(n=Count("id")).order_by():
        add("total", group["applicant_type"], group["n"])
        if f"o:{group['outcome']}" in figures:
            add(f"o:{group['outcome']}", group["applicant_type"], group["n"])
        key = f"{group['outcome']}.{group['reason']}"
        if key in counted_reasons:
            add(f"r:{key}", group["applicant_type"], group["n"])

    rows = [
        StatRow("new", "一、本年新收政府信息公开申请数量", 0, figures["new"]),
        StatRow("carried_in", "二、上年结转政府信息公开申请数量", 0, figures["carried_in"]),
        StatRow("results", "三、本年度办理结果", 0, None),
    ]
    for outcome in Outcome:
        reasons = [r for r in REASONS if r.outcome == outcome and r.counted]
        head = StatRow(f"outcome.{outcome.value}", _OUTCOME_HEADS[outcome], 1, figures[f"o:{outcome.value}"])
        if outcome in (Outcome.WITHHELD, Outcome.UNAVAILABLE, Outcome.NOT_PROCESSED):
            head.values = None  # the official table has no subtotal row for （三）（四）（五）
        rows.append(head)
        for n, reason in enumerate(reasons, start=1):
            rows.append(StatRow(reason.key, f"{n}.{reason.label}", 2, figures[f"r:{reason.key}"],
                                counted_in_total=outcome != Outcome.OTHER))
    rows.append(StatRow("total", "（七）总计", 1, figures["total"]))
    rows.append(StatRow("carried_out", "四、结转下年度继续办理", 0, figures["carried_out"]))
    return RequestStatistics(organisation.pk, year, rows)


def appeal_statistics(organisation, year: int) -> dict[str, dict[str, int]]:
    """Return section 四: per appeal kind, the count per result and the total, for appeals filed by the end of `year`.

    Counted as of 31 December: an appeal decided after that is 尚未审结 in this year's table.
    """
    from .constants import AppealKind, AppealResult
    from .models import Appeal

    end = dt.date(year, 12, 31)
    qs = Appeal.objects.filter(request__organisation=organisation, filed_on__gte=dt.date(year, 1, 1), filed_on__lte=end)
    decided = Q(decided_on__lte=end)
    aggregates = {}
    for r in AppealResult:
        if r == AppealResult.PENDING:
            aggregates[r.value] = Count("id", filter=Q(result=r.value) | ~decided | Q(decided_on__isnull=True))
        else:
            aggregates[r.value] = Count("id", filter=Q(result=r.value) & decided)
    out = {k.value: {r.value: 0 for r in AppealResult} | {"total": 0} for k in AppealKind}
    for group in qs.values("kind").annotate(**aggregates).order_by():
        counts = {r.value: group[r.value] for r in AppealResult}
        out[group["kind"]] = counts | {"total": sum(counts.values())}
    return out


# ---------------------------------------------------------------- reads for the annual report
# The report (gongkai.reports) lays these out in the official format; it reads requests and
# appeals only through the functions below.

def requests_of(organisation) -> QuerySet[DisclosureRequest]:
    """Return every request of `organisation` (the base of the report's figures and drill-downs)."""
    return DisclosureRequest.objects.filter(organisation=organisation)


def report_request_filters(year: int) -> dict[str, Q]:
    """Return the filters of section 三's flows for `year`: new, carried_in, closed, carried_out."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return {
        "new": Q(received_on__gte=start, received_on__lte=end),
        "carried_in": Q(received_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start)),
        "closed": Q(closed_on__gte=start, closed_on__lte=end),
        "carried_out": Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
    }


def appeals_behind(organisation, year: int, kind: str, result: str):
    """Return the appeals behind one cell of section 四 (filed in `year`, result as of 31 December)."""
    from .constants import AppealResult
    from .models import Appeal

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    q = Q(filed_on__gte=start, filed_on__lte=end, kind=kind)
    if result == AppealResult.PENDING.value:
        q &= Q(result=result) | Q(decided_on__isnull=True) | Q(decided_on__gt=end)
    elif result != "total":
        q &= Q(result=result, decided_on__lte=end)
    return Appeal.objects.filter(request__organisation=organisation).filter(q).select_related("request")


# ---------------------------------------------------------------- figures for supervision
# Read by gongkai.oversight without a user: it restricts them to the organisations it evaluates and
# shows them only to users who may supervise those organisations (its own permission checks).

def _per_organisation(qs, organisation_ids) -> dict[int, int]:
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    return {r["organisation_id"]: r["n"] for r in qs.values("organisation_id").annotate(n=Count("pk")).order_by()}


def _closed_between(first_day: dt.date, last_day: dt.date):
    return DisclosureRequest.objects.filter(status=RequestStatus.CLOSED, closed_on__gte=first_day,
                                            closed_on__lte=last_day)


def _late_between(start: dt.date, end: dt.date, as_of: dt.date):
    """Closed in [start, end) after the due date, or still open with a due date in [start, min(end, as_of))."""
    closed_late = Q(status=RequestStatus.CLOSED, closed_on__gte=start, closed_on__lt=end, closed_on__gt=F("due_date"))
    open_late = ~Q(status=RequestStatus.CLOSED) & Q(due_date__gte=start, due_date__lt=min(end, as_of))
    return DisclosureRequest.objects.filter(closed_late | open_late)


def supervision_closed_counts(organisation_ids, first_day: dt.date, last_day: dt.date) -> dict[int, int]:
    """Requests closed from `first_day` to `last_day` (inclusive) per organisation (None: every organisation)."""
    return _per_organisation(_closed_between(first_day, last_day), organisation_ids)


def supervision_late_counts(organisation_ids, start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, int]:
    """Requests answered late in [start, end), or open past a due date in that window (up to `as_of`)."""
    return _per_organisation(_late_between(start, end, as_of), organisation_ids)


def supervision_due_counts(organisation_ids, start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, int]:
    """Requests closed in [start, end), or still open with a due date in that window (up to `as_of`): what
    按期答复 is measured on."""
    closed = Q(status=RequestStatus.CLOSED, closed_on__gte=start, closed_on__lt=end)
    still_open = ~Q(status=RequestStatus.CLOSED) & Q(due_date__gte=start, due_date__lt=min(end, as_of))
    return _per_organisation(DisclosureRequest.objects.filter(closed | still_open), organisation_ids)


def _supervision_list(qs, limit: int) -> list[dict]:
    return [{"tracking_number": r.tracking_number, "date": r.closed_on or r.due_date, "received_on": r.received_on,
             "due_date": r.due_date, "status": r.get_status_display(), "url": reverse("foi_office:detail", args=[r.pk])}
            for r in qs.order_by("-received_on")[:limit]]


def supervision_closed_list(organisation_id: int, first_day: dt.date, last_day: dt.date,
                            limit: int = 200) -> list[dict]:
    return _supervision_list(_closed_between(first_day, last_day).filter(organisation_id=organisation_id), limit)


def supervision_late_list(organisation_id: int, start: dt.date, end: dt.date, as_of: dt.date,
                          limit: int = 200) -> list[dict]:
    return _supervision_list(_late_between(start, end, as_of).filter(organisation_id=organisation_id), limit)
