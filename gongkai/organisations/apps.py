from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "gongkai.organisations"
    label = "organisations"
    verbose_name = _("机构与用户")

    def ready(self):
        # The workflow kernel (core, the layer below) decides permissions through this policy.
        from gongkai.core import workflow

        from . import permissions

        workflow.set_policy(can=permissions.can, require=permissions.require)
