"""The one place the oversight app reads other apps' data.

Published records come from ``records.selectors.published()``, open requests from
``foi.selectors.open_requests()``. The province-wide aggregates also need querysets that no
selector offers without a user (unpublished records with a due date, closed requests,
interpretations): they are built here, from the other apps' models, read-only, so the gap is in
one module (see docs/oversight.md). Consultations come from ``gongkai.engagement.selectors``;
messages and opinion events, which no selector offers without a user, from its models, read-only.
Without the engagement module installed these figures are *not available*, never zero.
"""
from __future__ import annotations

import importlib

from gongkai.foi import selectors as foi_selectors
from gongkai.foi.models import DisclosureRequest
from gongkai.foi.states import RequestStatus
from gongkai.records import selectors as record_selectors
from gongkai.records.models import Interpretation, Record
from gongkai.records.states import Attribute, RecordStatus


def published_records():
    return record_selectors.published()


def proactive_records_with_due():
    return Record.objects.filter(attribute=Attribute.PROACTIVE, publication_due__isnull=False)


def published_interpretations():
    return Interpretation.objects.filter(published_at__isnull=False, record__status=RecordStatus.PUBLISHED)


def closed_requests():
    return DisclosureRequest.objects.filter(status=RequestStatus.CLOSED)


def open_requests(organisations):
    return foi_selectors.open_requests(organisations)


def all_requests():
    return DisclosureRequest.objects.all()


def record(pk):
    """A record by primary key (for evidence links), or None."""
    return Record.objects.filter(pk=pk).select_related("organisation").first()


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
    """Consultations put before the public (through ``engagement.selectors.public_consultations``)."""
    return engagement().public_consultations()


def messages():
    """Every message of the public (no engagement selector offers them without a user)."""
    from gongkai.engagement.models import Message
    return Message.objects.all()


def opinion_events():
    """Every public-opinion event (no engagement selector offers them without a user)."""
    from gongkai.engagement.models import OpinionEvent
    return OpinionEvent.objects.all()
