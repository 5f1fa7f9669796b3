"""Reads of records: visibility, dashboards, the self-check list and the interpretation quota."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.core.models import AuditEvent
from gongkai.organisations.permissions import Action, can, organisations_where
from gongkai.workdays import calendar

from .models import Interpretation, InterpretationQuota, Record
from .states import Attribute, InterpretationForm, RecordStatus

DUE_SOON_WORKING_DAYS = 5


def published():
    return Record.objects.filter(status=RecordStatus.PUBLISHED).select_related("organisation", "catalog_item")


def public_url_maker():
    """Return pk → public URL of a record, reversing the URL once (pages listing hundreds of records:
    one reverse() per row was a third of the statutory column's render)."""
    sentinel = 987654321
    head, tail = reverse("records:record", args=[sentinel]).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def can_view(user, record: Record) -> bool:
    """Return True when `user` may see the record (published, or staff of its organisation / supervisors)."""
    return record.status == RecordStatus.PUBLISHED or can(user, Action.RECORD_VIEW_UNPUBLISHED, record.organisation)


def visible_to(user):
    orgs = organisations_where(user, Action.RECORD_VIEW_UNPUBLISHED)
    return Record.objects.filter(Q(status=RecordStatus.PUBLISHED) | Q(organisation__in=orgs)).select_related(
        "organisation", "catalog_item")


def staff_records(user):
    """Records of the organisations whose unpublished work the user may see."""
    return Record.objects.filter(organisation__in=organisations_where(user, Action.RECORD_VIEW_UNPUBLISHED)) \
        .select_related("organisation", "catalog_item")


def awaiting(user) -> dict[str, list[Record]]:
    """Return the records waiting for this user's decision, by stage."""
    def at(action, status):
        return list(Record.objects.filter(status=status, organisation__in=organisations_where(user, action))
                    .select_related("organisation")[:50])

    return {
        "attribute": at(Action.RECORD_REVIEW_ATTRIBUTE, RecordStatus.ATTRIBUTE_REVIEW),
        "secrecy": at(Action.RECORD_REVIEW_SECRECY, RecordStatus.SECRECY_REVIEW)
        + at(Action.RECORD_REVIEW_SECRECY, RecordStatus.SECRECY_ESCALATED),
        "leader": at(Action.RECORD_APPROVE, RecordStatus.LEADER_APPROVAL),
        "publish": at(Action.RECORD_PUBLISH, RecordStatus.APPROVED),
    }


OPEN = [RecordStatus.DRAFT, RecordStatus.RETURNED, RecordStatus.ATTRIBUTE_REVIEW, RecordStatus.SECRECY_REVIEW,
        RecordStatus.SECRECY_ESCALATED, RecordStatus.LEADER_APPROVAL, RecordStatus.APPROVED]


def pending_publication(user):
    """Unpublished proactive records with a due date, of the organisations the user may oversee."""
    return staff_records(user).filter(status__in=OPEN, attribute=Attribute.PROACTIVE,
                                      publication_due__isnull=False).order_by("publication_due", "pk")


def due_soon_limit(today: dt.date | None = None) -> dt.date:
    today = today or clock.today()
    return calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)


def overdue(user, today: dt.date | None = None):
    today = today or clock.today()
    return pending_publication(user).filter(publication_due__lt=today)


def due_soon(user, today: dt.date | None = None):
    today = today or clock.today()
    return pending_publication(user).filter(publication_due__gte=today, publication_due__lte=due_soon_limit(today))


def reading_room_pending(user):
    """Published records whose paper copy the user's own office still has to send to the reading room
    (the office's queue: a supervisor does not carry a county's paper; issue 21 item 13)."""
    return Record.objects.filter(organisation__in=organisations_where(user, Action.RECORD_MANAGE),
                                 status=RecordStatus.PUBLISHED, reading_room_copy__isnull=True) \
        .select_related("organisation", "catalog_item")


def history(record: Record) -> list[dict]:
    """Return the audit trail of the record and its interpretation, oldest first, in words.

    Each entry is ``audit.describe()``: when, who (display name), what (the event's Chinese
    label), the changes ("状态：起草中 → 保密审查中") and the reason — never raw codes or logins.
    """
    events = list(audit.history(record))
    interpretation = Interpretation.objects.filter(record=record).first()
    if interpretation is not None:
        events.extend(audit.history(interpretation))
    # Its privacy findings' and self-check entries' transitions name the record (also of deleted findings).
    events.extend(AuditEvent.objects.filter(target_type__in=["records.privacyfinding", "records.selfcheckentry"],
                                            after__record=record.pk).select_related("actor"))
    return [audit.describe(e) for e in sorted(events, key=lambda e: (e.created_at, e.pk))]


