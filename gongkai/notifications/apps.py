from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    label = "notifications"
    verbose_name = _("通知")

    def ready(self):
        from . import login_alerts, triggers

        triggers.connect()
        login_alerts.connect()
