from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "gongkai.outreach"
    verbose_name = _("新闻发布与政府开放日")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import states, workflow  # noqa: F401  (registers audit events and state labels)
