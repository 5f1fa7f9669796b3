"""Server-side SVG charts (no script, no CDN): score distribution, trend by quarter, indicator
breakdown. Every bar and point links to the figures behind it."""
from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

W, H = 640, 260
PAD_L, PAD_R, PAD_T, PAD_B = 48, 16, 16, 48
COLOURS = ["#1f5fa8", "#b0413e", "#3a7d44", "#8a5a00", "#6b4c9a"]


def _frame(title: str, body: list[str], width=W, height=H) -> str:
    # A chart whose bars and points are links is a group of links, not a picture (an "img" may not
    # hold interactive content).
    role = "group" if any("<a " in part for part in body) else "img"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="{role}" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
        + "".join(body) + "</svg>")


def _link(url: str, name: str, shape: str) -> str:
    """A bar or point that leads to the figures behind it, named for screen readers."""
    return f'<a href="{escape(url)}" aria-label="{escape(name)}">{shape}</a>' if url else shape


def nice_scale(max_value: float, *, integer: bool = False, ticks: int = 4) -> tuple[float, float]:
    """(top, step) of an axis from 0 that holds `max_value` in about `ticks` round steps
    (1, 2, 2.5 or 5 times a power of ten; whole steps for counts: 6 organisations → 0, 2, 4, 6)."""
    if max_value <= 0:
        return (float(ticks) if integer else 1.0), (1.0 if integer else 1.0 / ticks)
    raw = max_value / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(f * magnitude for f in factors if f * magnitude >= raw)
    if integer:
        step = max(1.0, float(round(step)))
    return step * math.ceil(max_value / step - 1e-9), step


def _axis(max_value: float, width=W, height=H, step: float | None = None) -> list[str]:
    out = [f'<line x1="{PAD_L}" y1="{height - PAD_B}" x2="{width - PAD_R}" y2="{height - PAD_B}" stroke="#555"/>']
    step = step or max_value / 4
    count = int(round(max_value / step))
    for i in range(count + 1):
        v = step * i
        y = height - PAD_B - (height - PAD_T - PAD_B) * v / max_value
        out.append(f'<line x1="{PAD_L}" y1="{y:.1f}" x2="{width - PAD_R}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{v:g}</text>')
    return out


def bars(title: str, items: list[tuple[str, float, str]], *, max_value: float | None = None) -> str:
    """Vertical bars: (label, value, link). Whole-number values (counts) get whole-number ticks."""
    values = [v for _l, v, _u in items]
    integer = all(float(v).is_integer() for v in values)
    top, step = nice_scale(max_value or max(values + [1]), integer=integer)
    n = max(len(items), 1)
    slot = (W - PAD_L - PAD_R) / n
    body = _axis(top, step=step)
    for i, (label, value, url) in enumerate(items):
        h = (H - PAD_T - PAD_B) * (value / top if top else 0)
        x = PAD_L + i * slot + slot * 0.15
        y = H - PAD_B - h
        bar = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{COLOURS[0]}">'
               f'<title>{escape(label)}：{value:g}</title></rect>'
               f'<text x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="11">{value:g}</text>')
        body.append(_link(url, f"{label}：{value:g}", bar))
        body.append(f'<text x="{x + slot * 0.35:.1f}" y="{H - PAD_B + 16}" text-anchor="middle" font-size="11">'
                    f'{escape(label)}</text>')
    return _frame(title, body)


def hbars(title: str, items: list[tuple[str, float, float, str]]) -> str:
    """Horizontal bars of score against weight: (label, score, weight, link)."""
    row = 24
    height = PAD_T + row * max(len(items), 1) + 24
    left = 190
    width = W
    span = width - left - 70
    body = []
    for i, (label, score, weight, url) in enumerate(items):
        y = PAD_T + i * row
        full = span
        got = span * (score / weight) if weight else 0
        body.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>')
        body.append(f'<rect x="{left}" y="{y + 4}" width="{full:.1f}" height="14" fill="#e6e6e6"/>')
        bar = (f'<rect x="{left}" y="{y + 4}" width="{got:.1f}" height="14" fill="{COLOURS[0] if score >= weight * 0.6 else COLOURS[1]}">'
               f'<title>{escape(label)}：{score:g} / {weight:g}</title></rect>')
        body.append(_link(url, f"{label}：{score:g} / {weight:g}", bar))
        body.append(f'<text x="{left + full + 6}" y="{y + 15}" font-size="12">{score:g}/{weight:g}</text>')
    return _frame(title, body, width, height)


