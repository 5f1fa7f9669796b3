"""States and typed audit events of an annual report (the transition table is in workflow.py).

The disclosure office compiles the report and submits it; the leader approves it, which
publishes it (条例第四十九条: published by 31 January of the following year), or returns it with
comments. A year's report cannot be published before that year has ended: its statistics cover
1 January to 31 December.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("编写中")
    SUBMITTED = "submitted", _("待审批")
    PUBLISHED = "published", _("已发布")


@audit.register
class ReportEvent(audit.EventType):
    OPENED = "report.opened", _("开始编写年度报告")
    NARRATIVE_UPDATED = "report.narrative_updated", _("修改报告正文")
    FIGURE_ENTERED = "report.figure_entered", _("填报数据")
    FIGURE_CLEARED = "report.figure_cleared", _("撤销填报数据")
    SUBMITTED = "report.submitted", _("提交审批")
    RETURNED = "report.returned", _("退回修改")
    PUBLISHED = "report.published", _("批准并发布")
