"""Shared steps of the request services: today's date, date checks, the transition runner, letters."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed

from .. import deadlines, letters
from ..models import DisclosureRequest
from ..workflow import REQUEST_WORKFLOW

MAX_DESCRIPTION = 5000
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
FEE_PAYMENT_WORKING_DAYS = deadlines.FEE_PAYMENT_WORKING_DAYS


def _today() -> dt.date:
    return clock.today()


def _not_future(day: dt.date, label: str) -> None:
    if day > _today():
        raise ValidationFailed(_("日期无效。"), problems=[_("%(label)s不能晚于今天。") % {"label": label}])


def _run(name: str, req: DisclosureRequest, *, actor, apply, reason: str = "", extra: dict | None = None,
         trusted: bool = False, after_commit=()) -> DisclosureRequest:
    """Run transition `name`; `apply(locked)` changes the row; the clock is recomputed before saving."""

    def apply_and_recompute(locked):
        target = apply(locked)
        deadlines.apply(locked)
        return target

    return REQUEST_WORKFLOW.run(name, req, actor=actor, apply=apply_and_recompute, reason=reason, extra=extra,
                                trusted=trusted, after_commit=after_commit).instance


def _issue(locked: DisclosureRequest, kind: str, **facts):
    return letters.issue(locked, kind, facts=facts)


def deadlines_text(day: dt.date | None) -> str:
    return letters.cn_date(day) if day else "—"
