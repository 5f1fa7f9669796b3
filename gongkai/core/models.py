from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One state change: who, when, what (before/after) and why. Rows are never updated."""

    action = models.CharField(_("操作"), max_length=80, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("机构"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    target_type = models.CharField(_("对象类型"), max_length=60)
    target_id = models.CharField(_("对象编号"), max_length=60)
    before = models.JSONField(_("变更前"), default=dict, blank=True)
    after = models.JSONField(_("变更后"), default=dict, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.action} {self.target_type}#{self.target_id}"


class Sequence(models.Model):
    """A named counter (tracking numbers, index numbers, letter numbers) issued under a row lock."""

    key = models.CharField(_("序列"), max_length=120, unique=True)
    last = models.BigIntegerField(_("当前值"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self):
        return f"{self.key}={self.last}"


class IdempotencyKey(models.Model):
    """A form submission already received: a second POST of the same form gets the first's answer.

    `key` is a hash of the form's one-time token and the path (gongkai.core.idempotency); `location`
    is where the first submission redirected to, empty while it is still being processed.
    """

    key = models.CharField(_("提交标识"), max_length=64, unique=True)
    location = models.CharField(_("处理结果地址"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("表单提交记录")
        verbose_name_plural = _("表单提交记录")

    def __str__(self):
        return self.key
