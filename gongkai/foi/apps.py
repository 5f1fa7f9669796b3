from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = _("依申请公开")

    def ready(self):
        # Entering a holiday year recomputes the stored due dates of open requests.
        from gongkai.workdays import recompute

        from .services import foi_recompute_year

        recompute.register(foi_recompute_year)

        from .services import wording_registration

        wording_registration.register()  # the office's letter texts join the wording check (gongkai.proofing)
