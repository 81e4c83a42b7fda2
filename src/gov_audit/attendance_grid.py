"""Monthly attendance grids: one row per person, one column per day of the month.

Two real layouts share this shape:

* the hand-kept 考勤表 of a 机关: a title row ("某县卫生健康局2026年9月份考勤表"), the
  header 序号 · 姓名 · 科室 · 1 · 2 … 30 · 出勤天数 · 备注, often a second header row with
  the weekday under each day, a symbol per day (√ 迟 早 旷 假 差 休; two symbols for
  morning and afternoon), and a legend line under the table ("注：√出勤 迟迟到 …");
* DingTalk's 月度汇总: a title "月度汇总 统计日期：2026-09-01 至 2026-09-30", one row per
  person (姓名 · 考勤组 · 部门 · 工号 · 职位 · UserId · 出勤天数 …) and one column per day
  headed "1\\n二", each cell a verdict (正常 · 迟到12分钟 · 旷工 · 事假(…) · 出差 · 休息).

Both become the daily attendance register with a recorded status per person-day
(attendance_status.py).  The month comes from the title, else the sheet name, else the
file name, else ``[attendance] month`` in the rulebook; when none says, the sheet is an
input error — a grid is never dated by guess.  A weekday row under the days is checked
against the month found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .attendance_status import legend_symbols
from .errors import InputError
from .textfold import fold

if TYPE_CHECKING:
    import pandas as pd

    from .read import RawSheet

_DAY = re.compile(r"^\s*(\d{1,2})\s*(?:日|号)?\s*(?:[\n\s]*(?:星期|周)?([一二三四五六日天]))?\s*$")
_WEEKDAY = re.compile(r"^\s*(?:星期|周)?([一二三四五六日天])\s*$")
_YEAR_MONTH = (
    re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月"),
    re.compile(r"(20\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*\d{1,2}"),
    re.compile(r"(20\d{2})\s*[-/.年]\s*(\d{1,2})(?!\d)"),
    re.compile(r"(20\d{2})(\d{2})(?!\d)"),
)
WEEKDAYS = "一二三四五六日"
NAME_HEADERS = {fold(h) for h in ("姓名", "名字", "人员", "name")}
DEPT_HEADERS = {fold(h) for h in ("科室", "部门", "股室", "单位", "department", "dept")}
ID_HEADERS = {fold(h) for h in ("工号", "编号", "考勤号码", "UserId", "账号", "staff id")}
MIN_DAYS = 20  # day columns a header needs to be a month's grid


@dataclass
class Grid:
    """Where a monthly grid's parts are (0-based preview rows and columns)."""

    header_row: int
    name_col: int
    day_cols: dict[int, int]  # column → day of month
    dept_col: int | None = None
    id_col: int | None = None
    weekday_row: int | None = None
    weekdays: dict[int, str] = field(default_factory=dict)  # column → weekday char written under it
    title: str = ""

    @property
    def data_start(self) -> int:
        return (self.weekday_row if self.weekday_row is not None else self.header_row) + 1


def detect(sheet: RawSheet) -> Grid | None:
    """The grid layout of a sheet, or None: a header with 姓名 and at least 20 day columns."""
    for i, row in enumerate(sheet.preview):
        # A header needs a name cell and MIN_DAYS day cells: a row with fewer cells written
        # is none, and most registers' rows are not wide enough to be (each cell was
        # matched and folded: 10 ms of classifying a sample office's 29 sheets).
        if len(row) <= MIN_DAYS or sum(1 for cell in row if cell and cell.strip()) <= MIN_DAYS:
            continue
        days: dict[int, int] = {}
        inline_weekdays: dict[int, str] = {}
        name_col = dept_col = id_col = None
        for c, cell in enumerate(row):
            text = (cell or "").strip()
            if not text:
                continue
            m = _DAY.match(text.replace(".0", "") if text.endswith(".0") else text)
            if m and 1 <= int(m.group(1)) <= 31:
                days[c] = int(m.group(1))
                if m.group(2):
                    inline_weekdays[c] = m.group(2)
                continue
            f = fold(text)
            if f in NAME_HEADERS and name_col is None:
                name_col = c
            elif f in DEPT_HEADERS and dept_col is None:
                dept_col = c
            elif f in ID_HEADERS and id_col is None:
                id_col = c
        if name_col is None or len(set(days.values())) < MIN_DAYS:
            continue
        grid = Grid(i, name_col, days, dept_col, id_col, weekdays=inline_weekdays)
        if i + 1 < len(sheet.preview):
            below = sheet.preview[i + 1]
            marks = {c: _WEEKDAY.match(below[c] or "") for c in days if c < len(below)}
            if sum(1 for m in marks.values() if m) >= MIN_DAYS // 2:
                grid.weekday_row = i + 1
                grid.weekdays = {c: m.group(1) for c, m in marks.items() if m}
        grid.title = " ".join(c for r in sheet.preview[:i] for c in r if c and c.strip())
        return grid
    return None


def find_month(grid: Grid, sheet: RawSheet, fallback: str = "") -> tuple[int, int] | None:
    """Year and month from the title, the sheet name, the file name, then the rulebook."""
    from pathlib import PurePath

    for text in (grid.title, sheet.sheet, PurePath(sheet.file).stem, fallback):
        for rx in _YEAR_MONTH:
            m = rx.search(text or "")
            if m and 1 <= int(m.group(2)) <= 12:
                return int(m.group(1)), int(m.group(2))
    return None


