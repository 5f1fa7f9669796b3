"""Metrics read from other apps (records, requests, participation), always through ``sources``: the
owning app computes the figures on its own fields and hands back counts and plain rows."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import sources
from .base import MESSAGE_UNANSWERED_DAYS, Period, Row, floats, ids_of


# ------------------------------------------------------------------ records

def records_published(scope, period):
    return floats(sources.published_counts(ids_of(scope), period.start, period.as_of))


def records_published_rows(org, period):
    return [Row(r["title"], r["date"], r["index_number"], r["url"])
            for r in sources.published_list(org.pk, period.start, period.as_of)]


def _due_window(period: Period) -> tuple[dt.date, dt.date]:
    return period.start.date(), min(period.end.date(), period.as_of.date())


def records_overdue(scope, period):
    return floats(sources.overdue_counts(ids_of(scope), *_due_window(period)))


def records_due(scope, period):
    return floats(sources.due_record_counts(ids_of(scope), *_due_window(period)))


def records_overdue_rows(org, period):
    return [Row(r["title"], r["due"], str(_("应于%(due)s发布；%(state)s") % {"due": r["due"], "state": r["status"]}),
                r["url"]) for r in sources.overdue_list(org.pk, *_due_window(period))]


# ------------------------------------------------------------------ interpretations

def interpretations(scope, period):
    return floats(sources.interpretation_counts(ids_of(scope), period.start, period.as_of))


def interpretations_non_text(scope, period):
    return floats(sources.interpretation_counts(ids_of(scope), period.start, period.as_of, non_text=True))


def _interpretation_rows(org, period, non_text):
    return [Row(i["title"], i["date"], i["form"], i["url"])
            for i in sources.interpretation_list(org.pk, period.start, period.as_of, non_text=non_text)]


def interpretations_rows(org, period):
    return _interpretation_rows(org, period, False)


def interpretations_non_text_rows(org, period):
    return _interpretation_rows(org, period, True)


# ------------------------------------------------------------------ requests

def _closed_window(period: Period) -> tuple[dt.date, dt.date]:
    return period.start.date(), min(period.end.date() - dt.timedelta(days=1), period.as_of.date())


def _late_window(period: Period) -> tuple[dt.date, dt.date, dt.date]:
    return period.start.date(), period.end.date(), period.as_of.date()


def requests_closed(scope, period):
    return floats(sources.closed_request_counts(ids_of(scope), *_closed_window(period)))


def requests_late(scope, period):
    return floats(sources.late_request_counts(ids_of(scope), *_late_window(period)))


def requests_due(scope, period):
    return floats(sources.due_request_counts(ids_of(scope), *_late_window(period)))


def _request_rows(rows):
    return [Row(r["tracking_number"], r["date"], str(_("收到%(received)s，答复期限%(due)s，%(state)s") % {
        "received": r["received_on"], "due": r["due_date"] or "—", "state": r["status"]}), r["url"]) for r in rows]


def requests_closed_rows(org, period):
    return _request_rows(sources.closed_request_list(org.pk, *_closed_window(period)))


def requests_late_rows(org, period):
    return _request_rows(sources.late_request_list(org.pk, *_late_window(period)))


# ------------------------------------------------------------------ participation

def consultations(scope, period):
    return floats(sources.consultation_counts(ids_of(scope), period.start, period.as_of))


def consultations_rows(org, period):
    return [Row(c["title"], c["date"], c["status"], c["url"])
            for c in sources.consultation_list(org.pk, period.start, period.as_of)]


def _opinion_window(period):
    return period.start, min(period.end, period.as_of)


def opinion_events_late(scope, period):
    return floats(sources.opinion_late_counts(ids_of(scope), *_opinion_window(period)))


def opinion_events_due(scope, period):
    return floats(sources.opinion_due_counts(ids_of(scope), *_opinion_window(period)))


def opinion_events_late_rows(org, period):
    return [Row(e["title"], e["date"], str(_("回应期限%(due)s；%(state)s") % {
        "due": timezone.localtime(e["due"]).strftime("%Y-%m-%d %H:%M"), "state": e["status"]}), e["url"])
        for e in sources.opinion_late_list(org.pk, *_opinion_window(period))]


def messages_unanswered(scope, period):
    return floats(sources.messages_unanswered_counts(ids_of(scope), period.as_of.date(), MESSAGE_UNANSWERED_DAYS))


def _message_rows(rows):
    return [Row(m["title"], m["date"], str(_("答复期限：%(due)s；答复日期：%(on)s") % {
        "due": m["due"], "on": m["answered_on"] or _("未答复")}), m["url"]) for m in rows]


def messages_unanswered_rows(org, period):
    return _message_rows(sources.messages_unanswered_list(org.pk, period.as_of.date(), MESSAGE_UNANSWERED_DAYS))


def _message_window(period):
    return period.start.date(), period.end.date(), period.as_of.date()


def messages_late(scope, period):
    """Messages answered after their deadline (7 or 15 working days) or left unanswered past it."""
    return floats(sources.messages_late_counts(ids_of(scope), *_message_window(period)))


def messages_due(scope, period):
    return floats(sources.messages_due_counts(ids_of(scope), *_message_window(period)))


def messages_late_rows(org, period):
    return _message_rows(sources.messages_late_list(org.pk, *_message_window(period)))


# ------------------------------------------------------------------ 双公示

def _decision_window(period):
    return period.start.date(), period.end.date(), period.as_of.date()


def decisions_on_time(scope, period):
    """Licensing and penalty decisions due in the quarter and published within 7 working days."""
    return floats(sources.decisions_on_time_counts(ids_of(scope), *_decision_window(period)))


def decisions_due(scope, period):
    return floats(sources.decisions_due_counts(ids_of(scope), *_decision_window(period)))


def decisions_rows(org, period):
    return [Row(r["title"], r["date"], str(_("决定日期%(on)s，应于%(due)s前公示；%(state)s") % {
        "on": r["date"], "due": r["due"], "state": r["status"]}), r["url"])
        for r in sources.decisions_list(org.pk, *_decision_window(period))]
