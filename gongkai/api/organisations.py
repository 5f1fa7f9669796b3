from django.http import Http404
from ninja import Router, Schema

from gongkai.organisations.models import Organisation
from gongkai.portal import selectors as portal_selectors

from .schemas import OrgCodePath, errors

router = Router()


class OrganisationOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_code: str | None


class GuideOut(Schema):
    """The organisation's 政府信息公开指南 (条例第十二条): where to write, call or go, and how."""

    organisation_code: str
    organisation_name: str
    functions: str
    classification: str
    how_to_obtain: str
    office_name: str
    office_address: str
    office_hours: str
    phone: str
    fax: str
    online_contact: str
    postal_code: str
    postal_address: str
    mailing_address: str
    updated_at: str | None
    stale: bool


@router.get("/organisations/", response=list[OrganisationOut], tags=["organisations"], summary="List organisations")
def list_organisations(request):
    return [
        OrganisationOut(id=o.id, code=o.code, name=o.name, level=o.level, parent_code=o.parent.code if o.parent_id else None)
        for o in Organisation.objects.select_related("parent")
    ]


@router.get("/organisations/{code}/guide", response={200: GuideOut, **errors(404)}, tags=["organisations"],
            summary="The organisation's disclosure guide (政府信息公开指南)",
            description="The published guide: functions, how information is arranged and obtained, the disclosure "
                        "office's address, hours, phone, fax, postal address (`mailing_address`: where a letter goes). "
                        "`stale` is true when it has not been updated for a year. 404 when none is published.")
def organisation_guide(request, code: OrgCodePath):
    guide = portal_selectors.published_guide(code)
    if guide is None:
        raise Http404
    return guide
