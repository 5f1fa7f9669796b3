"""State shared by every application process through the database: page-cache generation, job leases."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageGeneration(models.Model):
    """One row (pk=1): a new random token whenever something a public page shows changes.

    Every process of every server reads it before answering from its page cache, so a publish
    on one server invalidates the cached pages of all of them at once. The token is written in
    the same transaction as the change, so no process sees the new data under the old token's
    promise of freshness for longer than the transaction takes to commit.
    """

    token = models.CharField(_("版本"), max_length=32, default="0")
    changed_at = models.DateTimeField(_("变更时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公开页面缓存版本")
        verbose_name_plural = _("公开页面缓存版本")


class ScheduledJob(models.Model):
    """A periodic job's schedule and its lease: the row a server must win before running the job."""

    name = models.CharField(_("任务"), max_length=80, unique=True)
    next_run_at = models.DateTimeField(_("下次运行"))
    lease_owner = models.CharField(_("运行者"), max_length=120, blank=True)
    lease_until = models.DateTimeField(_("租约到期"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("上次开始"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("上次结束"), null=True, blank=True)
    last_ok = models.BooleanField(_("上次成功"), null=True)
    last_output = models.TextField(_("上次输出"), blank=True)
    runs = models.PositiveIntegerField(_("运行次数"), default=0)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")
        ordering = ["name"]

    def __str__(self):
        return self.name
