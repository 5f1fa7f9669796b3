"""The throw-away Widget table of the kernel tests (test_workflow.py, test_policy.py)."""
import pytest
from django.db import connection

from .test_workflow import Widget


@pytest.fixture(scope="session")
def widget_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Widget)
    yield
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.delete_model(Widget)


@pytest.fixture
def world(widget_table, tree):
    orgs, users = tree
    widget = Widget.objects.create(organisation=orgs["sx-jc-zz"], title="原名")
    return widget, users
