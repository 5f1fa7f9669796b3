from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "gongkai.ops"
    label = "ops"
    verbose_name = _("运行维护")

    def ready(self):
        from . import cache, jobs  # noqa: F401  (registers listeners and the built-in jobs)

        cache.connect_invalidation()
        jobs.register_builtin()
