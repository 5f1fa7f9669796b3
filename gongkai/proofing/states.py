"""The states of a stored wording finding and the audit events of its transitions."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    FIXED = "fixed", _("已修正")
    OVERRIDDEN = "overridden", _("领导说明理由保留")


class Severity(models.TextChoices):
    """The wording engine's severities, in words (a severe finding blocks submission)."""

    SEVERE = "severe", _("严重")
    MAJOR = "major", _("较重")
    MINOR = "minor", _("一般")


class Kind(models.TextChoices):
    """The wording engine's kinds of finding, in words."""

    OUTDATED_NAME = "outdated_name", _("过时机构名称")
    LEADER = "leader", _("领导姓名职务")
    FORBIDDEN = "forbidden", _("禁用或替换用语")
    TYPO = "typo", _("易错字词")
    FORMAT = "format", _("公文格式")


@audit.register
class ProofingEvent(audit.EventType):
    APPLIED = "proofing.applied", _("应用措辞修改建议")
    RESOLVED = "proofing.resolved", _("修改后措辞问题消除")
    OVERRIDDEN = "proofing.overridden", _("领导说明理由保留措辞")
