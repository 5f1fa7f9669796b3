"""Public pages (page-cached, no per-visitor token), the sign-up form on its own page (guards, hostile input,
never a 500), and the back office (who sees what; sign-ups masked and office-only)."""
import datetime as dt

import pytest
from django.core.cache import caches
from django.test import Client

from gongkai.core import effects
from gongkai.engagement import services as engagement_services
from gongkai.ops import cache as page_cache
from gongkai.outreach import services
from gongkai.outreach.models import OpenDaySignup

from . import factories as f

NOW = f.at(2026, 6, 10, 10)
LATER = NOW + dt.timedelta(days=8)


@pytest.fixture
def w(tree, settings):
    orgs, users = tree
    settings.FOI_HUMAN_CHECK = False
    f.pin(NOW)

    class W:
        pass

    x = W()
    x.org, x.users, x.office = orgs["sx-jc-zz"], users, users["zz_office"]
    x.day = services.open_day_open(open_day=f.open_day(x.org, x.office, LATER, capacity=2,
                                                       opens=NOW - dt.timedelta(days=1)), actor=x.office)
    x.conf = services.conference_announce(conference=f.conference(x.org, x.office, LATER, live_url="https://live.example.cn/c"),
                                          actor=x.office)
    return x


def _client(user=None):
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_public_pages(w):
    c = _client()
    home = c.get("/outreach/").content.decode()
    assert w.conf.title in home and w.day.title in home
    page = c.get(f"/outreach/conferences/{w.conf.pk}/").content.decode()
    assert 'href="https://live.example.cn/c"' in page
    assert c.get(f"/outreach/open-days/{w.day.pk}/signup/").status_code == 200
    planned = f.conference(w.org, w.office, LATER)
    assert c.get(f"/outreach/conferences/{planned.pk}/").status_code == 404  # not announced: not public


def test_sign_up_end_to_end_and_its_guards(w, settings):
    c = _client()
    url = f"/outreach/open-days/{w.day.pk}/signup/"
    r = c.post(url, {"name": "张三", "phone": "13800000001", "id_number": ""})
    assert r.status_code == 302 and r["Location"] == "/outreach/open-days/signup/receipt/"
    assert "KFR-" in c.get(r["Location"]).content.decode()
    r = c.post(url, {"name": "张三", "phone": "13800000001"})
    assert r.status_code == 400 and "该联系电话已报名本次活动" in r.content.decode()
    settings.FOI_RATE_LIMITS = {"signup": (1, 3600)}
    caches["default"].clear()
    other = _client()
    other.post(url, {"name": "李四", "phone": "13800000002"})
    assert other.post(url, {"name": "王五", "phone": "13800000003"}).status_code == 429
    assert OpenDaySignup.objects.count() == 2


def test_the_arithmetic_question_is_asked(w, settings):
    settings.FOI_HUMAN_CHECK = True
    r = _client().post(f"/outreach/open-days/{w.day.pk}/signup/", {"name": "张三", "phone": "13800000001",
                                                                    "challenge": "forged", "answer": "3"})
    assert r.status_code == 400 and OpenDaySignup.objects.count() == 0


@pytest.mark.parametrize("data", [
    {"name": "张" * 5000, "phone": "1" * 5000},
    {"name": "\u200b\u200d\ufeff", "phone": "１３８００００００１"},
    {"name": ["a", "b"], "phone": {"x": 1}},
    {"name": "张三", "phone": "13800000001", "id_number": "\x00\x01"},
    {"name": "<script>alert(1)</script>", "phone": "13800000001", "id_number": "١٢٣"},
    {},
])
def test_hostile_sign_up_input_never_gives_a_500(w, data):
    r = _client().post(f"/outreach/open-days/{w.day.pk}/signup/", data)
    assert r.status_code in (200, 302, 400, 413)
    assert "<script>alert(1)</script>" not in r.content.decode()


def test_an_oversized_body_is_refused(w):
    r = _client().post(f"/outreach/open-days/{w.day.pk}/signup/", {"name": "张三", "phone": "13800000001",
                                                                    "x": "a" * 20_000})
    assert r.status_code == 413 and OpenDaySignup.objects.count() == 0


@pytest.mark.parametrize("url", ["/outreach/open-days/x/signup/", "/outreach/conferences/99999/",
                                 "/office/outreach/conferences/1/do/nope/", "/office/outreach/?year=abc",
                                 "/office/outreach/orgs/sx-jc-zz/duties/?year=99999999999999999999"])
def test_odd_addresses_give_no_500(w, url):
    assert _client(w.office).get(url).status_code in (200, 400, 404, 405)