@dataclass
class QuotaFigure:
    year: int
    total: int
    non_text: int
    minimum_share: Decimal | None
    source: str

    @property
    def share(self) -> Decimal | None:
        return (Decimal(self.non_text) / Decimal(self.total)).quantize(Decimal("0.001")) if self.total else None

    @property
    def met(self) -> bool | None:
        if self.minimum_share is None or self.share is None:
            return None
        return self.share >= self.minimum_share


def quota_for(year: int) -> InterpretationQuota | None:
    return InterpretationQuota.objects.filter(from_year__lte=year).order_by("-from_year").first()


def interpretation_figure(organisation, year: int, *, include_subtree: bool = False) -> QuotaFigure:
    """Return the share of non-text interpretations published in `year` against the quota in force."""
    qs = Interpretation.objects.filter(published_at__year=year, record__status=RecordStatus.PUBLISHED)
    if include_subtree:
        qs = qs.filter(record__organisation__path__startswith=organisation.path)
    else:
        qs = qs.filter(record__organisation=organisation)
    total = qs.count()
    non_text = qs.exclude(form="text").count()
    quota = quota_for(year)
    return QuotaFigure(year, total, non_text, quota.minimum_share if quota else None, quota.source if quota else "")


def valid_normative_documents(organisation, on_date):
    """Return the published rules and normative documents of `organisation` in force on `on_date`.

    For the annual report's 现行有效件数 (section 二, 第二十条第（一）项): a record with a document
    type (规章 / 行政规范性文件), published on or before the date, and neither expired (失效) nor
    repealed (废止) on or before it. A document without a recorded validity is in force. Filter on
    ``issued_here`` for the documents the organisation itself issued.
    """
    from .states import Validity

    return (Record.objects.filter(organisation=organisation, status=RecordStatus.PUBLISHED,
                                  published_at__date__lte=on_date)
            .exclude(document_type="")
            .filter(Q(validity__in=["", Validity.VALID, Validity.AMENDED])
                    | Q(validity_changed_on__isnull=True)
                    | Q(validity_changed_on__gt=on_date)))


def open_findings_by_kind(record: Record) -> list[tuple[str, str, int]]:
    """Return (kind, label, count) of the record's open privacy findings, for "mask all of a kind"."""
    from django.db.models import Count

    from .states import FindingKind, FindingStatus

    rows = (record.findings.filter(status=FindingStatus.OPEN).values("kind").annotate(n=Count("id")).order_by("kind"))
    return [(row["kind"], str(FindingKind(row["kind"]).label), row["n"]) for row in rows]


def item_targets(organisation) -> dict:
    """Return the organisation's own item targets by catalog key."""
    from .models import ItemTarget

    return {t.catalog_key: t for t in ItemTarget.objects.filter(organisation=organisation)}


# ---------------------------------------------------------------- figures for supervision
# Read by gongkai.oversight without a user: it restricts them to the organisations it evaluates and
# shows them only to users who may supervise those organisations (its own permission checks).

def _in(qs, organisation_ids, field="organisation_id"):
    return qs if organisation_ids is None else qs.filter(**{f"{field}__in": list(organisation_ids)})


def _per_organisation(qs, field="organisation_id") -> dict[int, int]:
    return {row[field]: row["n"] for row in qs.values(field).annotate(n=Count("pk")).order_by()}


def _record_url(pk) -> str:
    return reverse("records_office:record", args=[pk])


def supervision_published_counts(organisation_ids, start, end) -> dict[int, int]:
    """Records published in [start, end) per organisation (`organisation_ids` None: every organisation)."""
    return _per_organisation(_in(published().filter(published_at__gte=start, published_at__lt=end),
                                 organisation_ids))


def supervision_published_list(organisation_id: int, start, end, limit: int = 200) -> list[dict]:
    """The organisation's records published in [start, end), newest first: title, date, index number, link."""
    # No ORDER BY in SQL: with it the planners walk the all-organisation (status, published_at)
    # index across the whole quarter instead of the organisation's own (organisation, status, …)
    # index. SQLite, which has no histogram, also takes the date range as a reason to walk that
    # index, so there the range is applied here to the organisation's rows (a few thousand at most).
    rows = Record.objects.filter(status=RecordStatus.PUBLISHED, organisation_id=organisation_id)
    if connection.vendor != "sqlite":
        rows = rows.filter(published_at__gte=start, published_at__lt=end)
    rows = rows.values_list("pk", "title", "published_at", "index_number").order_by()
    newest = sorted((r for r in rows if start <= r[2] < end), key=lambda r: r[2], reverse=True)[:limit]
    return [{"title": t, "date": when, "index_number": n, "url": _record_url(pk)} for pk, t, when, n in newest]


