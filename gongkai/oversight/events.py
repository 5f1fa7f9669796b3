"""Typed audit events of the oversight app (values are dotted names, labels are what staff read)."""
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit

from .states import (AccountabilityStatus, ColumnStatus, IndicatorSetStatus, ProgressStatus, RepostStatus,
                     TaskStatus)


@audit.register
class OversightEvent(audit.EventType):
    COLUMN_IMPORTED = "oversight.column_imported", _("栏目已导入")
    COLUMN_CREATED = "oversight.column_created", _("栏目已新增")
    COLUMN_EDITED = "oversight.column_edited", _("栏目已修改")
    COLUMN_UPDATE_LOGGED = "oversight.column_update_logged", _("栏目更新已登记")
    COLUMN_RETIRED = "oversight.column_retired", _("栏目已停用")
    REPOST_PUSHED = "oversight.repost_pushed", _("转载任务已推送")
    REPOST_CONFIRMED = "oversight.repost_confirmed", _("转载已登记")
    TASK_IMPORTED = "oversight.task_imported", _("分工任务已导入")
    TASK_EVIDENCE_ADDED = "oversight.task_evidence_added", _("佐证材料已登记")
    TASK_COMPLETED = "oversight.task_completed", _("任务已完成")
    TASK_REOPENED = "oversight.task_reopened", _("任务已重新打开")
    PROGRESS_OPENED = "oversight.progress_opened", _("进展报告已创建")
    PROGRESS_EDITED = "oversight.progress_edited", _("进展报告已修改")
    PROGRESS_SUBMITTED = "oversight.progress_submitted", _("进展报告已报送")
    PROGRESS_RETURNED = "oversight.progress_returned", _("进展报告已退回")
    PROGRESS_ACCEPTED = "oversight.progress_accepted", _("进展报告已通过")
    INDICATORS_CREATED = "oversight.indicators_created", _("评估指标体系已创建")
    INDICATORS_EDITED = "oversight.indicators_edited", _("评估指标已修改")
    INDICATORS_PUBLISHED = "oversight.indicators_published", _("评估指标体系已启用")
    ACCOUNTABILITY_DONE = "oversight.accountability_done", _("年度责任事项已完成")
    ACCOUNTABILITY_REOPENED = "oversight.accountability_reopened", _("年度责任事项已撤销完成")


audit.register_values("status", ColumnStatus)
audit.register_values("status", RepostStatus)
audit.register_values("status", TaskStatus)
audit.register_values("status", ProgressStatus)
audit.register_values("status", IndicatorSetStatus)
audit.register_values("status", AccountabilityStatus)
