import threading

import pytest
from django.db import connection, transaction

from gongkai.core import sequence
from gongkai.core.models import Sequence


@pytest.mark.django_db
def test_next_value_counts_from_one_per_key():
    with transaction.atomic():
        assert sequence.next_value("a") == 1
        assert sequence.next_value("a") == 2
        assert sequence.next_value("b") == 1
    assert sequence.peek("a") == 2
    assert sequence.peek("missing") == 0


@pytest.mark.django_db(transaction=True)
def test_next_value_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError):
        sequence.next_value("a")
    assert not Sequence.objects.exists()


@pytest.mark.django_db
def test_taken_numbers_are_skipped_and_the_counter_moves_past_them():
    used = {1, 2, 4}
    with transaction.atomic():
        assert sequence.next_value("k", taken=used.__contains__) == 3
        assert sequence.next_value("k", taken=used.__contains__) == 5
    assert sequence.peek("k") == 5


@pytest.mark.django_db
def test_skipping_is_bounded():
    with transaction.atomic():
        with pytest.raises(RuntimeError):
            sequence.next_value("k", taken=lambda n: True)


@pytest.mark.django_db
def test_set_at_least_never_moves_back():
    sequence.set_at_least("k", 10)
    assert sequence.peek("k") == 10
    sequence.set_at_least("k", 3)
    assert sequence.peek("k") == 10
    with transaction.atomic():
        assert sequence.next_value("k") == 11


@pytest.mark.django_db
def test_a_rolled_back_allocation_is_reissued():
    with pytest.raises(ZeroDivisionError):
        with transaction.atomic():
            sequence.next_value("k")
            1 / 0
    with transaction.atomic():
        assert sequence.next_value("k") == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent writers")
def test_concurrent_allocations_never_share_a_number():
    results, errors = [], []

    def worker():
        try:
            for _ in range(10):
                with transaction.atomic():
                    results.append(sequence.next_value("c"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == list(range(1, 41))
