"""Published annual reports (政府信息公开工作年度报告): the list and one report with its tables as
published, in either official format (2019 or 2021), read through gongkai.reports.selectors."""
from django.http import Http404
from ninja import Router, Schema

from gongkai.reports import selectors

from .schemas import Id, OrgCode, Year, errors

router = Router()


class ReportSummaryOut(Schema):
    id: int
    organisation_code: str
    organisation_name: str
    year: int
    format_version: str
    title: str
    published_at: str | None


class ReportOut(ReportSummaryOut):
    overview: str
    problems: str
    other: str
    tables: dict


@router.get("/reports/", response=list[ReportSummaryOut], tags=["annual reports"], summary="Published annual reports",
            description="政府信息公开工作年度报告 published by each organisation, newest year first; filter by "
                        "organisation code and report year.")
def list_reports(request, organisation: OrgCode = None, year: Year = None):
    return selectors.published_report_list(organisation_code=organisation, year=year)


@router.get("/reports/{report_id}", response={200: ReportOut, **errors(404)}, tags=["annual reports"],
            summary="One published annual report with its tables",
            description="The narratives and the tables exactly as published (frozen at publication): "
                        "二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况, 四、行政复议、行政诉讼情况, keyed by the "
                        "official row and column labels of the report's format (`format_version` 2019 or 2021). "
                        "Unpublished reports answer 404.")
def get_report(request, report_id: Id):
    report = selectors.published_report(report_id)
    if report is None:
        raise Http404
    return report
