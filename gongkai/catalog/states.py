"""States of a catalog version and the transitions between them."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    SUBMITTED = "submitted", _("已报审")
    RETURNED = "returned", _("退回修改")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本替代")


EDITABLE = frozenset({VersionStatus.DRAFT, VersionStatus.RETURNED})

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    VersionStatus.DRAFT: frozenset({VersionStatus.SUBMITTED}),
    VersionStatus.RETURNED: frozenset({VersionStatus.SUBMITTED}),
    VersionStatus.SUBMITTED: frozenset({VersionStatus.RETURNED, VersionStatus.PUBLISHED}),
    VersionStatus.PUBLISHED: frozenset({VersionStatus.SUPERSEDED}),
    VersionStatus.SUPERSEDED: frozenset(),
}


class OverviewStatus(models.TextChoices):
    """A catalog's status as supervisors see it."""

    NOT_STARTED = "not_started", _("未开始")
    DRAFT = "draft", _("编制中")
    SUBMITTED = "submitted", _("已报审")
    RETURNED = "returned", _("退回修改")
    PUBLISHED = "published", _("已发布")
