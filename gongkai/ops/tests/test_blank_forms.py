"""Blank public forms rendered once per page generation, every visitor with their own tokens (ops.blank_forms)."""
import re

import pytest
from django.contrib.messages import constants, get_messages
from django.test import Client

from gongkai.engagement.models import Message
from gongkai.foi.models import DisclosureRequest
from gongkai.foi.tests.factories import synthetic_id
from gongkai.foi.tests.test_views_public import FORM, solve
from gongkai.ops import blank_forms
from gongkai.ops import cache as page_cache

FOI = "/requests/new/sx-jc-zz/"
MESSAGE = "/participation/messages/new/sx-jc-zz/"


def _hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("url", [FOI, MESSAGE])
def test_each_visitor_gets_their_own_tokens_and_question_from_one_rendering(tree, url):
    pages = []
    for _visitor in range(3):
        response = Client().get(url)
        assert response.status_code == 200
        pages.append((response, response.content.decode()))
    assert [bool(r.templates) for r, _html in pages] == [True, False, False]  # rendered once
    for name in ("csrfmiddlewaretoken", "idempotency_token", "challenge"):
        values = {_hidden(html, name) for _r, html in pages}
        assert len(values) == 3 and all(values), name
    assert all("gkhole" not in html for _r, html in pages)
    assert all(r.cookies.get("csrftoken") for r, _html in pages)  # each visitor's CSRF cookie is set


def test_a_visitor_served_the_shared_page_can_submit_with_csrf_checks_on(tree):
    Client().get(FOI)  # someone else renders the page
    client = Client(enforce_csrf_checks=True)
    response = client.get(FOI)
    assert not response.templates
    html = response.content.decode()
    data = dict(FORM, id_number=synthetic_id(), csrfmiddlewaretoken=_hidden(html, "csrfmiddlewaretoken"),
                idempotency_token=_hidden(html, "idempotency_token"), **solve(html))
    assert client.post(FOI, data).status_code == 302
    assert DisclosureRequest.objects.count() == 1
    # Another visitor's CSRF token is refused: the shared page carried no token of anyone else.
    other = Client(enforce_csrf_checks=True)
    other.get(FOI)
    page = other.get(FOI).content.decode()
    stranger = Client(enforce_csrf_checks=True)
    forged = dict(FORM, id_number=synthetic_id(), csrfmiddlewaretoken=_hidden(page, "csrfmiddlewaretoken"),
                  idempotency_token=_hidden(page, "idempotency_token"), **solve(page))
    assert stranger.post(FOI, forged).status_code == 403
    assert DisclosureRequest.objects.count() == 1


def test_a_renamed_organisation_shows_on_the_next_generation(tree):
    orgs, _users = tree
    assert "泽州县应急管理局" in Client().get(FOI).content.decode()
    orgs["sx-jc-zz"].name = "泽州县应急管理局（更名测试）"
    orgs["sx-jc-zz"].save()
    page_cache.bump()  # what the after-commit subscriber does for an organisation change
    assert "（更名测试）" in Client().get(FOI).content.decode()


def test_a_logged_in_user_and_a_visitor_with_messages_get_their_own_rendering(tree, rf):
    _orgs, users = tree
    anonymous = Client().get(MESSAGE).content.decode()
    client = Client()
    client.force_login(users["zz_office"])
    response = client.get(MESSAGE)
    assert response.templates and "退出" in response.content.decode() and "退出" not in anonymous
    request = rf.get(MESSAGE)
    request.user = type("Anon", (), {"is_authenticated": False})()
    request.session = client.session
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "已退出登录。")
    assert not blank_forms._shared(request)
    assert len(get_messages(request)) == 1  # asking did not use the message up


def test_a_message_can_be_left_through_the_shared_page(tree):
    from gongkai.engagement.tests.factories import solve as solve_message

    Client().get(MESSAGE)
    client = Client(enforce_csrf_checks=True)
    html = client.get(MESSAGE).content.decode()
    data = {"kind": "suggestion", "name": "李四", "phone": "13900000000", "subject": "建议增设避难场所指示牌",
            "body": "村里的避难场所没有指示牌。", "csrfmiddlewaretoken": _hidden(html, "csrfmiddlewaretoken"),
            "idempotency_token": _hidden(html, "idempotency_token"), **solve_message(html)}
    assert client.post(MESSAGE, data).status_code == 302
    assert Message.objects.count() == 1
