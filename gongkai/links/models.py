"""One row per link (or attachment) found on one published page, with the outcome of its last check."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .states import LinkKind, LinkStatus


class LinkCheck(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE,
                                     related_name="+")
    source = models.CharField(_("页面类型"), max_length=40)  # "records.record", "reports.annualreport", …
    object_id = models.PositiveIntegerField(_("页面对象"))
    page_title = models.CharField(_("页面标题"), max_length=300)
    page_url = models.CharField(_("页面地址"), max_length=500)
    edit_url = models.CharField(_("编辑地址"), max_length=500, blank=True)
    url = models.CharField(_("链接"), max_length=2000)
    url_hash = models.CharField(max_length=64)
    host = models.CharField(_("主机"), max_length=255, blank=True, db_index=True)
    kind = models.CharField(_("类型"), max_length=12, choices=LinkKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.PENDING,
                              db_index=True)
    http_code = models.PositiveSmallIntegerField(_("HTTP 状态码"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=40, blank=True)
    last_checked = models.DateTimeField(_("最近检查"), null=True, blank=True)
    first_failed = models.DateTimeField(_("首次发现不可用"), null=True, blank=True)
    seen_at = models.DateTimeField(_("最近见于页面"))

    class Meta:
        verbose_name = _("链接检查")
        verbose_name_plural = _("链接检查")
        constraints = [models.UniqueConstraint(fields=["source", "object_id", "url_hash"], name="links_one_per_page")]
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["kind", "last_checked"])]
        ordering = ["organisation", "source", "object_id", "id"]

    def __str__(self):
        return self.url
