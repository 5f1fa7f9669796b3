"""Catalog endpoints. `GET /api/catalogs/<id>/` returns the same document as the portal's JSON download."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from gongkai.catalog import selectors
from gongkai.catalog.models import Catalog
from gongkai.core.errors import DomainError
from gongkai.organisations.models import Organisation

from .schemas import Error, Id, OptionalId, OrgCodePath, errors

router = Router()


class CatalogSummary(Schema):
    id: int
    title: str
    domain: str
    is_template: bool
    organisation_code: str | None
    organisation_name: str | None
    template_id: int | None
    published_version: int | None
    published_at: str | None


class VersionSummary(Schema):
    number: int
    status: str
    status_label: str
    submitted_at: str | None
    published_at: str | None
    review_comment: str


class ImportResult(Schema):
    catalog_id: int
    version: int
    status: str
    items: int


class ProblemList(Schema):
    detail: str
    problems: list[str] = []


def _iso(value):
    return value.isoformat() if value else None


@router.get("/catalogs/", response=list[CatalogSummary], tags=["catalogs"], summary="List catalogs",
         description="National templates (is_template=true) and published organisation catalogs; "
                     "staff also see the unpublished catalogs of organisations they may view.")
def list_catalogs(request):
    rows = []
    for c in selectors.catalogs_visible_to(request.user).select_related("organisation"):
        published = c.published_version
        rows.append(CatalogSummary(
            id=c.pk, title=c.title, domain=c.domain, is_template=c.is_template,
            organisation_code=c.organisation.code if c.organisation_id else None,
            organisation_name=c.organisation.name if c.organisation_id else None,
            template_id=c.template_id, published_version=published.number if published else None,
            published_at=_iso(published.published_at) if published else None,
        ))
    return rows


def _visible_catalog(request, catalog_id) -> Catalog:
    catalog = get_object_or_404(Catalog.objects.select_related("organisation", "template"), pk=catalog_id)
    if not selectors.catalogs_visible_to(request.user).filter(pk=catalog.pk).exists():
        raise Http404
    return catalog


@router.get("/catalogs/{catalog_id}/", response={200: dict, **errors(404)}, tags=["catalogs"], summary="One catalog in the documented schema",
         description="The published version by default; `version=N` for another version the caller may see. "
                     "The document follows /api/schema/catalog.json.")
def get_catalog(request, catalog_id: Id, version: OptionalId = None):
    from gongkai.catalog.exports import catalog_document

    catalog = _visible_catalog(request, catalog_id)
    if version is None:
        v = catalog.published_version
    else:
        v = catalog.versions.filter(number=version).first()
    if v is None or not selectors.can_view_version(request.user, v):
        raise Http404
    return catalog_document(catalog, v)


@router.get("/catalogs/{catalog_id}/versions/", response={200: list[VersionSummary], **errors(404)}, tags=["catalogs"],
         summary="Versions of a catalog the caller may see")
def list_versions(request, catalog_id: Id):
    catalog = _visible_catalog(request, catalog_id)
    return [
        VersionSummary(number=v.number, status=v.status, status_label=str(v.get_status_display()),
                       submitted_at=_iso(v.submitted_at), published_at=_iso(v.published_at),
                       review_comment=v.review_comment)
        for v in selectors.versions_visible_to(request.user, catalog).order_by("-number")
    ]


@router.get("/schema/catalog.json", response={200: dict}, tags=["catalogs"], summary="JSON Schema of a catalog document")
def catalog_schema(request):
    from gongkai.catalog.exports import load_schema

    return load_schema()


@router.post("/organisations/{code}/catalogs/import", response={201: ImportResult, 400: ProblemList, 404: Error},
          auth=django_auth, tags=["catalogs"], summary="Import a catalog document as a new draft version",
          description="Body: a catalog document (see /api/schema/catalog.json). Requires the disclosure-office "
                      "role in the organisation and a CSRF token. Invalid input lists every problem; nothing is written.")
def import_catalog(request, code: OrgCodePath):
    from gongkai.catalog.importing import catalog_import_document
    from django.core.exceptions import PermissionDenied

    org = get_object_or_404(Organisation, code=code)
    try:
        version = catalog_import_document(organisation=org, data=request.body, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, "您没有权限执行此操作。")
    except DomainError as exc:
        return 400, ProblemList(detail=exc.message, problems=exc.problems or [exc.message])
    return 201, ImportResult(catalog_id=version.catalog_id, version=version.number, status=version.status,
                             items=version.items.count())
