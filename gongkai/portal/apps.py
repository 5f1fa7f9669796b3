from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("门户")

    def ready(self):
        from gongkai.links import sources

        from . import wording_registration
        from .link_pages import published_guides

        sources.register("portal.disclosureguide", published_guides)  # the guide's links are checked too
        wording_registration.register()  # the 指南 joins the wording check (gongkai.proofing)
