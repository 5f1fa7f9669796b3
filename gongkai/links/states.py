"""Kinds and outcomes of a link check."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkKind(models.TextChoices):
    INTERNAL = "internal", _("站内链接")
    EXTERNAL = "external", _("外部链接")
    ATTACHMENT = "attachment", _("附件")


class LinkStatus(models.TextChoices):
    PENDING = "pending", _("待检查")
    OK = "ok", _("可用")
    DEAD = "dead", _("不可用")
    INVALID = "invalid", _("错误链接")  # not a usable address at all (javascript:, data:, malformed, too long)
    SKIPPED = "skipped", _("未检查")  # external fetching off, or an address the policy does not fetch


# What the inspection counts as 链接不可用 (国办秘函〔2019〕19号 扣分指标: 链接可用性).
FAILED = (LinkStatus.DEAD, LinkStatus.INVALID)
