"""Terminal views of the calendar: one due date, and month grids."""

from __future__ import annotations

import calendar as pycal
import datetime as dt

import numpy as np
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..calendar import WorkCalendar
from ..deadline import Deadline

KIND_ZH = {"weekend": "周末", "holiday": "节假日", "makeup": "调休上班", "workday": "工作日"}
UNIT_ZH = {"workdays": "个工作日", "days": "日（自然日）", "months": "个月", "hours": "小时"}
WEEKDAYS = "一二三四五六日"


def coverage_line(cal: WorkCalendar, years: list[int]) -> str:
    lo, hi = min(cal.covered_years), max(cal.covered_years)
    line = f"日历覆盖 {lo}–{hi} 年（{cal.source}"
    if cal.overrides.source:
        line += f"，本地调整 {cal.overrides.source}"
    line += "）"
    prov = cal.provisional_years(years)
    if prov:
        ys = "、".join(map(str, prov))
        line += (
            f"；{ys} 年为临时推算（provisional）：仅按《全国年节及纪念日放假办法》法定节日、无调休。"
            f"国务院公布放假安排后，请用 --calendar 文件补充（类型=全年）。"
        )
    return line


def print_deadline(console: Console, cal: WorkCalendar, d: Deadline) -> None:
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("日期 date")
    table.add_column("星期")
    table.add_column("说明 note")
    fmt = (lambda v: v.strftime("%Y-%m-%d %H:%M")) if d.unit == "hours" else (lambda v: v.isoformat())
    start_day = d.start.date() if isinstance(d.start, dt.datetime) else d.start
    table.add_row(fmt(d.start), "周" + WEEKDAYS[start_day.weekday()], "起算日（不计入）start, not counted")
    if d.nominal and d.nominal != d.due:
        table.add_row(
            d.nominal.isoformat(),
            "周" + WEEKDAYS[d.nominal.weekday()],
            "期间届满日为休息日，顺延 (last day is a rest day: rolls forward)",
        )
    for day, kind, name in d.skipped:
        label = KIND_ZH.get(kind, kind) + (f" {name}" if name else "")
        table.add_row(
            Text(day.isoformat(), style="red"),
            "周" + WEEKDAYS[day.weekday()],
            Text(f"跳过 skipped: {label}", style="red"),
        )
    due_day = d.due.date() if isinstance(d.due, dt.datetime) else d.due
    note = "到期日 due"
    info = cal.day_info(np.array([due_day], dtype="datetime64[D]"))
    if info["kind"][0] == "makeup":
        note += "（调休上班日，不顺延 a make-up working day, no roll）"
    table.add_row(
        Text(fmt(d.due), style="bold green"), "周" + WEEKDAYS[due_day.weekday()], Text(note, style="bold green")
    )
    console.print(f"{fmt(d.start)} + {d.count} {UNIT_ZH[d.unit]} ({d.count} {d.unit})")
    console.print(table)
    if d.provisional:
        console.print(
            Text("⚠ 临时推算 provisional: " + coverage_line(cal, [start_day.year, due_day.year]), style="yellow")
        )


def print_month_grids(console: Console, cal: WorkCalendar, year: int, months: list[int]) -> None:
    for month in months:
        first = dt.date(year, month, 1)
        ndays = pycal.monthrange(year, month)[1]
        days = np.arange(np.datetime64(first, "D"), np.datetime64(first, "D") + ndays)
        info = cal.day_info(days)
        prov = bool(info["provisional"].any())
        title = f"{year} 年 {month} 月" + ("（临时推算 provisional）" if prov else "")
        grid = Table(title=title, show_lines=False, box=None, pad_edge=False)
        for w in WEEKDAYS:
            grid.add_column(w, justify="right", min_width=4)
        cells: list[Text] = [Text("")] * first.weekday()
        notes: list[str] = []
        for i, (kind, name) in enumerate(zip(info["kind"], info["name"], strict=True)):
            n = i + 1
            if kind == "holiday":
                cells.append(Text(f"{n}休", style="bold red"))
                notes.append(f"{month}/{n} 休 {name}")
            elif kind == "makeup":
                cells.append(Text(f"{n}班", style="bold blue"))
                notes.append(f"{month}/{n} 班（调休上班 {name}）")
            elif kind == "weekend":
                cells.append(Text(f"{n}", style="dim"))
            else:
                cells.append(Text(f"{n}"))
        while len(cells) % 7:
            cells.append(Text(""))
        for r in range(0, len(cells), 7):
            grid.add_row(*cells[r : r + 7])
        console.print(grid)
        work = int(cal.is_workday(days).sum())
        console.print(f"  工作日 {work} 天 working days" + ("；" + "；".join(notes) if notes else ""))
        console.print()
    console.print(coverage_line(cal, [year]))
