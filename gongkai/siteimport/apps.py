from django.apps import AppConfig


class SiteImportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.siteimport"
    label = "siteimport"
    verbose_name = "站点导入"

    def ready(self):
        from . import events, jobs  # noqa: F401  (registers the audit events and the background job)

        jobs.register()
        from gongkai.links import internal

        from .link_check import old_address_alive

        internal.register("siteimport_old_address", old_address_alive)
