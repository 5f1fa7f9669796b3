from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "gongkai.records"
    label = "records"
    verbose_name = _("政府信息")

    def ready(self):
        from gongkai.workdays import recompute

        from . import checks  # noqa: F401  (registers the system checks)
        from .deadlines import recompute_year
        from .services import wording_registration

        recompute.register(recompute_year)
        wording_registration.register()  # records and interpretations join the wording check (gongkai.proofing)
