"""The 双公示 register's states, kinds and typed audit events.

The rule (seed 003 附件2 安徽省安全监管局信息公开栏目责任分解, 行政权力运行 column): "审批结果 —
行政审批办 — 对审批结果进行双公示" and "行政处罚结果 — 政策法规处、各执法处室 — 每季度不少于1次更新
本级行政处罚进行双公示". The seed names the duty, not the period; the period is the national one,
see ``rules.py``.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class DecisionKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("待公示")
    PUBLISHED = "published", _("公示中")
    EXPIRED = "expired", _("公示期满")
    WITHDRAWN = "withdrawn", _("已撤下")


class SubjectType(models.TextChoices):
    """Who the decision is about (行政相对人类别, as the credit-information tables list them)."""

    LEGAL = "legal", _("法人及非法人组织")
    BUSINESS = "business", _("个体工商户")
    PERSON = "person", _("自然人")


# States the public portal shows (公示中); the others are the office's alone.
PUBLIC_STATES = (DecisionStatus.PUBLISHED,)


@audit.register
class DecisionEvent(audit.EventType):
    CREATED = "decision.created", _("登记行政许可/处罚决定")
    IMPORTED = "decision.imported", _("导入行政许可/处罚决定")
    EDITED = "decision.edited", _("修改待公示的决定")
    PUBLISHED = "decision.published", _("公示决定")
    CORRECTED = "decision.corrected", _("更正已公示的决定")
    WITHDRAWN = "decision.withdrawn", _("撤下已公示的决定")
    EXPIRED = "decision.expired", _("公示期满撤下")
    DUE_RECOMPUTED = "decision.due_recomputed", _("按新录入的节假日安排重算公示期限")
