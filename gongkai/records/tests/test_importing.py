"""record_import_published: a record already published on the previous site (used by gongkai.siteimport)."""
import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.states import RecordStatus

from .factories import SAMPLE_ID, record_data

WHEN = timezone.make_aware(dt.datetime(2024, 3, 5, 9, 0))


def _import(w, **overrides):
    data = record_data(formation_date=dt.date(2024, 3, 1))
    data.update(overrides.pop("data", {}))
    return services.record_import_published(organisation=w.org, catalog_item=w.item, actor=w.users["yc_office"],
                                            data=data, published_at=WHEN, **overrides)


@pytest.mark.django_db
def test_published_with_the_original_index_number_and_time(w):
    record = _import(w, index_number="OLD/2024-00012", validity="valid")
    assert (record.status, record.index_number, record.published_at, record.validity) == (
        RecordStatus.PUBLISHED, "OLD/2024-00012", WHEN, "valid")
    assert list(AuditEvent.objects.filter(target_id=str(record.pk), target_type="records.record").values_list("action", flat=True).order_by("id")) \
        == ["record.created", "record.imported"]


@pytest.mark.django_db
def test_without_an_index_number_one_is_issued(w):
    assert _import(w).index_number.endswith("/2024-00001")


@pytest.mark.django_db
def test_a_privacy_finding_holds_it_unpublished(w):
    record = _import(w, data={"body": f"身份证号{SAMPLE_ID}"})
    assert record.status == RecordStatus.APPROVED and record.published_at is None
    # the office masks the finding and publishes as usual
    services.findings_mask_kind(record=record, actor=w.users["yc_office"], kind="id_number")
    assert services.record_publish(record=record, actor=w.users["yc_office"]).status == RecordStatus.PUBLISHED


@pytest.mark.django_db
@pytest.mark.parametrize("overrides", [{"data": {"title": ""}}, {"validity": "forever"}])
def test_incomplete_data_is_refused_and_nothing_written(w, overrides):
    with pytest.raises(ValidationFailed):
        _import(w, **overrides)
    assert not Record.objects.exists()
