"""The declared transitions of an annual report and its ``Workflow`` (run by gongkai.core.workflow).

The disclosure office compiles the report and submits it; the leader approves it, which
publishes it (条例第四十九条: published by 31 January of the following year), or returns it with
comments. A year's report cannot be published before that year has ended: its statistics cover
1 January to 31 December.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core import clock
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import AnnualReport
from .states import ReportEvent, ReportStatus


def _year_not_over(report) -> str | None:
    if clock.today().year <= report.year:
        return str(_("%(year)s年尚未结束，年度报告须在次年1月1日以后发布（统计期限为全年）。") % {"year": report.year})
    return None


S = ReportStatus
REPORT_TRANSITIONS = (
    Transition("edit_narrative", sources={S.DRAFT}, permission=Action.REPORT_EDIT,
               event=ReportEvent.NARRATIVE_UPDATED, label=_("修改报告正文"), offer=False),
    Transition("set_figure", sources={S.DRAFT}, permission=Action.REPORT_EDIT,
               event=ReportEvent.FIGURE_ENTERED, label=_("填报数据"), offer=False),
    Transition("clear_figure", sources={S.DRAFT}, permission=Action.REPORT_EDIT,
               event=ReportEvent.FIGURE_CLEARED, label=_("撤销填报数据"), offer=False),
    Transition("submit", sources={S.DRAFT}, target=S.SUBMITTED, permission=Action.REPORT_EDIT,
               event=ReportEvent.SUBMITTED, label=_("提交审批")),
    Transition("return", sources={S.SUBMITTED}, target=S.DRAFT, permission=Action.REPORT_APPROVE,
               event=ReportEvent.RETURNED, label=_("退回修改"), style="secondary"),
    Transition("publish", sources={S.SUBMITTED}, target=S.PUBLISHED, permission=Action.REPORT_APPROVE,
               event=ReportEvent.PUBLISHED, label=_("批准并发布"), condition=_year_not_over),
)

REPORT_WORKFLOW = Workflow(AnnualReport, REPORT_TRANSITIONS, related=("organisation",))
