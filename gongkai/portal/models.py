"""The public disclosure column's own data: each organisation's 政府信息公开指南 (条例第十二条)."""
import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import clock

from .states import GuideStatus

# A guide not updated for this long is shown with a warning (条例第十二条: "及时更新").
GUIDE_STALE_AFTER = dt.timedelta(days=365)


class DisclosureGuide(models.Model):
    """The organisation's 政府信息公开指南, kept by its disclosure office."""

    organisation = models.OneToOneField("organisations.Organisation", verbose_name=_("机构"),
                                        on_delete=models.CASCADE, related_name="disclosure_guide")
    status = models.CharField(_("状态"), max_length=16, choices=GuideStatus.choices, default=GuideStatus.NOT_WRITTEN)
    functions = models.TextField(_("机关职能与机构设置"), blank=True,
                                 help_text=_("《条例》第二十条（二）：本机关的职能、内设机构及其职责。"))
    classification = models.TextField(_("政府信息的分类与编排体系"), blank=True)
    how_to_obtain = models.TextField(_("获取方式"), blank=True)
    office_name = models.CharField(_("政府信息公开工作机构名称"), max_length=120, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    fax = models.CharField(_("传真号码"), max_length=60, blank=True)
    online_contact = models.CharField(_("互联网联系方式"), max_length=200, blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True)
    postal_address = models.CharField(_("通信地址"), max_length=200, blank=True,
                                      help_text=_("信函申请的邮寄地址；与办公地址相同时可不填。"))
    updated_at = models.DateTimeField(_("最近更新"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("更新人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")

    def __str__(self):
        return f"{self.organisation} · {self._meta.verbose_name}"

    @property
    def is_published(self) -> bool:
        return self.status == GuideStatus.PUBLISHED

    def is_stale(self, now=None) -> bool:
        """Return True when the published guide has not been updated within GUIDE_STALE_AFTER."""
        if not self.is_published or self.updated_at is None:
            return False
        return (now or clock.now()) - self.updated_at > GUIDE_STALE_AFTER

    @property
    def mailing_address(self) -> str:
        """Where a letter goes: the postal address, else the office address."""
        return self.postal_address or self.office_address


class DemoSite(models.Model):
    """Present (one row) while demonstration data is loaded: every page then says so (base template).

    Set by ``manage.py load_portal_demo`` (part of ``make demo``); removed with ``--unmark``.
    """

    loaded_at = models.DateTimeField(_("演示数据载入时间"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("演示数据标记")
        verbose_name_plural = _("演示数据标记")

    def __str__(self):
        return str(self._meta.verbose_name)
