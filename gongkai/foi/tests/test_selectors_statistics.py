"""Section 三 of the annual report computed from the cases, and carry-over across years."""
import datetime as dt

import pytest

from gongkai.foi.models import DisclosureRequest
from gongkai.foi.selectors import request_statistics

D = dt.date


def make(org, n, *, applicant_type="natural", received, closed=None, outcome="", reason=""):
    rows = []
    for _i in range(n):
        rows.append(DisclosureRequest(
            organisation=org, tracking_number=f"T-{DisclosureRequest.objects.count() + len(rows) + 1:06d}",
            secret_digest="x", channel="online", applicant_type=applicant_type, applicant_name="测试",
            id_document_type="other", id_number="", phone="", applicant_key="k", description="测试",
            info_form="paper", delivery="collect", submitted_at=dt.datetime(received.year, received.month, received.day,
                                                                            tzinfo=dt.timezone.utc),
            arrived_on=received, received_on=received, receipt_basis="测试",
            status="closed" if outcome else "in_progress", outcome=outcome, reason=reason, closed_on=closed,
        ))
    DisclosureRequest.objects.bulk_create(rows)


def test_the_2020_table_of_seed_004_is_reproduced_from_cases(zz):
    """The ministry's 2020 report (seed 004 三): the same cases give the same table."""
    y = 2020
    r, c = D(y, 3, 2), D(y, 4, 1)
    make(zz, 1, applicant_type="commercial", received=D(2019, 12, 20), closed=D(y, 1, 10), outcome="unavailable", reason="not_held")
    make(zz, 46, received=r, closed=c, outcome="disclosed")
    make(zz, 11, received=r, closed=c, outcome="partial")
    make(zz, 2, applicant_type="commercial", received=r, closed=c, outcome="partial")
    make(zz, 3, received=r, closed=c, outcome="withheld", reason="security")
    make(zz, 18, received=r, closed=c, outcome="unavailable", reason="not_held")
    make(zz, 3, applicant_type="commercial", received=r, closed=c, outcome="unavailable", reason="not_held")
    make(zz, 1, applicant_type="public_welfare", received=r, closed=c, outcome="unavailable", reason="not_held")
    make(zz, 2, received=r, closed=c, outcome="unavailable", reason="still_unclear")
    make(zz, 2, received=r, closed=c, outcome="not_processed", reason="petition")
    make(zz, 9, received=r, closed=c, outcome="not_processed", reason="repeat")
    make(zz, 4, received=D(y, 12, 25), closed=D(y + 1, 1, 8), outcome="disclosed")
    table = request_statistics(zz, y)
    v = lambda key, col="total": table.value(key, col)  # noqa: E731
    assert (v("new", "natural"), v("new", "commercial"), v("new", "public_welfare"), v("new")) == (95, 5, 1, 101)
    assert (v("carried_in", "commercial"), v("carried_in")) == (1, 1)
    assert v("outcome.disclosed") == 46
    assert (v("outcome.partial", "natural"), v("outcome.partial", "commercial"), v("outcome.partial")) == (11, 2, 13)
    assert v("withheld.security") == 3
    assert (v("unavailable.not_held", "natural"), v("unavailable.not_held", "commercial"),
            v("unavailable.not_held", "public_welfare"), v("unavailable.not_held")) == (18, 4, 1, 23)
    assert v("unavailable.still_unclear") == 2
    assert (v("not_processed.petition"), v("not_processed.repeat")) == (2, 9)
    assert (v("total", "natural"), v("total", "commercial"), v("total", "public_welfare"), v("total")) == (91, 6, 1, 98)
    assert (v("carried_out", "natural"), v("carried_out")) == (4, 4)
    assert table.consistency_problems() == []
    # 2021: the four carried over are counted again, as 上年结转.
    next_year = request_statistics(zz, y + 1)
    assert next_year.value("carried_in") == 4 and next_year.value("total") == 4
    assert next_year.consistency_problems() == []


def test_rows_and_columns_follow_the_official_table(zz):
    table = request_statistics(zz, 2026)
    labels = [r.label for r in table.rows]
    assert labels[0].startswith("一、本年新收") and labels[1].startswith("二、上年结转")
    assert labels[-2] == "（七）总计" and labels[-1] == "四、结转下年度继续办理"
    assert sum(1 for r in table.rows if r.key.startswith("withheld.")) == 8
    assert sum(1 for r in table.rows if r.key.startswith("unavailable.")) == 3
    assert sum(1 for r in table.rows if r.key.startswith("not_processed.")) == 5
    assert [r.key for r in table.rows if r.key.startswith("other.")] == ["other.uncorrected", "other.unpaid", "other.other"]
    assert set(table.row("new").values) == {"natural", "commercial", "research", "public_welfare", "legal_service", "other", "total"}


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_a_request_open_over_two_new_years_counts_in_each_year(zz, year):
    make(zz, 1, received=D(2025, 12, 30), closed=D(2027, 1, 5), outcome="disclosed")
    table = request_statistics(zz, year)
    assert table.consistency_problems() == []
    expected = {2025: (1, 0, 0, 1), 2026: (0, 1, 0, 1), 2027: (0, 1, 1, 0)}[year]
    assert (table.value("new"), table.value("carried_in"), table.value("total"), table.value("carried_out")) == expected


def test_other_subrows_sum_to_other(zz):
    make(zz, 2, received=D(2026, 3, 2), closed=D(2026, 4, 1), outcome="other", reason="uncorrected")
    make(zz, 1, received=D(2026, 3, 2), closed=D(2026, 4, 1), outcome="other", reason="unpaid")
    table = request_statistics(zz, 2026)
    assert table.value("outcome.other") == 3
    assert table.value("other.uncorrected") + table.value("other.unpaid") + table.value("other.other") == 3


def test_other_organisations_are_not_counted(tree):
    orgs, _ = tree
    make(orgs["sx-jc-yc"], 3, received=D(2026, 3, 2))
    assert request_statistics(orgs["sx-jc-zz"], 2026).value("new") == 0
