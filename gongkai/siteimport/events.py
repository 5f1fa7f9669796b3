"""Typed audit events of the site importer."""
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit


@audit.register
class ImportEvent(audit.EventType):
    BATCH_IMPORTED = "siteimport.batch_imported", _("导入原网站页面")
    MAPPING_CONFIRMED = "siteimport.mapping_confirmed", _("确认栏目对应的目录事项")
