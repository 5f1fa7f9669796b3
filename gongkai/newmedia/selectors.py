"""Reads of the 政务新媒体 app: the office register and queues (querysets, inside this app), the public list,
and the plain figures oversight reads through ``oversight.sources`` (the ``supervision_*`` functions)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.organisations.permissions import Action, organisations_where

from . import rules
from .models import Account, AccountRequest, AccountUpdate
from .states import OPEN_REQUEST_STATES, AccountStatus, RequestStatus


# ---------------------------------------------------------------- office

def viewable_organisations(user):
    return organisations_where(user, Action.NEWMEDIA_VIEW)


def account_for_staff(user, pk) -> Account | None:
    return Account.objects.select_related("organisation", "competent").filter(
        pk=pk, organisation__in=viewable_organisations(user)).first()


def request_for_staff(user, pk) -> AccountRequest | None:
    """A request the user may see: of an organisation they may view, or waiting at one they review for."""
    reviewing = organisations_where(user, Action.NEWMEDIA_APPROVE)
    return AccountRequest.objects.select_related("organisation", "reviewer", "account", "approved_by").filter(
        Q(organisation__in=viewable_organisations(user)) | Q(reviewer__in=reviewing) | Q(approved_by__in=reviewing),
        pk=pk).first()


def with_freshness(accounts, today: dt.date | None = None) -> list[Account]:
    """Annotate each account with ``idle`` days and ``freshness`` ("ok", "warn", "stale", "closed")."""
    today = today or clock.today()
    out = []
    for a in accounts:
        a.idle = rules.idle_days(a.last_update, a.registered_on, today)
        a.freshness = "closed" if a.status == AccountStatus.CLOSED else rules.freshness(
            a.last_update, a.registered_on, today)
        out.append(a)
    return out


def register(organisations, *, include_closed: bool = True):
    qs = Account.objects.filter(organisation__in=organisations).select_related("organisation", "competent")
    if not include_closed:
        qs = qs.filter(status=AccountStatus.ACTIVE)
    return with_freshness(qs.order_by("organisation__path", "status", "platform", "name")[:500])


def stale_or_warned(organisations) -> list[Account]:
    """Active accounts at or past the warning threshold, most idle first (the office queue)."""
    active = register(organisations, include_closed=False)
    return sorted((a for a in active if a.freshness in ("warn", "stale")), key=lambda a: -a.idle)


def requests_of(organisations, *, open_only: bool = False):
    qs = AccountRequest.objects.filter(organisation__in=organisations).select_related(
        "organisation", "reviewer", "account")
    if open_only:
        qs = qs.filter(status__in=[s.value for s in OPEN_REQUEST_STATES])
    return qs.order_by("-created_at")[:200]


def has_open_request(account) -> bool:
    return account.requests.filter(status__in=[s.value for s in OPEN_REQUEST_STATES]).exists()


def same_platform_count(req) -> int:
    """Other active accounts of the requester on the same platform (123号: 原则上同一平台只开设一个账号)."""
    return Account.objects.filter(organisation=req.organisation, platform=req.platform,
                                  status=AccountStatus.ACTIVE).exclude(pk=req.account_id).count()


def review_queue(user):
    """Requests waiting for this user's decision as 主管单位 (supervisor of the reviewing organisation)."""
    return AccountRequest.objects.filter(status=RequestStatus.SUPERVISOR_REVIEW,
                                         reviewer__in=organisations_where(user, Action.NEWMEDIA_APPROVE)) \
        .select_related("organisation", "reviewer", "account").order_by("submitted_at", "pk")[:200]


def agreement_queue(user):
    """Requests waiting for this user's agreement as the organisation's leader."""
    return AccountRequest.objects.filter(status=RequestStatus.LEADER_REVIEW,
                                         organisation__in=organisations_where(user, Action.NEWMEDIA_AGREE)) \
        .select_related("organisation").order_by("submitted_at", "pk")[:200]


def dashboard(user) -> dict:
    """What the office dashboard shows of 政务新媒体 for `user`."""
    orgs = viewable_organisations(user)
    editing = organisations_where(user, Action.NEWMEDIA_EDIT)
    show = orgs.exists() or organisations_where(user, Action.NEWMEDIA_APPROVE).exists()
    if not show:
        return {"show": False}
    return {
        "show": True,
        "stale": stale_or_warned(editing)[:20],
        "to_review": list(review_queue(user)[:20]),
        "to_agree": list(agreement_queue(user)[:20]),
        "to_carry_out": list(AccountRequest.objects.filter(organisation__in=editing, status=RequestStatus.APPROVED)
                             .select_related("organisation")[:20]),
        "stale_days": rules.stale_days(),
    }


# ---------------------------------------------------------------- public

def public_accounts(organisation) -> list[Account]:
    """The organisation's registered (active) accounts, for its public 政务新媒体 page."""
    return list(Account.objects.filter(organisation=organisation, status=AccountStatus.ACTIVE)
                .order_by("platform", "name"))


def public_count(organisation) -> int:
    return Account.objects.filter(organisation=organisation, status=AccountStatus.ACTIVE).count()


# ---------------------------------------------------------------- figures for supervision (plain data)

def _active_at(organisation_ids, day: dt.date):
    qs = Account.objects.filter(registered_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    latest = AccountUpdate.objects.filter(account=OuterRef("pk"), published_on__lte=day) \
        .values("account").annotate(m=Max("published_on")).values("m")[:1]
    return qs.annotate(seen=Subquery(latest))


def supervision_active_counts(organisation_ids, day: dt.date) -> dict[int, int]:
    """{organisation_id: accounts registered and not closed on `day`}."""
    counts: dict[int, int] = {}
    for org_id in _active_at(organisation_ids, day).values_list("organisation_id", flat=True):
        counts[org_id] = counts.get(org_id, 0) + 1
    return counts


def supervision_stale_counts(organisation_ids, day: dt.date) -> dict[int, int]:
    """{organisation_id: accounts active on `day` with no update in the stale window before it (单项否决)}."""
    counts: dict[int, int] = {}
    for org_id, seen, registered in _active_at(organisation_ids, day).values_list(
            "organisation_id", "seen", "registered_on"):
        if rules.is_stale(seen, registered, day):
            counts[org_id] = counts.get(org_id, 0) + 1
    return counts


def supervision_account_list(organisation_id: int, day: dt.date) -> list[dict]:
    """The accounts behind the figures: name, platform, last update known on `day`, stale or not, link."""
    rows = []
    for a in _active_at([organisation_id], day).order_by("platform", "name"):
        stale = rules.is_stale(a.seen, a.registered_on, day)
        idle = rules.idle_days(a.seen, a.registered_on, day)
        rows.append({
            "title": f"{a.name}（{a.get_platform_display()}）",
            "date": a.seen,
            "stale": stale,
            "detail": (_("%(d)d天未更新，超过%(limit)d天：单项否决") if stale else _("%(d)d天前更新，未超过%(limit)d天"))
            % {"d": idle, "limit": rules.stale_days()} if a.seen else
            (_("登记%(d)d天以来未登记任何更新：单项否决") if stale else _("新开设，登记%(d)d天以来尚无更新记录"))
            % {"d": idle},
            "url": reverse("newmedia_office:account", args=[a.pk]),
        })
    return rows
