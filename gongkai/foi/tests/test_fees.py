"""Information-processing fees: the tiers of 国办函〔2020〕109号 as data, 超额累进."""
from decimal import Decimal

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.foi.fees import SCHEMES, compute_fee


@pytest.mark.parametrize("nth, price", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)])
def test_per_request_price_of_the_nth_application_in_a_month(nth, price):
    assert compute_fee("per_request", units=1, prior_units=nth - 1).total == Decimal(price)


def test_per_request_progressive_over_bands():
    result = compute_fee("per_request", units=45)
    assert result.total == Decimal(20 * 100 + 10 * 200 + 5 * 300)
    assert [(l.first, l.last, l.price) for l in result.lines] == [
        (1, 10, 0), (11, 30, 100), (31, 40, 200), (41, 45, 300)]


@pytest.mark.parametrize("pages, total", [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)])
def test_per_page_progressive(pages, total):
    assert compute_fee("per_page", units=pages).total == Decimal(total)


def test_most_requests_are_free_and_the_calculation_says_so():
    result = compute_fee("per_request", units=1, prior_units=3)
    assert result.total == 0
    assert any("免费" in line for line in result.text_lines())
    assert "国办函〔2020〕109号" in result.text_lines()[0]


def test_one_scheme_only_and_sane_inputs():
    with pytest.raises(ValidationFailed):
        compute_fee("both", units=1)
    with pytest.raises(ValidationFailed):
        compute_fee("per_page", units=10, prior_units=5)
    with pytest.raises(ValidationFailed):
        compute_fee("per_request", units=0)


def test_tiers_are_data():
    assert [(t.first, t.last, t.price) for t in SCHEMES["per_page"].tiers] == [
        (1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40)]
