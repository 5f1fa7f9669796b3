"""One command builds the whole demo, in layer order, and can run twice."""
import io

from django.core.management import call_command

from gongkai.catalog.models import Catalog
from gongkai.engagement.models import Consultation
from gongkai.organisations.models import Organisation, User
from gongkai.oversight.models import Column
from gongkai.portal.demo import is_demo
from gongkai.records.models import Record


def test_tree_only_builds_organisations_and_logins(db):
    out = io.StringIO()
    call_command("load_demo", "--tree-only", stdout=out)
    assert Organisation.objects.filter(code="sx-jc-yc").exists()
    assert User.objects.filter(username="zz_office").exists()
    assert not Catalog.objects.exists() and not Record.objects.exists()


def test_without_templates_the_later_parts_are_skipped_with_a_message(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "import_standard_catalogs" in out.getvalue()
    assert Organisation.objects.count() == 8 and not Record.objects.exists()


def test_the_whole_demo_in_one_command_twice(seed_templates):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Organisation.objects.count(), Catalog.objects.filter(is_template=False).count(),
              Record.objects.count(), Consultation.objects.count(), Column.objects.count())
    assert counts[0] == 8 and all(n > 0 for n in counts[1:]), counts
    assert is_demo()  # the site says it is a demo
    call_command("load_demo", stdout=io.StringIO())
    assert (Organisation.objects.count(), Catalog.objects.filter(is_template=False).count(),
            Record.objects.count(), Consultation.objects.count(), Column.objects.count()) == counts
