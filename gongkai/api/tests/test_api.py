"""The API contract: /api/catalogs/, /api/catalogs/<id>/ and the OpenAPI document."""
import json

import pytest

from gongkai.catalog import services
from gongkai.catalog.demo import publish_demo_catalog

ITEM_KEYS = {"first_level", "second_level", "number", "content", "basis", "time_limit_text", "time_limit_rule",
             "subject", "channels", "audience", "mode", "level", "anomalies"}


@pytest.fixture
def world(tree, seed_templates):
    orgs, users = tree
    publish_demo_catalog(orgs["sx-jc-yc"])
    draft = services.catalog_derive(organisation=orgs["sx-jc-zz"], template=seed_templates["safety"], actor=users["zz_office"])
    return orgs, users, seed_templates, draft


def test_list_marks_templates_and_hides_drafts(client, world):
    _, _, templates, draft = world
    rows = client.get("/api/catalogs/").json()
    by_id = {r["id"]: r for r in rows}
    assert by_id[templates["safety"].pk]["is_template"] is True
    assert by_id[templates["relief"].pk]["is_template"] is True
    assert draft.pk not in by_id
    assert any(r["organisation_code"] == "sx-jc-yc" and not r["is_template"] for r in rows)


def test_staff_list_includes_own_drafts(client, world):
    _, users, _, draft = world
    client.force_login(users["zz_office"])
    assert draft.pk in {r["id"] for r in client.get("/api/catalogs/").json()}
    client.force_login(users["yc_office"])
    assert draft.pk not in {r["id"] for r in client.get("/api/catalogs/").json()}
    assert client.get(f"/api/catalogs/{draft.pk}/?version=1").status_code == 404


def test_catalog_document_items_have_the_contract_fields(client, world):
    _, _, templates, _ = world
    doc = client.get(f"/api/catalogs/{templates['safety'].pk}/").json()
    assert len(doc["items"]) == 28
    for item in doc["items"]:
        assert ITEM_KEYS <= set(item)
    first = doc["items"][0]
    assert first["first_level"] == "政策文件" and first["second_level"] == "法律法规" and first["number"] == 1
    assert first["channels"] == ["政府网站", "两微一端", "公开查阅点", "政务服务中心"]
    assert first["time_limit_rule"]["kind"] == "working_days" and first["time_limit_rule"]["days"] == 20
    relief = client.get(f"/api/catalogs/{templates['relief'].pk}/").json()
    assert len(relief["items"]) == 19
    shifted = next(i for i in relief["items"] if i["second_level"] == "灾情核定信息")
    assert shifted["audience"] is None and {a["code"] for a in shifted["anomalies"]} >= {"marks_shifted"}


def test_anonymous_cannot_read_a_draft(client, world):
    _, _, _, draft = world
    assert client.get(f"/api/catalogs/{draft.pk}/").status_code == 404
    assert client.get(f"/api/catalogs/{draft.pk}/?version=1").status_code == 404
    assert client.get(f"/api/catalogs/{draft.pk}/versions/").status_code == 404


def test_openapi_document(client, world):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/catalogs/", "/api/catalogs/{catalog_id}/", "/api/organisations/", "/api/schema/catalog.json"):
        assert path in spec["paths"]


def test_import_endpoint_requires_office_role_and_reports_problems(client, world):
    orgs, users, templates, _ = world
    body = json.dumps({"schema": "gongkai.catalog/1", "items": "not a list"})
    assert client.post("/api/organisations/sx-jc-yc/catalogs/import", body, content_type="application/json").status_code == 401
    client.force_login(users["yc_office"])
    response = client.post("/api/organisations/sx-jc-yc/catalogs/import", body, content_type="application/json")
    assert response.status_code == 400
    assert len(response.json()["problems"]) >= 2
    client.force_login(users["zz_drafter"])
    response = client.post("/api/organisations/sx-jc-zz/catalogs/import", body, content_type="application/json")
    assert response.status_code == 403


def test_import_endpoint_round_trip_creates_a_draft(client, world):
    orgs, users, templates, _ = world
    doc = client.get(f"/api/catalogs/{templates['safety'].pk}/").json()
    doc["items"][0]["content"] = "泽州县细化后的公开内容"
    client.force_login(users["zz_office"])
    # 泽州县 already has an open safety draft: refused with a clear message, nothing written.
    response = client.post("/api/organisations/sx-jc-zz/catalogs/import", json.dumps(doc), content_type="application/json")
    assert response.status_code == 400 and response.json()["problems"]
    client.force_login(users["yc_office"])
    response = client.post("/api/organisations/sx-jc-yc/catalogs/import", json.dumps(doc), content_type="application/json")
    assert response.status_code == 201, response.json()
    result = response.json()
    assert result["version"] == 2 and result["status"] == "draft" and result["items"] == 28
    draft = client.get(f"/api/catalogs/{result['catalog_id']}/?version=2").json()
    assert draft["items"][0]["content"] == "泽州县细化后的公开内容"
