"""The 政府信息公开指南 registered with the wording check (gongkai.proofing): its texts are published when
saved, so proofing holds them while a severe finding blocks the update."""
from __future__ import annotations

from gongkai.proofing import registry

from .models import DisclosureGuide
from .services import CHECKED


def register() -> None:
    """Called from ``PortalConfig.ready()``."""
    registry.register(registry.Spec(
        model=DisclosureGuide, fields=lambda g: {name: getattr(g, name) or "" for name in CHECKED},
        labels={name: DisclosureGuide._meta.get_field(name).verbose_name for name in CHECKED}))
