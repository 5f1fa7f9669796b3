"""The OpenAPI document declares the validation layer's limits (issue 20, item 6), and they agree
with what the server does: a value at a declared limit is not refused, one beyond it is."""
import pytest
from django.test import Client

from gongkai.api.api import api
from gongkai.api.schemas import TEXT_PATTERN
from gongkai.core.middleware import BIGGEST_ID, BOUNDED_PARAMETERS


def parameters():
    document = api.get_openapi_schema(path_prefix="/api")
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                yield path, method, parameter["name"], (schema.get("anyOf") or [schema])[0]


def test_every_parameter_declares_its_limits(db):
    seen = 0
    for path, method, name, schema in parameters():
        seen += 1
        where = f"{method.upper()} {path} {name}"
        if schema["type"] == "string":
            assert schema.get("pattern") == TEXT_PATTERN and schema.get("maxLength"), where
        elif schema["type"] == "integer":
            assert "minimum" in schema and "maximum" in schema, where
            if name in BOUNDED_PARAMETERS:
                assert (schema["minimum"], schema["maximum"]) == BOUNDED_PARAMETERS[name], where
            if name.endswith("_id") or name == "version":
                assert schema["maximum"] == BIGGEST_ID, where
    assert seen >= 30


def test_the_status_query_body_declares_its_limits(db):
    components = api.get_openapi_schema(path_prefix="/api")["components"]["schemas"]
    secret = components["StatusQuery"]["properties"]["secret"]
    assert secret["maxLength"] == 64 and secret["pattern"] == TEXT_PATTERN


REFUSED = (400, 422)


@pytest.mark.parametrize("url_at_limit, url_beyond", [
    ("/api/records/?page=100000", "/api/records/?page=100001"),
    ("/api/records/?page=1", "/api/records/?page=0"),
    ("/api/records/?year=2200", "/api/records/?year=2201"),
    ("/api/records/?year=1900", "/api/records/?year=1899"),
    ("/api/records/?organisation=" + "a" * 40, "/api/records/?organisation=" + "a" * 41),
    ("/api/records/?catalog_key=" + "k" * 80, "/api/records/?catalog_key=" + "k" * 81),
    ("/api/records/search?q=" + "应急" * 50, "/api/records/search?q=" + "应急" * 50 + "x"),
    ("/api/records/search?q=ok", "/api/records/search?q=a%01b"),
    ("/api/engagement/messages/?organisation=sx", "/api/engagement/messages/?organisation=s%00x"),
    (f"/api/records/{BIGGEST_ID}/", f"/api/records/{BIGGEST_ID + 1}/"),
    ("/api/engagement/consultations/?phase=open", "/api/engagement/consultations/?phase=" + "o" * 21),
])
def test_declared_limits_are_the_servers(db, url_at_limit, url_beyond):
    client = Client()
    assert client.get(url_at_limit).status_code not in REFUSED
    assert client.get(url_beyond).status_code in REFUSED + (404,)


def test_ids_beyond_the_declared_range_are_not_found_or_refused(db):
    client = Client()
    assert client.get("/api/records/0/").status_code in REFUSED
    assert client.get(f"/api/catalogs/{BIGGEST_ID + 1}/").status_code in REFUSED + (404,)


@pytest.mark.parametrize("path, model, field", [
    ("/api/engagement/messages/{number}", "engagement.Message", "number"),
    ("/api/foi/requests/{number}/status", "foi.DisclosureRequest", "tracking_number"),
])
def test_number_parameters_declare_their_columns_length(db, path, model, field):
    """A number longer than its column cannot exist: the declared maxLength is the column's."""
    from django.apps import apps

    document = api.get_openapi_schema(path_prefix="/api")
    operations = document["paths"][path]
    schema = next(p["schema"] for op in operations.values() for p in op.get("parameters", []) if p["name"] == "number")
    assert schema["maxLength"] == apps.get_model(model)._meta.get_field(field).max_length
