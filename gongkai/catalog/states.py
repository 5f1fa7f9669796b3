"""States of a catalog version and the catalog's audit event types (the transitions are declared in ``workflow.py``)."""
from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


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


@audit.register
class CatalogEvent(audit.EventType):
    TEMPLATE_IMPORTED = "catalog.template_imported", gettext_lazy("导入国家标准目录模板")
    TEMPLATE_REIMPORTED = "catalog.template_reimported", gettext_lazy("更新国家标准目录模板")
    DERIVED = "catalog.derived", gettext_lazy("从国家标准目录派生本机关目录")
    IMPORTED = "catalog.imported", gettext_lazy("导入目录文件")
    VERSION_STARTED = "catalog.version_started", gettext_lazy("创建修订版本")
    ITEM_UPDATED = "catalog.item_updated", gettext_lazy("修改事项")
    ITEM_ADDED = "catalog.item_added", gettext_lazy("新增本地事项")
    ITEM_RETIRED = "catalog.item_retired", gettext_lazy("停用事项")
    ITEM_RESTORED = "catalog.item_restored", gettext_lazy("恢复事项")
    SUBMITTED = "catalog.submitted", gettext_lazy("报审")
    RETURNED = "catalog.returned", gettext_lazy("退回修改")
    PUBLISHED = "catalog.published", gettext_lazy("审核通过并发布")
    SUPERSEDED = "catalog.superseded", gettext_lazy("被新版本替代")
