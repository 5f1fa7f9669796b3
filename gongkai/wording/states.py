"""Choices of the wording rules and the app's typed audit events."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import EventType, register


class RuleKind(models.TextChoices):
    """The kinds an office may add itself (format rules and leaders are not term rules)."""

    OUTDATED_NAME = "outdated_name", _("过时机构名称")
    FORBIDDEN = "forbidden", _("禁用或替换用语")
    TYPO = "typo", _("易错词")


class Severity(models.TextChoices):
    SEVERE = "severe", _("严重")
    MAJOR = "major", _("较重")
    MINOR = "minor", _("一般")


KIND_LABELS = {
    "outdated_name": _("过时机构名称"),
    "leader": _("领导姓名职务"),
    "forbidden": _("禁用或替换用语"),
    "typo": _("易错词"),
    "format": _("公文格式"),
}


@register
class WordingEvent(EventType):
    RULE_ADDED = "wording.rule_added", _("新增表述规则")
    RULE_CHANGED = "wording.rule_changed", _("修改表述规则")
    RULE_SWITCHED = "wording.rule_switched", _("停用或启用继承的表述规则")
    RULES_IMPORTED = "wording.rules_imported", _("批量导入表述规则")
    LEADER_ADDED = "wording.leader_added", _("新增领导任职记录")
    LEADER_CHANGED = "wording.leader_changed", _("修改领导任职记录")
