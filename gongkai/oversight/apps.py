import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


def _mark_dirty(transition, obj):
    """After each committed transition, mark the organisation whose figures may have changed."""
    org_id = getattr(obj, "organisation_id", None)
    if org_id is None:
        return
    try:
        from .evaluation import mark_dirty
        mark_dirty(org_id)
    except Exception:  # never let bookkeeping break another app's request after its commit
        log.exception("oversight: could not mark organisation %s dirty", org_id)


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    label = "oversight"
    verbose_name = _("督查考核")

    def ready(self):
        from gongkai.core import workflow

        from . import states  # noqa: F401  (registers the audit event enum and value labels)

        workflow.subscribe(_mark_dirty)
