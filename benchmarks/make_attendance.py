"""Generate a large daily attendance workbook for the benchmarks.

    python benchmarks/make_attendance.py [--staff 4000] [--days 250] [--out benchmarks/data/attendance_1m.xlsx]

4,000 staff × 250 working days (December 2025 to November 2026) ≈ 1,000,000 rows (a title row above the header,
real date cells, time cells), with a few late arrivals, early departures and missing
days so the audit has something to find.  Seeded: the same file every time.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from gov_audit.calendar import WorkCalendar

DEFAULT_OUT = Path(__file__).parent / "data" / "attendance_1m.xlsx"


def build(out: Path, staff: int, days: int, seed: int = 7) -> Path:
    rng = np.random.default_rng(seed)
    cal = WorkCalendar()
    all_days = np.arange(np.datetime64("2025-12-01"), np.datetime64("2026-12-31"))
    work = all_days[cal.is_workday(all_days)][:days]
    depts = np.array(["办公室", "综合股", "政策法规股", "财务股", "信访股", "宣传教育股", "流动人口管理股"])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("考勤")
    ws.append([f"{staff}人×{len(work)}个工作日 考勤记录"])
    ws.append(["姓名", "工号", "部门", "日期", "签到", "签退"])
    # arrivals 08:00–08:30 with a few late (0.5%), departures 17:31–18:10 with a few early
    # (0.3%), 0.1% of person-days missing: rates an inspector would find plausible.
    for d in work:
        day = d.astype(dt.date)
        arrive = rng.integers(8 * 60, 8 * 60 + 30, staff)
        late = rng.random(staff) < 0.005
        arrive[late] += rng.integers(11, 25, late.sum())
        leave = rng.integers(17 * 60 + 31, 18 * 60 + 10, staff)
        early = rng.random(staff) < 0.003
        leave[early] = 17 * 60 + 30 - rng.integers(1, 25, early.sum())
        present = rng.random(staff) > 0.001
        for i in np.nonzero(present)[0]:
            a, b = int(arrive[i]), int(leave[i])
            ws.append(
                [
                    f"员工{i:04d}",
                    f"{i:05d}",
                    depts[i % len(depts)],
                    day,
                    dt.time(a // 60, a % 60),
                    dt.time(min(b // 60, 23), b % 60),
                ]
            )
    wb.save(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--staff", type=int, default=4000)
    ap.add_argument("--days", type=int, default=250)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    print(build(args.out, args.staff, args.days))


if __name__ == "__main__":
    main()
