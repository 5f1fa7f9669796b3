from ninja import Schema

from gongkai.organisations.models import Organisation

from .api import api


class OrganisationOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_code: str | None


@api.get("/organisations/", response=list[OrganisationOut], tags=["organisations"], summary="List organisations")
def list_organisations(request):
    return [
        OrganisationOut(id=o.id, code=o.code, name=o.name, level=o.level, parent_code=o.parent.code if o.parent_id else None)
        for o in Organisation.objects.select_related("parent")
    ]
