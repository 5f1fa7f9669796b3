"""The one side-effect path: one batch per committed transaction, nothing for a rollback."""
import pytest
from django.db import transaction

from gongkai.core import audit, effects
from gongkai.core.models import Sequence


@pytest.fixture
def batches():
    seen = []
    effects.subscribe(seen.append)
    yield seen
    effects.unsubscribe(seen.append)


@pytest.fixture
def target(db):
    return Sequence.objects.create(key="effects-test")


def test_one_batch_per_transaction_with_every_event_and_label(target, batches, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            first = audit.record("thing.one", actor=None, target=target)
            second = audit.record("thing.two", actor=None, target=target)
            effects.touch("catalog.Catalog", target)
        assert batches == []  # nothing before the commit
    [batch] = batches
    assert [e.pk for e in batch.events] == [first.pk, second.pk]
    assert batch.labels == {"core.sequence", "catalog.catalog"}
    assert batch.changed(["Catalog.CATALOG"]) and not batch.changed(["records.Record"])


def test_outside_a_transaction_the_batch_is_handed_out_at_once(transactional_db, batches):
    effects.touch("records.Record")
    assert [b.labels for b in batches] == [{"records.record"}]


def test_a_rolled_back_transaction_hands_out_nothing(transactional_db, batches):
    target = Sequence.objects.create(key="effects-rollback")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            audit.record("thing.one", actor=None, target=target)
            raise RuntimeError
    assert batches == []
    with transaction.atomic():  # the next transaction starts afresh
        audit.record("thing.two", actor=None, target=target)
    assert [[e.action for e in b.events] for b in batches] == [["thing.two"]]


def test_a_failing_subscriber_does_not_stop_the_others(target, batches, django_capture_on_commit_callbacks, caplog):
    def broken(batch):
        raise OSError("cache server down")

    effects.unsubscribe(batches.append)
    effects.subscribe(broken)
    effects.subscribe(batches.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            effects.touch(target)
    finally:
        effects.unsubscribe(broken)
    assert len(batches) == 1
    assert "cache server down" in caplog.text


def test_subscribing_twice_calls_once(target, batches, django_capture_on_commit_callbacks):
    effects.subscribe(batches.append)
    with django_capture_on_commit_callbacks(execute=True):
        effects.touch(target)
        effects.touch(target)
    assert len(batches) == 1
