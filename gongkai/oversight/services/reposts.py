"""Reposting of a superior's information by every organisation below it (seed 003 附件1 第15项)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, clock
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, require
from gongkai.workdays import calendar

from .. import sources
from ..models import Repost, RepostNotice
from ..states import OversightEvent as E
from ..workflow import REPOST_WORKFLOW
from ._common import _fail, _text, _url


def repost_notice_issue(*, organisation: Organisation, actor, title: str, url: str,
                        published_at: dt.datetime | None = None, record_id: int | None = None) -> RepostNotice:
    """Push information published by `organisation` to every organisation below it for reposting."""
    require(actor, Action.OVERSIGHT_ISSUE, organisation)
    problems: list[str] = []
    title = _text(title, _("标题"), problems)
    url = _url(url, _("原文链接"), problems, required=True)
    published_at = published_at or clock.now()
    if published_at > clock.now() + dt.timedelta(minutes=1):
        problems.append(_("发布时间不能晚于现在。"))
    record = None
    if record_id:
        record = sources.record_of(organisation.pk, record_id)
        if record is None:
            problems.append(_("所选原文不是本机构发布的信息。"))
    subordinates = list(organisation.descendants())
    if not subordinates:
        problems.append(_("本机构没有下级机构，无需推送转载。"))
    _fail(problems)
    target_at = published_at + dt.timedelta(hours=1)
    local = timezone.localtime(published_at)
    due_day = calendar.add_working_days(local.date(), 1)
    due_at = timezone.make_aware(dt.datetime.combine(due_day, dt.time(23, 59, 59)), timezone.get_current_timezone())
    with transaction.atomic():
        notice = RepostNotice.objects.create(organisation=organisation, title=title, url=url, record=record,
                                             published_at=published_at, created_by=actor)
        Repost.objects.bulk_create([Repost(notice=notice, organisation=o, target_at=target_at, due_at=due_at)
                                    for o in subordinates])
        audit.record(E.REPOST_PUSHED, actor=actor, organisation=organisation, target=notice,
                     after={"count": len(subordinates)})
    return notice


def repost_confirm(*, repost: Repost, actor, url: str, reposted_at: dt.datetime | None = None) -> Repost:
    problems: list[str] = []
    url = _url(url, _("转载链接"), problems, required=True)
    reposted_at = reposted_at or clock.now()
    if reposted_at > clock.now() + dt.timedelta(minutes=1):
        problems.append(_("转载时间不能晚于现在。"))
    if reposted_at < repost.notice.published_at:
        problems.append(_("转载时间不能早于上级发布时间。"))
    _fail(problems)

    def apply(r):
        r.url, r.reposted_at = url, reposted_at

    return REPOST_WORKFLOW.run("confirm", repost, actor=actor, apply=apply,
                               extra={"late": reposted_at > repost.due_at}).instance
