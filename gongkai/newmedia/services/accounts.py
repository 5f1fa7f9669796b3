"""Keeping a registered account's monitoring data: its updates (entered or read from a feed), contact and feed."""
from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai.core import clock

from ..models import CONTACT_MAX, Account, AccountUpdate
from ..states import UpdateSource
from ..workflow import ACCOUNT_WORKFLOW
from . import _clean

FEED_ERROR_MAX = 200


def note_update(account: Account, day: dt.date, source: str) -> None:
    AccountUpdate.objects.get_or_create(account=account, published_on=day, defaults={"source": source})
    latest = account.updates.aggregate(m=Max("published_on"))["m"]
    if latest != account.last_update or account.last_update_source == "":
        account.last_update = latest
        account.last_update_source = account.updates.get(published_on=latest).source


def account_record_update(*, account: Account, actor, published_on) -> Account:
    """Record a day the account published something (entered by the office after checking the account)."""
    problems: list[str] = []

    def apply(locked):
        day = _clean.day(problems, published_on, _("更新日期"))
        _clean.fail(problems)
        note_update(locked, day, UpdateSource.MANUAL)

    return ACCOUNT_WORKFLOW.run("record_update", account, actor=actor, apply=apply,
                                extra={"published_on": str(published_on)}).instance


def account_edit_details(*, account: Account, actor, contact, feed_url) -> Account:
    """Change the contact and the feed address (no approval needed: they do not change what the account is)."""
    problems: list[str] = []
    contact = _clean.text(problems, contact, _("联系方式"), CONTACT_MAX)
    feed_url = _clean.url(problems, feed_url, _("订阅源"))
    _clean.fail(problems)

    def apply(locked):
        locked.contact = contact
        if locked.feed_url != feed_url:
            locked.feed_url, locked.feed_error, locked.feed_checked_at = feed_url, "", None

    return ACCOUNT_WORKFLOW.run("edit_details", account, actor=actor, apply=apply,
                                extra={"contact": contact, "feed_url": feed_url}).instance


def account_feed_result(*, account: Account, dates: list[dt.date], error: str = "") -> Account:
    """Store what the scheduled feed reader found (a system step: trusted, no user).

    Writes an audited transition only when something changed (a new latest date, another problem);
    otherwise only the time of the check."""
    today = clock.today()
    dates = sorted({d for d in dates if isinstance(d, dt.date) and _clean.EARLIEST <= d <= today})
    error = (error or "")[:FEED_ERROR_MAX]
    newest = dates[-1] if dates else None
    changed = (newest is not None and (account.last_update is None or newest > account.last_update)) \
        or error != account.feed_error
    if not changed:
        Account.objects.filter(pk=account.pk).update(feed_checked_at=clock.now())
        return account

    def apply(locked):
        for day in dates[-30:]:  # the newest items are enough to keep the log honest
            note_update(locked, day, UpdateSource.FEED)
        locked.feed_error = error
        locked.feed_checked_at = clock.now()

    return ACCOUNT_WORKFLOW.run("feed_read", account, actor=None, trusted=True, apply=apply,
                                extra={"newest": str(newest or ""), "error": error}).instance
