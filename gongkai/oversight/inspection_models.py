"""The site inspection's stored runs: one per organisation and sweep, its items and its findings (history)."""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PASS_SCORE = Decimal(60)  # 扣分指标 below 60 points: 不合格 (国办秘函〔2019〕19号 指标说明)


class InspectionRun(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="+")
    as_of = models.DateTimeField(_("检查时点"), db_index=True)
    finished_at = models.DateTimeField(_("完成时间"))
    vetoed = models.BooleanField(_("触发单项否决"), default=False)
    vetoes = models.PositiveSmallIntegerField(_("单项否决项数"), default=0)
    score = models.DecimalField(_("扣分指标得分"), max_digits=5, decimal_places=1)
    pages = models.PositiveIntegerField(_("检查页面数"), default=0)
    wording_checked = models.BooleanField(_("已做表述检查"), default=False)
    triggered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        app_label = "oversight"
        verbose_name = _("网站检查")
        verbose_name_plural = _("网站检查")
        ordering = ["-as_of", "-id"]
        indexes = [models.Index(fields=["organisation", "-as_of"])]

    def __str__(self):
        return f"{self.organisation} {self.as_of:%Y-%m-%d}"

    @property
    def passed(self) -> bool:
        return not self.vetoed and self.score >= PASS_SCORE


class InspectionItem(models.Model):
    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("检查项"), max_length=40)
    veto = models.BooleanField(_("单项否决指标"), default=False)
    count = models.PositiveIntegerField(_("发现数"), default=0)
    triggered = models.BooleanField(_("触发否决"), default=False)
    deduction = models.DecimalField(_("扣分"), max_digits=5, decimal_places=1, default=0)
    available = models.BooleanField(_("数据可用"), default=True)

    class Meta:
        app_label = "oversight"
        ordering = ["run", "-veto", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "code"], name="oversight_inspection_item_unique")]


class InspectionFinding(models.Model):
    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(_("检查项"), max_length=40, db_index=True)
    page_title = models.CharField(_("页面"), max_length=300, blank=True)
    page_url = models.CharField(_("页面地址"), max_length=500, blank=True)
    edit_url = models.CharField(_("修改地址"), max_length=500, blank=True)
    text = models.CharField(_("发现"), max_length=500)
    detail = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        app_label = "oversight"
        ordering = ["run", "code", "id"]