def supervision_latest_published(organisation_id: int, before, limit: int = 5) -> list[dict]:
    """The organisation's newest published records before `before` (what its home page shows)."""
    qs = published().filter(organisation_id=organisation_id, published_at__lt=before).order_by("-published_at")
    return [{"title": r.title, "date": r.published_at, "index_number": r.index_number, "url": _record_url(r.pk)}
            for r in qs[:limit]]


def supervision_last_published(organisation_ids, before) -> dict[int, dt.datetime]:
    """The moment each organisation last published a record before `before`."""
    qs = _in(published().filter(published_at__lt=before), organisation_ids)
    return {r["organisation_id"]: r["last"]
            for r in qs.values("organisation_id").annotate(last=Max("published_at")).order_by()}


def supervision_last_published_by_item(organisation_ids, catalog_keys, before) -> dict[tuple[int, str], dt.datetime]:
    """The moment each (organisation, catalog item) last had a record published before `before`."""
    qs = _in(published().filter(published_at__lt=before, catalog_key__in=sorted(catalog_keys)), organisation_ids)
    return {(r["organisation_id"], r["catalog_key"]): r["last"]
            for r in qs.values("organisation_id", "catalog_key").annotate(last=Max("published_at")).order_by()}


def supervision_catalog_keys(organisation_id: int) -> list[str]:
    """The catalog items under which the organisation has published records."""
    return sorted(set(published().filter(organisation_id=organisation_id).values_list("catalog_key", flat=True)))


def _overdue(due_from: dt.date, due_before: dt.date):
    """Proactive records due in [due_from, due_before) that were not published, or published late."""
    return Record.objects.filter(attribute=Attribute.PROACTIVE, publication_due__isnull=False,
                                 publication_due__gte=due_from, publication_due__lt=due_before).filter(
        Q(published_at__isnull=True) | Q(published_at__date__gt=F("publication_due")))


def supervision_overdue_counts(organisation_ids, due_from: dt.date, due_before: dt.date) -> dict[int, int]:
    return _per_organisation(_in(_overdue(due_from, due_before), organisation_ids))


def supervision_due_counts(organisation_ids, due_from: dt.date, due_before: dt.date) -> dict[int, int]:
    """Proactive records due in [due_from, due_before) per organisation: what 按时限主动公开 is measured on."""
    qs = Record.objects.filter(attribute=Attribute.PROACTIVE, publication_due__gte=due_from,
                               publication_due__lt=due_before)
    return _per_organisation(_in(qs, organisation_ids))


def supervision_overdue_list(organisation_id: int, due_from: dt.date, due_before: dt.date,
                             limit: int = 200) -> list[dict]:
    qs = _overdue(due_from, due_before).filter(organisation_id=organisation_id).order_by("publication_due")
    return [{"title": r.title, "due": r.publication_due, "status": r.get_status_display(), "url": _record_url(r.pk)}
            for r in qs[:limit]]


def _interpretations(start, end, non_text: bool):
    qs = Interpretation.objects.filter(published_at__isnull=False, record__status=RecordStatus.PUBLISHED,
                                       published_at__gte=start, published_at__lt=end)
    return qs.exclude(form=InterpretationForm.TEXT) if non_text else qs


def supervision_interpretation_counts(organisation_ids, start, end, *, non_text: bool = False) -> dict[int, int]:
    """Interpretations published in [start, end) with a published record (only non-text forms if asked)."""
    return _per_organisation(_in(_interpretations(start, end, non_text), organisation_ids, "record__organisation_id"),
                             "record__organisation_id")


def supervision_interpretation_list(organisation_id: int, start, end, *, non_text: bool = False,
                                    limit: int = 200) -> list[dict]:
    qs = _interpretations(start, end, non_text).filter(record__organisation_id=organisation_id)
    return [{"title": i.title, "date": i.published_at, "form": i.get_form_display(), "url": _record_url(i.record_id)}
            for i in qs.order_by("-published_at")[:limit]]


