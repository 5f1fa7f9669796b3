"""States of the 政府信息公开指南 and its audit event type (the transition is declared in ``workflow.py``)."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


class GuideStatus(models.TextChoices):
    NOT_WRITTEN = "not_written", _("未编写")
    PUBLISHED = "published", _("已发布")


@audit.register
class GuideEvent(audit.EventType):
    UPDATED = "guide.updated", _("更新政府信息公开指南")
