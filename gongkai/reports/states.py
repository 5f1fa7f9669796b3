from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("编写中")
    PUBLISHED = "published", _("已发布")


ALLOWED_TRANSITIONS = {
    ReportStatus.DRAFT: frozenset({ReportStatus.PUBLISHED}),
    ReportStatus.PUBLISHED: frozenset(),
}
