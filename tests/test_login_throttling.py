"""Login throttling (django-axes): per account and per client address, the site's login and /admin/
alike, a Chinese lock-out page, and an administrator can unlock."""
import pytest
from django.core.management import call_command
from django.test import Client

LOGIN = "/office/login/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "test-password-1"


def fail(client, url, username, times):
    for _ in range(times):
        client.post(url, {"username": username, "password": "wrong-password"})


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def test_an_account_is_locked_after_repeated_failures_with_a_chinese_page(tree, limit):
    client = Client(REMOTE_ADDR="198.51.100.1")
    fail(client, LOGIN, "zz_office", limit)
    response = client.post(LOGIN, {"username": "zz_office", "password": PASSWORD})  # even the right password
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录失败次数过多" in html and "系统管理员解除锁定" in html
    assert "_auth_user_id" not in client.session


def test_the_account_lock_holds_from_another_address(tree, limit):
    fail(Client(REMOTE_ADDR="198.51.100.1"), LOGIN, "zz_office", limit)
    elsewhere = Client(REMOTE_ADDR="203.0.113.77")
    assert elsewhere.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 429


def test_an_address_trying_many_accounts_is_locked(tree, limit):
    client = Client(REMOTE_ADDR="198.51.100.2")
    for name in ("zz_leader", "zz_secrecy", "yc_office"):
        fail(client, LOGIN, name, 1)
    assert client.post(LOGIN, {"username": "zz_drafter", "password": PASSWORD}).status_code == 429
    # Another citizen behind another address is not affected.
    assert Client(REMOTE_ADDR="198.51.100.3").post(
        LOGIN, {"username": "zz_drafter", "password": PASSWORD}).status_code == 302


def test_addresses_behind_the_proxy_are_told_apart(tree, limit, settings):
    settings.GONGKAI_TRUSTED_PROXIES = 1
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    for name in ("zz_leader", "zz_secrecy", "yc_office"):
        fail(attacker, LOGIN, name, 1)
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert colleague.post(LOGIN, {"username": "zz_drafter", "password": PASSWORD}).status_code == 302


def test_the_admin_login_is_throttled_too(tree, limit):
    client = Client(REMOTE_ADDR="198.51.100.4")
    fail(client, ADMIN_LOGIN, "sx_admin", limit)
    response = client.post(ADMIN_LOGIN, {"username": "sx_admin", "password": PASSWORD})
    assert response.status_code == 429 and "登录失败次数过多" in response.content.decode()


def test_an_administrator_unlocks_an_account(tree, limit):
    client = Client(REMOTE_ADDR="198.51.100.5")
    fail(client, LOGIN, "zz_office", limit)
    assert client.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 429
    call_command("axes_reset_username", "zz_office", stdout=open("/dev/null", "w"))
    call_command("axes_reset_ip", "198.51.100.5", stdout=open("/dev/null", "w"))
    assert client.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 302


def test_a_successful_login_below_the_limit_resets_the_count(tree, limit):
    client = Client(REMOTE_ADDR="198.51.100.6")
    fail(client, LOGIN, "zz_office", limit - 1)
    assert client.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 302
    client.logout()
    fail(client, LOGIN, "zz_office", limit - 1)
    assert client.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 302


def test_an_absurdly_long_login_name_is_a_failed_login_not_a_500(tree, limit):
    from axes.models import AccessAttempt

    client = Client(REMOTE_ADDR="198.51.100.8")
    response = client.post(LOGIN, {"username": "x" * 6000, "password": "wrong-password"})
    assert response.status_code == 200  # the form again, with its error
    assert AccessAttempt.objects.get().username == "x" * 150  # recorded, cut to the column length
