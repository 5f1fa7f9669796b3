"""Interpretations (同步起草、同步审签、同步部署), the yearly non-text quota, the self-check and the negative list."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core import clock
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.records import selectors, services
from gongkai.records.models import LegalBasis, NegativeListEntry
from gongkai.records.states import Attribute, RecordStatus

from .factories import create_record, publish

INTERPRETATION = {"title": "《通知》图解", "form": "graphic", "interpreting_body": "阳城县应急管理局",
                  "main_content": "一图读懂隐患排查治理"}


def test_record_needing_interpretation_cannot_be_submitted_without_it(w):
    record = create_record(w, needs_interpretation=True)
    with pytest.raises(ValidationFailed) as exc:
        services.record_submit(record=record, actor=w.users["yc_drafter"])
    assert "解读" in exc.value.problems[0]
    services.interpretation_save(record=record, actor=w.users["yc_drafter"], data=INTERPRETATION)
    assert services.record_submit(record=record, actor=w.users["yc_drafter"]).status == RecordStatus.SECRECY_REVIEW


def test_interpretation_is_signed_off_with_the_record_and_published_at_the_same_moment(w, pinned):
    record = create_record(w, needs_interpretation=True)
    interpretation = services.interpretation_save(record=record, actor=w.users["yc_drafter"], data=INTERPRETATION)
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    with pytest.raises(InvalidTransition):  # frozen while under review
        services.interpretation_save(record=record, actor=w.users["yc_drafter"], data=INTERPRETATION)
    record = services.record_secrecy_review(record=record, actor=w.users["yc_secrecy"], outcome="cleared")
    record = services.record_publish(record=record, actor=w.users["yc_office"])
    interpretation.refresh_from_db()
    assert interpretation.published_at == record.published_at == clock.now()
    # one audit row for the one transition: the record's, naming its interpretation (issue 19 item 2)
    assert AuditEvent.objects.filter(action="record.published", target_id=str(record.pk),
                                     after__interpretation=interpretation.pk).exists()
    assert not AuditEvent.objects.filter(action="interpretation.published").exists()


def test_interpretation_needs_title_form_and_body(w):
    record = create_record(w)
    with pytest.raises(ValidationFailed) as exc:
        services.interpretation_save(record=record, actor=w.users["yc_drafter"], data={})
    assert len(exc.value.problems) == 3
    with pytest.raises(ValidationFailed):
        services.interpretation_save(record=record, actor=w.users["yc_drafter"],
                                     data=INTERPRETATION | {"media_link": "javascript:alert(1)"})


@pytest.mark.parametrize("link", [
    "/\\evil.example/x", "//evil.example/x", "/\\/evil.example", "https:///x", "http:\\\\evil.example",
    "/ok\nSet-Cookie: a=b", "javascript:alert(1)", "ftp://example.org/a.mp4",
])
def test_media_links_pointing_off_site_are_refused(w, link):
    """Issue 11 item 13: browsers read "/\\host" and "//host" as another host; only same-site paths and http(s)."""
    record = create_record(w)
    with pytest.raises(ValidationFailed) as exc:
        services.interpretation_save(record=record, actor=w.users["yc_drafter"], data=INTERPRETATION | {"media_link": link})
    assert "链接" in exc.value.problems[0]


@pytest.mark.parametrize("link", ["/media/press/2026-03-10.mp4", "https://www.example.gov.cn/live/2026"])
def test_same_site_paths_and_http_links_are_accepted(w, link):
    record = create_record(w)
    saved = services.interpretation_save(record=record, actor=w.users["yc_drafter"],
                                         data=INTERPRETATION | {"media_link": link})
    assert saved.media_link == link


def test_non_text_share_against_the_quota_as_data(w, pinned):
    for form in ("graphic", "video", "text"):
        record = create_record(w, needs_interpretation=True)
        services.interpretation_save(record=record, actor=w.users["yc_drafter"], data=INTERPRETATION | {"form": form})
        publish(w, record)
    figure = selectors.interpretation_figure(w.org, 2026)
    assert (figure.total, figure.non_text) == (3, 2)
    assert figure.minimum_share == Decimal("0.900")  # ≥90% from 2021 (seed 001)
    assert figure.share == Decimal("0.667") and figure.met is False
    assert selectors.quota_for(2020).minimum_share == Decimal("0.700")
    assert selectors.quota_for(2019) is None


def _decided(w, attribute, **extra):
    record = create_record(w, attribute=attribute, attribute_reason="理由", **extra)
    record = services.record_submit(record=record, actor=w.users["yc_drafter"])
    record = services.record_attribute_review(record=record, actor=w.users["yc_office"], approve=True)
    if record.status == RecordStatus.LEADER_APPROVAL:
        record = services.record_leader_decide(record=record, actor=w.users["yc_leader"], approve=True)
    assert record.status == RecordStatus.DECIDED
    return record


def test_self_check_lists_on_request_and_not_disclosed_records_and_converts(w):
    kept = _decided(w, Attribute.ON_REQUEST)
    converted = _decided(w, Attribute.NOT_DISCLOSED, legal_basis=LegalBasis.objects.get(code="art16-process"))
    publish(w, create_record(w))
    with pytest.raises(PermissionDenied):
        services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_drafter"])
    check = services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_office"])
    assert {e.record_id for e in check.entries.all()} == {kept.pk, converted.pk}
    with pytest.raises(InvalidTransition):
        services.self_check_start(organisation=w.org, year=2026, actor=w.users["yc_office"])
    with pytest.raises(ValidationFailed):
        services.self_check_complete(check=check, actor=w.users["yc_office"])
    keep_entry = check.entries.get(record=kept)
    services.self_check_decide(entry=keep_entry, actor=w.users["yc_office"], decision="keep", reason="仍涉及第三方权益")
    entry = check.entries.get(record=converted)
    services.self_check_decide(entry=entry, actor=w.users["yc_office"], decision="convert", reason="讨论已结束，可公开")
    converted.refresh_from_db()
    assert converted.attribute == Attribute.PROACTIVE and converted.status == RecordStatus.SECRECY_REVIEW
    assert AuditEvent.objects.filter(action="record.converted", target_id=str(converted.pk)).exists()
    with pytest.raises(InvalidTransition):
        services.self_check_decide(entry=entry, actor=w.users["yc_office"], decision="keep", reason="x")
    services.self_check_complete(check=check, actor=w.users["yc_office"])
    # The conversion goes through publication like any other record.
    converted = services.record_secrecy_review(record=converted, actor=w.users["yc_secrecy"], outcome="cleared")
    assert services.record_publish(record=converted, actor=w.users["yc_office"]).status == RecordStatus.PUBLISHED


def test_negative_list_is_maintained_by_the_office(w):
    basis = LegalBasis.objects.get(code="art15")
    with pytest.raises(PermissionDenied):
        services.negative_list_save(organisation=w.org, actor=w.users["yc_drafter"], title="x", legal_basis=basis)
    entry = services.negative_list_save(organisation=w.org, actor=w.users["yc_office"],
                                        title="受助群众的身份证号码和银行账号", legal_basis=basis)
    assert NegativeListEntry.objects.get(pk=entry.pk).legal_basis.code == "art15"
    assert AuditEvent.objects.filter(action="negative_list.created").exists()


def test_legal_bases_are_seeded_from_the_regulation(db):
    codes = set(LegalBasis.objects.values_list("code", flat=True))
    assert {"art14", "art15", "art16-internal", "art16-process"} <= codes


@pytest.mark.parametrize("day", [dt.date(2026, 11, 2)])
def test_self_check_entries_keep_the_attribute_at_check_time(w, day):
    record = _decided(w, Attribute.ON_REQUEST)
    check = services.self_check_start(organisation=w.org, year=day.year, actor=w.users["yc_office"])
    assert check.entries.get(record=record).attribute_at_check == Attribute.ON_REQUEST
