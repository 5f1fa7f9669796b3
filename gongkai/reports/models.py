import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import ReportStatus


class AnnualReport(TimeStampedModel):
    """政府信息公开工作年度报告 of one organisation for one calendar year (条例第四十九、五十条)."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="annual_reports")
    year = models.PositiveIntegerField(_("报告年度"))
    format_version = models.CharField(_("报告格式"), max_length=8)
    status = models.CharField(_("状态"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("其他需要报告的事项"), blank=True)
    # Figures the system does not hold, entered by staff: {cell key: {"value", "note", "by", "at"}}.
    manual_figures = models.JSONField(_("人工填报数据"), default=dict, blank=True)
    # The tables as published (frozen at publication so later data changes do not alter them).
    snapshot = models.JSONField(_("发布时的统计表"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批准人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    approval_comment = models.TextField(_("审批意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="annual_report_unique_year")]

    def __str__(self):
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    @property
    def title(self) -> str:
        return str(self)

    @property
    def due_date(self) -> dt.date:
        """By 31 January of the following year (条例第四十九条)."""
        return dt.date(self.year + 1, 1, 31)

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    def get_absolute_url(self):
        return reverse("reports:report", args=[self.pk])
