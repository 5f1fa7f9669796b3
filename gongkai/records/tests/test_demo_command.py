from django.core.management import call_command

from gongkai.records.models import Record
from gongkai.records.search.query import search


def test_load_records_demo_runs_the_workflow_and_is_idempotent(tree, seed_templates):
    from gongkai.catalog.demo import publish_demo_catalog

    orgs, _ = tree
    publish_demo_catalog(orgs["sx-jc-yc"])
    call_command("load_records_demo", stdout=open("/dev/null", "w"))
    call_command("load_records_demo", stdout=open("/dev/null", "w"))
    assert Record.objects.count() == 5
    assert Record.objects.filter(status="published").count() == 3
    assert "110101199003074514" not in "".join(Record.objects.values_list("body", flat=True))
    assert search("救助").count >= 2
