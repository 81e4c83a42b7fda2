"""WorkCalendar vectorized vs a per-row chinese-calendar loop, on 1,000,000 random dates.

    python benchmarks/bench_calendar.py [--rows 1000000] [--loop-rows 20000]

The per-row loop is timed on ``--loop-rows`` dates and scaled (a full 1M loop takes
minutes); results are checked identical on those rows.  The per-row reference uses
chinese-calendar's own ``is_workday`` and a day-by-day walk, since its ``find_workday``
overshoots from a non-working start.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import chinese_calendar
import numpy as np

from gov_audit.calendar import WorkCalendar


def per_row_add_workdays(d: dt.date, n: int) -> dt.date:
    while n:
        d += dt.timedelta(days=1)
        n -= chinese_calendar.is_workday(d)
    return d


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--loop-rows", type=int, default=20_000)
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    base = np.datetime64("2004-01-01")
    span = (np.datetime64("2026-09-01") - base).astype(int)
    dates = base + rng.integers(0, span, args.rows).astype("timedelta64[D]")

    t = time.perf_counter()
    cal = WorkCalendar()
    build = time.perf_counter() - t
    t = time.perf_counter()
    work = cal.is_workday(dates)
    t_is = time.perf_counter() - t
    t = time.perf_counter()
    due = cal.add_workdays(dates, 10)
    t_add = time.perf_counter() - t

    sample = [d.astype(dt.date) for d in dates[: args.loop_rows]]
    t = time.perf_counter()
    ref_is = [chinese_calendar.is_workday(d) for d in sample]
    l_is = (time.perf_counter() - t) * args.rows / len(sample)
    t = time.perf_counter()
    ref_add = [per_row_add_workdays(d, 10) for d in sample]
    l_add = (time.perf_counter() - t) * args.rows / len(sample)

    assert work[: len(sample)].tolist() == ref_is, "is_workday differs from chinese-calendar"
    assert [d.astype(dt.date) for d in due[: len(sample)]] == ref_add, "add_workdays differs"
    print(f"calendar build: {build:.3f} s")
    print(
        f"is_workday    {args.rows:>9,} dates: vectorized {t_is:.4f} s, "
        f"per-row (scaled) {l_is:.1f} s, x{l_is / t_is:,.0f}"
    )
    print(
        f"add_workdays10 {args.rows:>8,} dates: vectorized {t_add:.4f} s, "
        f"per-row (scaled) {l_add:.1f} s, x{l_add / t_add:,.0f}"
    )
    print(f"results identical on the {len(sample):,} rows checked")


if __name__ == "__main__":
    main()