def record_of(organisation_id: int, pk) -> Record | None:
    """The record `pk` if `organisation_id` holds it (any status), else None: evidence an office cites."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**63:
        return None
    return Record.objects.filter(pk=pk, organisation_id=organisation_id).select_related("organisation").first()


def index_numbers_in_use(organisation, numbers=None) -> set[str]:
    """The index numbers among ``numbers`` (all, when None) held by a record of the organisation (for importers)."""
    records = Record.objects.filter(organisation=organisation).exclude(index_number="")  # drafts have none yet
    if numbers is not None:
        numbers = [n for n in numbers if n]
        if not numbers:
            return set()
        records = records.filter(index_number__in=numbers)
    return set(records.values_list("index_number", flat=True))


# Rows of an office export; the list is capped so one request cannot hold a worker for minutes.
EXPORT_LIMIT = 20000


def export_table(records) -> tuple[list[str], list[list]]:
    """Return (header, rows) of the office records list for a spreadsheet (plain values, no QuerySet)."""
    header = [_("索引号"), _("标题"), _("文号"), _("发布机构"), _("发文机关"), _("成文日期"), _("公开属性"), _("状态"),
              _("应发布日期"), _("发布日期"), _("文件类型"), _("有效性")]
    rows = []
    for r in records.select_related("organisation")[:EXPORT_LIMIT]:
        rows.append([r.index_number, r.title, r.doc_number, r.organisation.name, r.issuing_unit, r.formation_date,
                     r.get_attribute_display(), r.get_status_display(),
                     r.publication_due if r.attribute == Attribute.PROACTIVE else None, r.published_at,
                     r.get_document_type_display() if r.document_type else "",
                     r.get_validity_display() if r.validity else ""])
    return [str(h) for h in header], rows


# ---------------------------------------------------------------- published pages (links, site inspection)

def _attachment_files(attachments) -> list[dict]:
    """Each published attachment: its name, public address and whether the file served is in storage."""
    out = []
    for a in attachments:
        served = a.masked_file or a.file
        try:
            exists = bool(served.name) and served.storage.exists(served.name)
        except (OSError, ValueError):
            exists = False
        out.append({"name": a.original_name, "url": a.get_absolute_url(), "exists": exists})
    return out


def published_pages(organisation_ids=None, *, pks=None, with_attachments: bool = True) -> list[dict]:
    """The published records and interpretations as plain pages: where the public reads them, where the office
    edits them, their texts (what the public sees) and attachments. `pks`: only these records."""
    qs = _in(Record.objects.filter(status=RecordStatus.PUBLISHED), organisation_ids)
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    qs = qs.select_related("interpretation").order_by("pk")
    if with_attachments:
        qs = qs.prefetch_related("attachments")
    pages = []
    for r in qs:
        pages.append({"source": "records.record", "pk": r.pk, "organisation_id": r.organisation_id, "title": r.title,
                      "url": r.get_absolute_url(), "edit_url": _record_url(r.pk), "date": r.published_at,
                      "doc_date": r.formation_date, "texts": {_("标题"): r.title, _("内容概述"): r.summary, _("正文"): r.body},
                      "links": [], "attachments": _attachment_files(r.attachments.all()) if with_attachments else []})
        i = getattr(r, "interpretation", None)
        if i is not None and i.published_at is not None:
            texts = {str(Interpretation._meta.get_field(f).verbose_name): getattr(i, f) for f in (
                "title", "background", "objectives", "main_content", "measures", "target_group", "notes",
                "key_terms", "differences")}
            pages.append({"source": "records.interpretation", "pk": r.pk, "organisation_id": r.organisation_id,
                          "title": i.title, "url": i.get_absolute_url(),
                          "edit_url": reverse("records_office:interpretation", args=[r.pk]), "date": i.published_at,
                          "doc_date": i.published_at.date(), "texts": texts,
                          "links": [i.media_link] if i.media_link else [], "attachments": []})
    return pages


def is_public_record(pk: int) -> bool:
    return Record.objects.filter(pk=pk, status=RecordStatus.PUBLISHED).exists()


def is_public_interpretation(pk: int) -> bool:
    return Interpretation.objects.filter(record_id=pk, record__status=RecordStatus.PUBLISHED,
                                         published_at__isnull=False).exists()


def is_public_attachment(pk: int, attachment_pk: int) -> bool:
    """The attachment exists on a published record and its served file is in storage."""
    a = Record.objects.filter(pk=pk, status=RecordStatus.PUBLISHED).first()
    att = a.attachments.filter(pk=attachment_pk).first() if a else None
    return att is not None and _attachment_files([att])[0]["exists"]
