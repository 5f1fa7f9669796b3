"""Chart axes: round steps, whole numbers for counts."""
import re

import pytest

from gongkai.oversight import charts


@pytest.mark.parametrize("value,integer,expected", [
    (6, True, (6, 2)), (7, True, (8, 2)), (1, True, (1, 1)), (13, True, (15, 5)), (2999, True, (3000, 1000)),
    (100, False, (100, 25)), (37.5, False, (40, 10)), (0, True, (4, 1)),
])
def test_nice_scale(value, integer, expected):
    top, step = charts.nice_scale(value, integer=integer)
    assert (top, step) == pytest.approx(expected)
    assert top >= value


def test_a_count_chart_has_whole_number_ticks():
    svg = str(charts.bars("得分分布", [("0-10", 0, ""), ("60-70", 6, "/x"), ("70-80", 1, "")]))
    ticks = re.findall(r'text-anchor="end" font-size="11">([^<]+)<', svg)
    assert ticks == ["0", "2", "4", "6"]
    assert 'href="/x"' in svg
