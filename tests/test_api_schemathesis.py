"""The API does what its OpenAPI document says: schemathesis generates requests from the document
(valid and invalid ones) and calls the WSGI application directly.

Fails on any server error, any status the operation does not declare, a wrong content type, or a
body that does not match the declared schema. Bounded: MAX_EXAMPLES per operation (the whole run
takes well under a minute).
"""
import datetime as dt

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

from gongkai.api.api import api
from gongkai.wsgi import application

MAX_EXAMPLES = 15
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@pytest.fixture
def data(tree, seed_templates):
    """Published data for the operations to find: the demo catalog, records and one request."""
    from gongkai.foi.tests import factories as foi_factories

    orgs, _users = tree
    call_command("load_demo", stdout=open("/dev/null", "w"))
    foi_factories.submitted(orgs["sx-jc-zz"], day=dt.date(2025, 3, 3))


@pytest.fixture
def keep_connection():
    """The real WSGI handler closes the database connection after each request; inside a test's
    transaction it must stay open (Django's own test client does the same)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case, data, keep_connection, settings):
    settings.FOI_RATE_LIMITS = {}  # the generated calls all come from one address
    case.call_and_validate(checks=CHECKS)
