"""The user-less selectors the oversight app reads (figures for supervision)."""
import pytest

from gongkai.records import selectors


@pytest.mark.parametrize("pk", [None, "", "abc", "1.5", -1, 0, 2**63, "99999999999999999999999"])
def test_record_of_refuses_what_cannot_name_a_record(db, pk):
    assert selectors.record_of(1, pk) is None


def test_record_of_finds_only_the_organisations_own_record(w, pinned):
    from .factories import create_record

    record = create_record(w)
    assert selectors.record_of(w.org.pk, record.pk) == record
    assert selectors.record_of(w.org.pk, str(record.pk)) == record
    other = next(o for o in w.orgs.values() if o.pk != w.org.pk)
    assert selectors.record_of(other.pk, record.pk) is None


def test_supervision_figures_read_proactive_records_with_a_due_date(w, pinned):
    from .factories import create_record

    record = create_record(w)
    assert record.publication_due is not None
    assert record in selectors.proactive_with_due()
    assert not selectors.published_interpretations().exists()
