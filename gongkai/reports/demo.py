"""Demo annual reports: each demo county's reports for the two years before the current one, compiled
and published through the real services (the office fills what the system does not hold, the leader
approves). Every text says it is demo content; no real office's figures are claimed."""
from __future__ import annotations

import datetime as dt

from gongkai.core import clock
from gongkai.foi.importing import import_requests
from gongkai.foi.selectors import request_statistics
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


# A past year's requests of a demo county, imported as a history so the published reports (and the
# supervisors' rollup over them) have real-looking figures: (applicant type, outcome, reason) in turn.
HISTORY_PATTERN = {
    "sx-jc-zz": [("自然人", "予以公开", ""), ("商业企业", "予以公开", ""), ("自然人", "部分公开", "属于四类过程性信息"),
                 ("自然人", "无法提供", "本机关不掌握相关政府信息"), ("法律服务机构", "予以公开", ""),
                 ("自然人", "不予处理", "重复申请"), ("其他", "不予公开", "属于行政执法案卷")],
    "sx-jc-yc": [("自然人", "无法提供", "本机关不掌握相关政府信息"), ("自然人", "予以公开", ""),
                 ("科研机构", "无法提供", "没有现成信息需要另行制作"), ("自然人", "其他处理", "逾期不补正"),
                 ("社会公益组织", "予以公开", "")],
}
HISTORY_SIZE = {"sx-jc-zz": 42, "sx-jc-yc": 27}
HISTORY_SUBJECTS = ["安全生产行政处罚决定书", "事故调查报告", "应急预案", "救灾物资发放台账", "隐患排查治理记录"]


def _history_csv(code: str, year: int) -> bytes:
    """Requests received over `year`; the last three still open on 31 December and answered in January."""
    lines = ["申请人类型,申请人,申请渠道,收到申请日期,申请内容,办理结果,具体情形,办结日期,行政复议结果,行政复议提起日期"]
    pattern, size = HISTORY_PATTERN[code], HISTORY_SIZE[code]
    for i in range(size):
        kind, outcome, reason = pattern[i % len(pattern)]
        received = dt.date(year, 1, 6) + dt.timedelta(days=(i * 350) // size)
        closed = min(dt.date(year + 1, 1, 8 + i % 5) if i >= size - 3 else received + dt.timedelta(days=11),
                     clock.today())
        appeal = f"维持,{closed.isoformat()}" if i % 19 == 7 else ","
        lines.append(f"{kind},演示申请人{code[-2:].upper()}{year}{i:03d},{'网上申请' if i % 3 else '当面提交'},"
                     f"{received.isoformat()},【演示数据】{year}年度{HISTORY_SUBJECTS[i % 5]},{outcome},{reason},"
                     f"{closed.isoformat()},{appeal}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _ensure_history(org: Organisation, year: int, office) -> None:
    if org.code in HISTORY_PATTERN and not request_statistics(org, year).value("new"):
        import_requests(organisation=org, name=f"demo-history-{year}.csv", data=_history_csv(org.code, year),
                        actor=office)


def load_reports_demo(codes=("sx-jc-zz", "sx-jc-yc"), years: int = 2) -> list[AnnualReport]:
    """Publish the demo counties' reports for the `years` years before the current one, after importing
    a demo request history for each year without requests (idempotent: a report already published is
    kept, a year with requests gets none added)."""
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
            _ensure_history(org, year, office)
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
