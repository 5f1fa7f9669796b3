"""The 依申请公开 landing page comes from the page cache (issue 25 item 1) and the public deadline
calculator (issue 21 item 18)."""
import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client

from gongkai.foi.models import DisclosureRequest

from .factories import pin
from .test_views_public import form, solve

D = dt.date


@pytest.fixture
def page_cache(settings):
    settings.GONGKAI_PAGE_CACHE = True
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    yield
    if "locmem" in settings.CACHES[settings.GONGKAI_PAGE_CACHE_ALIAS]["BACKEND"]:
        caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()


def test_the_landing_page_is_stored_by_the_page_cache_and_holds_no_token(zz, page_cache):
    pin(D(2026, 3, 2))
    first = Client().get("/requests/")
    html = first.content.decode()
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert "csrfmiddlewaretoken" not in html and "idempotency_token" not in html and "challenge" not in html
    assert "no-store" not in first.get("Cache-Control", "") and not first.cookies
    assert 'href="/requests/track/"' in html and 'href="/requests/deadline/"' in html
    second = Client().get("/requests/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content


def test_the_form_still_works_end_to_end_with_csrf_and_the_idempotency_token(zz, page_cache):
    pin(D(2026, 3, 2))
    client = Client(enforce_csrf_checks=True)
    assert client.get("/requests/").status_code == 200
    html = client.get("/requests/new/sx-jc-zz/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    once = re.search(r'name="idempotency_token" value="([^"]+)"', html).group(1)
    data = form(**solve(html), csrfmiddlewaretoken=token, idempotency_token=once)
    first = client.post("/requests/new/sx-jc-zz/", data)
    assert first.status_code == 302
    again = client.post("/requests/new/sx-jc-zz/", data)  # a double click
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert DisclosureRequest.objects.count() == 1
    assert Client(enforce_csrf_checks=True).post("/requests/new/sx-jc-zz/", form()).status_code == 403
    # The track form has its own page, with its token.
    assert "csrfmiddlewaretoken" in client.get("/requests/track/").content.decode()


def test_the_deadline_calculator_explains_holidays_and_the_correction_restart(db, page_cache):
    pin(D(2026, 9, 24))
    client = Client()
    html = client.get("/requests/deadline/?received=2026-09-24").content.decode()
    assert "2026年10月29日" in html  # 20 working days over the National Day holiday
    assert "国庆节" in html and "第三十一条" in html and "2026年10月12日前" in html  # the 7-day 补正 notice limit
    assert "最长延长20个工作日" in html and "一次性告知补正" in html
    restarted = client.get("/requests/deadline/?received=2026-03-02&corrected=2026-03-10").content.decode()
    assert "2026年3月10日提交补正" in restarted
    assert client.get("/requests/deadline/?received=2026-09-24")["X-Page-Cache"] == "hit"
    today = client.get("/requests/deadline/").content.decode()
    assert "2026年9月24日收到的申请" in today


@pytest.mark.parametrize("query, words", [
    ("received=2026-02-30", "有效的日期"),
    ("received=not-a-date", "有效的日期"),
    ("received=1899-01-01", "请填写2000年至2027年之间的日期"),
    ("received=99999-01-01", "有效的日期"),
    ("received=2026-03-10&corrected=2026-03-02", "收到补正的日期不能早于收到申请之日"),
])
def test_bad_dates_get_a_chinese_message_never_a_server_error(db, query, words):
    pin(D(2026, 3, 2))
    response = Client().get(f"/requests/deadline/?{query}")
    assert response.status_code == 200 and words in response.content.decode()
