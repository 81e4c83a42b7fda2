"""The command line: thin wiring from options to the pipeline and the renderers."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Optional

import pandas as pd
import typer
from rich.console import Console

from . import __version__
from .calendar import CalendarRangeError, WorkCalendar
from .errors import InputError

app = typer.Typer(
    name="gov-audit",
    help="政务合规审计：按中国工作日历核查台账期限与处罚档次。Compliance auditor for Chinese government office registers.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _stdout() -> Console:
    return Console(soft_wrap=True, highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False)


def fail(errors: list[InputError], code: int = EXIT_INPUT) -> None:
    err = _stderr()
    for e in errors:
        err.print(e.render(), markup=False)
    raise typer.Exit(code)


def parse_cli_date(value: str, option: str, with_time: bool = False) -> pd.Timestamp:
    from .types import parse_datetime

    parsed, bad = parse_datetime(pd.Series([value], dtype=object))
    ts = parsed.iloc[0]
    if bad[0] or pd.isna(ts):
        fail([InputError(option, "usage", "不是有效日期 (not a valid date)", value=value,
                         expected="2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日")])
    return ts if with_time else ts.normalize()


def load_calendar(calendar_file: Optional[Path]) -> WorkCalendar:
    from .calendar_file import load_calendar_file

    if calendar_file is None:
        return WorkCalendar()
    overrides, errors = load_calendar_file(calendar_file)
    if errors:
        fail(errors)
    return WorkCalendar(overrides)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gov-audit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 Show the version."),
) -> None:
    """政务合规审计 gov-audit."""


@app.command()
def deadline(
    start: str = typer.Argument(..., help="起算日 start date (2026-09-28, 2026/9/28, 2026年9月28日; with --hours a date-time)"),
    days: Optional[int] = typer.Option(None, "--days", help="自然日 N calendar days (last day rolls past rest days)"),
    workdays: Optional[int] = typer.Option(None, "--workdays", help="N 个工作日 working days"),
    months: Optional[int] = typer.Option(None, "--months", help="N 个月 months (民法典 第二百零二条)"),
    hours: Optional[int] = typer.Option(None, "--hours", help="N 小时 elapsed hours"),
    fmt: str = typer.Option("table", "--format", help="table | json"),
    calendar_file: Optional[Path] = typer.Option(None, "--calendar", help="节假日调整文件 holiday overrides (CSV/XLSX)"),
) -> None:
    """计算到期日，列出跳过的节假日。Compute one due date exactly as `check` does."""
    from .deadline import compute_deadline
    from .render.calendar_view import print_deadline

    given = {k: v for k, v in {"days": days, "workdays": workdays, "months": months, "hours": hours}.items() if v is not None}
    if len(given) != 1:
        fail([InputError("deadline", "usage", "请只给出 --days、--workdays、--months、--hours 之一 (give exactly one of them)")])
    if fmt not in ("table", "json"):
        fail([InputError("--format", "usage", "格式应为 table 或 json (format must be table or json)", value=fmt)])
    unit, count = next(iter(given.items()))
    if count < 0:
        fail([InputError(f"--{unit}", "usage", "期限不能为负数 (the period cannot be negative)", value=str(count))])
    ts = parse_cli_date(start, "START", with_time=(unit == "hours"))
    cal = load_calendar(calendar_file)
    try:
        result = compute_deadline(cal, ts, unit, count)
    except CalendarRangeError as exc:
        fail([InputError("START", "usage", str(exc), value=start)])
    if fmt == "json":
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True))
    else:
        print_deadline(_stdout(), cal, result)


@app.command("calendar")
def calendar_cmd(
    period: str = typer.Argument(..., help="YYYY 或 YYYY-MM"),
    calendar_file: Optional[Path] = typer.Option(None, "--calendar", help="节假日调整文件 holiday overrides (CSV/XLSX)"),
) -> None:
    """显示某月或全年的工作日、节假日、调休。Show working days, holidays and 调休 days."""
    from .calendar import FIRST_YEAR, LAST_YEAR
    from .render.calendar_view import print_month_grids

    m = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})月?)?", period.strip())
    if not m or not (1 <= int(m.group(2) or 1) <= 12):
        fail([InputError("PERIOD", "usage", "应为 YYYY 或 YYYY-MM (expected YYYY or YYYY-MM)", value=period)])
    year = int(m.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        fail([InputError("PERIOD", "usage", f"年份应在 {FIRST_YEAR}–{LAST_YEAR} 之间 (year out of range)", value=period)])
    months = [int(m.group(2))] if m.group(2) else list(range(1, 13))
    print_month_grids(_stdout(), load_calendar(calendar_file), year, months)


@app.command()
def template(
    out: Path = typer.Argument(..., help="输出文件 OUT.xlsx"),
    register: Optional[list[str]] = typer.Option(None, "--register", help="只含这些台账 only these registers (key or 中文名), repeatable"),
) -> None:
    """生成空白台账模板（表头、日期格式、下拉列表、说明）。Write an empty workbook with every register's sheet."""
    from .render.template import select_registers, write_template

    regs, unknown = select_registers(register)
    if unknown:
        fail([InputError("--register", "usage", "未知台账 (unknown register)", value=u,
                         expected="attendance, leave, petitions, … 或 考勤、请假登记、信访登记 …") for u in unknown])
    if out.suffix.lower() != ".xlsx":
        fail([InputError(str(out), "usage", "模板须为 .xlsx 文件 (the template is an .xlsx file)")])
    write_template(out, regs)
    _stdout().print(f"已写入 {out}：{len(regs)} 个台账 ({', '.join(r.key for r in regs)})")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
