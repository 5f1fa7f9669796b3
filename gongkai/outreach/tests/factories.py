"""Builders of outreach objects through the real services (so every row has its audit trail)."""
import datetime as dt

from gongkai.core import clock
from gongkai.outreach import services

SH = dt.timezone(dt.timedelta(hours=8))


def at(y, mo, d, h=9, mi=0):
    return dt.datetime(y, mo, d, h, mi, tzinfo=SH)


def pin(moment):
    clock.pin(moment)
    return moment


def conference(org, office, starts_at, **data):
    base = {"title": "安全生产新闻发布会", "starts_at": starts_at, "place": "新闻发布厅", "speakers": "新闻发言人"}
    return services.conference_create(organisation=org, actor=office, data=base | data)


def held_conference(org, office, starts_at, *, head=False):
    """A conference held at `starts_at` (the clock is moved past it and back)."""
    now = clock.now()
    c = conference(org, office, starts_at)
    pin(max(now, starts_at + dt.timedelta(hours=1)))
    c = services.conference_record_held(conference=c, actor=office, speakers="局长、新闻发言人", head_attended=head,
                                        head_post="局长" if head else "")
    pin(now)
    return c


def open_day(org, office, starts_at, *, capacity=3, opens=None, closes=None):
    return services.open_day_create(organisation=org, actor=office, data={
        "title": "政府开放日", "starts_at": starts_at, "place": "局机关", "capacity": capacity,
        "signup_opens_at": opens or starts_at - dt.timedelta(days=20),
        "signup_closes_at": closes or starts_at - dt.timedelta(days=1), "description": "参观指挥中心。"})


def article(org, office):
    return services.article_create(organisation=org, actor=office, title="以公开促落实", author_post="局长")
