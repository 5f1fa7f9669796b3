"""States of a catalog version (the transitions between them are declared in ``workflow.py``)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    SUBMITTED = "submitted", _("已报审")
    RETURNED = "returned", _("退回修改")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本替代")


# A version's items can be changed only while it is drafted (or returned for changes).
EDITABLE = frozenset({VersionStatus.DRAFT, VersionStatus.RETURNED})
# Versions not yet published: a catalog has at most one (see the model's constraint).
OPEN = frozenset({VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.RETURNED})


class OverviewStatus(models.TextChoices):
    """A catalog's status as supervisors see it."""

    NOT_STARTED = "not_started", _("未开始")
    DRAFT = "draft", _("编制中")
    SUBMITTED = "submitted", _("已报审")
    RETURNED = "returned", _("退回修改")
    PUBLISHED = "published", _("已发布")
