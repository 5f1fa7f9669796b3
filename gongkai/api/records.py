"""Record and interpretation endpoints. Anonymous callers see published records only; staff also
see the unpublished records of the organisations they may view (gongkai.records.selectors)."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from gongkai.records import selectors
from gongkai.records.models import Interpretation, Record
from gongkai.records.search.query import search as run_search

from .schemas import CatalogKey, Id, OrgCode, Page, SearchText, Year, errors

router = Router()


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    masked: bool
    url: str


class RecordOut(Schema):
    id: int
    index_number: str
    title: str
    doc_number: str
    issuing_unit: str
    organisation_code: str
    organisation_name: str
    catalog_key: str
    catalog_item: str
    formation_date: str
    published_at: str | None
    attribute: str
    mark: str
    status: str
    summary: str
    url: str
    interpretation_id: int | None


class RecordDetail(RecordOut):
    body: str
    attachments: list[AttachmentOut]


class InterpretationOut(Schema):
    id: int
    record_id: int
    title: str
    form: str
    form_label: str
    non_text: bool
    background: str
    objectives: str
    main_content: str
    measures: str
    target_group: str
    notes: str
    key_terms: str
    differences: str
    interpreting_body: str
    media_link: str
    published_at: str | None
    url: str


class SearchHit(Schema):
    record_id: int
    is_interpretation: bool
    title: str
    title_html: str
    snippet_html: str
    published_at: str


class SearchOut(Schema):
    query: str
    count: int
    count_label: str
    capped: bool
    page: int
    has_next: bool
    hits: list[SearchHit]


def _iso(value):
    return value.isoformat() if value else None


def _record(r: Record) -> dict:
    interpretation = getattr(r, "interpretation", None) if r.needs_interpretation else None
    return dict(
        id=r.pk, index_number=r.index_number, title=r.title, doc_number=r.doc_number, issuing_unit=r.issuing_unit,
        organisation_code=r.organisation.code, organisation_name=r.organisation.name, catalog_key=r.catalog_key,
        catalog_item=r.catalog_item.second_level, formation_date=r.formation_date.isoformat(),
        published_at=_iso(r.published_at), attribute=r.attribute, mark=r.mark, status=r.status, summary=r.summary,
        url=r.get_absolute_url(), interpretation_id=interpretation.pk if interpretation else None,
    )


def _interpretation(i: Interpretation) -> InterpretationOut:
    return InterpretationOut(
        id=i.pk, record_id=i.record_id, title=i.title, form=i.form, form_label=str(i.get_form_display()),
        non_text=i.is_non_text, background=i.background, objectives=i.objectives, main_content=i.main_content,
        measures=i.measures, target_group=i.target_group, notes=i.notes, key_terms=i.key_terms,
        differences=i.differences, interpreting_body=i.interpreting_body, media_link=i.media_link,
        published_at=_iso(i.published_at), url=i.get_absolute_url(),
    )


def _visible(request, record_id) -> Record:
    record = get_object_or_404(Record.objects.select_related("organisation", "catalog_item"), pk=record_id)
    if not selectors.can_view(request.user, record):
        raise Http404
    return record


@router.get("/records/", response=list[RecordOut], tags=["records"], summary="List records",
         description="Published records, newest first (staff also get their organisations' unpublished ones). "
                     "Filters: organisation code, catalog item key, year of publication; at most 100 per page.")
def list_records(request, organisation: OrgCode = None, catalog_key: CatalogKey = None, year: Year = None,
                 page: Page = 1):
    qs = selectors.visible_to(request.user).select_related("interpretation")
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    if catalog_key:
        qs = qs.filter(catalog_key=catalog_key)
    if year:
        qs = qs.filter(published_at__year=year)
    start = (max(page, 1) - 1) * 100
    return [RecordOut(**_record(r)) for r in qs.order_by("-published_at", "-pk")[start:start + 100]]


@router.get("/records/search", response=SearchOut, tags=["records"], summary="Full-text search of published records",
         description="Chinese full-text search over titles, bodies and attachment text (two or more characters). "
                     "The count is capped at 1,000 (capped=true means \"约 1,000+\").")
def search_records(request, q: SearchText, organisation: OrgCode = None, catalog_key: CatalogKey = None,
                   year: Year = None, page: Page = 1):
    from gongkai.organisations.models import Organisation

    org = Organisation.objects.filter(code=organisation).first() if organisation else None
    results = run_search(q[:100], organisation_id=org.pk if org else None, catalog_key=catalog_key, year=year, page=page)
    return SearchOut(query=results.query, count=results.count, count_label=results.count_label, capped=results.capped,
                     page=results.page, has_next=results.has_next, hits=[
                         SearchHit(record_id=h.document.record_id, is_interpretation=h.document.is_interpretation,
                                   title=h.document.title, title_html=str(h.title), snippet_html=str(h.snippet),
                                   published_at=h.document.published_at.isoformat()) for h in results.hits])


@router.get("/records/{record_id}/", response={200: RecordDetail, **errors(404)}, tags=["records"], summary="One record with its attachments")
def get_record(request, record_id: Id):
    r = _visible(request, record_id)
    return RecordDetail(**_record(r), body=r.body, attachments=[
        AttachmentOut(id=a.pk, name=a.original_name, kind=a.kind, size=a.size, masked=bool(a.masked_file),
                      url=a.get_absolute_url()) for a in r.attachments.all()])


@router.get("/records/{record_id}/interpretation", response={200: InterpretationOut, **errors(404)}, tags=["records"],
         summary="The interpretation of a record")
def get_interpretation(request, record_id: Id):
    r = _visible(request, record_id)
    interpretation = Interpretation.objects.filter(record=r).first()
    if interpretation is None:
        raise Http404
    return _interpretation(interpretation)


@router.get("/interpretations/", response=list[InterpretationOut], tags=["records"], summary="Published interpretations",
         description="Interpretations published with their records, newest first; filter by year.")
def list_interpretations(request, year: Year = None, organisation: OrgCode = None):
    qs = Interpretation.objects.filter(record__status="published", published_at__isnull=False)
    if year:
        qs = qs.filter(published_at__year=year)
    if organisation:
        qs = qs.filter(record__organisation__code=organisation)
    return [_interpretation(i) for i in qs.order_by("-published_at")[:200]]
