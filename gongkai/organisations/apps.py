from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "gongkai.organisations"
    label = "organisations"
    verbose_name = _("机构与用户")
