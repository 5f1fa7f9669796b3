"""Reads of the outreach app: public lists, staff lists, the duties of a year, and the plain figures
oversight reads (``supervision_*``: dicts of numbers and lists of dicts, never QuerySets)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can, organisations_where

from . import duties as d
from .models import OpenDay, PressConference, SignedArticle
from .states import (HELD_CONFERENCE, HELD_OPEN_DAY, PUBLIC_CONFERENCE, PUBLIC_OPEN_DAY, ArticleStatus)


# ---------------------------------------------------------------- public

def public_conferences():
    return PressConference.objects.filter(status__in=PUBLIC_CONFERENCE).select_related("organisation")


def public_open_days():
    return OpenDay.objects.filter(status__in=PUBLIC_OPEN_DAY).select_related("organisation")


def public_articles():
    return SignedArticle.objects.filter(status=ArticleStatus.PUBLISHED).select_related("organisation")


def signups_taken(day: OpenDay) -> int:
    return day.signups.count()


# ---------------------------------------------------------------- staff

def visible_organisations(user):
    return organisations_where(user, Action.OUTREACH_VIEW).order_by("path")


def _visible(user, obj):
    if obj is None or not can(user, Action.OUTREACH_VIEW, obj.organisation):
        raise Http404
    return obj


def conference_for_staff(user, pk) -> PressConference:
    return _visible(user, PressConference.objects.select_related("organisation").filter(pk=pk).first())


def article_for_staff(user, pk) -> SignedArticle:
    return _visible(user, SignedArticle.objects.select_related("organisation").filter(pk=pk).first())


def open_day_for_staff(user, pk) -> OpenDay:
    return _visible(user, OpenDay.objects.select_related("organisation").filter(pk=pk).first())


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def year_duties(organisation: Organisation, year: int) -> dict:
    """The outreach duties of `organisation` in `year`: four quarterly conferences, the head's attendance,
    the signed article and the open day — each with its due date, what counts and its basis."""
    start, end = _year_range(year)
    held = list(PressConference.objects.filter(organisation=organisation, status__in=HELD_CONFERENCE,
                                               starts_at__gte=start, starts_at__lt=end).order_by("starts_at"))
    quarters = []
    for q in range(1, 5):
        items = [c for c in held if d.quarter_of(timezone.localtime(c.starts_at).date()) == q]
        quarters.append(d.Duty(_("第%(q)d季度新闻发布会") % {"q": q}, d.quarter_end(year, q), 1, len(items),
                               str(d.CONFERENCE_BASIS), items))
    head = [c for c in held if c.head_attends]
    articles = list(SignedArticle.objects.filter(organisation=organisation, status=ArticleStatus.PUBLISHED,
                                                 published_on__year=year).order_by("published_on"))
    days = list(OpenDay.objects.filter(organisation=organisation, status__in=HELD_OPEN_DAY,
                                       starts_at__gte=start, starts_at__lt=end).order_by("starts_at"))
    return {
        "quarters": quarters,
        "yearly": [
            d.Duty(_("主要负责人出席新闻发布会"), d.year_end(year), 1, len(head), str(d.HEAD_BASIS), head),
            d.Duty(_("主要负责人发表署名文章"), d.year_end(year), 1, len(articles), str(d.ARTICLE_BASIS), articles),
            d.Duty(_("政府开放日"), d.year_end(year), 1, len(days), str(d.OPEN_DAY_BASIS), days,
                   window=_("每年省人代会期间")),
        ],
    }


def overview(user, year: int, today: dt.date) -> list[dict]:
    """One row per organisation the user may see: how many of its seven duties of `year` are done, missing
    (overdue) or not yet due — four grouped queries whatever the number of organisations."""
    orgs = list(visible_organisations(user))
    ids = [o.pk for o in orgs]
    start, end = _year_range(year)
    quarters = supervision_conference_quarters(ids, year, end)
    yearly = (supervision_head_attended_counts(ids, start, end),
              supervision_article_counts(ids, dt.date(year, 1, 1), dt.date(year + 1, 1, 1)),
              supervision_open_day_counts(ids, start, end))
    rows = []
    for org in orgs:
        held = set(quarters.get(org.pk, []))
        states = [d.DONE if q in held else (d.MISSING if today > d.quarter_end(year, q) else d.NOT_DUE)
                  for q in range(1, 5)]
        states += [d.DONE if counts.get(org.pk) else (d.MISSING if today > d.year_end(year) else d.NOT_DUE)
                   for counts in yearly]
        rows.append({"organisation": org, "done": states.count(d.DONE), "missing": states.count(d.MISSING),
                     "not_due": states.count(d.NOT_DUE)})
    return rows


# ---------------------------------------------------------------- figures for supervision (oversight.sources)

def _ids(qs, organisation_ids, field="organisation_id"):
    return qs.filter(**{f"{field}__in": organisation_ids}) if organisation_ids is not None else qs


def supervision_conference_quarters(organisation_ids, year: int, before: dt.datetime) -> dict[int, list[int]]:
    """{organisation id: the quarters of `year` (1–4) with a press conference held before `before`}."""
    start, end = _year_range(year)
    qs = _ids(PressConference.objects.filter(status__in=HELD_CONFERENCE, starts_at__gte=start,
                                             starts_at__lt=min(end, before)), organisation_ids)
    out: dict[int, set[int]] = {}
    for org_id, month in qs.annotate(m=ExtractMonth("starts_at")).values_list("organisation_id", "m"):
        out.setdefault(org_id, set()).add((month - 1) // 3 + 1)
    return {k: sorted(v) for k, v in out.items()}


def _counts(qs) -> dict[int, int]:
    return {r["organisation_id"]: r["n"] for r in qs.values("organisation_id").annotate(n=Count("pk")).order_by()}


def supervision_head_attended_counts(organisation_ids, start: dt.datetime, end: dt.datetime) -> dict[int, int]:
    """Press conferences held in [start, end) that the head attended, per organisation."""
    return _counts(_ids(PressConference.objects.filter(status__in=HELD_CONFERENCE, head_attends=True,
                                                       starts_at__gte=start, starts_at__lt=end), organisation_ids))


def supervision_article_counts(organisation_ids, start: dt.date, end: dt.date) -> dict[int, int]:
    """Signed articles published on a day in [start, end), per organisation."""
    return _counts(_ids(SignedArticle.objects.filter(status=ArticleStatus.PUBLISHED, published_on__gte=start,
                                                     published_on__lt=end), organisation_ids))


def supervision_open_day_counts(organisation_ids, start: dt.datetime, end: dt.datetime) -> dict[int, int]:
    """Open days held in [start, end), per organisation."""
    return _counts(_ids(OpenDay.objects.filter(status__in=HELD_OPEN_DAY, starts_at__gte=start, starts_at__lt=end),
                        organisation_ids))


def supervision_duty_list(organisation_id: int, year: int, as_of: dt.date) -> list[dict]:
    """The drill-down rows of the outreach duties of one organisation (title, due date, state, link)."""
    org = Organisation.objects.get(pk=organisation_id)
    duties = year_duties(org, year)
    url = reverse("outreach_office:duties", args=[org.code]) + f"?year={year}"
    return [{"title": x.label, "due": x.due, "state": x.state_label(as_of),
             "detail": _("应完成%(r)d次，已完成%(n)d次；依据：%(basis)s") % {"r": x.required, "n": x.done, "basis": x.basis},
             "url": url, "kind": kind}
            for kind, group in (("quarter", duties["quarters"]), ("yearly", duties["yearly"])) for x in group]


def today() -> dt.date:
    return clock.today()
