"""Preference switches without a CSRF token: refused when the browser says they come from elsewhere."""
import pytest
from django.test import Client
from django.urls import reverse

SWITCHES = [
    ("portal:language", {"language": "en", "next": "/"}, "django_language"),
    ("portal:care_mode", {"care": "1", "next": "/"}, "gk_care"),
]


@pytest.mark.parametrize("name,data,cookie", SWITCHES)
@pytest.mark.parametrize("headers", [
    {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
    {"HTTP_ORIGIN": "http://testserver"},  # a browser without Fetch Metadata
    {"HTTP_ORIGIN": "HTTP://TestServer"},  # scheme and host are case-insensitive
    {"HTTP_SEC_FETCH_SITE": "none"},  # typed into the address bar or a bookmark
    {},  # not a browser: it can only set a cookie in its own jar
])
def test_a_switch_from_this_site_works_without_a_token(db, name, data, cookie, headers):
    response = Client(enforce_csrf_checks=True).post(reverse(name), data, **headers)
    assert response.status_code == 302
    assert response.cookies[cookie].value == data.get("language", data.get("care"))


@pytest.mark.parametrize("name,data,cookie", SWITCHES)
@pytest.mark.parametrize("headers", [
    {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://other.testserver"},
    {"HTTP_ORIGIN": "https://evil.example"},  # no Fetch Metadata, a foreign origin
    {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another origin
    {"HTTP_ORIGIN": "null"},  # a sandboxed frame or a data: page
    {"HTTP_ORIGIN": "http://[::1"},  # malformed: another origin, never an error
    {"HTTP_ORIGIN": "http://testserver\x00"},
    {"HTTP_ORIGIN": "http://testserver.evil.example"},
    {"HTTP_ORIGIN": "http://testserver:8000"},  # another port is another origin
])
def test_a_switch_posted_from_another_site_is_refused(db, name, data, cookie, headers):
    response = Client(enforce_csrf_checks=True).post(reverse(name), data, **headers)
    assert response.status_code == 403
    assert cookie not in response.cookies
    assert "权限" in response.content.decode() or "拒绝" in response.content.decode()


def test_a_trusted_origin_of_the_proxy_is_accepted(db, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://gk.example.gov.cn"]
    response = Client(enforce_csrf_checks=True).post(
        reverse("portal:language"), {"language": "en", "next": "/"},
        HTTP_ORIGIN="https://gk.example.gov.cn", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["portal:language", "portal:care_mode"])
def test_a_switch_answers_only_post(db, name):
    assert Client().get(reverse(name)).status_code == 405


def test_data_changing_forms_keep_their_csrf_token(db):
    """Only the two switches are exempt: the staff login still needs Django's token."""
    response = Client(enforce_csrf_checks=True).post(
        reverse("office:login"), {"username": "x", "password": "y"},
        HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 403
