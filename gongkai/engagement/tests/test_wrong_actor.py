"""Wrong actors at the service level for the services outside the transition table (test_transitions.py
covers every table transition, test_creation_guards.py every creation): the links to records, the
response turned into a record, an entry removed and a request turned into a message. Each is called as a
user of the wrong role and as the right role of another organisation: PermissionDenied, nothing written."""
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditEvent
from gongkai.engagement import services
from gongkai.engagement.models import Consultation, DecisionEntry, Message, OpinionEvent

from . import factories as f


@pytest.fixture
def w(tree, seed_templates):
    from gongkai.records.tests.factories import world

    f.pin(f.at(2026, 5, 20))
    return world(tree)


def _refused(call, actors, *, unchanged):
    before = (AuditEvent.objects.count(), unchanged())
    for actor in actors:
        with pytest.raises(PermissionDenied):
            call(actor)
        assert (AuditEvent.objects.count(), unchanged()) == before, actor


def test_linking_a_consultation_to_a_record(w):
    from gongkai.records.tests.factories import create_record

    office = w.users["yc_office"]
    c = f.consultation(w.org, office)
    record = create_record(w)
    _refused(lambda a: services.consultation_link_record(consultation=c, actor=a, record=record),
             [w.users["yc_leader"], w.users["yc_drafter"], w.users["zz_office"]],
             unchanged=lambda: Consultation.objects.get(pk=c.pk).resulting_record_id)
    services.consultation_link_record(consultation=c, actor=office, record=record)
    assert Consultation.objects.get(pk=c.pk).resulting_record_id == record.pk


def test_linking_a_decision_entry_and_removing_one(w):
    from gongkai.records.tests.factories import create_record

    office = w.users["yc_office"]
    cat = f.catalog(w.org, office, entries=2)
    entry = cat.entries.first()
    record = create_record(w)
    wrong = [w.users["yc_leader"], w.users["yc_drafter"], w.users["zz_office"]]
    _refused(lambda a: services.decision_entry_link_record(entry=entry, actor=a, record=record), wrong,
             unchanged=lambda: DecisionEntry.objects.get(pk=entry.pk).resulting_record_id)
    _refused(lambda a: services.decision_entry_delete(entry=entry, actor=a), wrong,
             unchanged=lambda: DecisionEntry.objects.filter(catalog=cat).count())
    services.decision_entry_link_record(entry=entry, actor=office, record=record)
    services.decision_entry_delete(entry=cat.entries.last(), actor=office)
    assert list(cat.entries.values_list("resulting_record", flat=True)) == [record.pk]


def test_turning_a_response_into_a_record(w):
    office = w.users["yc_office"]
    ev = f.opinion(w.org, office, first_seen_at=f.at(2026, 5, 20, 8))
    services.opinion_respond(event=ev, actor=office, response="经核实，现通报如下。")
    _refused(lambda a: services.opinion_make_record(event=OpinionEvent.objects.get(pk=ev.pk), actor=a,
                                                    catalog_item=w.item),
             [w.users["yc_leader"], w.users["yc_secrecy"], w.users["zz_office"]],
             unchanged=lambda: OpinionEvent.objects.get(pk=ev.pk).record_id)
    assert services.opinion_make_record(event=OpinionEvent.objects.get(pk=ev.pk), actor=office,
                                        catalog_item=w.item).record_id


def test_turning_a_request_into_a_message(w):
    from gongkai.foi.services import Application, foi_request_submit
    from gongkai.foi.tests.factories import synthetic_id

    app = Application(applicant_type="natural", applicant_name="测试申请人", id_document_type="id_card",
                      id_number=synthetic_id(), phone="13800000000", description="投诉", info_form="electronic",
                      delivery="online")
    req = foi_request_submit(organisation=w.org, application=app)[0]
    _refused(lambda a: services.message_from_request(request=req, actor=a, reply_text="属于投诉"),
             [w.users["yc_leader"], w.users["yc_drafter"], w.users["zz_office"]],
             unchanged=lambda: (Message.objects.count(), type(req).objects.get(pk=req.pk).closed_on))
    assert services.message_from_request(request=req, actor=w.users["yc_office"], reply_text="属于投诉").pk


def test_a_message_is_assigned_only_to_a_unit_of_its_organisation(zz, orgs, office):
    """Guard sampling: the unit check of message_assign (and opinion_assign): refused, nothing written."""
    from gongkai.core.errors import ValidationFailed

    f.pin(f.at(2026, 5, 20))
    m = f.message(zz)
    ev = f.opinion(zz, office)
    foreign = orgs["sx-jc-yc"].units.first()
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed):
        services.message_assign(message=m, actor=office, unit=foreign)
    with pytest.raises(ValidationFailed):
        services.opinion_assign(event=ev, actor=office, unit=foreign)
    assert Message.objects.get(pk=m.pk).unit_id is None and OpinionEvent.objects.get(pk=ev.pk).unit_id is None
    assert AuditEvent.objects.count() == count


def test_another_organisations_request_is_not_revealed_by_the_conversion_page(w):
    """Guard sampling: the conversion page answers 404 (not 403) for a request the user may not see."""
    from django.test import Client

    from gongkai.foi.services import Application, foi_request_submit
    from gongkai.foi.tests.factories import synthetic_id

    app = Application(applicant_type="natural", applicant_name="测试申请人", id_document_type="id_card",
                      id_number=synthetic_id(), phone="13800000000", description="投诉", info_form="electronic",
                      delivery="online")
    req = foi_request_submit(organisation=w.org, application=app)[0]
    client = Client()
    client.force_login(w.users["zz_office"])
    assert client.get(f"/office/engagement/requests/{req.pk}/to-message/").status_code == 404
    client.force_login(w.users["yc_leader"])  # may see it, may not convert it
    assert client.get(f"/office/engagement/requests/{req.pk}/to-message/").status_code == 403
