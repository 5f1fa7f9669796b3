from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewMediaConfig(AppConfig):
    name = "gongkai.newmedia"
    label = "newmedia"
    verbose_name = _("政务新媒体")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import states, workflow  # noqa: F401  (registers audit events and state labels)
