from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "gongkai.decisions"
    verbose_name = _("行政许可和行政处罚双公示")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.workdays import recompute

        from . import states, workflow  # noqa: F401  (registers audit event and state labels)
        from .services import decisions_recompute_year

        recompute.register(decisions_recompute_year)
