"""The English catalogue: pages requested in English come out in English.

Needs the compiled catalogue (gongkai/locale/en/LC_MESSAGES/django.mo), which `make messages`
builds before the tests run.
"""
import pytest
from django.urls import reverse
from django.utils import translation


def _page(client, url):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_portal_home_in_english(client, seed_templates):
    html = _page(client, reverse("portal:home"))
    for english, chinese in [
        ("Skip to main content", "跳到主要内容"),
        ("Disclosure on request", "依申请公开"),
        ("Staff sign-in", "工作人员登录"),
        ("National standard catalog (Ministry of Emergency Management guidelines)", "国家标准目录（应急管理部指引）"),
    ]:
        assert english in html
        assert chinese not in html


@pytest.mark.django_db
def test_login_page_in_english(client):
    html = _page(client, reverse("office:login"))
    for english, chinese in [
        ("Username", "用户名"),
        ("Password", "密码"),
        ("Sign in", "登录"),
        ("Regulations on the Disclosure of Government Information", "中华人民共和国政府信息公开条例"),
    ]:
        assert english in html
        assert chinese not in html


@pytest.mark.django_db
def test_browser_language_alone_does_not_switch_to_english(client):
    html = client.get(reverse("office:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "工作人员登录" in html and "Staff sign-in" not in html
