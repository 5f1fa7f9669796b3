"""Unsupported request methods are answered 405 with an Allow header (issue 20, item 11)."""
import pytest
from django.test import Client

URLS = ["/", "/requests/", "/records/", "/office/login/", "/admin/login/", "/api/openapi.json", "/api/organisations/"]


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT", "PUT", "PATCH", "DELETE", "PROPFIND", "FOO"])
def test_unsupported_methods_get_405(db, method):
    client = Client()
    for url in URLS:
        response = client.generic(method, url)
        assert response.status_code == 405, (method, url, response.status_code)
        assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    api = client.generic(method, "/api/organisations/")
    assert api["Content-Type"].startswith("application/json") and "不支持此请求方法" in api.json()["detail"]
    page = client.generic(method, "/records/")
    assert "不支持此请求方法" in page.content.decode()


def test_supported_methods_still_work(db):
    client = Client()
    assert client.get("/records/").status_code == 200
    assert client.head("/records/").status_code == 200
    assert client.post("/office/login/", {"username": "x", "password": "y"}).status_code == 200
