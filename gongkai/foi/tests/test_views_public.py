"""Public intake: CSRF, human check, rate limit, size limit, receipt after commit, tracking by code."""
import datetime as dt
import re

import pytest
from django.test import Client

from gongkai.foi import intake
from gongkai.foi.models import DisclosureRequest

from .factories import pin, synthetic_id

D = dt.date
FORM = {"applicant_type": "natural", "applicant_name": "测试申请人", "id_document_type": "id_card",
        "phone": "13800000000", "description": "2025年度安全生产执法检查计划", "info_form": "electronic",
        "delivery": "online"}
CHINESE_NUMBER = r"[零一二三四五六七八九十]+"


def solve(html: str) -> dict:
    m = re.search(rf"请计算：({CHINESE_NUMBER})(加|减)({CHINESE_NUMBER})等于几", html)
    a, op, b = intake.parse_chinese_number(m.group(1)), m.group(2), intake.parse_chinese_number(m.group(3))
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    return {"challenge": token, "answer": str(a + b if op == "加" else a - b)}


def form(**extra):
    return dict(FORM, id_number=synthetic_id(), **extra)


@pytest.fixture(autouse=True)
def day():
    pin(D(2026, 3, 2))


def test_submission_with_the_human_check_gives_a_receipt_with_number_and_code(zz, client):
    html = client.get("/requests/new/sx-jc-zz/").content.decode()
    response = client.post("/requests/new/sx-jc-zz/", form(**solve(html)))
    assert response.status_code == 302
    req = DisclosureRequest.objects.get()  # committed before the receipt is shown
    receipt = client.get(response["Location"]).content.decode()
    assert req.tracking_number in receipt
    secret = re.search(r'id="tracking-secret">(\w+)<', receipt).group(1)
    assert len(secret) == 10
    status = client.get(f"/requests/track/{req.tracking_number}/").content.decode()
    assert "已收到" in status and "测**" in status and "测试申请人" not in status


def test_wrong_answer_is_refused_and_nothing_is_stored(zz, client):
    html = client.get("/requests/new/sx-jc-zz/").content.decode()
    data = solve(html)
    data["answer"] = str(int(data["answer"]) + 1)
    response = client.post("/requests/new/sx-jc-zz/", form(**data))
    assert response.status_code == 200 and "验证题答案不正确" in response.content.decode()
    assert not DisclosureRequest.objects.exists()
    assert not intake.check_answer("forged-token", "3")


def test_csrf_is_enforced(zz, settings):
    settings.FOI_HUMAN_CHECK = False
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/requests/new/sx-jc-zz/", form()).status_code == 403
    assert not DisclosureRequest.objects.exists()


