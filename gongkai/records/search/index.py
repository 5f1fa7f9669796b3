"""Maintaining the search index. Called by the publish/unpublish services and `rebuild_search_index`."""
from __future__ import annotations

from django.db import connection, transaction

from ..models import Record, SearchDocument
from .backends import backend_for, facet_token


def backend():
    return backend_for(connection.vendor)


def facets_of(doc: SearchDocument) -> list[str]:
    return [facet_token("o", doc.organisation_ref), facet_token("c", doc.catalog_key), facet_token("y", doc.year)]


def _row(doc: SearchDocument):
    return (doc.pk, doc.title, doc.text, facets_of(doc))


def record_text(record: Record) -> str:
    """Return the public text of a record: summary, body and the (masked) text of its attachments."""
    parts = [record.doc_number, record.issuing_unit, record.summary, record.body]
    parts.extend(a.public_text for a in record.attachments.all())
    return "\n".join(p for p in parts if p)


def interpretation_text(interpretation) -> str:
    fields = ("background", "objectives", "main_content", "measures", "target_group", "notes", "key_terms",
              "differences", "interpreting_body")
    return "\n".join(getattr(interpretation, f) for f in fields if getattr(interpretation, f))


def _documents_for(record: Record) -> list[SearchDocument]:
    docs = [SearchDocument(
        record=record, is_interpretation=False, organisation_ref=record.organisation_id,
        catalog_key=record.catalog_key, year=record.published_at.year if record.published_at else record.formation_date.year,
        published_at=record.published_at, title=record.title, text=record_text(record),
    )]
    interpretation = getattr(record, "interpretation", None) if record.needs_interpretation else None
    if interpretation is not None:
        docs.append(SearchDocument(
            record=record, is_interpretation=True, organisation_ref=record.organisation_id,
            catalog_key=record.catalog_key, year=docs[0].year, published_at=record.published_at,
            title=interpretation.title, text=interpretation_text(interpretation),
        ))
    return docs


def unindex_record(record: Record) -> int:
    """Remove a record (and its interpretation) from the index; return the rows removed."""
    docs = list(SearchDocument.objects.filter(record=record))
    if not docs:
        return 0
    with connection.cursor() as cursor:
        backend().remove(cursor, [_row(d) for d in docs])
    SearchDocument.objects.filter(pk__in=[d.pk for d in docs]).delete()
    return len(docs)


def index_record(record: Record) -> int:
    """(Re)index a published record and its interpretation; new rows sort as the newest."""
    unindex_record(record)
    docs = _documents_for(record)
    for doc in docs:
        doc.save()
    with connection.cursor() as cursor:
        backend().add(cursor, [_row(d) for d in docs])
    return len(docs)


@transaction.atomic
def rebuild() -> int:
    """Drop and rebuild the whole index from the published records, oldest publication first."""
    b = backend()
    with connection.cursor() as cursor:
        b.clear(cursor)
    SearchDocument.objects.all().delete()
    count = 0
    published = (Record.objects.filter(status="published").select_related("interpretation")
                 .prefetch_related("attachments").order_by("published_at", "pk"))
    for record in published.iterator(chunk_size=200):
        count += index_record(record)
    return count
