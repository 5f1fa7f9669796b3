"""Benchmark: due dates of 100,000 open cases with pauses (pure engine, no Django, no database).

Run: .venv/bin/python bench/bench_deadlines.py
Compares the engine (workday ordinals + bisect) with a naive day-by-day loop over the same cases,
checks both agree, and prints the figures.
"""
import datetime as dt
import pathlib
import random
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from gongkai.workdays.engine import CaseClock, Pause, PauseKind, WorkdayCalendar  # noqa: E402

CASES = 100_000


def make_cases(n: int, seed: int = 20261123) -> list[CaseClock]:
    """Return n clocks received in 2025–2026, two thirds with one or two finished pauses."""
    rng = random.Random(seed)
    first = dt.date(2025, 1, 2).toordinal()
    clocks = []
    for _ in range(n):
        received = dt.date.fromordinal(first + rng.randrange(700))
        pauses = []
        cursor = received
        for _ in range(rng.choice((0, 1, 1, 2))):
            start = cursor + dt.timedelta(days=rng.randrange(0, 15))
            end = start + dt.timedelta(days=rng.randrange(1, 20))
            pauses.append(Pause(start, end, PauseKind.THIRD_PARTY))
            cursor = end
        clocks.append(CaseClock(received, 20, pauses=tuple(pauses)))
    return clocks


def naive_due(calendar: WorkdayCalendar, clock: CaseClock) -> dt.date:
    """Walk day by day, counting working days outside every pause (start, end]."""
    day, counted = clock.received, 0
    one = dt.timedelta(days=1)
    while counted < clock.total_working_days:
        day += one
        if calendar.is_working_day(day) and not any(p.start < day <= p.end for p in clock.pauses):
            counted += 1
    return day


def main() -> None:
    calendar = WorkdayCalendar.from_library()
    clocks = make_cases(CASES)
    with_pauses = sum(1 for c in clocks if c.pauses)

    t0 = time.perf_counter()
    fast = [c.due_date(calendar) for c in clocks]
    fast_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    slow = [naive_due(calendar, c) for c in clocks]
    slow_s = time.perf_counter() - t0

    mismatches = sum(1 for a, b in zip(fast, slow) if a != b)
    provisional = sum(1 for d in fast if calendar.is_provisional_year(d.year))
    print(f"cases: {CASES:,} ({with_pauses:,} with pauses; {provisional:,} due in a provisional year)")
    print(f"engine (ordinals + bisect): {fast_s:.3f} s  ({fast_s / CASES * 1e6:.2f} µs per case)")
    print(f"naive day-by-day loop:      {slow_s:.3f} s")
    print(f"speed-up: {slow_s / fast_s:.1f}x; mismatches: {mismatches}")
    if mismatches:
        raise SystemExit("engine and naive loop disagree")


if __name__ == "__main__":
    main()