def test_rate_limit_per_client(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    settings.FOI_RATE_LIMITS = {"submit": (2, 3600)}
    for n in range(2):
        assert client.post("/requests/new/sx-jc-zz/", form(description=f"第{n}项")).status_code == 302
    response = client.post("/requests/new/sx-jc-zz/", form(description="第三项"))
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    assert DisclosureRequest.objects.count() == 2
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post("/requests/new/sx-jc-zz/", form(description="别的客户端")).status_code == 302
    from django.db import connection

    with connection.cursor() as cursor:  # the rate-limit counters (gongkai.core.cache)
        cursor.execute("SELECT cache_key FROM gongkai_ratelimit")
        keys = [row[0] for row in cursor.fetchall()]
    assert keys
    assert not any("127.0.0.1" in k for k in keys)  # addresses are hashed


def test_oversized_post_is_refused(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    response = client.post("/requests/new/sx-jc-zz/", form(description="长" * 70000))
    assert response.status_code == 413
    assert not DisclosureRequest.objects.exists()


def test_identity_number_and_phone_are_validated(zz, client, settings):
    settings.FOI_HUMAN_CHECK = False
    response = client.post("/requests/new/sx-jc-zz/", dict(FORM, id_number="140525199001010011", phone="12345"))
    html = response.content.decode()
    assert response.status_code == 200 and "校验位不正确" in html and "手机号码" in html
    assert not DisclosureRequest.objects.exists()


def test_tracking_needs_the_code_and_does_not_reveal_numbers(zz, settings):
    settings.FOI_HUMAN_CHECK = False
    citizen = Client()
    citizen.post("/requests/new/sx-jc-zz/", form())
    req = DisclosureRequest.objects.get()
    stranger = Client()
    assert stranger.get(f"/requests/track/{req.tracking_number}/").status_code == 404
    response = stranger.post("/requests/track/", {"number": req.tracking_number, "secret": "ABCDEFGHJK"})
    assert "申请编号或查询码不正确" in response.content.decode()
    response = stranger.post("/requests/track/", {"number": "NO-SUCH-1", "secret": "ABCDEFGHJK"})
    assert "申请编号或查询码不正确" in response.content.decode()


def test_tracking_with_the_code_and_online_correction(zz, office, settings):
    from gongkai.foi import services

    settings.FOI_HUMAN_CHECK = False
    req, secret = services.foi_request_submit(
        organisation=zz, application=services.Application(**dict(form(), email="", address="", postal_code="",
                                                                  contact_person="", document_number="",
                                                                  document_title="", purpose="")))
    services.foi_request_ask_correction(request=req, actor=office, items="请写明年份")
    citizen = Client()
    response = citizen.post("/requests/track/", {"number": req.tracking_number.lower(), "secret": secret.lower()})
    assert response.status_code == 302
    page = citizen.get(response["Location"]).content.decode()
    assert "请补正申请" in page and "请写明年份" in page
    citizen.post(f"/requests/track/{req.tracking_number}/correct/", {"text": "2025年"})
    req.refresh_from_db()
    assert req.status == "in_progress" and req.corrected_text == "2025年"


def test_letter_download_only_after_closing(zz, office, settings):
    from gongkai.foi import services

    settings.FOI_HUMAN_CHECK = False
    citizen = Client()
    citizen.post("/requests/new/sx-jc-zz/", form())
    req = DisclosureRequest.objects.get()
    assert citizen.get(f"/requests/track/{req.tracking_number}/letter.docx").status_code == 404
    from gongkai.records.tests.factories import xlsx_bytes

    table = xlsx_bytes([["a", "b"]])
    services.foi_request_answer(request=req, actor=office, outcome="disclosed", reply_text="见附件",
                                attachments=[services.Attachment("数据.xlsx", "text/csv", table)])
    response = citizen.get(f"/requests/track/{req.tracking_number}/letter.docx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert citizen.get(f"/requests/track/{req.tracking_number}/letter.pdf").content.startswith(b"%PDF")
    assert citizen.get(f"/requests/track/{req.tracking_number}/letter.exe").status_code == 404
    att = req.attachments.get()
    served = citizen.get(f"/requests/track/{req.tracking_number}/attachments/{att.pk}/")
    assert served.content == table and served["Content-Type"].startswith("application/vnd.openxmlformats")


def _rendered(response) -> list[str]:
    return [t.name for t in response.templates if t.name]


def test_the_blank_forms_fields_are_rendered_once_per_process_and_language(zz, client):
    """The blank form's fields come from the per-process fragment cache after the first visitor; the
    per-visitor parts (CSRF, idempotency token, question) are new on every page."""
    from django.core.cache import caches

    caches["fragments"].clear()
    first = client.get("/requests/new/sx-jc-zz/")
    second = client.get("/requests/new/sx-jc-zz/")
    assert "foi/_field.html" in _rendered(first) and "foi/_field.html" not in _rendered(second)
    one, two = first.content.decode(), second.content.decode()
    assert 'name="id_number"' in two and 'name="description"' in two and "申请人信息" in two
    token = r'name="idempotency_token" value="([^"]+)"'
    assert re.search(token, one).group(1) != re.search(token, two).group(1)
    assert solve(one)["challenge"] != solve(two)["challenge"]
    client.cookies["django_language"] = "en"
    english = client.get("/requests/new/sx-jc-zz/")
    assert "foi/_field.html" in _rendered(english)  # another language: its own fragment
    assert "Applicant" in english.content.decode() and "申请人信息" not in english.content.decode()


def test_a_form_sent_back_with_errors_shows_them_with_what_was_typed(zz, client):
    client.get("/requests/new/sx-jc-zz/")  # the blank fields are now cached
    html = client.get("/requests/new/sx-jc-zz/").content.decode()
    data = form(**solve(html))
    data["description"] = ""
    data["applicant_name"] = "王某某"
    response = client.post("/requests/new/sx-jc-zz/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "foi/_field.html" in _rendered(response)
    assert 'value="王某某"' in page and "has-error" in page
    assert not DisclosureRequest.objects.exists()
