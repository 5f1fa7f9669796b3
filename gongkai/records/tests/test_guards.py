"""One test per validation guard of the records services that the table tests do not reach.

Each call fails for exactly one reason, and the state is checked to be unchanged.
"""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.records import services
from gongkai.records.models import LegalBasis, NegativeListEntry, Record, SecrecyEscalation
from gongkai.records.states import RecordStatus

from .factories import SAMPLE_ID, create_record


def _in_secrecy_review(w):
    return services.record_submit(record=create_record(w), actor=w.users["yc_drafter"])


def test_an_edit_that_empties_a_required_field_is_refused(w):
    record = create_record(w)
    with pytest.raises(ValidationFailed):
        services.record_update(record=record, actor=w.users["yc_drafter"], data={"title": ""})
    assert Record.objects.get(pk=record.pk).title == record.title


def test_a_finding_already_masked_cannot_be_masked_again(w):
    record = create_record(w, body=f"身份证号{SAMPLE_ID}")
    finding = record.findings.get()
    services.finding_mask(finding=finding, actor=w.users["yc_drafter"])
    with pytest.raises(InvalidTransition):
        services.finding_mask(finding=finding, actor=w.users["yc_drafter"])
    with pytest.raises(InvalidTransition):
        services.finding_justify(finding=finding, actor=w.users["yc_drafter"], reason="公开热线")


def test_masking_a_kind_needs_a_known_kind_with_open_findings(w):
    record = create_record(w, body=f"身份证号{SAMPLE_ID}")
    with pytest.raises(ValidationFailed):
        services.findings_mask_kind(record=record, actor=w.users["yc_drafter"], kind="passport")
    with pytest.raises(ValidationFailed):
        services.findings_mask_kind(record=record, actor=w.users["yc_drafter"], kind="mobile")
    assert record.findings.get().status == "open"


def test_a_secrecy_review_needs_a_known_outcome(w):
    record = _in_secrecy_review(w)
    with pytest.raises(ValidationFailed):
        services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="maybe")
    assert Record.objects.get(pk=record.pk).status == RecordStatus.SECRECY_REVIEW


def test_classifying_needs_the_article_14_basis(w):
    record = _in_secrecy_review(w)
    LegalBasis.objects.filter(code="art14").update(code="art14-renamed")
    with pytest.raises(ValidationFailed):
        services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="classified")
    assert Record.objects.get(pk=record.pk).status == RecordStatus.SECRECY_REVIEW


@pytest.mark.parametrize("question, reason", [("unknown", "无法判断"), ("secret", "  ")])
def test_an_escalation_needs_a_question_and_a_reason(w, question, reason):
    record = _in_secrecy_review(w)
    with pytest.raises(ValidationFailed):
        services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question=question, reason=reason)
    assert not SecrecyEscalation.objects.exists()


def test_a_second_level_escalation_keeps_the_question(w):
    record = _in_secrecy_review(w)
    services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="secret", reason="无法判断")
    with pytest.raises(ValidationFailed):
        services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="suitability",
                                         reason="仍无法判断")
    assert SecrecyEscalation.objects.count() == 1


def test_a_determination_needs_a_known_outcome(w):
    record = _in_secrecy_review(w)
    services.record_secrecy_escalate(record=record, actor=w.users["yc_secrecy"], question="secret", reason="无法判断")
    with pytest.raises(ValidationFailed):
        services.record_secrecy_determine(record=record, actor=w.users["yc_secrecy"], outcome="", determined_by="保密办")
    assert Record.objects.get(pk=record.pk).status == RecordStatus.SECRECY_ESCALATED


def test_a_reading_room_delivery_needs_a_place_and_copies(w):
    from .factories import publish

    record = publish(w, create_record(w))
    for location, copies in (("", 1), ("县档案馆", 0)):
        with pytest.raises(ValidationFailed):
            services.reading_room_deliver(record=record, actor=w.users["yc_office"], location=location,
                                          delivered_on=dt.date(2026, 3, 12), copies=copies)


def test_self_check_decisions_need_a_kind_and_a_reason_and_are_final(w):
    record = create_record(w, attribute="on_request", attribute_reason="涉及第三方。")
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True)
    check = services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_office"])
    entry = check.entries.get()
    with pytest.raises(PermissionDenied):
        services.self_check_decide(entry=entry, actor=w.users["yc_drafter"], decision="keep", reason="理由")
    with pytest.raises(ValidationFailed):
        services.self_check_decide(entry=entry, actor=w.users["yc_office"], decision="drop", reason="理由")
    with pytest.raises(ValidationFailed):
        services.self_check_decide(entry=entry, actor=w.users["yc_office"], decision="keep", reason=" ")
    with pytest.raises(PermissionDenied):
        services.self_check_complete(check=check, actor=w.users["yc_drafter"])
    services.self_check_decide(entry=entry, actor=w.users["yc_office"], decision="keep", reason="仍涉及第三方")
    services.self_check_complete(check=check, actor=w.users["yc_office"])
    with pytest.raises(InvalidTransition):
        services.self_check_complete(check=check, actor=w.users["yc_office"])


def test_negative_list_entries_need_a_title_a_basis_and_the_right_organisation(w):
    basis = LegalBasis.objects.first()
    with pytest.raises(PermissionDenied):
        services.negative_list_save(organisation=w.org, actor=w.users["yc_drafter"], title="事项", legal_basis=basis)
    with pytest.raises(ValidationFailed):
        services.negative_list_save(organisation=w.org, actor=w.users["yc_office"], title=" ", legal_basis=basis)
    with pytest.raises(ValidationFailed):
        services.negative_list_save(organisation=w.org, actor=w.users["yc_office"], title="事项", legal_basis=None)
    entry = services.negative_list_save(organisation=w.org, actor=w.users["yc_office"], title="事项", legal_basis=basis)
    other = w.orgs["sx-jc-zz"]
    with pytest.raises(ValidationFailed):
        services.negative_list_save(organisation=other, actor=w.users["zz_office"], title="改", legal_basis=basis,
                                    entry=entry)
    assert NegativeListEntry.objects.get(pk=entry.pk).title == "事项"


def test_a_record_is_created_only_under_an_item_of_the_organisations_published_catalog(w):
    """Guard sampling (issue 19): the item check of record_create had no test of its own."""
    from gongkai.catalog.models import CatalogItem
    from gongkai.catalog.selectors import active_items

    from .factories import record_data

    foreign = CatalogItem.objects.exclude(pk__in=active_items(w.org).values("pk")).first()
    assert foreign is not None
    with pytest.raises(ValidationFailed):
        services.record_create(organisation=w.org, catalog_item=foreign, actor=w.users["yc_drafter"],
                               data=record_data())
    assert not Record.objects.exists()
