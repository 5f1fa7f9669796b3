"""Tracking numbers stay unique when many citizens submit at the same moment (PostgreSQL)."""
import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from gongkai.core import clock
from gongkai.foi import services
from gongkai.foi.models import DisclosureRequest

from .factories import application, synthetic_id

THREADS = 8
PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_get_unique_consecutive_numbers(tree):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: concurrent writers (run with DATABASE_URL=postgres://…)")
    orgs, _ = tree
    org = orgs["sx-jc-zz"]
    clock.pin(dt.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    barrier = threading.Barrier(THREADS)
    numbers, errors = [], []

    def worker(n):
        try:
            barrier.wait()
            for i in range(PER_THREAD):
                req, _secret = services.foi_request_submit(
                    organisation=org, application=application(id_number=synthetic_id(n * PER_THREAD + i),
                                                              description=f"线程{n}第{i}项"))
                numbers.append(req.tracking_number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()  # each thread used its own connection

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    total = THREADS * PER_THREAD
    assert len(numbers) == len(set(numbers)) == total
    assert sorted(numbers) == [f"SX-JC-ZZ-2026-{n:05d}" for n in range(1, total + 1)]
    assert DisclosureRequest.objects.count() == total