def test_office_pages_and_who_sees_sign_ups(w):
    services.signup_submit(open_day=w.day, name="张三丰", phone="13812345678", id_number="")
    services.signup_submit(open_day=w.day, name="阿依古丽·买买提", phone="13812340000", id_number="")
    office = _client(w.office).get(f"/office/outreach/open-days/{w.day.pk}/").content.decode()
    assert "张**" in office and "138****5678" in office and "13812345678" not in office
    assert "阿*******" in office and "买买提" not in office  # a long personal name is not an organisation
    leader = _client(w.users["zz_leader"]).get(f"/office/outreach/open-days/{w.day.pk}/").content.decode()
    assert "138****5678" not in leader and "报名名单" not in leader  # office-only
    assert _client(w.users["jc_supervisor"]).get("/office/outreach/orgs/sx-jc-zz/duties/").status_code == 200
    assert _client(w.users["yc_office"]).get(f"/office/outreach/open-days/{w.day.pk}/").status_code == 404
    assert _client(w.users["yc_office"]).get("/office/outreach/orgs/sx-jc-zz/duties/").status_code == 403
    assert _client(w.users["zz_drafter"]).get("/office/outreach/").status_code == 403
    assert _client(w.users["zz_leader"]).get("/office/outreach/orgs/sx-jc-zz/conferences/new/").status_code == 403


def test_office_actions_through_the_views(w):
    c = _client(w.office)
    r = c.post(f"/office/outreach/conferences/{w.conf.pk}/do/cancel/", {"reason": ""})
    assert r.status_code == 302 and type(w.conf).objects.get(pk=w.conf.pk).status == "announced"
    c.post(f"/office/outreach/conferences/{w.conf.pk}/do/cancel/", {"reason": "改期"})
    assert type(w.conf).objects.get(pk=w.conf.pk).status == "cancelled"
    r = c.post("/office/outreach/orgs/sx-jc-zz/articles/new/", {"title": "署名文章", "author_post": "局长"})
    assert r.status_code == 302
    r = _client(w.users["zz_leader"]).post(f"/office/outreach/open-days/{w.day.pk}/do/cancel/", {"reason": "x"})
    assert type(w.day).objects.get(pk=w.day.pk).status == "open"


def test_the_public_meeting_page_shows_the_live_link(w):
    m = engagement_services.meeting_create(organisation=w.org, actor=w.office, data={
        "title": "听证会", "starts_at": LATER, "place": "会议室", "invitation": "欢迎列席"})
    engagement_services.meeting_announce(meeting=m, actor=w.office)
    engagement_services.meeting_set_live_url(meeting=m, actor=w.office, live_url="https://live.example.cn/m")
    html = _client().get(f"/participation/meetings/{m.pk}/").content.decode()
    assert 'href="https://live.example.cn/m"' in html and "进入网络直播" in html
    [api] = _client().get("/api/engagement/meetings/").json()
    assert api["live_url"] == "https://live.example.cn/m"


@pytest.fixture
def cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()


def test_public_pages_come_from_the_page_cache_and_a_sign_up_leaves_it(w, cache_on, django_capture_on_commit_callbacks):
    for url in ("/outreach/", f"/outreach/conferences/{w.conf.pk}/", f"/outreach/open-days/{w.day.pk}/"):
        first, second = _client().get(url), _client().get(url)
        assert second["X-Page-Cache"] == "hit" and first.content == second.content
        assert "csrfmiddlewaretoken" not in second.content.decode()
    form = _client().get(f"/outreach/open-days/{w.day.pk}/signup/")
    assert "X-Page-Cache" not in form and "csrfmiddlewaretoken" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # flush the fixture's notes (one test transaction)
        effects.touch("outreach.OpenDaySignup")
    generation = page_cache.current_generation()[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_submit(open_day=w.day, name="张三", phone="13800000001")
    assert page_cache.current_generation()[0] == generation
    with django_capture_on_commit_callbacks(execute=True):
        services.conference_cancel(conference=w.conf, actor=w.office, reason="改期")
    assert page_cache.current_generation()[0] != generation
    assert "已取消" in _client().get(f"/outreach/conferences/{w.conf.pk}/").content.decode()


def test_the_accountabilities_page_shows_the_register(w):
    f.held_conference(w.org, w.office, NOW - dt.timedelta(days=3), head=True)
    html = _client(w.office).get("/office/oversight/org/sx-jc-zz/accountabilities/?year=2026").content.decode()
    assert "新闻发布会登记：本年主要负责人出席1次" in html and "/office/outreach/orgs/sx-jc-zz/duties/" in html


def test_edit_pages(w):
    c = _client(w.office)
    page = c.get(f"/office/outreach/open-days/{w.day.pk}/edit/")
    assert page.status_code == 200 and 'value="2"' in page.content.decode()  # the capacity
    r = c.post(f"/office/outreach/open-days/{w.day.pk}/edit/", {
        "title": "开放日（改）", "starts_at": "2026-06-18 09:00", "place": "局机关", "capacity": "5",
        "signup_opens_at": "2026-06-09 09:00", "signup_closes_at": "2026-06-17 09:00", "description": "参观"})
    assert r.status_code == 302 and type(w.day).objects.get(pk=w.day.pk).capacity == 5
    assert c.post(f"/office/outreach/conferences/{w.conf.pk}/edit/", {"title": ""}).status_code == 200
    assert _client(w.users["zz_leader"]).get(f"/office/outreach/conferences/{w.conf.pk}/edit/").status_code == 403
    services.conference_cancel(conference=w.conf, actor=w.office, reason="改期")
    assert c.get(f"/office/outreach/conferences/{w.conf.pk}/edit/").status_code == 403
