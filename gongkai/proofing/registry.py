"""Which content types are checked, and how: each owning app registers its models at start-up.

``proofing`` sits below the apps whose content it checks and never imports them; an app calls
``register()`` in its ``AppConfig.ready()`` with plain callables (its own fields, organisation,
document date, and the edit path a suggestion is applied through).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class Spec:
    """How the wording check treats one model.

    ``fields(obj)`` returns the checked text fields as stored; ``labels`` names them for staff.
    ``write(obj, field, text, actor)`` is the owning app's edit path that stores a corrected text
    (and re-checks it); ``None`` means the text is written only on submission and is held by
    ``proofing`` meanwhile (``HeldText``). ``editable(obj)`` says whether a text may still change.
    """

    model: type
    fields: Callable[[Any], dict[str, str]]
    labels: dict[str, Any]
    organisation: Callable[[Any], Any] = field(default=lambda obj: obj.organisation)
    on_date: Callable[[Any], dt.date | None] = field(default=lambda obj: None)
    write: Callable[[Any, str, str, Any], None] | None = None
    editable: Callable[[Any], bool] = field(default=lambda obj: True)

    @property
    def held(self) -> bool:
        return self.write is None


_SPECS: dict[str, Spec] = {}


def register(spec: Spec) -> Spec:
    """Make a model's wording checkable (called from the owning app's ``ready()``)."""
    _SPECS[spec.model._meta.label_lower] = spec
    return spec


def spec_for(model_or_obj) -> Spec:
    """Return the registration of a model (or an instance's model); ``LookupError`` when none."""
    label = model_or_obj._meta.label_lower
    try:
        return _SPECS[label]
    except KeyError:
        raise LookupError(f"{label} is not registered with gongkai.proofing") from None


def is_registered(model_or_obj) -> bool:
    return model_or_obj._meta.label_lower in _SPECS


def object_of(content_type: ContentType, object_id: int):
    """Return the object a finding belongs to (None when it no longer exists)."""
    return content_type.model_class()._default_manager.filter(pk=object_id).first()
