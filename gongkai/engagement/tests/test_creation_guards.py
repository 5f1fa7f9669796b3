"""Creating objects (not a transition: there is no state yet) is guarded like the transitions."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from gongkai.core.models import AuditEvent
from gongkai.engagement import services
from gongkai.engagement.models import Consultation, DecisionCatalog, Meeting, Message, OpinionEvent
from gongkai.organisations import permissions
from gongkai.organisations.models import Role

from . import factories as f

NOW = f.at(2026, 6, 10, 10)

CREATIONS = [
    ("consultation", Consultation, lambda org, a: f.consultation(org, a, publish=False)),
    ("catalog", DecisionCatalog, lambda org, a: services.decision_catalog_create(organisation=org, year=2026, actor=a)),
    ("opinion", OpinionEvent, lambda org, a: f.opinion(org, a)),
    ("meeting", Meeting, lambda org, a: f.meeting(org, a, NOW + dt.timedelta(days=10))),
]


@pytest.mark.parametrize("name,model,create", CREATIONS, ids=[c[0] for c in CREATIONS])
@pytest.mark.parametrize("actor", ["zz_leader", "zz_drafter", "yc_office", "jc_supervisor"])
def test_only_the_office_of_the_organisation_creates(zz, users, name, model, create, actor):
    f.pin(NOW)
    count = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        create(zz, users[actor])
    assert not model.objects.exists() and AuditEvent.objects.count() == count
    create(zz, users["zz_office"])
    assert model.objects.count() == 1


@pytest.mark.parametrize("path", ["consultations/new/", "opinions/new/", "meetings/new/"])
def test_creation_pages_are_refused_to_other_roles(zz, users, path):
    client = Client()
    client.force_login(users["zz_leader"])
    assert client.get(f"/office/engagement/orgs/sx-jc-zz/{path}").status_code == 403
    client.force_login(users["zz_office"])
    assert client.get(f"/office/engagement/orgs/sx-jc-zz/{path}").status_code == 200


def test_turning_a_request_into_a_message_needs_the_engagement_permission_too(zz, users, monkeypatch):
    """The FOI handler may close the request, but only someone who runs engagement may open the message."""
    from gongkai.foi.services import Application, foi_request_submit
    from gongkai.foi.tests.factories import synthetic_id

    f.pin(NOW)
    app = Application(applicant_type="natural", applicant_name="测试申请人", id_document_type="id_card",
                      id_number=synthetic_id(), phone="13800000000", description="投诉", info_form="electronic",
                      delivery="online")
    req = foi_request_submit(organisation=zz, application=app)[0]
    rule = permissions.RULES[permissions.Action.ENGAGEMENT_EDIT]
    monkeypatch.setitem(permissions.RULES, permissions.Action.ENGAGEMENT_EDIT,
                        permissions.Rule(own=rule.own - {Role.OFFICE}, subtree=rule.subtree))
    with pytest.raises(PermissionDenied):
        services.message_from_request(request=req, actor=users["zz_office"], reply_text="投诉")
    assert not Message.objects.exists()
    req.refresh_from_db()
    assert req.closed_on is None
