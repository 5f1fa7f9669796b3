"""The user-less selectors the oversight app reads (figures for supervision)."""
import datetime as dt

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
    due = record.publication_due
    day = dt.timedelta(days=1)
    # A draft due on `due` is overdue in a window containing its due date, for its organisation only.
    assert selectors.supervision_overdue_counts([w.org.pk], due, due + day) == {w.org.pk: 1}
    assert selectors.supervision_overdue_counts(None, due + day, due + 2 * day) == {}
    other = next(o for o in w.orgs.values() if o.pk != w.org.pk)
    assert selectors.supervision_overdue_counts([other.pk], due, due + day) == {}
    [row] = selectors.supervision_overdue_list(w.org.pk, due, due + day)
    assert row["title"] == record.title and row["due"] == due and str(record.pk) in row["url"]
    start, end = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)
    assert selectors.supervision_interpretation_counts(None, start, end) == {}
    assert selectors.supervision_published_counts(None, start, end) == {}
