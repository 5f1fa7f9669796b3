from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The one place that builds the demo: the top layer, allowed to import every app."""

    name = "gongkai.demo"
    label = "demo"
    verbose_name = _("演示数据")
