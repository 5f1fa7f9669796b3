"""The 政府信息公开指南's one transition, run by the workflow kernel (gongkai.core.workflow)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core import audit
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import DisclosureGuide
from .states import GuideEvent, GuideStatus


# Only the guide's own state: "published" already reads 已发布 for every app.
audit.register_values("status", {GuideStatus.NOT_WRITTEN.value: GuideStatus.NOT_WRITTEN.label})
audit.register_values("office_name", {}, label=_("工作机构"))
audit.register_values("office_address", {}, label=_("办公地址"))
audit.register_values("office_hours", {}, label=_("办公时间"))
audit.register_values("phone", {}, label=_("联系电话"))
audit.register_values("fax", {}, label=_("传真号码"))
audit.register_values("online_contact", {}, label=_("互联网联系方式"))
audit.register_values("postal_address", {}, label=_("通信地址"))

# The short fields whose before/after the history shows; the long texts are summarised by the event.
SNAPSHOT_FIELDS = ("office_name", "office_address", "office_hours", "phone", "fax", "online_contact", "postal_address")

GUIDE_WORKFLOW = Workflow(
    DisclosureGuide,
    transitions=(
        Transition("update", sources={GuideStatus.NOT_WRITTEN, GuideStatus.PUBLISHED}, target=GuideStatus.PUBLISHED,
                   permission=Action.GUIDE_EDIT, event=GuideEvent.UPDATED, label=_("更新指南"), offer=False),
    ),
    snapshot=lambda guide: {name: getattr(guide, name) for name in SNAPSHOT_FIELDS},
)
