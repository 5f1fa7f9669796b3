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


def test_the_trend_legend_names_every_line_and_stays_inside_the_chart():
    series = [("平均", {1: 50, 2: 60}, "")] + [(f"县{k}应急管理局", {1: 40 + k, 2: 70}, f"/o/{k}") for k in range(4)]
    svg = str(charts.lines("季度得分趋势", [1, 2], series))
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    legend = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="10" height="10" fill="[^"]+"/><text[^>]*>([^<]+)<', svg)
    assert [name for _x, _y, name in legend] == ["平均"] + [f"县{k}应急管理局" for k in range(4)]
    assert all(float(x) + 10 <= width and float(y) + 10 <= height for x, y, _n in legend)


def test_points_at_the_same_place_do_not_cover_each_other():
    series = [(f"机构{k}", {1: 70, 2: 70 + k * 10}, f"/o/{k}") for k in range(3)]
    svg = str(charts.lines("趋势", [1, 2], series))
    dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="4"', svg)
    assert len(dots) == 6 and len(set(dots)) == 6  # three points at (Q1, 70) are set side by side
    q1 = sorted(float(x) for x, y in dots if y == dots[0][1] and float(x) < 320)
    assert len(q1) == 3 and min(b - a for a, b in zip(q1, q1[1:])) >= 8
    assert 'pointer-events="none"' in svg  # a line drawn later never catches a click meant for a point
