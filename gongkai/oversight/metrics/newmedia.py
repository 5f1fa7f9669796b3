"""政务新媒体 figures, read through ``sources`` from the newmedia app's selectors (plain counts and rows).

The monitoring date of a quarter is its last day (today for the running quarter): an account registered
and not closed on that date is counted; it is stale when it has no update in the limit before it
(国办秘函〔2019〕19号, a 单项否决 item; gongkai.newmedia.rules).
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .. import sources
from .base import Period, Row, floats, ids_of


def monitoring_day(period: Period) -> dt.date:
    """The quarter's last day, or today (Beijing time) for the running quarter."""
    if period.as_of < period.end:
        return timezone.localtime(period.as_of).date()
    return timezone.localtime(period.end - dt.timedelta(days=1)).date()


def newmedia_active(scope, period):
    return floats(sources.newmedia_active_counts(ids_of(scope), monitoring_day(period)))


def newmedia_stale(scope, period):
    return floats(sources.newmedia_stale_counts(ids_of(scope), monitoring_day(period)))


def newmedia_rows(org, period, stale_only: bool):
    return [Row(r["title"], r["date"], r["detail"], r["url"])
            for r in sources.newmedia_account_list(org.pk, monitoring_day(period)) if r["stale"] or not stale_only]
