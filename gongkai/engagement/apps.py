from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "gongkai.engagement"
    verbose_name = _("公众参与与回应关切")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import states, workflow  # noqa: F401  (registers audit event and state labels)
        from .services import wording_registration

        wording_registration.register()  # consultations and message answers join the wording check (gongkai.proofing)
