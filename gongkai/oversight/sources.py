"""The one place the oversight app reads other apps' data — always through their selectors.

Each "figures for supervision" selector is computed by the app that owns the data, on its own field
names and states, and returns plain figures: ``{organisation_id: count}``, ``{organisation_id: moment}``
or lists of dicts (title, dates, status label, link) for the drill-downs. Oversight never filters
another app's QuerySet. ``organisation_ids=None`` means every organisation (the province-wide refresh).

The figures are not scoped to a user: the metrics restrict them to the organisations being evaluated,
and the views show them only to users who may supervise those organisations. Without the engagement
module installed its figures are *not available*, never zero.
"""
from __future__ import annotations

import importlib

from gongkai.catalog import selectors as catalog_selectors
from gongkai.decisions import selectors as decision_selectors
from gongkai.foi import selectors as foi_selectors
from gongkai.links import selectors as link_selectors
from gongkai.links import services as link_services
from gongkai.links import sources as link_sources
from gongkai.outreach import selectors as outreach_selectors
from gongkai.newmedia import selectors as newmedia_selectors
from gongkai.records import selectors as record_selectors
from gongkai.reports import selectors as report_selectors

# ------------------------------------------------------------------ records

published_counts = record_selectors.supervision_published_counts
published_list = record_selectors.supervision_published_list
latest_published = record_selectors.supervision_latest_published
last_published = record_selectors.supervision_last_published
last_published_by_item = record_selectors.supervision_last_published_by_item
published_catalog_keys = record_selectors.supervision_catalog_keys
overdue_counts = record_selectors.supervision_overdue_counts
overdue_list = record_selectors.supervision_overdue_list
due_record_counts = record_selectors.supervision_due_counts
interpretation_counts = record_selectors.supervision_interpretation_counts
interpretation_list = record_selectors.supervision_interpretation_list


def record_of(organisation_id: int, pk):
    """The record `pk` of organisation `organisation_id` (for evidence links), or None."""
    return record_selectors.record_of(organisation_id, pk)


# ------------------------------------------------------------------ requests, catalogs, annual reports

closed_request_counts = foi_selectors.supervision_closed_counts
closed_request_list = foi_selectors.supervision_closed_list
late_request_counts = foi_selectors.supervision_late_counts
late_request_list = foi_selectors.supervision_late_list
due_request_counts = foi_selectors.supervision_due_counts
published_catalog_count = catalog_selectors.published_catalog_count


def published_report_of(organisation_id: int, pk):
    """The published annual report `pk` of organisation `organisation_id` (for evidence links), or None."""
    return report_selectors.published_report_of(organisation_id, pk)


# ------------------------------------------------------------------ 双公示 (licensing and penalty decisions)

decisions_due_counts = decision_selectors.supervision_due_counts
decisions_on_time_counts = decision_selectors.supervision_on_time_counts
decisions_list = decision_selectors.supervision_list
# ------------------------------------------------------------------ press conferences, signed articles, open days

conference_quarters = outreach_selectors.supervision_conference_quarters
head_attended_counts = outreach_selectors.supervision_head_attended_counts
article_counts = outreach_selectors.supervision_article_counts
open_day_counts = outreach_selectors.supervision_open_day_counts
outreach_duty_list = outreach_selectors.supervision_duty_list


# ------------------------------------------------------------------ 政务新媒体 accounts

newmedia_active_counts = newmedia_selectors.supervision_active_counts
newmedia_stale_counts = newmedia_selectors.supervision_stale_counts
newmedia_account_list = newmedia_selectors.supervision_account_list


# ------------------------------------------------------------------ participation (optional module)

def engagement():
    """Return the engagement selectors module, or None when it does not exist in this installation."""
    try:
        return importlib.import_module("gongkai.engagement.selectors")
    except ImportError:
        return None


def engagement_available() -> bool:
    from django.apps import apps
    return apps.is_installed("gongkai.engagement") and engagement() is not None


def consultation_counts(organisation_ids, start, end):
    return engagement().supervision_consultation_counts(organisation_ids, start, end)


def consultation_list(organisation_id, start, end):
    return engagement().supervision_consultation_list(organisation_id, start, end)


def opinion_late_counts(organisation_ids, start, end):
    return engagement().supervision_opinion_late_counts(organisation_ids, start, end)


def opinion_due_counts(organisation_ids, start, end):
    return engagement().supervision_opinion_due_counts(organisation_ids, start, end)


def opinion_late_list(organisation_id, start, end):
    return engagement().supervision_opinion_late_list(organisation_id, start, end)


def messages_unanswered_counts(organisation_ids, as_of, days):
    return engagement().supervision_messages_unanswered_counts(organisation_ids, as_of, days)


def messages_unanswered_list(organisation_id, as_of, days):
    return engagement().supervision_messages_unanswered_list(organisation_id, as_of, days)


def messages_late_counts(organisation_ids, start, end, as_of):
    return engagement().supervision_messages_late_counts(organisation_ids, start, end, as_of)


def messages_due_counts(organisation_ids, start, end, as_of):
    return engagement().supervision_messages_due_counts(organisation_ids, start, end, as_of)


def messages_late_list(organisation_id, start, end, as_of):
    return engagement().supervision_messages_late_list(organisation_id, start, end, as_of)


# ------------------------------------------------------------------ published pages and their links (gongkai.links)

published_pages = link_sources.pages
failed_links = link_selectors.failed_rows
failed_link_counts = link_selectors.failed_counts


def sweep_links(organisation_ids) -> dict:
    """Bring the link rows of these organisations' published pages up to date (no network)."""
    return link_services.sweep(organisation_ids)


# ------------------------------------------------------------------ wording (optional module, issue 23 item 1)

def wording():
    """The wording engine's services module, or None when it is not installed here."""
    from django.apps import apps
    if not apps.is_installed("gongkai.wording"):
        return None
    try:
        return importlib.import_module("gongkai.wording.services")
    except ImportError:
        return None


def wording_findings(text: str, *, organisation, on_date) -> list[dict] | None:
    """The wording engine's findings on `text` as plain dicts, or None when the engine is not installed."""
    engine = wording()
    if engine is None:
        return None
    return [{"start": f.start, "end": f.end, "text": f.text, "kind": str(f.kind), "severity": str(f.severity),
             "suggestion": f.suggestion or "", "rule": str(f.rule), "explanation": str(getattr(f, "explanation", "") or "")}
            for f in engine.check_text(text, organisation=organisation, on_date=on_date)]
def meeting_counts(organisation_ids, start, end, *, live_only: bool = False):
    return engagement().supervision_meeting_counts(organisation_ids, start, end, live_only=live_only)


def meeting_list(organisation_id, start, end):
    return engagement().supervision_meeting_list(organisation_id, start, end)
