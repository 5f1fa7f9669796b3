"""The foi demo (issue 21 item 8): requests in every state, each marked as demo, loaded once."""
import datetime as dt

from django.core.management import call_command

from gongkai.core import clock
from gongkai.foi.models import DisclosureRequest
from gongkai.foi.states import RequestStatus

from .factories import pin


def test_the_demo_has_a_request_in_every_state_marked_as_demo(tree):
    pin(dt.date(2026, 12, 7))
    call_command("load_foi_demo")
    demo = DisclosureRequest.objects.filter(organisation__code="sx-jc-zz")
    assert set(demo.values_list("status", flat=True)) == set(RequestStatus.values)
    assert all(r.description.startswith("（演示）") and "（演示）" in r.applicant_name for r in demo)
    assert demo.filter(extension_requested_on__isnull=False).exists()
    assert set(demo.exclude(outcome="").values_list("outcome", flat=True)) == {"disclosed", "withheld", "other"}
    assert clock.today() == dt.date(2026, 12, 7)  # the caller's clock is put back
    count = demo.count()
    call_command("load_foi_demo")
    assert DisclosureRequest.objects.count() == count
