"""The declared transitions of every oversight object, run by the workflow kernel."""
from django.utils.translation import gettext_lazy as _

from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .states import OversightEvent as E
from .models import Accountability, Column, IndicatorSet, ProgressReport, Repost, Task
from .states import (AccountabilityStatus, ColumnStatus, IndicatorSetStatus, ProgressStatus, RepostStatus,
                     TaskStatus)

COLUMN_WORKFLOW = Workflow(Column, transitions=(
    Transition("edit", sources={ColumnStatus.ACTIVE}, permission=Action.OVERSIGHT_EDIT, event=E.COLUMN_EDITED,
               label=_("修改栏目"), offer=False),
    Transition("log_update", sources={ColumnStatus.ACTIVE}, permission=Action.OVERSIGHT_EDIT,
               event=E.COLUMN_UPDATE_LOGGED, label=_("登记更新"), offer=False),
    Transition("retire", sources={ColumnStatus.ACTIVE}, target=ColumnStatus.RETIRED, permission=Action.OVERSIGHT_EDIT,
               event=E.COLUMN_RETIRED, label=_("停用栏目"), style="danger"),
))

REPOST_WORKFLOW = Workflow(Repost, transitions=(
    Transition("confirm", sources={RepostStatus.PENDING}, target=RepostStatus.REPOSTED,
               permission=Action.OVERSIGHT_EDIT, event=E.REPOST_CONFIRMED, label=_("登记转载"), offer=False),
), related=("notice",))


def _task_has_evidence(task):
    return None if task.evidence.exists() else str(_("请先登记至少一项佐证材料。"))


TASK_WORKFLOW = Workflow(Task, transitions=(
    Transition("add_evidence", sources={TaskStatus.OPEN, TaskStatus.DONE}, permission=Action.OVERSIGHT_EDIT,
               event=E.TASK_EVIDENCE_ADDED, label=_("登记佐证材料"), offer=False),
    Transition("complete", sources={TaskStatus.OPEN}, target=TaskStatus.DONE, permission=Action.OVERSIGHT_EDIT,
               event=E.TASK_COMPLETED, label=_("标记完成"), condition=_task_has_evidence),
    Transition("reopen", sources={TaskStatus.DONE}, target=TaskStatus.OPEN, permission=Action.OVERSIGHT_EDIT,
               event=E.TASK_REOPENED, label=_("重新打开"), style="secondary"),
))


def _has_narrative(report):
    return None if report.narrative.strip() else str(_("请先填写工作进展情况。"))


PROGRESS_WORKFLOW = Workflow(ProgressReport, transitions=(
    Transition("edit", sources={ProgressStatus.DRAFT, ProgressStatus.RETURNED}, permission=Action.OVERSIGHT_EDIT,
               event=E.PROGRESS_EDITED, label=_("保存"), offer=False),
    Transition("submit", sources={ProgressStatus.DRAFT, ProgressStatus.RETURNED}, target=ProgressStatus.SUBMITTED,
               permission=Action.OVERSIGHT_EDIT, event=E.PROGRESS_SUBMITTED, label=_("报送"),
               condition=_has_narrative),
    Transition("return", sources={ProgressStatus.SUBMITTED}, target=ProgressStatus.RETURNED,
               permission=Action.OVERSIGHT_REVIEW, event=E.PROGRESS_RETURNED, label=_("退回修改"), offer=False),
    Transition("accept", sources={ProgressStatus.SUBMITTED}, target=ProgressStatus.ACCEPTED,
               permission=Action.OVERSIGHT_REVIEW, event=E.PROGRESS_ACCEPTED, label=_("审核通过")),
))

INDICATOR_WORKFLOW = Workflow(IndicatorSet, transitions=(
    Transition("edit", sources={IndicatorSetStatus.DRAFT}, permission=Action.EVALUATION_EDIT,
               event=E.INDICATORS_EDITED, label=_("修改指标"), offer=False),
    Transition("publish", sources={IndicatorSetStatus.DRAFT}, target=IndicatorSetStatus.PUBLISHED,
               permission=Action.EVALUATION_EDIT, event=E.INDICATORS_PUBLISHED, label=_("启用指标体系"),
               condition=lambda s: None if s.indicators.exists() else str(_("指标体系中还没有指标。"))),
))

ACCOUNTABILITY_WORKFLOW = Workflow(Accountability, transitions=(
    Transition("complete", sources={AccountabilityStatus.PENDING}, target=AccountabilityStatus.DONE,
               permission=Action.OVERSIGHT_EDIT, event=E.ACCOUNTABILITY_DONE, label=_("登记完成"), offer=False),
    Transition("reopen", sources={AccountabilityStatus.DONE}, target=AccountabilityStatus.PENDING,
               permission=Action.OVERSIGHT_EDIT, event=E.ACCOUNTABILITY_REOPENED, label=_("撤销完成"),
               style="secondary"),
))
