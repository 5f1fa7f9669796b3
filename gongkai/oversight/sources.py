"""The one place the oversight app reads other apps' data — always through their selectors.

Records: ``records.selectors.published()``, ``proactive_with_due()``, ``published_interpretations()``
and ``record_of()`` (evidence an office cites). Requests: ``foi.selectors.open_requests()``,
``closed_requests()`` and ``all_requests()``. Participation: ``engagement.selectors`` (consultations,
messages, opinion events). The "figures for supervision" selectors are not scoped to a user: the
metrics restrict them to the organisations being evaluated, and the views show the figures only to
users who may supervise those organisations. Without the engagement module installed its figures
are *not available*, never zero.
"""
from __future__ import annotations

import importlib

from gongkai.foi import selectors as foi_selectors
from gongkai.records import selectors as record_selectors


def published_records():
    return record_selectors.published()


def proactive_records_with_due():
    return record_selectors.proactive_with_due()


def published_interpretations():
    return record_selectors.published_interpretations()


def closed_requests():
    return foi_selectors.closed_requests()


def open_requests(organisations):
    return foi_selectors.open_requests(organisations)


def all_requests():
    return foi_selectors.all_requests()


def record_of(organisation_id: int, pk):
    """The record `pk` of organisation `organisation_id` (for evidence links), or None."""
    return record_selectors.record_of(organisation_id, pk)


def engagement():
    """Return the engagement selectors module, or None when it does not exist in this installation."""
    try:
        return importlib.import_module("gongkai.engagement.selectors")
    except ImportError:
        return None


def engagement_available() -> bool:
    from django.apps import apps
    return apps.is_installed("gongkai.engagement") and engagement() is not None


def published_consultations():
    return engagement().public_consultations()


def messages():
    return engagement().all_messages()


def opinion_events():
    return engagement().all_opinion_events()
