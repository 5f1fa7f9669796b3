"""Hostile input at the public intake (issue 11): client address behind proxies, the single-use
human check, double submits, normalisation of identifiers and invisible text, size limits."""
import datetime as dt
import re

import pytest
from django.test import Client, RequestFactory

from gongkai.core import clients, clock
from gongkai.foi import intake
from gongkai.foi.models import Appeal, DisclosureRequest
from gongkai.foi.tests.factories import pin, synthetic_id
from gongkai.foi.tests.test_views_public import FORM, solve

NEW = "/requests/new/sx-jc-zz/"


@pytest.fixture
def zz(tree):
    pin(dt.date(2026, 3, 2))
    yield tree[0]["sx-jc-zz"]
    clock.pin(None)


def form(**extra):
    return dict(FORM, id_number=synthetic_id(), **extra)


# ------------------------------------------------------------------ item 2: the client address


@pytest.mark.parametrize("proxy_ips, remote, forwarded, expected", [
    ("", "10.0.0.1", "198.51.100.7", "10.0.0.1"),                      # no proxy trusted: the header is ignored
    ("10.0.0.1", "10.0.0.1", "198.51.100.7", "198.51.100.7"),          # our proxy appended the client
    ("10.0.0.0/24", "10.0.0.1", "198.51.100.7", "198.51.100.7"),       # networks in CIDR notation
    ("10.0.0.1", "10.0.0.1", "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # the client's own entry is not believed
    # two proxies: the right-most trusted hop is skipped, the first untrusted one is the client
    ("10.0.0.1, 10.0.1.0/24", "10.0.0.1", "203.0.113.9, 198.51.100.7, 10.0.1.5", "198.51.100.7"),
    ("10.0.0.1", "10.0.0.1", "", "10.0.0.1"),                          # the proxy said nothing
    ("10.0.0.1", "10.0.0.1", "not-an-address", "10.0.0.1"),
    ("10.0.0.1", "10.0.0.1", "not-an-address, 198.51.100.7", "198.51.100.7"),
    # garbage written after (right of) a client entry: nothing left of it is believed
    ("10.0.0.1", "10.0.0.1", "198.51.100.7, not-an-address", "10.0.0.1"),
    ("10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.1"),                  # every hop trusted: the left-most
    # sent straight to the application from elsewhere: the header is the sender's own words
    ("10.0.0.1", "203.0.113.66", "198.51.100.7", "203.0.113.66"),
    ("10.0.0.0/24", "10.0.1.1", "198.51.100.7", "10.0.1.1"),
    ("2001:db8::/32", "2001:db8::1", "198.51.100.7", "198.51.100.7"),  # IPv6 proxies
    ("127.0.0.1", "::ffff:127.0.0.1", "198.51.100.7", "198.51.100.7"),  # IPv4-mapped socket address
])
def test_client_address_behind_trusted_proxies(settings, proxy_ips, remote, forwarded, expected):
    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_TRUSTED_PROXY_IPS = proxy_ips or "192.0.2.250"
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert clients.client_ip(request) == expected


def test_the_proxy_count_alone_trusts_only_a_proxy_on_this_machine(settings):
    """GONGKAI_TRUSTED_PROXIES=1 without addresses (old configurations) no longer believes anyone."""
    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_TRUSTED_PROXY_IPS = ""
    direct = RequestFactory().get("/", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert clients.client_ip(direct) == "203.0.113.66"
    local = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert clients.client_ip(local) == "198.51.100.7"
    settings.GONGKAI_TRUSTED_PROXIES = 0
    assert clients.client_ip(local) == "127.0.0.1"


def test_a_malformed_proxy_network_is_a_configuration_error(settings):
    settings.GONGKAI_TRUSTED_PROXY_IPS = "10.0.0.0/33"
    with pytest.raises(ValueError):
        clients.client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1"))


def test_a_direct_sender_cannot_escape_the_rate_limit_with_forwarded_headers(zz, settings):
    """Reachable directly (not through the proxy), a client writing X-Forwarded-For stays one client."""
    settings.FOI_HUMAN_CHECK = False
    settings.FOI_RATE_LIMITS = {"submit": (1, 3600)}
    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_TRUSTED_PROXY_IPS = "10.0.0.1"
    assert Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.1").post(
        NEW, form(description="第一次")).status_code == 302
    assert Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.2").post(
        NEW, form(description="换个伪造地址")).status_code == 429
    assert DisclosureRequest.objects.count() == 1


