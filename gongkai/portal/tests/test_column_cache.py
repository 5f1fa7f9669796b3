"""Column pages are served from the public-page cache and change at once when the guide does."""
import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from gongkai.portal import services

from .test_guide import GOOD


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()


@pytest.mark.parametrize("url_name", ["portal:column_guide", "portal:organisation"])
def test_a_guide_update_shows_at_once_on_cached_pages(county, url_name, django_capture_on_commit_callbacks):
    org, _, users = county
    client = Client()
    url = reverse(url_name, args=[org.code])
    services.guide_update(organisation=org, actor=users["yc_office"], data=GOOD)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # the page cache moves on after the commit
        services.guide_update(organisation=org, actor=users["yc_office"], data={**GOOD, "phone": "0356-4220000"})
    fresh = client.get(url)
    assert "X-Page-Cache" not in fresh and "0356-4220000" in fresh.content.decode()