def normalize_grid(
    sheet: RawSheet, grid: Grid, month_hint: str, symbols: dict[str, str]
) -> tuple[pd.DataFrame | None, list[InputError]]:
    """The grid as daily rows (name, staff_id, dept, date, status text, _row, cell), or errors."""
    import calendar as pycal
    import datetime as dt

    import numpy as np
    import pandas as pd

    where = None if sheet.is_csv else sheet.sheet
    ym = find_month(grid, sheet, month_hint)
    if ym is None:
        return None, [
            InputError(
                sheet.file,
                "missing_column",
                "考勤表无法确定年月：标题、工作表名、文件名均未写明（可在规则文件 [attendance] month = "
                "\"2026-09\" 指定）(the grid's month is not stated in its title, sheet or file name; set "
                "[attendance] month in the rulebook)",
                sheet=where,
            )
        ]
    year, month = ym
    last = pycal.monthrange(year, month)[1]
    errors: list[InputError] = []
    for c, wd in sorted(grid.weekdays.items()):
        day = grid.day_cols[c]
        if day <= last and WEEKDAYS[dt.date(year, month, day).weekday()] != wd.replace("天", "日"):
            errors.append(
                InputError(
                    sheet.file,
                    "bad_value",
                    f"星期与日期不符：{year}年{month}月{day}日不是星期{wd} (the weekday under day {day} does not fit "
                    f"{year}-{month:02d}; is the month right?)",
                    sheet=where,
                    cell=sheet.cell_ref(c, (grid.weekday_row if grid.weekday_row is not None else grid.header_row) + 1),
                    value=wd,
                )
            )
            break
    if errors:
        return None, errors
    raw = sheet.load(grid.data_start)
    cols = list(raw.columns)
    from .types import as_text

    text = {
        c: as_text(raw[c]) if c in cols else pd.Series([None] * len(raw), index=raw.index, dtype=object)
        for c in {*cols, grid.name_col, *grid.day_cols, *(x for x in (grid.dept_col, grid.id_col) if x is not None)}
    }
    names = text[grid.name_col]
    # The legend line under the table (and any other note row) is not a person: a row's
    # first text, its name else the first cell that has one (looked for only on the few
    # rows with no name, all columns at once).
    first = names.copy()
    unnamed = np.flatnonzero(names.isna().to_numpy())
    if len(unnamed):
        cells = np.column_stack([text[c].to_numpy(dtype=object)[unnamed] for c in sorted(text)])
        filled = ~pd.isna(cells)
        pick = filled.argmax(axis=1)
        found = filled[np.arange(len(unnamed)), pick]
        first.iloc[unnamed[found]] = cells[np.flatnonzero(found), pick[found]]
    note = first.fillna("").astype(str).str.match(r"^\s*(注|说明|图例|制表|审核)")  # a column at a time
    legend = legend_symbols([t for t in first[note].tolist() if t])
    people = names.notna() & ~note & ~names.fillna("").str.match(r"^\s*(合计|小计|总计)")
    by_day = sorted(grid.day_cols.items(), key=lambda kv: kv[1])
    is_person = people.to_numpy(dtype=bool)
    for c, day in by_day:
        if day > last:  # a day the month does not have, written in: the first cells are errors
            cells = text[c][people]
            cells = cells[cells.notna()]
            errors += [
                InputError(
                    sheet.file,
                    "bad_value",
                    f"{year}年{month}月没有{day}日 (no day {day} in that month)",
                    sheet=where,
                    cell=sheet.cell_ref(c, int(r)),
                    value=str(v),
                )
                for r, v in cells.head(3).items()
            ]
    days = [(c, day) for c, day in by_day if day <= last]
    if not days:
        return pd.DataFrame(), errors
    # The day columns side by side (rows × days): every person's marked day at once, day by
    # day and, within a day, in the sheet's row order.
    marks = np.column_stack([text[c].to_numpy(dtype=object) for c, _ in days])
    marked = is_person[:, None] & ~pd.isna(marks)
    which_day, at = np.nonzero(marked.T)
    if not len(at):
        return pd.DataFrame(), errors
    long = pd.DataFrame(
        {
            "_row": names.index.to_numpy(dtype=np.int64)[at],
            "_col": np.asarray([c for c, _ in days], dtype=np.int64)[which_day],
            "day": np.asarray([day for _, day in days], dtype=np.int64)[which_day],
            "status": marks[at, which_day],
        }
    )
    long["name"] = names.to_numpy()[at]
    long["dept"] = text[grid.dept_col].to_numpy()[at] if grid.dept_col is not None else None
    long["staff_id"] = text[grid.id_col].to_numpy()[at] if grid.id_col is not None else None
    long["date"] = pd.to_datetime(dict(year=year, month=month, day=long["day"]))
    from .attendance_status import parse_status

    long["raw_status"] = long["status"]
    parsed, bad = parse_status(long["status"], {**legend, **symbols})
    if bad.any():
        shown = long[bad].head(20)
        errors += [
            InputError(
                sheet.file,
                "bad_value",
                "考勤符号无法识别，请在表下注明图例或在规则文件 [attendance.symbols] 中说明 (attendance mark "
                "not understood; add a legend line or [attendance.symbols])",
                sheet=where,
                cell=sheet.cell_ref(int(r.col), int(r.row)),
                column="status",
                value=str(r.status),
                expected="√ 迟 早 旷 假 差 休, 正常, 迟到12分钟 …",
            )
            for r in shown.rename(columns={"_col": "col", "_row": "row"}).itertuples()
        ]
    long["status"] = parsed
    long["_bad_status"] = bad
    return long.drop(columns=["day"]), errors
