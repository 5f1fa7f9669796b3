from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinksConfig(AppConfig):
    name = "gongkai.links"
    verbose_name = _("链接检查")

    def ready(self):
        from gongkai.core import effects

        from . import services

        effects.subscribe(services.on_commit)
