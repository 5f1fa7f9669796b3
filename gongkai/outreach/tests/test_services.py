"""Input rules of the outreach services: clear Chinese messages, nothing written on refusal."""
import datetime as dt

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.engagement import services as engagement_services
from gongkai.engagement.models import Meeting
from gongkai.outreach import services
from gongkai.outreach.models import OpenDay, PressConference, SignedArticle

from . import factories as f

NOW = f.at(2026, 6, 10, 10)
LATER = NOW + dt.timedelta(days=8)
BAD_LINKS = ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.cn/a", "http://", "www.example.cn",
             "https://exa mple.cn", "https://example.cn/" + "a" * 300, 12345, ["https://example.cn"]]


@pytest.fixture
def w(tree):
    orgs, users = tree
    f.pin(NOW)

    class W:
        pass

    x = W()
    x.org, x.office = orgs["sx-jc-zz"], users["zz_office"]
    return x


def _nothing(call, model):
    count, events = model.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        call()
    assert model.objects.count() == count and AuditEvent.objects.count() == events
    return exc.value


@pytest.mark.parametrize("link", BAD_LINKS)
def test_links_are_absolute_http_links_only(w, link):
    problem = _nothing(lambda: f.conference(w.org, w.office, LATER, live_url=link), PressConference)
    assert any("链接" in p for p in problem.problems)
    m = engagement_services.meeting_create(organisation=w.org, actor=w.office, data={
        "title": "会议", "starts_at": LATER, "place": "会议室", "invitation": "欢迎列席"})
    with pytest.raises(ValidationFailed):
        engagement_services.meeting_set_live_url(meeting=m, actor=w.office, live_url=link)
    assert Meeting.objects.get(pk=m.pk).live_url == ""
    with pytest.raises(ValidationFailed):
        engagement_services.meeting_create(organisation=w.org, actor=w.office, data={
            "title": "会议", "starts_at": LATER, "place": "会议室", "invitation": "邀请", "live_url": link})


def test_a_live_link_is_stored_clean_and_can_be_removed(w):
    m = engagement_services.meeting_create(organisation=w.org, actor=w.office, data={
        "title": "会议", "starts_at": LATER, "place": "会议室", "invitation": "欢迎列席",
        "live_url": " https://live.example.gov.cn/m\u200b "})
    assert m.live_url == "https://live.example.gov.cn/m"
    m = engagement_services.meeting_set_live_url(meeting=m, actor=w.office, live_url="")
    assert m.live_url == ""


def test_conference_rules(w):
    problem = _nothing(lambda: f.conference(w.org, w.office, LATER, head_attends=True), PressConference)
    assert "主要负责人出席的，请填写其职务（如：局长）。" in problem.problems
    _nothing(lambda: f.conference(w.org, w.office, "明天"), PressConference)
    _nothing(lambda: f.conference(w.org, w.office, LATER, title="\u200b\u200b"), PressConference)
    c = f.held_conference(w.org, w.office, NOW - dt.timedelta(days=1))
    problem = _nothing(lambda: services.conference_publish_record(conference=c, actor=w.office), PressConference)
    assert "请填写文字实录或实录链接。" in problem.problems


def test_article_rules(w):
    a = f.article(w.org, w.office)
    for kwargs in ({"outlet": "", "published_on": NOW.date(), "url": "https://a.cn/1"},
                   {"outlet": "晋城日报", "published_on": NOW.date() + dt.timedelta(days=1), "url": "https://a.cn/1"},
                   {"outlet": "晋城日报", "published_on": "2026-06-01", "url": "https://a.cn/1"},
                   {"outlet": "晋城日报", "published_on": NOW.date(), "url": ""}):
        _nothing(lambda: services.article_publish(article=a, actor=w.office, **kwargs), SignedArticle)
        assert SignedArticle.objects.get(pk=a.pk).status == "planned"


@pytest.mark.parametrize("change,problem", [
    ({"capacity": 0}, "名额须为1至10000之间的整数。"),
    ({"capacity": "30"}, "名额须为1至10000之间的整数。"),
    ({"capacity": True}, "名额须为1至10000之间的整数。"),
    ({"signup_closes_at": LATER + dt.timedelta(hours=1)}, "报名须在活动开始前截止。"),
    ({"signup_opens_at": LATER - dt.timedelta(hours=1)}, "报名截止时间须晚于报名开始时间。"),
])
def test_open_day_rules(w, change, problem):
    data = {"title": "开放日", "starts_at": LATER, "place": "局机关", "capacity": 10, "description": "参观",
            "signup_opens_at": NOW, "signup_closes_at": LATER - dt.timedelta(days=1)} | change
    exc = _nothing(lambda: services.open_day_create(organisation=w.org, actor=w.office, data=data), OpenDay)
    assert problem in exc.problems


def test_capacity_cannot_drop_below_the_sign_ups(w):
    day = services.open_day_open(open_day=f.open_day(w.org, w.office, LATER, capacity=3), actor=w.office)
    services.signup_submit(open_day=day, name="张三", phone="13800000001")
    services.signup_submit(open_day=day, name="李四", phone="13800000002")
    data = {"title": "开放日", "starts_at": LATER, "place": "局机关", "capacity": 1, "description": "参观",
            "signup_opens_at": day.signup_opens_at, "signup_closes_at": day.signup_closes_at}
    with pytest.raises(ValidationFailed):
        services.open_day_update(open_day=day, actor=w.office, data=data)
    assert OpenDay.objects.get(pk=day.pk).capacity == 3
