"""States, choices and typed audit events of the oversight objects (the transition tables are in workflow.py)."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class ColumnStatus(models.TextChoices):
    ACTIVE = "active", _("在用")
    RETIRED = "retired", _("已停用")


class UpdateRule(models.TextChoices):
    """How often a column must be updated (seed 003 附件2 “维护更新要求”)."""
    MONTHLY = "monthly", _("每月不少于1次")
    QUARTERLY = "quarterly", _("每季度不少于1次")
    HALF_YEARLY = "half_yearly", _("每半年不少于1次")
    YEARLY = "yearly", _("每年不少于1次")
    SAME_DAY = "same_day", _("事件发生当日")
    AFTER_SUPERIOR = "after_superior", _("上级发布后1个工作日内")
    WITHIN_WORKING_DAYS = "within_working_days", _("形成后若干个工作日内")
    BEFORE_PLAN = "before_plan", _("按执法计划提前3个工作日")
    SYNC = "sync", _("与其他栏目或文件同步")
    UNDETERMINED = "undetermined", _("未能识别（需人工确定）")


# Periodic rules: the longest gap (in days) allowed between two updates.
PERIOD_DAYS = {
    UpdateRule.MONTHLY: 31,
    UpdateRule.QUARTERLY: 92,
    UpdateRule.HALF_YEARLY: 183,
    UpdateRule.YEARLY: 366,
}


class RepostStatus(models.TextChoices):
    PENDING = "pending", _("待转载")
    REPOSTED = "reposted", _("已转载")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    DONE = "done", _("已完成")


class Recurrence(models.TextChoices):
    ONCE = "once", _("限期完成")
    LONG_TERM = "long_term", _("长期坚持")
    YEARLY = "yearly", _("每年")
    CONTINUOUS = "continuous", _("持续改进")
    AS_DIRECTED = "as_directed", _("按上级统一部署")
    UNDETERMINED = "undetermined", _("未能识别（需人工确定）")


class EvidenceKind(models.TextChoices):
    RECORD = "record", _("政府信息")
    REPORT = "report", _("年度报告")
    CONSULTATION = "consultation", _("意见征集")
    PROGRESS = "progress", _("进展报告")
    LINK = "link", _("链接")


class ProgressStatus(models.TextChoices):
    DRAFT = "draft", _("编写中")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已通过")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("季度")
    HALF = "half", _("半年")


class IndicatorSetStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("已启用")


class AccountabilityKind(models.TextChoices):
    HEAR_REPORT = "hear_report", _("主要负责人听取政务公开工作汇报")
    INTERPRET_POLICY = "interpret_policy", _("解读重要政策措施")
    PRESS_CONFERENCE = "press_conference", _("主要负责人出席新闻发布会")
    LEADER_PUBLISHED = "leader_published", _("在门户网站公布分管负责人")


class AccountabilityStatus(models.TextChoices):
    PENDING = "pending", _("未完成")
    DONE = "done", _("已完成")


# ------------------------------------------------------------------ typed audit events

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
