"""Login throttling (django-axes + gongkai.core.lockout): the pair (account, client address) and an
address failing on many accounts are locked — never the account alone; a bounded, growing delay per
account; one e-mail to the organisation's administrators per window; the site's login and /admin/
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


@pytest.fixture(autouse=True)
def delays(monkeypatch):
    """The per-account delay, observed instead of slept; the clock is ours to move."""
    from gongkai.core import lockout

    class Slept(list):
        now: list[float]

    slept = Slept()
    now = slept.now = [1_800_000_000.0]
    monkeypatch.setattr(lockout.login_delay, "sleep", slept.append)
    monkeypatch.setattr(lockout.login_delay, "clock", lambda: now[0])
    return slept


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


def test_the_owner_at_another_address_still_gets_in(tree, limit):
    """Wrong passwords from one address lock that address for the account, not the account."""
    attacker = Client(REMOTE_ADDR="198.51.100.1")
    fail(attacker, LOGIN, "zz_office", limit)
    assert attacker.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 429
    owner = Client(REMOTE_ADDR="203.0.113.77")
    assert owner.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 302
    assert "_auth_user_id" in owner.session
    # The /admin/ login too.
    fail(Client(REMOTE_ADDR="198.51.100.1"), ADMIN_LOGIN, "sx_admin", limit)
    assert Client(REMOTE_ADDR="203.0.113.78").post(
        ADMIN_LOGIN, {"username": "sx_admin", "password": PASSWORD}).status_code == 302


def test_a_guess_from_many_addresses_slows_down_but_never_locks_the_owner(tree, limit, settings, delays):
    settings.GONGKAI_LOGIN_DELAY_FREE = 3
    settings.GONGKAI_LOGIN_DELAY_BASE = 0.25
    settings.GONGKAI_LOGIN_DELAY_MAX = 3.0
    for n in range(40):  # 40 addresses, one wrong password each: no address reaches the lock
        assert Client(REMOTE_ADDR=f"198.51.100.{n + 10}").post(
            LOGIN, {"username": "zz_office", "password": "wrong-password"}).status_code == 200
    # No delay for the first failures, then a growing one, never above the ceiling.
    assert delays[:3] == [0.25, 0.5, 1.0]
    assert delays == sorted(delays) and max(delays) == 3.0 and len(delays) == 37
    delays.clear()
    owner = Client(REMOTE_ADDR="203.0.113.77")
    assert owner.post(LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 302
    assert delays == [3.0]  # the owner waited a few seconds at most, and got in
    # Another account is not slowed at all.
    delays.clear()
    assert Client(REMOTE_ADDR="203.0.113.79").post(
        LOGIN, {"username": "zz_leader", "password": PASSWORD}).status_code == 302
    assert delays == []


def test_the_delay_ends_with_its_window(tree, settings, delays):
    settings.GONGKAI_LOGIN_WINDOW_SECONDS = 900
    for n in range(6):
        Client(REMOTE_ADDR=f"198.51.100.{n + 10}").post(LOGIN, {"username": "zz_office", "password": "wrong"})
    assert delays
    delays.clear()
    delays.now[0] += 900
    assert Client(REMOTE_ADDR="203.0.113.77").post(
        LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 302
    assert delays == []


def test_repeated_failures_tell_the_organisation_administrator_once_per_window(tree, settings, delays):
    from gongkai.notifications.models import OutboxMessage

    settings.GONGKAI_LOGIN_ALERT_FAILURES = 5
    orgs, users = tree
    users["sx_admin"].email = "admin@sx.example.gov.cn"
    users["sx_admin"].save()

    def failures(count, start=0):
        for n in range(count):
            Client(REMOTE_ADDR=f"198.51.100.{start + n + 10}").post(
                LOGIN, {"username": "zz_office", "password": "wrong"})

    failures(4)
    assert not OutboxMessage.objects.filter(kind="login_failures").exists()
    failures(12, start=4)
    alerts = list(OutboxMessage.objects.filter(kind="login_failures"))
    assert len(alerts) == 1  # once per window, not per attempt
    assert alerts[0].recipient == "admin@sx.example.gov.cn" and alerts[0].channel == "email"
    assert "zz_office" in alerts[0].subject and "axes_reset_username zz_office" in alerts[0].body
    delays.now[0] += settings.GONGKAI_LOGIN_WINDOW_SECONDS  # the next window tells again
    failures(5, start=20)
    assert OutboxMessage.objects.filter(kind="login_failures").count() == 2
    # An unknown login name alerts nobody.
    for n in range(6):
        Client(REMOTE_ADDR=f"198.51.100.{n + 40}").post(LOGIN, {"username": "no_such_login", "password": "x"})
    assert OutboxMessage.objects.filter(kind="login_failures").count() == 2


def test_the_nearest_administrator_is_told(tree):
    from gongkai.notifications.login_alerts import administrators_of
    from gongkai.organisations.models import Role, RoleAssignment, User

    orgs, users = tree
    assert administrators_of(users["zz_office"]) == []  # no administrator has an address
    users["sx_admin"].email = "admin@sx.example.gov.cn"
    users["sx_admin"].save()
    assert administrators_of(users["zz_office"]) == [users["sx_admin"]]
    county_admin = User.objects.create_user("zz_admin", email="admin@zz.example.gov.cn")
    RoleAssignment.objects.create(user=county_admin, organisation=orgs["sx-jc-zz"], role=Role.ADMIN)
    assert administrators_of(users["zz_office"]) == [county_admin]
    assert administrators_of(users["yc_office"]) == [users["sx_admin"]]  # another county's admin is not


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
    settings.GONGKAI_TRUSTED_PROXY_IPS = "10.0.0.1"
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    for name in ("zz_leader", "zz_secrecy", "yc_office"):
        fail(attacker, LOGIN, name, 1)
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert colleague.post(LOGIN, {"username": "zz_drafter", "password": PASSWORD}).status_code == 302


def test_a_direct_sender_cannot_escape_the_lock_with_forwarded_headers(tree, limit, settings):
    """Reaching the application directly, X-Forwarded-For is not believed: one sender, one lock."""
    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_TRUSTED_PROXY_IPS = "10.0.0.1"
    for n in range(limit):
        Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(
            LOGIN, {"username": "zz_office", "password": "wrong-password"})
    assert Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.200").post(
        LOGIN, {"username": "zz_office", "password": PASSWORD}).status_code == 429


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
