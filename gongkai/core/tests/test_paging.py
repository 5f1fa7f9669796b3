"""CappedPaginator: counts at most `cap` rows, says when more exist, pages within the cap."""
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core.paging import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    Group.objects.bulk_create(Group(name=f"g{n:03d}") for n in range(25))
    return Group.objects.order_by("name")


def test_below_the_cap_it_counts_exactly(groups):
    paginator = CappedPaginator(groups, 10, cap=30)
    assert (paginator.count, paginator.num_pages, paginator.capped) == (25, 3, False)
    assert [g.name for g in paginator.get_page(3)] == [f"g{n:03d}" for n in range(20, 25)]


def test_at_the_cap_it_stops_counting_and_says_so(groups):
    paginator = CappedPaginator(groups, 10, cap=20)
    assert (paginator.count, paginator.num_pages, paginator.capped) == (20, 2, True)
    last = paginator.get_page(99)  # past the cap: the last page within it
    assert last.number == 2 and not last.has_next()
    exact = CappedPaginator(groups, 10, cap=25)
    assert (exact.count, exact.capped) == (25, False)


def test_the_count_reads_at_most_cap_plus_one_rows(groups):
    with CaptureQueriesContext(connection) as ctx:
        assert CappedPaginator(groups, 10, cap=20).count == 20
    (query,) = [q["sql"] for q in ctx.captured_queries]
    assert "LIMIT 21" in query.upper()


def test_a_list_is_counted_by_length():
    paginator = CappedPaginator(list(range(7)), 5, cap=6)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (6, True, 2)
