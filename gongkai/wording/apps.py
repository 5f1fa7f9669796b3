from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordingConfig(AppConfig):
    name = "gongkai.wording"
    label = "wording"
    verbose_name = _("表述检查")
