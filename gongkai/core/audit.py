"""Writing audit events. Every state-changing service calls `record()` inside its transaction."""
from django.db import models

from . import clock
from .models import AuditEvent


def record(
    action: str,
    *,
    actor,
    target: models.Model,
    organisation=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Store one audit event for `target` (a saved model instance)."""
    return AuditEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        before=before or {},
        after=after or {},
        reason=reason or "",
        created_at=clock.now(),
    )


def history(target: models.Model):
    """Return the audit events of one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
