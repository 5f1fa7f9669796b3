"""The public-page cache: hits for anonymous visitors, a new generation on every public change,
no CSRF token in a cached page, conditional GET, and never a cached page for a logged-in user."""
import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gongkai.core import audit, effects
from gongkai.ops import cache as page_cache
from gongkai.ops.models import PageGeneration
from gongkai.organisations.models import Organisation

@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    yield
    if "locmem" in settings.CACHES[settings.GONGKAI_PAGE_CACHE_ALIAS]["BACKEND"]:
        caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()  # never FLUSHDB a Redis: its test deletes its own keys


def get(client, url, **extra):
    return client.get(url, **extra)


def test_second_anonymous_visit_is_served_from_the_cache(tree):
    client = Client()
    first = get(client, "/")
    second = get(client, "/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert second["Cache-Control"] == "no-cache" and second["ETag"]


@pytest.fixture
def bumps(monkeypatch):
    """Count the generation bumps (each still happens)."""
    calls = []
    real = page_cache.bump

    def counting():
        calls.append(transaction.get_connection().in_atomic_block)
        real()

    monkeypatch.setattr(page_cache, "bump", counting)
    return calls


def test_a_change_to_a_public_model_shows_at_once(tree, django_capture_on_commit_callbacks):
    client = Client()
    get(client, "/")
    assert get(client, "/")["X-Page-Cache"] == "hit"
    orgs, _users = tree
    org = next(iter(orgs.values()))
    with django_capture_on_commit_callbacks(execute=True):
        org.name = "测试更名应急管理局"
        org.save()
        effects.touch(org)  # the one helper for a write that is not an audited service call
    fresh = get(client, "/")
    assert "X-Page-Cache" not in fresh
    assert "测试更名应急管理局" in fresh.content.decode()


def test_a_rolled_back_change_keeps_the_generation(tree, bumps, django_capture_on_commit_callbacks):
    before = page_cache.current_generation()
    orgs, _users = tree
    org = next(iter(orgs.values()))
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                audit.record("organisation.renamed", actor=None, target=org, organisation=org)
                effects.touch(org)
                assert page_cache.current_generation() == before  # nothing shared written inside
                raise RuntimeError("roll back")
    assert page_cache.current_generation() == before and bumps == []


def test_an_event_about_another_model_keeps_the_generation(tree, bumps, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        audit.record("other.thing", actor=None, target=PageGeneration.objects.get_or_create(pk=1)[0])
        effects.touch("ops.PageGeneration")
    assert bumps == []


def test_a_logged_in_user_is_never_served_or_stored(tree):
    _orgs, users = tree
    client = Client()
    client.force_login(users["zz_office"])
    for _ in range(2):
        response = get(client, "/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "ETag" not in response
    # Nothing was stored for anyone: an anonymous visitor's first visit renders.
    assert "X-Page-Cache" not in get(Client(), "/")


def test_cached_public_pages_do_no_csrf_work(tree):
    """The switches on public pages need no token, so a cached answer carries none and sets no cookie."""
    client = Client()
    get(client, "/")
    page = get(client, "/")
    assert page["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert settings.CSRF_COOKIE_NAME not in page.cookies
    assert 'class="care-switch"' in page.content.decode() and 'class="lang-switch"' in page.content.decode()


def test_a_page_holding_a_csrf_token_is_never_stored(tree, rf):
    """If a public page ever holds a form with a token, the token is this client's: the page is not cached."""
    from django.http import HttpResponse

    request = rf.get("/x/")
    request._gongkai_page_fill = ("gongkai:page:test-token", None)
    html = '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="abc"></form>'
    middleware = page_cache.PublicPageCacheMiddleware(lambda r: HttpResponse(html))
    response = middleware(request)
    assert response.status_code == 200 and "ETag" not in response
    assert caches[settings.GONGKAI_PAGE_CACHE_ALIAS].get("gongkai:page:test-token") is None
    plain = page_cache.PublicPageCacheMiddleware(lambda r: HttpResponse("<p>ok</p>"))(request)
    assert plain["ETag"] and caches[settings.GONGKAI_PAGE_CACHE_ALIAS].get("gongkai:page:test-token")


def test_the_cached_switches_post_with_csrf_checks_on(tree):
    client = Client(enforce_csrf_checks=True)
    get(client, "/")
    page = get(client, "/")
    assert page["X-Page-Cache"] == "hit"
    ok = client.post(reverse("portal:language"), {"language": "en", "next": "/"},
                     HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin")
    assert ok.status_code == 302 and client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert get(client, "/")["Content-Language"] == "en"
    refused = Client(enforce_csrf_checks=True).post(
        reverse("portal:language"), {"language": "en", "next": "/"},
        HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="cross-site")
    assert refused.status_code == 403 and settings.LANGUAGE_COOKIE_NAME not in refused.cookies


def test_conditional_get_answers_304_only_for_the_same_page_and_generation(tree, django_capture_on_commit_callbacks):
    client = Client()
    page_cache.clear()  # a site that has had a change (a fresh database has no generation time yet)
    get(client, "/")
    cached = get(client, "/")
    etag = cached["ETag"]
    assert cached["Last-Modified"]
    assert get(client, "/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get(Client(), "/", HTTP_IF_NONE_MATCH=etag).status_code == 304  # the same page for everyone
    assert get(client, "/records/", HTTP_IF_NONE_MATCH=etag).status_code == 200  # another page
    orgs, _users = tree
    org = next(iter(orgs.values()))
    with django_capture_on_commit_callbacks(execute=True):
        effects.touch(org)
    assert get(client, "/", HTTP_IF_NONE_MATCH=etag).status_code == 200  # a new generation


def test_language_and_care_mode_are_separate_pages(tree):
    client = Client()
    get(client, "/")
    assert get(client, "/")["X-Page-Cache"] == "hit"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = get(client, "/")
    assert "X-Page-Cache" not in english
    assert english["Content-Language"] == "en"
    client.cookies["gk_care"] = "1"
    assert "X-Page-Cache" not in get(client, "/")
    assert get(client, "/")["X-Page-Cache"] == "hit"


def test_query_order_does_not_matter_but_values_do(tree):
    client = Client()
    get(client, "/records/?a=1&b=2")
    assert get(client, "/records/?b=2&a=1")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in get(client, "/records/?b=3&a=1")


def test_sessions_messages_and_authorization_bypass_the_cache(tree):
    client = Client()
    get(client, "/")
    assert get(client, "/")["X-Page-Cache"] == "hit"
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        c = Client()
        c.cookies[cookie] = "x"
        assert "X-Page-Cache" not in get(c, "/")
    assert "X-Page-Cache" not in get(Client(), "/", HTTP_AUTHORIZATION="Bearer x")


def test_only_successful_get_pages_are_stored(tree):
    client = Client()
    missing = "/catalogs/999999/"
    assert get(client, missing).status_code == 404
    assert "X-Page-Cache" not in get(client, missing)
    get(client, "/")
    assert client.head("/")["X-Page-Cache"] == "hit"
    posted = client.post("/")  # a learned path: the early answer is for GET/HEAD only
    assert "X-Page-Cache" not in posted


def test_pages_not_listed_are_not_cached(tree):
    client = Client()
    get(client, "/requests/track/")
    assert "X-Page-Cache" not in get(client, "/requests/track/")


def _fill(response):
    """Run the middleware's storing half on `response` and return what the cache holds after."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request._gongkai_page_fill = ("gongkai:page:test", None)
    page_cache.PublicPageCacheMiddleware(lambda r: response)(request)
    return caches[settings.GONGKAI_PAGE_CACHE_ALIAS].get("gongkai:page:test")


def test_only_plain_successful_responses_are_stored(db):
    from django.http import HttpResponse

    assert _fill(HttpResponse("<p>ok</p>"))["content"] == b"<p>ok</p>"
    caches[settings.GONGKAI_PAGE_CACHE_ALIAS].clear()
    with_cookie = HttpResponse("<p>personal</p>")
    with_cookie.set_cookie("personal", "1")
    assert _fill(with_cookie) is None
    assert _fill(HttpResponse("<p>gone</p>", status=404)) is None
    private = HttpResponse("<p>mine</p>")
    private["Cache-Control"] = "private"
    assert _fill(private) is None
    assert _fill(HttpResponse(b"%PDF", content_type="application/pdf")) is None


def test_cache_switch_off(tree, settings):
    settings.GONGKAI_PAGE_CACHE = False
    client = Client()
    get(client, "/")
    assert "X-Page-Cache" not in get(client, "/")


def test_an_audited_change_written_without_save_gives_one_new_generation_after_commit(
        tree, bumps, django_capture_on_commit_callbacks):
    orgs, _users = tree
    org = orgs["sx-jc-zz"]
    before = page_cache.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=org.pk).update(name="批量更名应急管理局")  # no signal
        audit.record("organisation.renamed", actor=None, target=org, organisation=org)
        audit.record("organisation.renamed", actor=None, target=org, organisation=org)
        effects.touch(org)
        assert page_cache.current_generation() == before and bumps == []  # not inside the transaction
    assert page_cache.current_generation()[0] != before[0]
    assert len(bumps) == 1  # once for the whole transaction


def test_withdrawing_and_republishing_a_record_shows_at_once(db, bumps, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    from gongkai.organisations.models import User
    from gongkai.records import services
    from gongkai.records.models import Record

    for command in ("import_standard_catalogs", "load_demo", "load_records_demo"):
        call_command(command, stdout=io.StringIO())
    record = Record.objects.filter(status="published").order_by("pk").first()
    office = User.objects.get(username="yc_office")
    client, page = Client(), f"/records/{record.pk}/"
    get(client, page)
    assert get(client, page)["X-Page-Cache"] == "hit"
    get(client, "/records/")
    listing = get(client, "/records/")
    assert listing["X-Page-Cache"] == "hit" and record.title in listing.content.decode()

    before = page_cache.current_generation()
    del bumps[:]
    with django_capture_on_commit_callbacks(execute=True):
        services.record_withdraw(record=record, actor=office, reason="内容需要更正")
        assert page_cache.current_generation() == before and bumps == []  # nothing before the commit
    assert len(bumps) == 1  # one transition, one new generation, after the commit
    assert get(client, page).status_code == 404
    assert record.title not in get(client, "/records/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.record_publish(record=Record.objects.get(pk=record.pk), actor=office)
                raise RuntimeError("roll back")
    assert len(bumps) == 1 and get(client, page).status_code == 404  # a rolled-back transition: no bump
    with django_capture_on_commit_callbacks(execute=True):
        services.record_publish(record=Record.objects.get(pk=record.pk), actor=office)
    assert len(bumps) == 2
    assert get(client, page).status_code == 200
    assert record.title in get(client, "/records/").content.decode()


@pytest.fixture
def redis_cache(settings):
    """The page cache on Django's Redis backend (the production option), with a key prefix of its own."""
    import secrets

    from .redis_util import redis_for_tests

    url = redis_for_tests()
    prefix = f"gongkai-test-{secrets.token_hex(4)}"
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    yield url, prefix
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_pages_are_shared_through_redis(tree, redis_cache):
    import redis

    url, prefix = redis_cache
    client = Client()
    assert "X-Page-Cache" not in get(client, "/records/")
    assert get(Client(), "/records/")["X-Page-Cache"] == "hit"
    stored = list(redis.Redis.from_url(url).scan_iter(f"{prefix}:*"))
    assert len(stored) == 1  # in Redis, where every worker of every server finds it


def test_an_unreachable_redis_costs_speed_not_answers(tree, settings):
    import socket

    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    for _ in range(2):
        response = get(Client(), "/records/")
        assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_hit_carries_the_same_headers_as_the_rendered_page(tree):
    """Answered before the inner middleware, a hit still has every header the rendered page had."""
    client = Client()
    rendered = get(client, "/records/")
    hit = get(client, "/records/")
    assert hit["X-Page-Cache"] == "hit" and "X-Page-Cache" not in rendered
    ignored = {"X-Page-Cache", "ETag", "Last-Modified", "Cache-Control", "Vary"}  # set by the cache itself
    assert {h: v for h, v in rendered.items() if h not in ignored} == {h: v for h, v in hit.items() if h not in ignored}
    for header in ("X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options", "Content-Language",
                   "Content-Length", "Referrer-Policy"):
        assert hit.has_header(header), header
    assert int(hit["Content-Length"]) == len(hit.content)


@pytest.mark.parametrize("query", ["?page=0", "?q=%00", "?year=99999"])
def test_a_request_the_validation_layer_refuses_is_never_a_hit(tree, query):
    client = Client()
    get(client, "/records/")
    assert get(client, "/records/")["X-Page-Cache"] == "hit"  # the path is learned
    for _ in range(2):
        response = get(client, "/records/" + query)
        assert response.status_code == 400 and "X-Page-Cache" not in response


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_bumps_once_after_commit_and_a_rollback_never(bumps):
    """Real commits: the bump runs outside any transaction, and nothing holds the generation row meanwhile."""
    import threading

    from django.db import connection

    org = Organisation.objects.create(name="测试应急管理局", code="gen-test", level="county")
    page_cache.clear()
    del bumps[:]
    before = page_cache.current_generation()
    locked_elsewhere = []

    def try_lock():
        from django.db import connection as other

        try:
            with transaction.atomic():
                list(PageGeneration.objects.select_for_update(nowait=True).filter(pk=1))
        except Exception as exc:  # noqa: BLE001 (DatabaseError: the row is held)
            locked_elsewhere.append(exc)
        finally:
            other.close()

    with transaction.atomic():
        audit.record("organisation.renamed", actor=None, target=org, organisation=org)
        with transaction.atomic():
            audit.record("organisation.renamed", actor=None, target=org, organisation=org)
        effects.touch(org)
        if connection.vendor == "postgresql":  # SQLite has no row locks to look at
            worker = threading.Thread(target=try_lock)
            worker.start()
            worker.join()
            assert locked_elsewhere == []  # the shared row is not written inside the writer's transaction
        assert bumps == [] and page_cache.current_generation() == before
    assert bumps == [False]  # exactly once, after the commit, outside any atomic block
    assert page_cache.current_generation()[0] != before[0]

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            audit.record("organisation.renamed", actor=None, target=org, organisation=org)
            raise RuntimeError("roll back")
    assert bumps == [False]

    # A savepoint that rolls back inside a committed transaction: its event is not handed out.
    seen = []
    effects.subscribe(seen.append)
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    audit.record("organisation.renamed", actor=None, target=org, organisation=org, reason="gone")
                    raise RuntimeError("roll back the savepoint")
            except RuntimeError:
                pass
            audit.record("organisation.renamed", actor=None, target=org, organisation=org, reason="kept")
    finally:
        effects.unsubscribe(seen.append)
    assert [[e.reason for e in batch.events] for batch in seen] == [["kept"]]
    assert len(bumps) == 2
