"""The demo: every page and queue of the app has something in it, marked as demo; loading twice adds nothing."""
import io

import pytest
from django.core.management import call_command

from gongkai.core import clock
from gongkai.newmedia import selectors
from gongkai.newmedia.models import Account, AccountRequest
from gongkai.newmedia.states import RequestStatus


@pytest.mark.django_db
def test_demo_fills_the_register_the_queues_and_marks_itself(w):
    call_command("load_newmedia_demo", stdout=io.StringIO())
    assert clock.today().isoformat() == "2026-06-10"  # the pinned clock is given back
    accounts = list(Account.objects.all())
    assert len(accounts) == 6 and all(a.name.endswith("（演示）") and a.purpose.startswith("演示数据") for a in accounts)
    stale = [a for a in selectors.register(Account.objects.values("organisation")) if a.freshness == "stale"]
    assert [a.name for a in stale] == ["泽州应急（演示）"]
    assert list(selectors.review_queue(w.jc_supervisor).values_list("organisation__code", flat=True)) == ["sx-jc-yc"]
    assert selectors.agreement_queue(w.zz_leader).count() == 1
    assert AccountRequest.objects.filter(organisation=w.yc, status=RequestStatus.RETURNED).count() == 1
    assert {a.competent.code for a in accounts if a.organisation.code.startswith("sx-jc-")} >= {"sx-jc"}
    counts = (Account.objects.count(), AccountRequest.objects.count())
    call_command("load_newmedia_demo", stdout=io.StringIO())
    assert (Account.objects.count(), AccountRequest.objects.count()) == counts
    assert AccountRequest.objects.filter(status=RequestStatus.SUPERVISOR_REVIEW).count() == 1
