"""Issue 25 item 1: the participation landing page (and the other form-free participation pages) are the
same for every visitor, so they come from the public-page cache; what the public sees changing renews the
cache generation after the commit, what it does not see (comments, messages received) leaves it; and the
forms, on their own pages, still work end to end."""
import pytest
from django.core.cache import caches
from django.test import Client

from gongkai.engagement import services
from gongkai.engagement.models import Comment, Message
from gongkai.ops import cache as page_cache

from . import factories as f

NOW = f.at(2026, 6, 10, 10)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    yield
    if "locmem" in settings.CACHES[settings.GONGKAI_PAGE_CACHE_ALIAS]["BACKEND"]:
        caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def c(zz, office, django_capture_on_commit_callbacks):
    f.pin(f.at(2026, 5, 20))
    with django_capture_on_commit_callbacks(execute=True):
        consultation = f.consultation(zz, office)
    f.pin(NOW)
    return consultation


def test_the_landing_page_is_stored_by_the_page_cache_and_holds_no_per_visitor_token(c):
    first, second = Client().get("/participation/"), Client().get("/participation/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    assert first.content == second.content  # the same page for two different visitors
    html = second.content.decode()
    assert c.title in html
    for token in ("csrfmiddlewaretoken", "idempotency_token", 'name="challenge"', "<form method=\"post\" novalidate"):
        assert token not in html
    assert not second.cookies  # no session, no CSRF cookie


@pytest.mark.parametrize("url", ["/participation/decisions/", "/participation/messages/"])
def test_the_other_form_free_pages_are_cached_too(c, url):
    client = Client()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_public_changes_renew_the_page_and_private_ones_do_not(c, zz, office, django_capture_on_commit_callbacks):
    client = Client()
    client.get("/participation/")
    generation = page_cache.current_generation()[0]
    with django_capture_on_commit_callbacks(execute=True):  # seen by nobody on these pages
        f.comment(c)
        m = f.message(zz, consent_publish=True, subject="关于避难场所的咨询")
        services.message_answer(message=m, actor=office, answer="已答复")
    assert page_cache.current_generation()[0] == generation
    assert client.get("/participation/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # shown on the landing page
        services.message_publish(message=Message.objects.get(pk=m.pk), actor=office)
    assert page_cache.current_generation()[0] != generation
    fresh = client.get("/participation/")
    assert "X-Page-Cache" not in fresh and "关于避难场所的咨询" in fresh.content.decode()


def test_a_consultation_closing_today_is_listed_with_the_open_ones_until_midnight(c):
    f.pin(f.at(2026, 6, 30, 18))  # it closed at 17:00 today
    html = Client().get("/participation/").content.decode()
    open_section = html.split("正在征求意见")[1].split("</section>")[0]
    assert c.title in open_section and "2026-06-30 17:00" in open_section
    f.pin(f.at(2026, 7, 1, 0, 1))
    html = Client().get("/participation/").content.decode()
    assert c.title not in html.split("正在征求意见")[1].split("</section>")[0]


def test_the_forms_still_work_end_to_end_from_the_cached_page(c, zz):
    anonymous = Client()
    anonymous.get("/participation/")
    landing = anonymous.get("/participation/")
    assert landing["X-Page-Cache"] == "hit"
    html = landing.content.decode()
    assert f'/participation/consultations/{c.pk}/' in html and "/participation/messages/new/sx-jc-zz/" in html
    page = anonymous.get(f"/participation/consultations/{c.pk}/").content.decode()
    assert "csrfmiddlewaretoken" in page  # the form page is per visitor and never cached
    response = anonymous.post(f"/participation/consultations/{c.pk}/", {
        "kind": "citizen", "name": "测试公民", "body": "建议增加宣传。", **f.solve(page)})
    assert response.status_code == 302 and Comment.objects.count() == 1
    page = anonymous.get("/participation/messages/new/sx-jc-zz/").content.decode()
    response = anonymous.post("/participation/messages/new/sx-jc-zz/", {
        "kind": "consultation", "name": "李四", "phone": "13900000000", "subject": "咨询", "body": "内容",
        **f.solve(page)})
    assert response.status_code == 302 and Message.objects.count() == 1
    assert Message.objects.get().number in anonymous.get(response.url).content.decode()
