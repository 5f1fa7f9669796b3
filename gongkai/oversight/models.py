"""Oversight across levels: columns, reposting, task division, progress reports, evaluation,
named accountabilities, and the precomputed figures the supervisors' dashboard reads."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import (AccountabilityKind, AccountabilityStatus, ColumnStatus, EvidenceKind, IndicatorSetStatus,
                     PeriodKind, ProgressStatus, Recurrence, RepostStatus, TaskStatus, UpdateRule)


class Column(TimeStampedModel):
    """A first- or second-level column (栏目) of an organisation's disclosure site (seed 003 附件2)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                      related_name="oversight_columns")
    parent = models.ForeignKey("self", verbose_name=_("一级栏目"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    name = models.CharField(_("栏目名称"), max_length=120)
    position = models.PositiveIntegerField(_("排序"), default=0)
    lead_unit = models.CharField(_("牵头责任单位"), max_length=200, blank=True)
    cooperating_units = models.CharField(_("配合责任单位"), max_length=200, blank=True)
    rule = models.CharField(_("更新要求"), max_length=24, choices=UpdateRule.choices, default=UpdateRule.UNDETERMINED)
    rule_days = models.PositiveIntegerField(_("工作日数"), null=True, blank=True)
    rule_text = models.TextField(_("更新要求原文"), blank=True)
    sync_with = models.ForeignKey("self", verbose_name=_("同步栏目"), null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    catalog_keys = models.JSONField(_("对应目录事项"), default=list, blank=True)
    last_manual_update = models.DateTimeField(_("最近一次登记更新"), null=True, blank=True)
    source = models.JSONField(_("来源单元格"), default=dict, blank=True)
    flags = models.JSONField(_("导入问题"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=ColumnStatus.choices, default=ColumnStatus.ACTIVE)

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["organisation", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "parent", "name"], name="oversight_column_unique")]

    def __str__(self):
        return f"{self.parent.name}·{self.name}" if self.parent_id else self.name

    @property
    def is_periodic(self) -> bool:
        from .states import PERIOD_DAYS
        return self.rule in PERIOD_DAYS


class RepostNotice(TimeStampedModel):
    """Information a higher-level organisation publishes for its subordinates to repost (seed 003 附件1 task 15)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("发布机构"), on_delete=models.CASCADE,
                                     related_name="repost_notices")
    title = models.CharField(_("标题"), max_length=300)
    url = models.CharField(_("原文链接"), max_length=300)
    record = models.ForeignKey("records.Record", verbose_name=_("原文"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    published_at = models.DateTimeField(_("发布时间"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("推送人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("转载任务")
        verbose_name_plural = _("转载任务")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title


class Repost(TimeStampedModel):
    notice = models.ForeignKey(RepostNotice, verbose_name=_("转载任务"), on_delete=models.CASCADE, related_name="reposts")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("转载机构"), on_delete=models.CASCADE,
                                     related_name="reposts")
    status = models.CharField(_("状态"), max_length=12, choices=RepostStatus.choices, default=RepostStatus.PENDING)
    target_at = models.DateTimeField(_("力争完成时间"))
    due_at = models.DateTimeField(_("最迟完成时间"))
    reposted_at = models.DateTimeField(_("转载时间"), null=True, blank=True)
    url = models.CharField(_("转载链接"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("转载")
        verbose_name_plural = _("转载")
        ordering = ["-notice__published_at", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["notice", "organisation"], name="oversight_repost_unique")]
        indexes = [models.Index(fields=["organisation", "status", "due_at"])]

    def __str__(self):
        return f"{self.organisation} · {self.notice}"

    @property
    def delay(self):
        if self.reposted_at is None:
            return None
        return self.reposted_at - self.notice.published_at

    def is_late(self, now) -> bool:
        if self.reposted_at is not None:
            return self.reposted_at > self.due_at
        return now > self.due_at

    def missed_target(self) -> bool:
        return self.reposted_at is not None and self.reposted_at > self.target_at


class Task(TimeStampedModel):
    """One line of a task division (任务分工, seed 003 附件1)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="oversight_tasks")
    number = models.PositiveIntegerField(_("序号"))
    text = models.TextField(_("任务"))
    lead_units = models.CharField(_("牵头单位"), max_length=200, blank=True)
    responsible_units = models.CharField(_("责任单位"), max_length=200, blank=True)
    due_text = models.CharField(_("完成时限（原文）"), max_length=200, blank=True)
    due_date = models.DateField(_("完成期限"), null=True, blank=True)
    recurrence = models.CharField(_("周期"), max_length=16, choices=Recurrence.choices, default=Recurrence.ONCE)
    recurrence_month = models.PositiveSmallIntegerField(_("每年截止月份"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    source = models.JSONField(_("来源单元格"), default=dict, blank=True)
    flags = models.JSONField(_("导入问题"), default=list, blank=True)

    class Meta:
        verbose_name = _("分工任务")
        verbose_name_plural = _("分工任务")
        ordering = ["organisation", "number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="oversight_task_unique")]

    def __str__(self):
        return f"{self.number}. {self.text[:30]}"


class TaskEvidence(models.Model):
    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("类型"), max_length=16, choices=EvidenceKind.choices)
    record = models.ForeignKey("records.Record", verbose_name=_("政府信息"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    report = models.ForeignKey("reports.AnnualReport", verbose_name=_("年度报告"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    progress = models.ForeignKey("ProgressReport", verbose_name=_("进展报告"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    url = models.CharField(_("链接"), max_length=300, blank=True)
    note = models.CharField(_("说明"), max_length=300)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.note


class ProgressReport(TimeStampedModel):
    """A lower-level organisation's progress report for a quarter (seed 000 三(三)) or half-year (seed 001 五(二))."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("报送机构"), on_delete=models.CASCADE,
                                     related_name="progress_reports")
    kind = models.CharField(_("周期"), max_length=8, choices=PeriodKind.choices)
    year = models.PositiveIntegerField(_("年度"))
    period = models.PositiveSmallIntegerField(_("期次"))
    due_date = models.DateField(_("报送期限"))
    status = models.CharField(_("状态"), max_length=12, choices=ProgressStatus.choices, default=ProgressStatus.DRAFT)
    figures = models.JSONField(_("系统数据"), default=dict, blank=True)
    narrative = models.TextField(_("工作进展"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("编写人"), null=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["-year", "-period", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["organisation", "kind", "year", "period"],
                                               name="oversight_progress_unique")]

    def __str__(self):
        return f"{self.organisation} {self.period_label}"

    @property
    def period_label(self) -> str:
        from django.utils.translation import gettext as _t
        if self.kind == PeriodKind.QUARTER:
            return _t("%(year)s年第%(period)s季度") % {"year": self.year, "period": self.period}
        return (_t("%(year)s年上半年") if self.period == 1 else _t("%(year)s年全年")) % {"year": self.year}

    @property
    def submitted_late(self) -> bool:
        return self.submitted_at is not None and self.submitted_at.date() > self.due_date


class IndicatorSet(TimeStampedModel):
    """A supervising organisation's evaluation indicators for one year, versioned (seed 001 五(二))."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("评估机构"), on_delete=models.CASCADE,
                                     related_name="indicator_sets")
    year = models.PositiveIntegerField(_("年度"))
    version = models.PositiveIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=12, choices=IndicatorSetStatus.choices,
                              default=IndicatorSetStatus.DRAFT)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("启用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评估指标体系")
        verbose_name_plural = _("评估指标体系")
        ordering = ["-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "version"],
                                               name="oversight_indicator_set_unique")]

    def __str__(self):
        return f"{self.organisation} {self.year} v{self.version}"


class Indicator(models.Model):
    """One indicator: category, weight and a formula over system data (metric / base against a target)."""

    indicator_set = models.ForeignKey(IndicatorSet, verbose_name=_("指标体系"), on_delete=models.CASCADE,
                                      related_name="indicators")
    code = models.SlugField(_("代码"), max_length=40)
    category = models.CharField(_("类别"), max_length=40)
    name = models.CharField(_("指标"), max_length=120)
    weight = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    metric = models.CharField(_("数据项"), max_length=40)
    base_metric = models.CharField(_("比较基数"), max_length=40, blank=True)
    higher_is_better = models.BooleanField(_("越高越好"), default=True)
    target = models.DecimalField(_("满分标准"), max_digits=10, decimal_places=3)
    source = models.CharField(_("依据"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("评估指标")
        verbose_name_plural = _("评估指标")
        ordering = ["indicator_set", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["indicator_set", "code"], name="oversight_indicator_unique")]

    def __str__(self):
        return self.name


class Accountability(TimeStampedModel):
    """A named yearly accountability of an organisation (seed 000 三(一), seed 003 附件1 task 11)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="accountabilities")
    year = models.PositiveIntegerField(_("年度"))
    kind = models.CharField(_("事项"), max_length=20, choices=AccountabilityKind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=AccountabilityStatus.choices,
                              default=AccountabilityStatus.PENDING)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    responsible = models.CharField(_("责任人职务"), max_length=80, blank=True)
    record = models.ForeignKey("records.Record", verbose_name=_("佐证信息"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    evidence_url = models.CharField(_("佐证链接"), max_length=300, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("年度责任事项")
        verbose_name_plural = _("年度责任事项")
        ordering = ["organisation__path", "-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "kind"],
                                               name="oversight_accountability_unique")]

    def __str__(self):
        return f"{self.organisation} {self.year} {self.get_kind_display()}"


class MetricValue(models.Model):
    """A precomputed figure of one organisation for one quarter (kept fresh by ``oversight_refresh``)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    quarter = models.PositiveSmallIntegerField()
    metric = models.CharField(max_length=40)
    value = models.FloatField(null=True)  # None: the source is not available in this installation
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "quarter", "metric"],
                                               name="oversight_metric_unique")]
        indexes = [models.Index(fields=["year", "quarter", "metric"])]


class Score(models.Model):
    """The evaluation score of one organisation for one quarter under one indicator set (precomputed)."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="scores")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    quarter = models.PositiveSmallIntegerField()
    total = models.FloatField()
    breakdown = models.JSONField(default=dict)  # indicator code → points; null: not available or not applicable
    not_applicable = models.JSONField(default=list)  # codes of the indicators with nothing to measure (不适用)
    vetoed = models.BooleanField(default=False)  # a 单项否决 item was triggered: 不合格 whatever the points
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator_set", "organisation", "quarter"],
                                               name="oversight_score_unique")]
        indexes = [models.Index(fields=["indicator_set", "quarter", "total"])]


class DirtyOrganisation(models.Model):
    """An organisation whose figures changed since the last refresh (marked after each committed transition)."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField()

from .inspection_models import InspectionFinding, InspectionItem, InspectionRun  # noqa: E402,F401  (the site inspection)