def test_rate_limit_buckets_are_per_client_behind_the_proxy(zz, settings):
    """All citizens reach the app from the proxy's address; each still has their own bucket."""
    settings.FOI_HUMAN_CHECK = False
    settings.FOI_RATE_LIMITS = {"submit": (1, 3600)}
    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_TRUSTED_PROXY_IPS = "10.0.0.1"
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first.post(NEW, form(description="第一位")).status_code == 302
    assert second.post(NEW, form(description="第二位")).status_code == 302
    assert first.post(NEW, form(description="第一位又一次")).status_code == 429
    # A client cannot get a fresh bucket by writing its own X-Forwarded-For entry.
    spoofed = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50, 198.51.100.1")
    assert spoofed.post(NEW, form(description="伪造地址")).status_code == 429
    assert DisclosureRequest.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_rate_limit_counter_increment_is_atomic():
    """Concurrent increments of one counter lose nothing (the count-then-insert race)."""
    import threading

    from django.core.cache import caches
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: SQLite serialises writers itself; the row lock matters there")
    cache = caches["ratelimit"]
    cache.add("counter", 0, 600)

    def bump():
        from django.db import connections

        for _ in range(20):
            cache.incr("counter")
        connections.close_all()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("counter") == 80


# ------------------------------------------------------------------ item 10: the human check


def test_a_solved_question_is_accepted_once(zz, client):
    data = solve(client.get(NEW).content.decode())
    assert client.post(NEW, form(**data)).status_code == 302
    replay = client.post(NEW, form(description="第二份申请", **data))
    assert replay.status_code == 200 and "验证题答案不正确" in replay.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_a_wrong_answer_spends_the_question(zz):
    text, token = intake.new_question()
    answers = [str(n) for n in range(0, 200)]
    assert sum(intake.check_answer(token, a) for a in answers) == 0  # only the first try counts


def test_questions_have_many_possible_answers():
    answers = set()
    for _ in range(300):
        text, token = intake.new_question()
        m = re.match(r"(.+)(加|减)(.+)等于几？", text)
        a, b = intake.parse_chinese_number(m.group(1)), intake.parse_chinese_number(m.group(3))
        answers.add(a + b if m.group(2) == "加" else a - b)
    assert len(answers) > 60  # old: 19 possible answers (0–18)


def test_the_question_is_text_with_instructions_for_screen_readers(zz, client):
    html = client.get(NEW).content.decode()
    assert re.search(r'<label for="id_answer">请计算：[零一二三四五六七八九十]+(加|减)', html)
    assert 'aria-describedby="id_answer_help"' in html and "当面" in html
    assert "<img" not in html.split('id="id_answer"')[0].rsplit("<section", 1)[-1]


def test_full_width_digits_are_accepted_as_the_answer(zz, client):
    data = solve(client.get(NEW).content.decode())
    data["answer"] = data["answer"].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert client.post(NEW, form(**data)).status_code == 302


# ------------------------------------------------------------------ item 11: double submits


