"""Metrics of press conferences, the head's attendance and signed article, open days and live broadcasts
(read from gongkai.outreach and gongkai.engagement through ``sources`` as plain figures).

Due dates (gongkai.outreach.duties): a conference each quarter, due at the quarter's last day; the head's
attendance, the signed article and the open day once a year, due 31 December. A duty not yet due and not
yet done is not counted either way: its "due" figure is 0, so the indicator is 不适用 until it is due or done.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from .. import sources
from .base import Row, ids_of
from .duties import quarter_due


def _orgs(scope):
    from gongkai.organisations.models import Organisation

    ids = ids_of(scope)
    return list(ids) if ids is not None else list(
        Organisation.objects.filter(parent__isnull=False).values_list("pk", flat=True))


def _quarters(scope, period):
    """{org: (quarters ended without a conference, quarters due or done)} over quarters 1..period.quarter."""
    held = sources.conference_quarters(ids_of(scope), period.year, period.as_of)
    today = period.as_of.date()
    out = {}
    for org in _orgs(scope):
        done = set(held.get(org, []))
        ended = {q for q in range(1, period.quarter + 1) if quarter_due(period.year, q) < today}
        out[org] = (float(len(ended - done)), float(len(ended | {q for q in done if q <= period.quarter})))
    return out


def press_quarters_missing(scope, period):
    return {o: v[0] for o, v in _quarters(scope, period).items()}


def press_quarters_due(scope, period):
    return {o: v[1] for o, v in _quarters(scope, period).items()}


def _year_over(period) -> bool:
    return period.as_of.date() > dt.date(period.year, 12, 31)


def _yearly(counts: dict[int, int], scope, period, want: str):
    over = _year_over(period)
    out = {}
    for org in _orgs(scope):
        n = counts.get(org, 0)
        if want == "done":
            out[org] = float(n)
        elif want == "missing":
            out[org] = float(over and n == 0)
        else:  # due: it counts once it is done or its due date has passed
            out[org] = float(over or n > 0)
    return out


def _head(scope, period):
    return sources.head_attended_counts(ids_of(scope), period.year_start, period.as_of)


def _articles(scope, period):
    return sources.article_counts(ids_of(scope), dt.date(period.year, 1, 1),
                                  min(period.as_of.date() + dt.timedelta(days=1), dt.date(period.year + 1, 1, 1)))


def _open_days(scope, period):
    return sources.open_day_counts(ids_of(scope), period.year_start, period.as_of)


def press_conference_done(scope, period):
    """Press conferences the head (主要负责人) attended this year so far (the outreach register)."""
    return _yearly(_head(scope, period), scope, period, "done")


def press_head_missing(scope, period):
    return _yearly(_head(scope, period), scope, period, "missing")


def press_head_due(scope, period):
    return _yearly(_head(scope, period), scope, period, "due")


def signed_articles(scope, period):
    return _yearly(_articles(scope, period), scope, period, "done")


def signed_article_missing(scope, period):
    return _yearly(_articles(scope, period), scope, period, "missing")


def signed_article_due(scope, period):
    return _yearly(_articles(scope, period), scope, period, "due")


def open_days_held(scope, period):
    return _yearly(_open_days(scope, period), scope, period, "done")


def open_day_missing(scope, period):
    return _yearly(_open_days(scope, period), scope, period, "missing")


def open_day_due(scope, period):
    return _yearly(_open_days(scope, period), scope, period, "due")


def meetings_held(scope, period):
    return {k: float(v) for k, v in sources.meeting_counts(ids_of(scope), period.start, period.as_of).items()}


def meetings_live(scope, period):
    return {k: float(v) for k, v in sources.meeting_counts(ids_of(scope), period.start, period.as_of,
                                                           live_only=True).items()}


def outreach_rows(kinds):
    """The drill-down rows of the outreach duties (the quarters, or the yearly duties) of one organisation."""
    def rows(org, period):
        return [Row(r["title"], r["due"], f'{r["state"]} · {r["detail"]}', r["url"])
                for r in sources.outreach_duty_list(org.pk, period.year, period.as_of.date()) if r["kind"] in kinds]
    return rows


def meeting_rows(org, period):
    return [Row(m["title"], m["date"], str(_("已网络直播") if m["live"] else _("未登记网络直播")), m["url"])
            for m in sources.meeting_list(org.pk, period.start, period.as_of)]
