"""Error pages: Chinese, in the site's layout, with a way back, whatever DEBUG is."""
import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path, reverse

from gongkai.portal import errors
from gongkai.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("internal detail that must not leak")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("bad")


def limited(request):
    from django_ratelimit.exceptions import Ratelimited

    raise Ratelimited


urlpatterns = [
    path("test-boom/", boom),
    path("test-forbidden/", forbidden),
    path("test-suspicious/", suspicious),
    path("test-limited/", limited),
    *site_urlpatterns,
]
handler400 = "gongkai.portal.errors.bad_request"
handler403 = "gongkai.portal.errors.permission_denied"
handler404 = "gongkai.portal.errors.page_not_found"
handler500 = "gongkai.portal.errors.server_error"

ENGLISH = ("Not Found", "Server Error", "Forbidden", "Bad Request", "CSRF", "Traceback", "Django")


def assert_site_page(response, status, *texts):
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html and 'class="site-header"' in html and "返回首页" in html
    for text in texts:
        assert text in html
    for word in ENGLISH:
        assert word not in html, word
    return html


@pytest.fixture
def raising_client(db):
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.urls(__name__)  # not override_settings: it leaks when combined with the settings fixture
def test_404(raising_client, settings, debug):
    settings.DEBUG = debug
    assert_site_page(raising_client.get("/no/such/page/"), 404, "页面不存在")
    assert_site_page(raising_client.get(reverse("portal:organisation", args=["nope"])), 404, "页面不存在")


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.urls(__name__)  # not override_settings: it leaks when combined with the settings fixture
def test_unknown_tracking_link_leads_to_the_lookup_form(raising_client, settings, debug):
    settings.DEBUG = debug
    html = assert_site_page(raising_client.get(reverse("foi:status", args=["YJ2026-99999"])), 404, "未找到该申请")
    assert f'href="{reverse("foi:track")}"' in html


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.urls(__name__)  # not override_settings: it leaks when combined with the settings fixture
def test_500_hides_the_detail(raising_client, settings, debug):
    settings.DEBUG = debug
    html = assert_site_page(raising_client.get("/test-boom/"), 500, "服务器暂时无法处理您的请求")
    assert "internal detail" not in html


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.urls(__name__)  # not override_settings: it leaks when combined with the settings fixture
def test_403_and_400(raising_client, settings, debug):
    settings.DEBUG = debug
    assert_site_page(raising_client.get("/test-forbidden/"), 403, "无权访问", "工作人员登录")
    assert_site_page(raising_client.get("/test-suspicious/"), 400, "请求有误")


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.urls(__name__)  # not override_settings: it leaks when combined with the settings fixture
def test_a_rate_limit_answers_429_not_403(raising_client, settings, debug):
    settings.DEBUG = debug
    assert_site_page(raising_client.get("/test-limited/"), 429, "访问过于频繁")


def test_429_page(rf, db):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert_site_page(errors.too_many_requests(request), 429, "访问过于频繁")


@pytest.mark.parametrize("debug", [False, True])
def test_csrf_failure_is_chinese_with_a_safe_way_back(db, settings, debug):
    settings.DEBUG = debug
    client = Client(enforce_csrf_checks=True)
    url = reverse("office:login")  # a form that changes state keeps its token
    html = assert_site_page(client.post(url, {"care": "1"}, HTTP_REFERER="http://testserver/org/x/"), 403,
                            "页面已过期", 'href="http://testserver/org/x/"')
    html = assert_site_page(client.post(url, {"care": "1"}, HTTP_REFERER="https://evil.example/"), 403, "页面已过期")
    assert "evil.example" not in html


def test_site_urls_declare_the_handlers():
    import gongkai.urls as site

    assert site.handler404 == "gongkai.portal.errors.page_not_found"
    assert site.handler500 == "gongkai.portal.errors.server_error"
    assert site.handler403 == "gongkai.portal.errors.permission_denied"
    assert site.handler400 == "gongkai.portal.errors.bad_request"


def test_csrf_failure_view_is_configured(settings):
    assert settings.CSRF_FAILURE_VIEW == "gongkai.portal.errors.csrf_failure"


def test_a_broken_layout_still_answers_in_chinese(rf, monkeypatch):
    from django.template import loader

    def fail(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(loader, "render_to_string", fail)
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500 and "服务器暂时无法处理您的请求" in response.content.decode()
