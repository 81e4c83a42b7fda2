"""Attendance as offices keep it, at scale: 1,000 staff × 12 monthly grids, and the same year as
12 DingTalk 月度汇总 sheets (≈250,000 person-days each), audited end to end.

    python benchmarks/bench_exports.py [--staff 1000]

Writes benchmarks/data/grids_2026.xlsx and benchmarks/data/dingtalk_2026.xlsx (seeded),
then times `gov-audit check FILE --as-of 2026-12-31 --rule ATT --format json` on each, as a
whole process, and prints time, peak memory and the findings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure_command  # noqa: E402

from gov_audit.calendar import WorkCalendar  # noqa: E402

DATA = Path(__file__).parent / "data"
WEEKDAY = "一二三四五六日"
GRID = {"present": "√", "late": "迟", "early": "早", "absent": "旷", "leave": "事", "trip": "差"}
DING = {
    "present": "正常",
    "late": "迟到12分钟",
    "early": "早退10分钟",
    "absent": "旷工",
    "leave": "事假",
    "trip": "出差",
}


def plan(staff: int, seed: int = 11):
    rng = np.random.default_rng(seed)
    cal = WorkCalendar()
    kinds = np.array(["present", "late", "early", "absent", "leave", "trip"])
    p = np.array([0.92, 0.02, 0.02, 0.005, 0.02, 0.015])
    for month in range(1, 13):
        days = [dt.date(2026, month, d) for d in range(1, 32) if _valid(2026, month, d)]
        work = cal.is_workday(np.array(days, dtype="datetime64[D]"))
        marks = rng.choice(kinds, size=(staff, len(days)), p=p)
        yield month, days, work, marks


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def build(staff: int) -> tuple[Path, Path]:
    DATA.mkdir(parents=True, exist_ok=True)
    grids, ding = Workbook(write_only=True), Workbook(write_only=True)
    names = [f"员工{i:04d}" for i in range(staff)]
    for month, days, work, marks in plan(staff):
        g = grids.create_sheet(f"{month}月")
        g.append([f"某县卫生健康局2026年{month}月份考勤表"])
        g.append(["序号", "姓名", "科室", *[d.day for d in days], "出勤天数", "备注"])
        g.append(["", "", "", *[WEEKDAY[d.weekday()] for d in days], "", ""])
        s = ding.create_sheet(f"{month}月")
        s.append([f"月度汇总 统计日期：2026-{month:02d}-01 至 2026-{month:02d}-{days[-1].day:02d}"])
        s.append(["姓名", "考勤组", "部门", "工号", "出勤天数", *[f"{d.day}\n{WEEKDAY[d.weekday()]}" for d in days]])
        for i, name in enumerate(names):
            row = marks[i]
            cells = [GRID[k] if w else None for k, w in zip(row, work, strict=True)]
            g.append([i + 1, name, "综合股", *cells, int(work.sum()), ""])
            s.append(
                [
                    name,
                    "机关",
                    "综合股",
                    f"{i:05d}",
                    int(work.sum()),
                    *[DING[k] if w else "休息" for k, w in zip(row, work, strict=True)],
                ]
            )
        g.append(["注：√出勤 迟迟到 早早退 旷旷工 事事假 差出差 休休息"])
    a, b = DATA / "grids_2026.xlsx", DATA / "dingtalk_2026.xlsx"
    grids.save(a)
    ding.save(b)
    return a, b


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--staff", type=int, default=1000)
    args = ap.parse_args()
    files = build(args.staff)
    exe = shutil.which("gov-audit") or "gov-audit"
    for path in files:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "r.json"
            m = measure_command(
                [
                    exe,
                    "check",
                    str(path),
                    "--as-of",
                    "2026-12-31",
                    "--rule",
                    "ATT",
                    "--format",
                    "json",
                    "--output",
                    str(out),
                ]
            )
            rep = json.loads(out.read_text(encoding="utf-8"))
        print(
            f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {m['seconds']:.2f} s, peak {m['peak_mb']:.0f} MB, "
            f"exit {m['exit']}, findings {rep['summary']['findings']} {rep['summary']['by_rule']}, "
            f"errors {len(rep['errors'])}"
        )


if __name__ == "__main__":
    main()
