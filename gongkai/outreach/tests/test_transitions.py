"""One table-driven test per transition table: the right actor in a right state succeeds (new state, exactly
one audit row of the declared event); a wrong state raises InvalidTransition; a wrong actor (wrong role, the
same role in another organisation, a supervisor) raises PermissionDenied; neither failure writes anything."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition
from gongkai.core.models import AuditEvent
from gongkai.outreach import services
from gongkai.outreach.states import ArticleStatus as A, ConferenceStatus as C, OpenDayStatus as D
from gongkai.outreach.workflow import ARTICLE_WORKFLOW, CONFERENCE_WORKFLOW, OPEN_DAY_WORKFLOW

from . import factories as f

NOW = f.at(2026, 6, 10, 10)
LATER = NOW + dt.timedelta(days=8)


@pytest.fixture
def ctx(tree):
    orgs, users = tree
    f.pin(NOW)

    class Ctx:
        pass

    c = Ctx()
    c.org, c.users, c.office = orgs["sx-jc-zz"], users, users["zz_office"]
    return c


def conf_planned(c):
    return f.conference(c.org, c.office, LATER)


def conf_announced(c):
    return services.conference_announce(conference=conf_planned(c), actor=c.office)


def conf_started(c):
    obj = conf_announced(c)
    f.pin(LATER + dt.timedelta(hours=2))
    return obj


def conf_held(c):
    obj = conf_started(c)
    return services.conference_record_held(conference=obj, actor=c.office, speakers="局长", head_attended=True,
                                           head_post="局长")


def conf_cancelled(c):
    return services.conference_cancel(conference=conf_planned(c), actor=c.office, reason="改期")


def art_planned(c):
    return f.article(c.org, c.office)


def art_cancelled(c):
    return services.article_cancel(article=art_planned(c), actor=c.office, reason="不再发表")


def day_planned(c):
    return f.open_day(c.org, c.office, LATER)


def day_open(c):
    return services.open_day_open(open_day=day_planned(c), actor=c.office)


def day_started(c):
    obj = day_open(c)
    f.pin(LATER + dt.timedelta(hours=2))
    return obj


def day_held(c):
    return services.open_day_record_held(open_day=day_started(c), actor=c.office, attendance=20, report="听取意见5条。")


def day_cancelled(c):
    return services.open_day_cancel(open_day=day_planned(c), actor=c.office, reason="改期")


CONF_DATA = {"title": "改名", "starts_at": LATER, "place": "一楼", "speakers": "新闻发言人"}
DAY_DATA = {"title": "改名", "starts_at": LATER, "place": "一楼", "capacity": 5, "description": "安排",
            "signup_opens_at": NOW - dt.timedelta(days=1), "signup_closes_at": LATER - dt.timedelta(days=1)}

CASES = [
    (CONFERENCE_WORKFLOW, "edit", conf_planned, conf_cancelled,
     lambda o, a: services.conference_update(conference=o, actor=a, data=CONF_DATA), None),
    (CONFERENCE_WORKFLOW, "announce", conf_planned, conf_cancelled,
     lambda o, a: services.conference_announce(conference=o, actor=a), C.ANNOUNCED),
    (CONFERENCE_WORKFLOW, "record_held", conf_started, conf_cancelled,
     lambda o, a: services.conference_record_held(conference=o, actor=a, speakers="局长", head_attended=True,
                                                  head_post="局长"), C.HELD),
    (CONFERENCE_WORKFLOW, "publish_record", conf_held, conf_cancelled,
     lambda o, a: services.conference_publish_record(conference=o, actor=a, transcript="实录全文"), C.RECORDED),
    (CONFERENCE_WORKFLOW, "cancel", conf_planned, conf_cancelled,
     lambda o, a: services.conference_cancel(conference=o, actor=a, reason="改期"), C.CANCELLED),
    (ARTICLE_WORKFLOW, "publish", art_planned, art_cancelled,
     lambda o, a: services.article_publish(article=o, actor=a, outlet="晋城日报", published_on=NOW.date(),
                                           url="https://news.example.cn/a/1"), A.PUBLISHED),
    (ARTICLE_WORKFLOW, "cancel", art_planned, art_cancelled,
     lambda o, a: services.article_cancel(article=o, actor=a, reason="不再发表"), A.CANCELLED),
    (OPEN_DAY_WORKFLOW, "edit", day_planned, day_cancelled,
     lambda o, a: services.open_day_update(open_day=o, actor=a, data=DAY_DATA), None),
    (OPEN_DAY_WORKFLOW, "open", day_planned, day_cancelled,
     lambda o, a: services.open_day_open(open_day=o, actor=a), D.OPEN),
    (OPEN_DAY_WORKFLOW, "record_held", day_started, day_cancelled,
     lambda o, a: services.open_day_record_held(open_day=o, actor=a, attendance=18, report="听取意见6条。"), D.HELD),
    (OPEN_DAY_WORKFLOW, "publish_record", day_held, day_cancelled,
     lambda o, a: services.open_day_publish_record(open_day=o, actor=a), D.RECORDED),
    (OPEN_DAY_WORKFLOW, "cancel", day_open, day_cancelled,
     lambda o, a: services.open_day_cancel(open_day=o, actor=a, reason="改期"), D.CANCELLED),
]

DECLARED = {(wf.model.__name__, t.name) for wf in (CONFERENCE_WORKFLOW, ARTICLE_WORKFLOW, OPEN_DAY_WORKFLOW)
            for t in wf.transitions}
WRONG_ACTORS = ("zz_leader", "zz_drafter", "yc_office", "jc_supervisor")


def test_every_declared_transition_is_in_the_table():
    assert {(wf.model.__name__, name) for wf, name, *_ in CASES} == DECLARED


def _fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def _writes(obj):
    fresh = _fresh(obj)
    return AuditEvent.objects.count(), {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


@pytest.mark.parametrize("wf,name,make,wrong,call,expected", CASES, ids=[f"{c[0].model.__name__}.{c[1]}" for c in CASES])
def test_transition_table(ctx, wf, name, make, wrong, call, expected):
    obj = make(ctx)
    before = obj.status
    assert wf.may(name, obj, ctx.office)
    snapshot = _writes(obj)
    for actor in WRONG_ACTORS:
        with pytest.raises(PermissionDenied):
            call(_fresh(obj), ctx.users[actor])
        assert _writes(obj) == snapshot, actor
    other = wrong(ctx)
    snapshot_other = _writes(other)
    with pytest.raises(InvalidTransition):
        call(_fresh(other), ctx.office)
    assert _writes(other) == snapshot_other
    count = AuditEvent.objects.count()
    call(_fresh(obj), ctx.office)
    assert _fresh(obj).status == (expected if expected is not None else before)
    events = list(AuditEvent.objects.order_by("pk")[count:])
    assert [e.action for e in events] == [str(wf[name].event.value)]
    assert events[0].target_id == str(obj.pk)


def test_time_conditions(ctx):
    """A conference is announced only before it starts and recorded as held only after; an open day opens only
    while its sign-up window is still ahead."""
    c = conf_planned(ctx)
    with pytest.raises(InvalidTransition):
        services.conference_record_held(conference=c, actor=ctx.office, speakers="局长", head_attended=False)
    f.pin(LATER + dt.timedelta(minutes=1))
    with pytest.raises(InvalidTransition):
        services.conference_announce(conference=_fresh(c), actor=ctx.office)
    f.pin(NOW)
    d = day_planned(ctx)
    f.pin(d.signup_closes_at)
    with pytest.raises(InvalidTransition):
        services.open_day_open(open_day=_fresh(d), actor=ctx.office)
