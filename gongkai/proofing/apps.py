from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProofingConfig(AppConfig):
    name = "gongkai.proofing"
    label = "proofing"
    verbose_name = _("措辞检查")
