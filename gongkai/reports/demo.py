"""Demo annual reports: each demo county's reports for the two years before the current one, compiled
and published through the real services (the office fills what the system does not hold, the leader
approves). Every text says it is demo content; no real office's figures are claimed."""
from __future__ import annotations

from gongkai.core import clock
from gongkai.organisations.models import Organisation, Role, RoleAssignment

from . import services
from .models import AnnualReport

DEMO_MARK = "【演示数据】本报告由演示数据生成，不是任何机关的真实年度报告。"
NARRATIVE = {
    "overview": DEMO_MARK + "\n本年度，本机关按照《中华人民共和国政府信息公开条例》要求，做好主动公开、依申请公开、"
                            "政府信息管理、平台建设和监督保障等工作（演示文字）。",
    "problems": DEMO_MARK + "\n存在的主要问题：政策解读形式较为单一。改进情况：增加图解、音视频等解读形式（演示文字）。",
    "other": DEMO_MARK + "\n本年度未收取信息处理费（演示文字）。",
}
FIGURE_NOTE = "演示数据：系统中无此类事项记录，按0填报"


def _user(org: Organisation, role: str):
    assignment = RoleAssignment.objects.filter(organisation=org, role=role).select_related("user").first()
    return assignment.user if assignment else None


def load_reports_demo(codes=("sx-jc-zz", "sx-jc-yc"), years: int = 2) -> list[AnnualReport]:
    """Publish the demo counties' reports for the `years` years before the current one (idempotent: a
    report already published is kept)."""
    published = []
    this_year = clock.today().year
    for org in Organisation.objects.filter(code__in=codes):
        office, leader = _user(org, Role.OFFICE), _user(org, Role.LEADER)
        if office is None or leader is None:
            continue
        for year in range(this_year - years, this_year):
            report = services.report_open(organisation=org, year=year, actor=office)
            if report.is_published:
                continue
            if report.status == "draft":
                services.report_update_narrative(report=report, actor=office, data=NARRATIVE)
                for key in sorted(services.manual_cell_keys(services.report_format(report))):
                    if services.live_tables(report).cell(key).source == "missing":
                        report = services.report_set_figure(report=report, actor=office, key=key, value="0",
                                                            note=FIGURE_NOTE)
                report = services.report_submit(report=report, actor=office, note="演示数据")
            report = services.report_publish(report=report, actor=leader, comment="演示数据")
            published.append(report)
    return published