def test_the_same_intake_form_posted_twice_creates_one_request(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    html = client.get(NEW).content.decode()
    token = re.search(r'name="idempotency_token" value="([^"]+)"', html).group(1)
    data = form(idempotency_token=token)
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert DisclosureRequest.objects.count() == 1
    assert client.get(second["Location"]).status_code == 200  # the receipt, with its number
    # A new form (new token) is a new request.
    token2 = re.search(r'name="idempotency_token" value="([^"]+)"', client.get(NEW).content.decode()).group(1)
    assert token2 != token
    assert client.post(NEW, form(description="另一份", idempotency_token=token2)).status_code == 302
    assert DisclosureRequest.objects.count() == 2


def test_a_refused_form_can_be_sent_again_with_the_same_token(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    data = form(idempotency_token="tok-" + "a" * 20, phone="12")
    assert client.post(NEW, data).status_code == 200  # form error: nothing done
    data["phone"] = "13800000000"
    assert client.post(NEW, data).status_code == 302
    assert DisclosureRequest.objects.count() == 1


def test_an_appeal_posted_twice_is_recorded_once(zz, tree, settings):
    from gongkai.foi.tests.factories import submitted

    req, _secret = submitted(zz)
    office = Client()
    office.force_login(tree[1]["zz_office"])
    token = "double-click-" + "x" * 20
    data = {"appeal-kind": "reconsideration", "appeal-filed_on": "2026-03-02", "appeal-authority": "晋城市人民政府",
            "appeal-idempotency_token": token}
    url = f"/office/requests/{req.pk}/appeals/"
    first = office.post(url, data)
    second = office.post(url, data)
    assert first.status_code == 302 and second.status_code == 302
    assert Appeal.objects.filter(request=req).count() == 1


# ------------------------------------------------------------------ item 4: normalise, then validate


def test_full_width_id_number_is_the_same_applicant(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    number = synthetic_id(7)
    wide = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert client.post(NEW, dict(FORM, id_number=number, description="甲")).status_code == 302
    assert client.post(NEW, dict(FORM, id_number=" " + wide + "\u200b", description="甲")).status_code == 302
    first, second = DisclosureRequest.objects.order_by("pk")
    assert second.id_number == number and second.applicant_key == first.applicant_key
    assert second.duplicate_of_id == first.pk


@pytest.mark.parametrize("field, value", [
    ("applicant_name", "\u200b\u200c"), ("applicant_name", "\ufeff"), ("applicant_name", "\u202e\u2066"),
    ("description", "\u200b \u200d\ufeff"),
])
def test_invisible_only_names_and_descriptions_are_refused(zz, client, settings, field, value):
    settings.FOI_HUMAN_CHECK = False
    response = client.post(NEW, form(**{field: value}))
    assert response.status_code == 200 and "不可见字符" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_bidi_overrides_are_removed_from_names(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    assert client.post(NEW, form(applicant_name="测试\u202e人")).status_code == 302
    assert DisclosureRequest.objects.get().applicant_name == "测试人"


@pytest.mark.parametrize("field, value", [
    ("phone", "１３８００００００００"), ("postal_code", "０４８０００"),
])
def test_full_width_phone_and_postal_code_are_folded(zz, client, settings, field, value):
    settings.FOI_HUMAN_CHECK = False
    assert client.post(NEW, form(**{field: value})).status_code == 302
    assert getattr(DisclosureRequest.objects.get(), field).isascii()


@pytest.mark.parametrize("field, value", [
    ("phone", "١٣٨٠٠٠٠٠٠٠٠"),        # Arabic-Indic digits are digits, but not ASCII ones
    ("postal_code", "٠٤٨٠٠٠"),
    ("id_number", "١٤٠٥٢٥١٩٩٠٠١٠١٠٠١X"),
])
def test_non_ascii_digits_are_refused(zz, client, settings, field, value):
    settings.FOI_HUMAN_CHECK = False
    data = form()
    data[field] = value
    assert client.post(NEW, data).status_code == 200
    assert not DisclosureRequest.objects.exists()


def test_email_longer_than_its_column_is_a_form_error(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    email = "a" * 64 + "@" + ".".join(["b" * 50] * 4) + ".cn"  # 271 characters, otherwise valid
    assert len(email) > 254
    response = client.post(NEW, form(email=email))
    assert response.status_code == 200
    assert not DisclosureRequest.objects.exists()


def test_credit_code_checksum_is_checked(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    good = "91350100M000100Y43"  # published example with a valid check character
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    base = dict(FORM, applicant_type="commercial", id_document_type="credit_code", contact_person="联系人")
    refused = client.post(NEW, dict(base, id_number=bad))
    assert refused.status_code == 200 and "校验位" in refused.content.decode()
    assert client.post(NEW, dict(base, id_number=good.lower())).status_code == 302


# ------------------------------------------------------------------ item 5: sizes, read while streaming


def test_a_body_over_the_field_limit_is_refused_in_chinese(zz, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/requests/track/", {"number": "x" * 20_000, "secret": "y"})
    assert response.status_code == 413 and "过大" in response.content.decode()


def test_an_upload_over_the_cap_is_stopped_while_streaming(tree, client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.GONGKAI_MAX_UPLOAD_BYTES = 50_000
    client.force_login(tree[1]["zz_office"])
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 100_000, content_type="application/pdf")
    response = client.post("/office/requests/import/", {"file": upload, "dry_run": "on"})
    assert response.status_code == 413 and "过大" in response.content.decode()


def test_reply_attachments_are_served_with_the_detected_type():
    from gongkai.core import validators

    assert validators.served_content_type(b"%PDF-1.4 ...") == "application/pdf"
    assert validators.served_content_type(b"<html><script>alert(1)</script>") == "application/octet-stream"


# ------------------------------------------------------------------ item 6: bounded duplicate check


def test_the_duplicate_check_stays_bounded_after_60_long_requests(zz, monkeypatch):
    """60 earlier requests of 5,000 characters each: the next one compares a bounded amount of text."""
    import difflib
    import random
    import time

    from gongkai.foi import selectors, services
    from gongkai.foi.models import DisclosureRequest
    from gongkai.foi.tests.factories import application

    rng = random.Random(11)
    alphabet = "安全生产事故统计数据年度执法检查计划应急管理救灾物资发放情况信息公开申请内容"
    base = "".join(rng.choice(alphabet) for _ in range(5000))
    for n in range(60):  # same characters, different text: difflib's quick checks pass, its ratio must run
        text = "".join(rng.choice(alphabet) for _ in range(5000))
        services.foi_request_submit(organisation=zz, application=application(description=text))
    compared = []
    real = difflib.SequenceMatcher

    class Recording(real):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            compared.append((len(a), len(b)))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", Recording)
    started = time.monotonic()
    req, _secret = services.foi_request_submit(organisation=zz, application=application(description=base))
    elapsed = time.monotonic() - started
    assert DisclosureRequest.objects.count() == 61
    assert 0 < len(compared) <= selectors.SIMILARITY_CANDIDATES
    assert max(max(pair) for pair in compared) <= selectors.SIMILARITY_CHARS
    assert elapsed < 10


def test_an_office_registration_posted_twice_creates_one_request(zz, tree):
    office = Client()
    office.force_login(tree[1]["zz_office"])
    html = office.get("/office/requests/new/").content.decode()
    token = re.search(r'name="idempotency_token" value="([^"]+)"', html).group(1)
    data = {"organisation": "sx-jc-zz", "channel": "letter", "arrived_on": "2026-02-26", "confirmed_on": "2026-02-27",
            "applicant_type": "natural", "applicant_name": "测试申请人", "id_document_type": "id_card",
            "id_number": synthetic_id(3), "phone": "0356-1234567", "description": "煤矿安全检查数据",
            "info_form": "paper", "delivery": "collect", "idempotency_token": token}
    first, second = office.post("/office/requests/new/", data), office.post("/office/requests/new/", data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert DisclosureRequest.objects.count() == 1
