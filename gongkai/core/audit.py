"""Audit events: typed names with Chinese labels, the writer, and a readable history.

Every event written here is also the input of the one side-effect path (``core.effects``).

Each app declares its events as an ``EventType`` subclass (a ``TextChoices`` whose values are
dotted names such as ``record.published`` and whose labels are the words staff read) and
registers it with ``@register``. Every state change writes one event through ``record()``;
the workflow kernel does this for every transition. ``describe()`` turns a stored event into
the words a history page shows: no raw codes, no dicts, display names instead of logins.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock, effects
from .models import AuditEvent


class EventType(models.TextChoices):
    """Base for each app's audit event enum (values are dotted names, labels are Chinese)."""


_EVENT_LABELS: dict[str, object] = {}
# How a stored value (state codes, booleans …) reads on a history page: per (model label, field)
# — "draft" is 起草中 for a record and 编写中 for a report — with per-field fallbacks (model None).
_VALUE_LABELS: dict[tuple[str | None, str], dict[str, object]] = {}
_FIELD_LABELS: dict[str, object] = {
    "status": gettext_lazy("状态"),
    "attribute": gettext_lazy("公开属性"),
}


def register(enum_cls: type[EventType]) -> type[EventType]:
    """Class decorator: make an app's event enum known to ``event_label()``."""
    for member in enum_cls:
        if member.value in _EVENT_LABELS and _EVENT_LABELS[member.value] is not member.label:
            existing = _EVENT_LABELS[member.value]
            if str(existing) != str(member.label):
                raise ValueError(f"audit event {member.value!r} declared twice with different labels")
        _EVENT_LABELS[member.value] = member.label
    return enum_cls


def register_values(field_name: str, choices, *, label=None, model: str | None = None) -> None:
    """Teach ``describe()`` how the values of a snapshot field read (a TextChoices or a dict).

    ``model`` (a ``app_label.modelname`` label) limits the mapping to events about that model;
    the workflow kernel registers each model's state field this way.
    """
    mapping = dict(choices.choices) if hasattr(choices, "choices") else dict(choices)
    _VALUE_LABELS.setdefault((model, field_name), {}).update(mapping)
    if label is not None:
        _FIELD_LABELS[field_name] = label


def event_label(action: str) -> str:
    """Return the Chinese label of a stored event name (the name itself only for unknown legacy rows)."""
    label = _EVENT_LABELS.get(action)
    return str(label) if label is not None else _("其他操作")


def value_label(field_name: str, value, model: str | None = None) -> str:
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if value is None or value == "":
        return _("（空）")
    if isinstance(value, (list, tuple)):
        return "、".join(value_label(field_name, v, model) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{_FIELD_LABELS.get(k, k)}：{value_label(k, v, model)}" for k, v in value.items())
    label = _VALUE_LABELS.get((model, field_name), {}).get(value)
    if label is None:
        label = _VALUE_LABELS.get((None, field_name), {}).get(value)
    return str(label) if label is not None else str(value)


def actor_name(user) -> str:
    """Return the name staff know a person by: the display name, else the full name, else the login."""
    if user is None:
        return _("系统")
    for attr in ("display_name", "get_full_name"):
        value = getattr(user, attr, None)
        value = value() if callable(value) else value
        if value:
            return str(value)
    return user.get_username()


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
    """Store one audit event for `target` (a saved model instance).

    The event is noted on the current transaction: after the commit, the after-commit subscribers
    (``core.effects``: page cache, notices) see it once, with the transaction's other changes.
    """
    event = AuditEvent.objects.create(
        action=str(action.value if isinstance(action, EventType) else action),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        before=before or {},
        after=after or {},
        reason=reason or "",
        created_at=clock.now(),
    )
    effects.note_event(event)
    return event


def history(target: models.Model):
    """Return the audit events of one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")


def describe(event: AuditEvent) -> dict:
    """Return the words a history page shows for one event.

    Keys: ``when``, ``who``, ``what`` (the event's label), ``changes`` (a list of
    "field: before → after" phrases for the fields whose value changed and which have a label)
    and ``reason``.
    """
    changes = []
    before, after = event.before or {}, event.after or {}
    for key in after:
        if key not in _FIELD_LABELS:
            continue
        old, new = before.get(key), after.get(key)
        if key in before and old != new:
            changes.append(f"{_FIELD_LABELS[key]}：{value_label(key, old, event.target_type)} → "
                           f"{value_label(key, new, event.target_type)}")
    return {
        "when": event.created_at,
        "who": actor_name(event.actor),
        "what": event_label(event.action),
        "changes": changes,
        "reason": event.reason,
    }


def readable_history(target: models.Model, limit: int | None = None) -> list[dict]:
    """Return ``describe()`` for the events of one object, newest first."""
    events = history(target)
    if limit is not None:
        events = events[:limit]
    return [describe(e) for e in events]
