"""The transition table of a catalog version (its states and audit event types are in ``states.py``).

A catalog version moves draft/returned → submitted → returned | published → superseded. Item
changes (edit, add, retire, restore) are audited edits of the version that keep its state and
are allowed only while it is being drafted; a revision (a new draft copied from the published
version) is an audited step of the published version. Services in ``services.py`` validate
their input and then call ``VERSION_WORKFLOW.run(...)``; office pages ask
``VERSION_WORKFLOW.available_actions(version, user)`` which buttons to show.
"""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import CatalogVersion
from .states import EDITABLE, OPEN, CatalogEvent, VersionStatus


S = VersionStatus


def _no_open_version(version: CatalogVersion) -> str | None:
    catalog = version.catalog
    if catalog.is_template:
        return _("国家标准目录模板不能修订。")
    if catalog.versions.filter(status__in=OPEN).exists():
        return _("已有一个未发布的版本，请先完成它。")
    return None


VERSION_WORKFLOW = Workflow(
    CatalogVersion,
    transitions=(
        Transition("edit_item", sources=EDITABLE, permission=Action.CATALOG_EDIT,
                   event=CatalogEvent.ITEM_UPDATED, label=gettext_lazy("编辑事项"), offer=False),
        Transition("add_item", sources=EDITABLE, permission=Action.CATALOG_EDIT,
                   event=CatalogEvent.ITEM_ADDED, label=gettext_lazy("新增本地事项"), style="secondary"),
        Transition("retire_item", sources=EDITABLE, permission=Action.CATALOG_EDIT,
                   event=CatalogEvent.ITEM_RETIRED, label=gettext_lazy("停用事项"), offer=False),
        Transition("restore_item", sources=EDITABLE, permission=Action.CATALOG_EDIT,
                   event=CatalogEvent.ITEM_RESTORED, label=gettext_lazy("恢复事项"), offer=False),
        Transition("submit", sources=EDITABLE, target=S.SUBMITTED, permission=Action.CATALOG_EDIT,
                   event=CatalogEvent.SUBMITTED, label=gettext_lazy("报审")),
        Transition("approve", sources={S.SUBMITTED}, target=S.PUBLISHED, permission=Action.CATALOG_REVIEW,
                   event=CatalogEvent.PUBLISHED, label=gettext_lazy("审核通过并发布")),
        Transition("return", sources={S.SUBMITTED}, target=S.RETURNED, permission=Action.CATALOG_REVIEW,
                   event=CatalogEvent.RETURNED, label=gettext_lazy("退回修改"), style="danger"),
        # Run by "approve" on the version it replaces; never a button of its own.
        Transition("supersede", sources={S.PUBLISHED}, target=S.SUPERSEDED, permission=Action.CATALOG_REVIEW,
                   event=CatalogEvent.SUPERSEDED, label=gettext_lazy("被新版本替代"), offer=False),
        Transition("revise", sources={S.PUBLISHED}, permission=Action.CATALOG_EDIT,
                   event=CatalogEvent.VERSION_STARTED, label=gettext_lazy("修订目录（创建新版本草稿）"),
                   condition=_no_open_version),
        # The seed import refreshes a national template's published version (trusted only).
        Transition("reimport_template", sources={S.PUBLISHED}, permission=Action.CATALOG_EDIT,
                   event=CatalogEvent.TEMPLATE_REIMPORTED, label=gettext_lazy("更新国家标准目录模板"), offer=False),
    ),
    organisation=lambda version: version.catalog.organisation,
    related=("catalog", "catalog__organisation"),
)

# Buttons that need the review comment box.
REVIEW_TRANSITIONS = ("approve", "return")
