from ninja import Router, Schema

from gongkai.organisations.models import Organisation




router = Router()

class OrganisationOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_code: str | None


@router.get("/organisations/", response=list[OrganisationOut], tags=["organisations"], summary="List organisations")
def list_organisations(request):
    return [
        OrganisationOut(id=o.id, code=o.code, name=o.name, level=o.level, parent_code=o.parent.code if o.parent_id else None)
        for o in Organisation.objects.select_related("parent")
    ]