LEGEND_ITEM = 150  # px per legend entry; entries wrap onto further rows below the axis
LEGEND_ROW = 16
DOT_GAP = 9  # px between points of different lines that would otherwise sit on each other


def lines(title: str, quarters: list[int], series: list[tuple[str, dict[int, float], str]]) -> str:
    """Lines by quarter, 0–100: (name, {quarter: value}, link). The legend names every line (wrapping
    onto as many rows as it needs); points of different lines at the same place are set side by side so
    each can be clicked, and lines never catch the pointer."""
    per_row = max(1, (W - PAD_L - PAD_R) // LEGEND_ITEM)
    legend_rows = max(1, math.ceil(len(series) / per_row))
    height = H + (legend_rows - 1) * LEGEND_ROW
    plot_bottom = H - PAD_B  # the plot keeps its size; the legend grows downwards
    body = _axis(100)
    n = max(len(quarters), 1)
    slot = (W - PAD_L - PAD_R) / n
    for i, q in enumerate(quarters):
        body.append(f'<text x="{PAD_L + slot * (i + 0.5):.1f}" y="{plot_bottom + 16}" text-anchor="middle" '
                    f'font-size="11">Q{q}</text>')
    placed: list[list[tuple[float, float, float]]] = []
    for _name, values, _url in series:
        placed.append([(PAD_L + slot * (i + 0.5), plot_bottom - (H - PAD_T - PAD_B) * values[q] / 100, values[q])
                       for i, q in enumerate(quarters) if q in values])
    # Spread coinciding points: those within a dot's width of each other at one quarter.
    shift: dict[tuple[int, int], float] = {}
    for i in range(len(quarters)):
        at_q = [(k, p) for k, pts in enumerate(placed) for p in pts if abs(p[0] - (PAD_L + slot * (i + 0.5))) < 0.01]
        at_q.sort(key=lambda t: t[1][1])
        groups: list[list[int]] = []
        for k, p in at_q:
            if groups and abs(placed_y(groups[-1][-1], i, placed, slot) - p[1]) < 8:
                groups[-1].append(k)
            else:
                groups.append([k])
        for group in groups:
            for j, k in enumerate(group):
                shift[(k, i)] = (j - (len(group) - 1) / 2) * DOT_GAP
    for k, pts in enumerate(placed):
        if len(pts) > 1:
            body.append(f'<polyline fill="none" stroke="{COLOURS[k % len(COLOURS)]}" stroke-width="2" '
                        f'pointer-events="none" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in pts) + '"/>')
    for k, ((name, _values, url), pts) in enumerate(zip(series, placed)):
        colour = COLOURS[k % len(COLOURS)]
        for x, y, v in pts:
            i = int(round((x - PAD_L) / slot - 0.5))
            cx = x + shift.get((k, i), 0.0)
            dot = (f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{escape(name)}：{v:g}</title>'
                   f'</circle>')
            body.append(_link(url, f"{name}：{v:g}", dot))
        row, col = divmod(k, per_row)
        lx, ly = PAD_L + 8 + col * LEGEND_ITEM, H - 18 + row * LEGEND_ROW
        body.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colour}"/>'
                    f'<text x="{lx + 14}" y="{ly + 9}" font-size="11">{escape(_fit(name, LEGEND_ITEM - 20))}</text>')
    return _frame(title, body, W, height)


def placed_y(k: int, i: int, placed, slot) -> float:
    """The y of series `k`'s point at quarter index `i`."""
    x = PAD_L + slot * (i + 0.5)
    return next(p[1] for p in placed[k] if abs(p[0] - x) < 0.01)


def _fit(name: str, width: int, size: int = 11) -> str:
    """Shorten a legend label to the room it has (a CJK character is about one font size wide)."""
    room = max(1, width // size)
    return name if len(name) <= room else name[:room - 1] + "…"
