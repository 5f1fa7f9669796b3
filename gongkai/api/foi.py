"""Disclosure-request endpoints: public status by number and query code; the section 三 table for staff."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from gongkai.foi import intake, selectors, services
from gongkai.foi.models import DisclosureRequest
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can

from .schemas import TEXT_PATTERN, NumberPath, OrgCodePath, YearPath, errors

router = Router()


class RequestStatusOut(Schema):
    tracking_number: str
    organisation: str
    status: str
    status_label: str
    received_on: str
    due_date: str | None
    deadline_provisional: bool
    deadline_explanation: list[str]
    outcome: str
    outcome_label: str
    closed_on: str | None
    correction_items: str
    correction_due: str | None


class StatusQuery(Schema):
    secret: str = Field(max_length=64, pattern=TEXT_PATTERN)


@router.post("/foi/requests/{number}/status", response={200: RequestStatusOut, **errors(404, 429)},
          tags=["disclosure requests"],
          summary="Status of one request (number + query code)",
          description="The applicant's view: state, deadline with its explanation, outcome. No personal data. "
                      "Rate-limited per client; a wrong code answers 404 like an unknown number.")
def request_status(request, number: NumberPath, body: StatusQuery):
    if intake.rate_limited(request, "track"):
        raise HttpError(429, "查询过于频繁，请稍后再试。")
    req = DisclosureRequest.objects.select_related("organisation").filter(tracking_number=number.upper()).first()
    if req is None or not services.check_secret(req, body.secret):
        raise Http404
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return RequestStatusOut(
        tracking_number=req.tracking_number, organisation=req.organisation.name, status=req.status,
        status_label=str(req.get_status_display()), received_on=req.received_on.isoformat(), due_date=iso(req.due_date),
        deadline_provisional=req.deadline_provisional,
        deadline_explanation=(req.deadline.get("explanation") or {}).get("lines", []),
        outcome=req.outcome, outcome_label=req.outcome_text, closed_on=iso(req.closed_on),
        correction_items=req.correction_items if req.status == "awaiting_correction" else "",
        correction_due=iso(req.correction_due) if req.status == "awaiting_correction" else None,
    )


@router.get("/foi/statistics/{org_code}/{year}", response={200: dict, **errors(404)}, tags=["disclosure requests"],
         summary="Section 三 of the annual report (applicant type × outcome)",
         description="Rows 一 to 四 with the seven applicant columns, computed from the cases; `consistent` checks "
                     "第一项加第二项之和等于第三项加第四项之和. Staff of the organisation and its supervisors only.")
def request_statistics(request, org_code: OrgCodePath, year: YearPath):
    org = get_object_or_404(Organisation, code=org_code)
    if not can(request.user, Action.FOI_VIEW, org):
        raise Http404
    return selectors.request_statistics(org, year).as_dict()
