"""The agency calendar overrides file (``--calendar FILE``, or ``calendar`` in the rulebook).

A CSV or XLSX with a header row and these columns:

=============  ==================================================================
``日期`` date   the day (any date form registers accept); for ``全年`` a year (2027)
``类型`` type   ``休``/``holiday``: a rest day (a local festival, a new holiday);
                ``班``/``workday``: a working day (a 调休 Saturday);
                ``全年``/``complete``: this file states the *whole* official
                arrangement of that year (State Council notice), so the year is no
                longer provisional
``名称`` name   optional: the holiday's name, shown by ``gov-audit calendar``
=============  ==================================================================

Without a ``全年`` row a year beyond the package data stays provisional whatever the
file adds: one local festival says nothing about the rest of the year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .calendar import CalendarOverride, CalendarOverrides
from .classify import find_header
from .errors import InputError
from .read import read_sheets
from .types import as_text, fold, parse_date

HOLIDAY_WORDS = {"holiday", "休", "假", "放假", "休息", "节假日"}
WORKDAY_WORDS = {"workday", "班", "上班", "工作日", "补班"}
COMPLETE_WORDS = {"complete", "全年", "完整", "整年"}
COLUMNS = {"date": {"日期", "date"}, "type": {"类型", "type"}, "name": {"名称", "name", "说明"}}


def load_calendar_file(path: str | Path) -> tuple[CalendarOverrides, list[InputError]]:
    path = Path(path)
    name = str(path)
    if not path.exists():
        return CalendarOverrides(), [InputError(name, "calendar", "日历文件不存在 (calendar file not found)")]
    sheets, errors = read_sheets(path, name)
    if errors:
        return CalendarOverrides(), [InputError(e.file, "calendar", e.message) for e in errors]
    if not sheets:
        return CalendarOverrides(), [InputError(name, "calendar", "日历文件为空 (calendar file is empty)")]
    sheet = sheets[0]
    header_at, positions = find_header(sheet, COLUMNS, ("date", "type"))
    if header_at is None:
        return CalendarOverrides(), [
            InputError(
                name,
                "calendar",
                "找不到表头：需要列 日期/date 和 类型/type (header with 日期/date and 类型/type not found)",
                sheet=None if sheet.is_csv else sheet.sheet,
            )
        ]
    frame = sheet.load(header_at + 1)
    raw_date = frame[positions["date"]]
    kinds = as_text(frame[positions["type"]]).map(lambda v: None if v is None else fold(v))
    names = as_text(frame[positions["name"]]) if "name" in positions else pd.Series(None, index=frame.index)
    dates, bad = parse_date(raw_date)
    entries: list[CalendarOverride] = []
    complete: set[int] = set()
    where = None if sheet.is_csv else sheet.sheet
    for (row, kind), date, is_bad, raw, nm in zip(kinds.items(), dates, bad, as_text(raw_date), names, strict=True):
        if kind is None and raw is None:
            continue
        cell_col = sheet.cell_ref(positions["type"], row)
        if kind in COMPLETE_WORDS:
            year = (
                int(raw)
                if raw is not None and raw.isdigit() and len(raw) == 4
                else (None if pd.isna(date) else date.year)
            )
            if year is None:
                errors.append(
                    InputError(
                        name,
                        "calendar",
                        "全年 行的日期列应为年份 (a 全年 row needs a year)",
                        sheet=where,
                        cell=sheet.cell_ref(positions["date"], row),
                        value=raw,
                        expected="2027",
                    )
                )
            else:
                complete.add(year)
            continue
        if kind not in HOLIDAY_WORDS | WORKDAY_WORDS:
            errors.append(
                InputError(
                    name,
                    "calendar",
                    "类型无法识别 (unknown type)",
                    sheet=where,
                    cell=cell_col,
                    value=kind,
                    expected="休/holiday, 班/workday, 全年/complete",
                )
            )
            continue
        if is_bad or pd.isna(date):
            errors.append(
                InputError(
                    name,
                    "calendar",
                    "日期无效 (invalid date)",
                    sheet=where,
                    cell=sheet.cell_ref(positions["date"], row),
                    value=raw,
                    expected="date",
                )
            )
            continue
        entries.append(CalendarOverride(date.date(), "holiday" if kind in HOLIDAY_WORDS else "workday", nm or ""))
    return CalendarOverrides(entries, complete, source=name), errors
