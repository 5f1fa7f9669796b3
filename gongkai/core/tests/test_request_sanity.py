"""RequestSanityMiddleware: malformed input answers 400 (413 for size) with a Chinese message, and
reaches no view. The walk over every URL (tests/test_hostile_urls.py) checks the absence of 500s;
this checks what the client is told."""
import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url, message", [
    ("/requests/?q=%00", "控制字符"),
    ("/requests/track/%00/", "控制字符"),
    ("/records/?page=99999999999999999999", "参数“page”"),
    ("/records/?year=99999", "参数“year”应为1900至2200之间的整数"),
    ("/records/?year=-5", "参数“year”"),
    ("/records/?year=" + "9" * 5000, "参数“year”"),  # past Python's int() digit limit: no 500
    ("/records/?month=13", "参数“month”"),
    ("/records/?year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95", "参数“year”"),  # full-width digits
])
def test_malformed_query_answers_400_in_chinese(url, message):
    response = Client().get(url)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_plausible_numbers_pass():
    assert Client().get("/records/?year=2025&page=1").status_code == 200


def test_a_foreign_charset_is_refused():
    response = Client().post("/requests/track/", data="number=测试&secret=x",
                             content_type="application/x-www-form-urlencoded; charset=utf-16")
    assert response.status_code == 400 and "UTF-8" in response.content.decode()


def test_nul_in_a_form_field_is_refused_before_the_view():
    response = Client().post("/requests/track/", {"number": "SX\x00", "secret": "x"})
    assert response.status_code == 400 and "NUL" in response.content.decode()


@pytest.mark.parametrize("body", [b'{"secret": "\\u0000"}', b'{"secret": "\\ud800"}', b'{"\\u0000": 1}'])
def test_api_json_with_nul_or_lone_surrogate_answers_400_json(body):
    response = Client().post("/api/foi/requests/X-1/status", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "控制字符" in json.loads(response.content)["detail"]


def test_api_json_that_is_not_utf8_answers_400():
    response = Client().post("/api/foi/requests/X-1/status", data=b'{"secret": "\xff"}',
                             content_type="application/json")
    assert response.status_code == 400 and "UTF-8" in json.loads(response.content)["detail"]


@pytest.mark.parametrize("url", ["/records/" + "9" * 30 + "/", "/records/" + "9" * 20 + "/attachments/1/"])
def test_a_path_id_beyond_bigint_is_not_found(url):
    assert Client().get(url).status_code == 404


def test_too_many_fields_answers_400(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = Client().post("/requests/track/", {f"f{n}": "x" for n in range(20)})
    assert response.status_code == 400 and "字段过多" in response.content.decode()

