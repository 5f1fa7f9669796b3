"""Reads of records for the annual report's section 二 (条例第二十条第（一）项).

Each figure counts documents of one type (规章 or 行政规范性文件) *issued by the organisation
itself* (``issued_here``): a county that republishes a ministry's rule did not make one. The
measures, and what each cell of the two report formats means:

- ``issued_in_year`` — 本年制发件数 (2021 format) / 本年新制作数量 (2019): formation date in the year,
  not withdrawn;
- ``published_in_year`` — 本年新公开数量 (2019): published during the year;
- ``published_total`` — 对外公开总数量 (2019): published by the end of the year and not withdrawn;
- ``repealed_in_year`` — 本年废止件数 (2021): marked 废止 with a date in the year;
- ``in_force_at_year_end`` — 现行有效件数 (2021): published by the end of the year and neither
  失效 nor 废止 on 31 December.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongkai.core.validators import fold

from .models import Record
from .states import DocumentType, RecordStatus, Validity

MEASURES = ("issued_in_year", "published_in_year", "published_total", "repealed_in_year", "in_force_at_year_end")


def _bounds(year: int):
    tz = timezone.get_default_timezone()
    return (dt.date(year, 1, 1), dt.date(year, 12, 31),
            dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz))


def measure_filter(*, measure: str, document_type: str, year: int) -> Q:
    """Return the filter selecting the records behind one section 二 figure."""
    if measure not in MEASURES:
        raise KeyError(measure)
    DocumentType(document_type)  # refuses an unknown type
    start, end, lo, hi = _bounds(year)
    q = Q(document_type=document_type, issued_here=True)
    if measure == "issued_in_year":
        return q & Q(formation_date__gte=start, formation_date__lte=end) & ~Q(status=RecordStatus.WITHDRAWN)
    if measure == "published_in_year":
        return q & Q(status=RecordStatus.PUBLISHED, published_at__gte=lo, published_at__lt=hi)
    if measure == "published_total":
        return q & Q(status=RecordStatus.PUBLISHED, published_at__lt=hi)
    if measure == "repealed_in_year":
        return q & Q(validity=Validity.REPEALED, validity_changed_on__gte=start, validity_changed_on__lte=end)
    # in_force_at_year_end
    ended = Q(validity__in=[Validity.EXPIRED, Validity.REPEALED], validity_changed_on__lte=end)
    return q & Q(status=RecordStatus.PUBLISHED, published_at__lt=hi) & ~ended


def section_two_counts(organisation, year: int, cells: dict[str, dict]) -> dict[str, int]:
    """Return {cell key: count} for cells given as {key: {"measure", "document_type"}}, in one query."""
    if not cells:
        return {}
    filters = {key: measure_filter(measure=c["measure"], document_type=c["document_type"], year=year)
               for key, c in cells.items()}
    types = sorted({c["document_type"] for c in cells.values()})
    counts = Record.objects.filter(organisation=organisation, document_type__in=types, issued_here=True).aggregate(
        **{f"c{n}": Count("id", filter=q) for n, q in enumerate(filters.values())})
    return {key: counts[f"c{n}"] for n, key in enumerate(filters)}


def records_behind(organisation, year: int, *, measure: str, document_type: str) -> QuerySet[Record]:
    """Return the records one section 二 figure counts (the report's drill-down)."""
    return Record.objects.filter(organisation=organisation).filter(
        measure_filter(measure=measure, document_type=document_type, year=year)).order_by("-formation_date")


# A 文号's year bracket is written 〔〕 by the standard (GB/T 9704); imported and typed ones also use
# [] 【】 or ().
_BRACKETS = str.maketrans({"[": "〔", "【": "〔", "(": "〔", "]": "〕", "】": "〕", ")": "〕"})


def doc_number_key(doc_number: str) -> str:
    """The form two spellings of one 文号 share: NFKC-folded, no spaces, one kind of year bracket."""
    return fold(doc_number).translate(_BRACKETS)


def joint_documents(organisation_ids, year: int, cells: dict[str, dict]) -> dict[str, list[dict]]:
    """For section 二 cells given as {key: {"measure", "document_type"}}: the documents that records of
    two or more of the organisations count under one 文号 (a jointly issued document, 联合发文, which
    each co-issuer publishes and counts in its own report). Returns {key: [{"doc_number",
    "organisation_ids", "records"}]} (only 文号 shared by at least two organisations)."""
    found: dict[str, list[dict]] = {}
    for key, c in cells.items():
        q = measure_filter(measure=c["measure"], document_type=c["document_type"], year=year)
        by_number: dict[str, dict] = {}
        rows = (Record.objects.filter(organisation_id__in=list(organisation_ids)).exclude(doc_number="")
                .filter(q).values_list("organisation_id", "doc_number").order_by("organisation_id", "id"))
        for org_id, number in rows:
            entry = by_number.setdefault(doc_number_key(number), {"doc_number": number, "organisation_ids": [],
                                                                  "records": 0})
            entry["records"] += 1
            if org_id not in entry["organisation_ids"]:
                entry["organisation_ids"].append(org_id)
        shared = [e for e in by_number.values() if len(e["organisation_ids"]) > 1]
        if shared:
            found[key] = sorted(shared, key=lambda e: e["doc_number"])
    return found
