"""Generated registers for the property-based tests: valid rows of every register.

Each register is written with its canonical sheet name and headers; values follow each
column's declared type, with dates drawn towards the statutory holidays and 调休
make-up days of 2020–2030, so deadlines keep crossing them.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from hypothesis import strategies as st

from gov_audit.calendar import WorkCalendar
from gov_audit.registers import REGISTERS, Register

PEOPLE = ("张三", "李四", "王五", "赵六", "刘海燕", "陈静")
DEPTS = ("综合股", "信访股", "财务股", "办公室")
LEADER_ROLES = ("股室负责人", "分管领导", "局长", "副县长", "县长", "县委书记")
FIRST = dt.date(2020, 1, 1)
LAST = dt.date(2030, 12, 31)


def _special_days() -> list[dt.date]:
    """Holidays and 调休 working days 2020–2030, and the days either side of them."""
    cal = WorkCalendar()
    out: set[dt.date] = set()
    day = FIRST
    while day <= LAST:
        weekend = day.weekday() >= 5
        work = bool(cal.is_workday(day))
        if work == weekend:  # a weekday holiday, or a make-up weekend working day
            out |= {day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)}
        day += dt.timedelta(days=1)
    return sorted(d for d in out if FIRST <= d <= LAST)


SPECIAL = _special_days()

dates = st.one_of(st.sampled_from(SPECIAL), st.dates(FIRST, LAST))
times = st.builds(dt.time, st.integers(7, 19), st.integers(0, 59), st.sampled_from([0, 0, 0, 30, 59]))


def _value(reg: Register, col) -> st.SearchStrategy:
    """A valid value for ``col``; optional columns are sometimes blank."""
    t = col.type
    if col.choices:
        v: st.SearchStrategy = st.sampled_from(col.choices)
    elif t == "date":
        v = dates
    elif t == "datetime" or t in ("datetime_or_time",):
        v = st.builds(dt.datetime.combine, dates, times)
    elif t == "time":
        v = times
    elif t in ("bool", "bool_yes"):
        v = st.sampled_from(("是", "否"))
    elif t == "number":
        v = st.one_of(st.integers(0, 20_000), st.sampled_from([200, 1000, 5000, 10_000, 0.5, 1.5]))
    elif t == "int":
        v = st.integers(0, 30)
    elif t == "list":
        v = st.lists(
            st.sampled_from(LEADER_ROLES if "role" in col.name else PEOPLE), min_size=1, max_size=3, unique=True
        ).map("、".join)
    elif col.name in ("name", "petitioner", "handler", "leader", "approver", "applicant", "witness", "payee"):
        v = st.sampled_from(PEOPLE)
    elif col.name == "dept":
        v = st.sampled_from(DEPTS)
    elif col.name.endswith("_id") or col.name in ("item", "title", "matter", "column", "detail", "period"):
        v = st.text(alphabet="ABCDEFGH0123456789-", min_size=1, max_size=6)
    else:
        v = st.sampled_from(("甲", "乙", "丙"))
    if col.required:
        return v
    return st.one_of(st.none(), v)


@dataclass
class GeneratedSheet:
    register: Register
    rows: list[list]

    def __repr__(self) -> str:
        return f"GeneratedSheet(BY_KEY[{self.register.key!r}], {self.rows!r})"

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.register.columns]


AUDITABLE = tuple(r for r in REGISTERS)


@st.composite
def register_rows(draw, reg: Register, min_rows: int = 1, max_rows: int = 8) -> GeneratedSheet:
    n = draw(st.integers(min_rows, max_rows))
    rows = [[draw(_value(reg, c)) for c in reg.columns] for _ in range(n)]
    return GeneratedSheet(reg, rows)


@st.composite
def office(draw, min_registers: int = 1, max_registers: int = 5) -> list[GeneratedSheet]:
    regs = draw(
        st.lists(st.sampled_from(AUDITABLE), min_size=min_registers, max_size=max_registers, unique_by=lambda r: r.key)
    )
    return [draw(register_rows(r)) for r in regs]


def write_xlsx(
    path: Path,
    regs: list[GeneratedSheet],
    sheet_names: dict[str, str] | None = None,
    extra_sheets: dict[str, list[list]] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for r in regs:
        ws = wb.create_sheet((sheet_names or {}).get(r.register.key, r.register.title))
        ws.append(r.headers)
        for row in r.rows:
            ws.append(row)
    for name, rows in (extra_sheets or {}).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _csv_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def write_csv_dir(folder: Path, regs: list[GeneratedSheet], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for r in regs:
        with (folder / f"{r.register.title}.csv").open("w", encoding=encoding, newline="") as fh:
            w = csv.writer(fh)
            w.writerow(r.headers)
            for row in r.rows:
                w.writerow([_csv_text(v) for v in row])
    return folder


def data_dates(regs: list[GeneratedSheet]) -> list[dt.date]:
    out = []
    for r in regs:
        for row in r.rows:
            for v in row:
                if isinstance(v, dt.datetime):
                    out.append(v.date())
                elif isinstance(v, dt.date):
                    out.append(v)
    return out
