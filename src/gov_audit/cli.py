"""The command line: thin wiring from options to the pipeline and the renderers."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from . import __version__
from .errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="gov-audit",
    help=(
        "政务合规审计：按中国工作日历核查台账期限与处罚档次。"
        "Compliance auditor for Chinese government office registers."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_INPUT = 2  # 0 clean and 1 findings come from engine.exit_code


# rich is imported when something is printed through it: a check writing its report to a
# file or a pipe, with nothing to say on stderr, never needs it (0.03 s of imports).
def _stdout() -> Console:
    from rich.console import Console

    return Console(soft_wrap=True, highlight=False)


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, highlight=False)


def _stderr_is_terminal() -> bool:
    """``_stderr().is_terminal``, without importing rich where it must say no: it says yes
    only for TTY_COMPATIBLE=1, a non-empty FORCE_COLOR, or a stream that is a terminal."""
    return _may_be_terminal(sys.stderr) and _stderr().is_terminal


def _stdout_is_terminal() -> bool:
    """``_stdout().is_terminal``, as ``_stderr_is_terminal`` asks it."""
    return _may_be_terminal(sys.stdout) and _stdout().is_terminal


def _may_be_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    maybe = os.environ.get("TTY_COMPATIBLE") == "1" or bool(os.environ.get("FORCE_COLOR"))
    with contextlib.suppress(ValueError):  # (a closed stream)
        maybe = maybe or bool(isatty and isatty())
    return maybe


def fail(errors: list[InputError], code: int = EXIT_INPUT) -> NoReturn:
    err = _stderr()
    for e in errors:
        err.print(e.render(), markup=False)
    raise typer.Exit(code)


def parse_cli_date(value: str, option: str, with_time: bool = False):
    import pandas as pd

    from .types import parse_datetime

    parsed, bad = parse_datetime(pd.Series([value], dtype=object))
    ts = parsed.iloc[0]
    if bad[0] or pd.isna(ts):
        fail(
            [
                InputError(
                    option,
                    "usage",
                    "不是有效日期 (not a valid date)",
                    value=value,
                    expected="2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日",
                )
            ]
        )
    return ts if with_time else ts.normalize()


def load_calendar(calendar_file: Path | None):
    from .calendar import WorkCalendar
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
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本 Show the version."
    ),
) -> None:
    """政务合规审计 gov-audit."""


@app.command()
def deadline(
    start: str = typer.Argument(
        ..., help="起算日 start date (2026-09-28, 2026/9/28, 2026年9月28日; with --hours a date-time)"
    ),
    days: int | None = typer.Option(None, "--days", help="自然日 N calendar days (last day rolls past rest days)"),
    workdays: int | None = typer.Option(None, "--workdays", help="N 个工作日 working days"),
    months: int | None = typer.Option(None, "--months", help="N 个月 months (民法典 第二百零二条)"),
    hours: int | None = typer.Option(None, "--hours", help="N 小时 elapsed hours"),
    fmt: str = typer.Option("table", "--format", help="table | json"),
    calendar_file: Path | None = typer.Option(None, "--calendar", help="节假日调整文件 holiday overrides (CSV/XLSX)"),
) -> None:
    """计算到期日，列出跳过的节假日。Compute one due date exactly as `check` does."""
    from .calendar import CalendarRangeError
    from .deadline import compute_deadline
    from .render.calendar_view import print_deadline

    given = {
        k: v for k, v in {"days": days, "workdays": workdays, "months": months, "hours": hours}.items() if v is not None
    }
    if len(given) != 1:
        fail(
            [
                InputError(
                    "deadline",
                    "usage",
                    "请只给出 --days、--workdays、--months、--hours 之一 (give exactly one of them)",
                )
            ]
        )
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
    period: str = typer.Argument(..., help="YYYY 或 YYYY-MM；或 import（导入国务院放假通知）"),
    notice: str | None = typer.Argument(
        None, help="import: 通知文本文件（.txt），或 - 读标准输入 the notice text, or -"
    ),
    calendar_file: Path | None = typer.Option(None, "--calendar", help="节假日调整文件 holiday overrides (CSV/XLSX)"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="import: 写入的调整文件 (default calendar-YYYY.csv)"
    ),
    year: int | None = typer.Option(
        None, "--year", help="import: 通知未写明年份时指定 the year, if the text does not say"
    ),
) -> None:
    """显示某月或全年的工作日、节假日、调休；或导入国务院放假通知。Show the calendar, or import the State
    Council's holiday notice: `gov-audit calendar import notice.txt` writes the overrides file `--calendar` takes."""
    from .calendar import FIRST_YEAR, LAST_YEAR
    from .render.calendar_view import print_month_grids

    if period.strip().lower() == "import":
        _import_notice(notice, calendar_file, output, year)
        return

    m = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})月?)?", period.strip())
    if not m or not (1 <= int(m.group(2) or 1) <= 12):
        fail([InputError("PERIOD", "usage", "应为 YYYY 或 YYYY-MM (expected YYYY or YYYY-MM)", value=period)])
    year = int(m.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        fail(
            [InputError("PERIOD", "usage", f"年份应在 {FIRST_YEAR}–{LAST_YEAR} 之间 (year out of range)", value=period)]
        )
    months = [int(m.group(2))] if m.group(2) else list(range(1, 13))
    print_month_grids(_stdout(), load_calendar(calendar_file), year, months)


def _import_notice(notice: str | None, base_file: Path | None, output: Path | None, year: int | None) -> None:
    from .calendar import WorkCalendar
    from .calendar_file import load_calendar_file
    from .notice import NoticeError, notice_from_overrides, notice_year, parse_notice
    from .read import decode_text
    from .render.calendar_view import print_month_grids
    from .render.files import write_text_atomic

    if not notice:
        fail(
            [InputError("calendar import", "usage", "请给出通知文本文件，或 - 读标准输入 (give the notice file, or -)")]
        )
    source = "标准输入 stdin" if notice == "-" else notice
    try:
        data = sys.stdin.buffer.read() if notice == "-" else Path(notice).read_bytes()
        text = decode_text(data)
    except (OSError, UnicodeDecodeError) as exc:
        fail([InputError(source, "unreadable", f"无法读取通知 (cannot read the notice): {exc}")])
    base = None
    other_rows: list[tuple[str, str, str]] = []
    if base_file is not None:
        overrides, errors = load_calendar_file(base_file)
        if errors:
            fail(errors)
        y = year or notice_year(text) or (overrides.entries[0].date.year if overrides.entries else None)
        if y is not None:
            base = notice_from_overrides(y, overrides.entries)
            other_rows = [
                (e.date.isoformat(), "休" if e.kind == "holiday" else "班", e.name)
                for e in overrides.entries
                if e.date.year != y
            ]
            other_rows += [(str(c), "全年", "") for c in sorted(overrides.complete_years) if c != y]
    try:
        result = parse_notice(text, year, base)
    except NoticeError as exc:
        quoted = f"：“{exc.sentence}”" if exc.sentence else ""
        fail([InputError(source, "calendar", f"{exc}{quoted}")])
    target = output or Path(f"calendar-{result.year}.csv")
    rows = [("日期", "类型", "名称"), *result.rows(), *other_rows]
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    write_text_atomic(target, "\ufeff" + buf.getvalue())
    overrides, errors = load_calendar_file(target)
    if errors:  # what we wrote must read back
        fail(errors)
    out = _stdout()
    out.print(
        f"已写入 {target}：{result.year} 年放假 {len(result.holidays)} 天、调休上班 {len(result.workdays)} 天，"
        f"全年安排完整。请核对下列月历与通知一致后，用 --calendar {target} 审计。"
        f"(wrote {target}: check the month grids against the notice, then audit with --calendar {target})"
    )
    print_month_grids(out, WorkCalendar(overrides), result.year, list(range(1, 13)))


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="台账文件或目录 workbooks, CSVs or directories"),
    as_of: str | None = typer.Option(None, "--as-of", help="审计日（默认今天）judge open items as of this day"),
    since: str | None = typer.Option(None, "--since", help="审计区间起 (default 1 January of --until's year)"),
    until: str | None = typer.Option(None, "--until", help="审计区间止 (default --as-of)"),
    rule: list[str] | None = typer.Option(
        None, "--rule", help="只运行这些规则（编号或前缀）only these rules (ID or prefix)"
    ),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="不运行这些规则 skip these rules (ID or prefix)"),
    dept: list[str] | None = typer.Option(None, "--dept", help="只报告这些部门 only these departments"),
    person: list[str] | None = typer.Option(None, "--person", help="只报告这些人 only these people"),
    rulebook: Path | None = typer.Option(
        None, "--rulebook", help="规则参数文件 agency TOML (default ./gov-audit.toml)"
    ),
    calendar_file: Path | None = typer.Option(None, "--calendar", help="节假日调整文件 holiday overrides (CSV/XLSX)"),
    waivers: Path | None = typer.Option(None, "--waivers", help="豁免清单 waivers (CSV/XLSX/TOML)"),
    baseline: Path | None = typer.Option(None, "--baseline", help="只报告此前报告中没有的问题 earlier JSON report"),
    fmt: str = typer.Option("table", "--format", help="table | json | csv | xlsx | html"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="写入文件（原子写入）write the report to this file"
    ),
    output_dir: Path | None = typer.Option(
        None, "--output-dir", help="写入目录，文件名带日期 dated report files in this folder"
    ),
    fail_on: str = typer.Option("breach", "--fail-on", help="warning | breach | never"),
    lang: str = typer.Option("zh", "--lang", help="zh | en"),
    group_by: str = typer.Option(
        "register", "--group-by", help="表格/HTML 分组 group findings by: register | rule | person | dept"
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="显示读取库的警告 show the reading libraries' warnings"
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help="并行进程数（默认 CPU 核数）：批量审计各单位，或单个单位的各规则族 "
        "processes: a batch's offices, or one office's rule families (at most 4)",
    ),
) -> None:
    """审计台账。Audit registers: exit 0 clean, 1 findings at or above --fail-on, 2 input errors.

    A directory holding several offices' workbooks is audited as a batch: each office on
    its own, in parallel, with a per-office summary.
    """
    from .classify import data_start_of
    from .read import prefetch

    if verbose:  # library warnings are noise to a clerk, evidence to whoever debugs a file
        import logging

        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
        logging.getLogger("fastexcel").setLevel(logging.WARNING)

    prefetch(list(paths), data_start_of)  # parse the workbooks while the rest of the program loads
    import pandas as pd

    from .intake import text_storage

    # pandas groups Arrow text through pyarrow.acero, imported on first use: importing it
    # here costs nothing while a large workbook is still parsing (0.02 s later otherwise).
    # A small office's text is Python strings, which never reach acero, and its workbook
    # was parsed long before this line: there the import is 0.05 s on the critical path.
    if any(p.is_dir() for p in paths) or text_storage(list(paths)) == "pyarrow":
        import pyarrow.acero  # noqa: F401

    from .batch import discover_offices
    from .engine import AuditOptions, exit_code, prepare, run_audit
    from .errors import InputFailure
    from .render.output import EXTENSION, FORMATS, report_text, write_report
    from .report import build_report

    usage = []
    if fmt not in FORMATS:
        usage.append(
            InputError("--format", "usage", "未知格式 (unknown format)", value=fmt, expected=", ".join(FORMATS))
        )
    if fail_on not in ("warning", "breach", "never"):
        usage.append(
            InputError(
                "--fail-on", "usage", "应为 warning、breach 或 never", value=fail_on, expected="warning, breach, never"
            )
        )
    if lang not in ("zh", "en"):
        usage.append(InputError("--lang", "usage", "应为 zh 或 en", value=lang, expected="zh, en"))
    if group_by not in ("register", "rule", "person", "dept"):
        usage.append(
            InputError(
                "--group-by",
                "usage",
                "未知分组 (unknown grouping)",
                value=group_by,
                expected="register, rule, person, dept",
            )
        )
    if output is not None and output_dir is not None:
        usage.append(InputError("--output", "usage", "--output 与 --output-dir 只能选一个 (use one of them)"))
    if fmt == "xlsx" and output is None and output_dir is None:
        usage.append(
            InputError("--format", "usage", "xlsx 报告须用 --output 或 --output-dir 写入文件 (xlsx needs a file)")
        )
    if usage:
        fail(usage)
    opts = AuditOptions(
        as_of=parse_cli_date(as_of, "--as-of") if as_of else pd.Timestamp("2000-01-01"),  # default set below
        since=parse_cli_date(since, "--since") if since else None,
        until=parse_cli_date(until, "--until") if until else None,
        include=list(rule or []),
        exclude=list(ignore or []),
        depts=list(dept or []),
        persons=list(person or []),
        rulebook=rulebook,
        calendar=calendar_file,
        waivers=waivers,
        baseline=baseline,
    )
    if opts.since is not None and opts.until is not None and opts.since > opts.until:
        fail([InputError("--since", "usage", "--since 晚于 --until (since is after until)", value=since)])
    try:
        prepared = prepare(opts)
    except InputFailure as exc:
        fail(exc.errors)
    for note in prepared.rulebook.notices:
        _stderr().print(note, markup=False)
    if not as_of:
        from .clock import today

        # Today where the office is (Asia/Shanghai unless [settings] timezone says otherwise).
        opts.as_of_zone = prepared.rulebook.settings["timezone"]
        opts.as_of = pd.Timestamp(today(opts.as_of_zone))
    stamp = opts.as_of.strftime("%Y-%m-%d")
    # One office's rule families judged by several processes (engine._checks_in_processes);
    # past four, each more process saves less than its fork costs on a sample-sized office.
    opts.rule_workers = min(jobs or os.cpu_count() or 1, 4)
    offices, _ = discover_offices(list(paths), prepared.rulebook.settings.get("batch_group", "file"))
    if len(offices) > 1 and any(p.is_dir() for p in paths):
        raise typer.Exit(_check_batch(offices, opts, fmt, lang, fail_on, output, output_dir, stamp, jobs, prepared))
    from .report import failure_report

    source = prepared.rulebook.source

    # On a terminal, a spinner while the audit runs (stderr, gone when done); never in a pipe.
    busy = _stderr().status("审计中 auditing…", spinner="dots") if _stderr_is_terminal() else contextlib.nullcontext()
    try:
        with busy:
            result = run_audit(list(paths), opts, prepared=prepared)
            errors = list(result.errors)
            code = exit_code(result, fail_on)
            report = build_report(result, lang)
    except Exception as exc:  # the report is written whatever happens; the error is in it
        errors = [_internal(paths, "audit", exc)]
        code = EXIT_INPUT
        report = failure_report(opts, errors, lang, source)
    target = output_dir / f"gov-audit-{stamp}.{EXTENSION[fmt]}" if output_dir is not None else output
    if target is not None:
        try:
            try:
                write_report(report, fmt, target, lang, source_root=Path.cwd(), group_by=group_by)
            except OSError:
                raise
            except Exception as exc:  # a renderer's bug: still leave a valid report saying so
                errors.append(_internal(paths, f"{fmt} report", exc))
                code = EXIT_INPUT
                write_report(failure_report(opts, errors, lang, source), fmt, target, lang)
        except OSError as exc:  # e.g. the report is open in Excel on Windows
            fail(
                errors
                + [
                    InputError(
                        str(target),
                        "usage",
                        "无法写入报告，文件是否正被其他程序打开？"
                        f"(cannot write the report; is it open in another program?) {exc.strerror or exc}",
                    )
                ]
            )
    else:
        try:
            text = (
                _render_table_text(report, lang, group_by)
                if fmt == "table"
                else report_text(report, fmt, lang, group_by)
            )
        except Exception as exc:
            errors.append(_internal(paths, f"{fmt} report", exc))
            code = EXIT_INPUT
            text = report_text(failure_report(opts, errors, lang, source), "json" if fmt == "json" else fmt, lang)
        sys.stdout.write(text)
    if errors:
        err = _stderr()
        for e in sorted(errors, key=lambda e: (e.file, e.sheet or "", e.cell or "")):
            err.print(e.render(), markup=False)
    raise typer.Exit(code)


def _internal(paths, stage: str, exc: Exception) -> InputError:
    if os.environ.get("GOV_AUDIT_DEBUG"):
        raise exc
    where = ", ".join(str(p) for p in paths) or stage
    return InputError(
        where,
        "internal",
        f"{stage} 内部错误，请报告此问题 (internal error in {stage}; please report): "
        f"{type(exc).__name__}: {str(exc)[:200]}",
    )


def _render_table_text(report: dict, lang: str, group_by: str = "register") -> str:
    """The table as the terminal will show it, rendered before anything is printed; not
    a terminal, the same lines without rich (``table_text``)."""
    from .render.table import render_table, table_text

    if not _stdout_is_terminal():
        return table_text(report, lang, group_by)
    out = _stdout()
    with out.capture() as cap:
        render_table(report, out, lang, group_by)
    return cap.get()


@dataclass(frozen=True)
class ReportDelivery:
    """What becomes of an office's report in a batch, done in the worker that made it: its
    file written (``--output-dir``), or its JSON encoded for the batch document; what goes
    back to the command line is that, its summary row, exit code and errors.

    Sending each report back whole cost the command line 21 ms an office to unpickle and
    6 ms to write, on the same two cores the workers ran on (100 sample offices: 2.7 s)."""

    fmt: str
    lang: str
    output_dir: Path | None
    stamp: str
    options: Any
    source: str | None
    spool: bool

    def __call__(self, r: dict) -> dict:

        from .batch import summary_row
        from .render.output import EXTENSION, write_report
        from .report import failure_report

        rep = r["report"]
        if self.output_dir is not None and rep is not None:
            safe = r["office"].replace("/", "_").replace("\\", "_")
            path = self.output_dir / f"gov-audit-{safe}-{self.stamp}.{EXTENSION[self.fmt]}"
            try:
                write_report(rep, self.fmt, path, self.lang, source_root=Path.cwd())
            except OSError:
                raise
            except Exception as exc:  # a renderer's bug costs this office its report, not the batch
                errors = [InputError.from_json(e) for e in r["errors"]]
                errors.append(_internal([r["office"]], f"{self.fmt} report", exc))
                write_report(failure_report(self.options, errors, self.lang, self.source), self.fmt, path, self.lang)
                r = dict(r, exit=EXIT_INPUT, errors=[e.to_json() for e in errors])
        out = {"office": r["office"], "exit": r["exit"], "errors": r["errors"], "row": summary_row(r)}
        if self.spool:
            out["json"] = json.dumps(rep, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return out


def _check_batch(offices, opts, fmt, lang, fail_on, output, output_dir, stamp, jobs: int = 0, prepared=None) -> int:
    import json as _json
    import tempfile

    from .batch import batch_exit, run_batch
    from .render.files import atomic_path, write_text_atomic

    err = _stderr()
    progress = None
    if err.is_terminal:
        from rich.progress import Progress

        bar = Progress(console=err, transient=True)
        task = bar.add_task("审计中 auditing", total=len(offices))
        bar.start()
        progress = lambda: bar.advance(task)  # noqa: E731
    with contextlib.ExitStack() as stack:
        # Each office's report is written (or, for one JSON document, spooled to a temporary
        # file) as soon as it is done; only its summary line stays in memory.
        spool = stack.enter_context(tempfile.TemporaryFile()) if fmt == "json" and output_dir is None else None
        spooled: dict[str, tuple[int, int]] = {}

        source = prepared.rulebook.source if prepared is not None else None
        deliver = ReportDelivery(fmt, lang, output_dir, stamp, opts, source, spool=spool is not None)

        def settle(r: dict) -> dict:
            data = r.pop("json", None)
            if data is not None and spool is not None:
                spooled[r["office"]] = (spool.tell(), len(data))
                spool.write(data)
            return r

        try:
            results = run_batch(offices, opts, lang, fail_on, progress, jobs, prepared, settle=settle, deliver=deliver)
        finally:
            if progress:
                bar.stop()
        rows = [r["row"] for r in results]
        batch = {"schema": "gov-audit/batch@1", "as_of": stamp, "offices": rows, "exit": batch_exit(results)}
        if output_dir is not None:
            write_text_atomic(
                output_dir / f"gov-audit-batch-{stamp}.json",
                _json.dumps(batch, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
            )
        if spool is not None:
            if output is not None:
                with atomic_path(output) as tmp, tmp.open("wb") as out:
                    _write_batch_json(batch, spool, spooled, out)
            else:
                sys.stdout.flush()
                _write_batch_json(batch, spool, spooled, sys.stdout.buffer)
                sys.stdout.buffer.flush()
        elif output_dir is None:
            _print_batch_table(rows, lang)
        for r in results:
            for e in r["errors"]:
                err.print(InputError.from_json(e).render(), markup=False)
        return batch["exit"]


_REPORTS_SLOT = "\x00reports\x00"


def _write_batch_json(batch: dict, spool, spooled: dict[str, tuple[int, int]], out) -> None:
    """The batch document with every office's report, byte for byte what
    ``json.dumps(dict(batch, reports={office: report}), ensure_ascii=False, sort_keys=True)``
    gives, copied report by report from the spool (never all of them in memory at once)."""
    import json as _json

    head = _json.dumps(dict(batch, reports=_REPORTS_SLOT), ensure_ascii=False, sort_keys=True)
    slot = _json.dumps(_REPORTS_SLOT, ensure_ascii=False)
    before, after = head.split(slot)
    out.write(before.encode("utf-8") + b"{")
    for i, office in enumerate(sorted(spooled)):
        start, length = spooled[office]
        spool.seek(start)
        out.write((", " if i else "").encode("utf-8") + _json.dumps(office, ensure_ascii=False).encode("utf-8") + b": ")
        out.write(spool.read(length))
    out.write(b"}" + after.encode("utf-8") + b"\n")


def _print_batch_table(rows: list[dict], lang: str) -> None:
    from rich.table import Table

    zh = lang == "zh"
    table = Table(title="各单位审计汇总" if zh else "offices")
    cols = (
        ("单位", "问题", "违规", "预警", "豁免", "处罚", "错误", "退出码")
        if zh
        else ("office", "findings", "breach", "warning", "waived", "penalties", "errors", "exit")
    )
    for c in cols:
        table.add_column(c)
    for r in rows:
        named = r.get("name") or r["office"]
        table.add_row(
            named if named == r["office"] else f"{named} ({r['office']})",
            *(str(r[k]) for k in ("findings", "breach", "warning", "waived", "penalties", "errors", "exit")),
            style="red" if r["exit"] == 2 else ("yellow" if r["exit"] == 1 else ""),
        )
    _stdout().print(table)


@app.command()
def rules(
    ids: list[str] | None = typer.Argument(None, help="规则编号或前缀 rule IDs or prefixes (default: all)"),
    rulebook: Path | None = typer.Option(
        None, "--rulebook", help="规则参数文件 agency TOML (default ./gov-audit.toml)"
    ),
    fmt: str = typer.Option(
        "table",
        "--format",
        help="table | markdown | json | coverage (each obligation of the regulations, judged by) | registers",
    ),
    lang: str = typer.Option("zh", "--lang", help="zh | en"),
) -> None:
    """列出规则：编号、标题、依据条款、现行参数、合格/不合格示例。List rules with the parameters in force."""
    from .errors import InputFailure
    from .ladders import LADDER_DEFAULTS
    from .render.rules_doc import print_rules, rules_markdown
    from .rulebook import load_rulebook
    from .rules import select, unknown_patterns

    bad = unknown_patterns(list(ids or []))
    if bad:
        fail(
            [
                InputError("rules", "usage", "没有这个规则编号或前缀 (no rule ID or prefix matches)", value=b)
                for b in bad
            ]
        )
    try:
        book = load_rulebook(rulebook, LADDER_DEFAULTS)
    except InputFailure as exc:
        fail(exc.errors)
    chosen = [r.id for r in select(list(ids or []))]
    params = {rid: book.params_for(rid) for rid in chosen}
    if fmt == "json":
        from .rules import RULES

        out = [
            {
                "id": rid,
                "title_zh": RULES[rid].title_zh,
                "title_en": RULES[rid].title_en,
                "family": RULES[rid].__module__.rsplit(".", 1)[-1],
                "register": RULES[rid].register,
                "clause": RULES[rid].citation,
                "kind": RULES[rid].kind,
                "parameters": params[rid],
                "severity": "off" if rid in book.disabled else book.severity.get(rid, "breach"),
                "feeds": dict(RULES[rid].feeds),
                "fields": dict(RULES[rid].fields),
                "obligations": list(RULES[rid].obligations),
            }
            for rid in chosen
        ]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    elif fmt == "markdown":
        sys.stdout.write(rules_markdown(chosen, params, book.disabled))
    elif fmt == "coverage":
        from .render.coverage import coverage_markdown

        sys.stdout.write(coverage_markdown())
    elif fmt == "registers":
        from .render.registers_doc import registers_markdown

        sys.stdout.write(registers_markdown())
    elif fmt == "table":
        from rich.console import Console

        print_rules(Console(highlight=False), chosen, params, book.disabled, lang)
    else:
        fail(
            [
                InputError(
                    "--format",
                    "usage",
                    "未知格式 (unknown format)",
                    value=fmt,
                    expected="table, markdown, json, coverage, registers",
                )
            ]
        )


@app.command("sample")
def sample_cmd(
    root: Path = typer.Argument(..., help="各单位台账所在目录 the offices' registers"),
    offices: int = typer.Option(..., "--offices", min=1, help="抽取单位数 how many offices to draw"),
    inspectors: Path = typer.Option(
        ..., "--inspectors", help="检查人员名单 (txt one per line, CSV/XLSX with 姓名[, 单位])"
    ),
    seed: int | None = typer.Option(None, "--seed", help="随机种子（公开后可复核）seed; drawn and recorded if omitted"),
    per_office: int = typer.Option(2, "--per-office", min=1, help="每个单位的检查人员数 inspectors per office"),
    output: Path | None = typer.Option(None, "--output", "-o", help="抽签记录 record (.json, .csv or .md)"),
    on: str | None = typer.Option(None, "--date", help="抽签日期 date of the draw (default today)"),
) -> None:
    """双随机一公开：随机抽取检查对象和检查人员，并生成可公开的抽签记录。Draw inspection targets and inspectors."""
    import json as _json
    import secrets

    from .batch import discover_offices
    from .draw import draw, load_inspectors
    from .render.files import write_text_atomic

    if not root.is_dir():
        fail([InputError(str(root), "usage", "应为目录 (expected a directory)")])
    found, errors = discover_offices([root])
    if not found:
        fail(errors or [InputError(str(root), "usage", "目录中没有单位台账 (no offices found)")])
    people, errs = load_inspectors(inspectors)
    if errs:
        fail(errs)
    seed = seed if seed is not None else secrets.randbelow(10**9)
    import pandas as pd

    day = parse_cli_date(on, "--date").strftime("%Y-%m-%d") if on else pd.Timestamp.today().strftime("%Y-%m-%d")
    record = draw([o.name for o in found], people, offices, per_office, seed, day)
    if output is not None:
        suffix = output.suffix.lower()
        if suffix == ".csv":
            # A 抽查名单 register: audit it beside the inspections register (INS003, INS004).
            lines = ["\ufeff单位,检查人员,抽取日期,随机种子 seed,单位库 sha256"] + [
                f"{a['office']},{'、'.join(a['inspectors'])},{record['date']},{record['seed']},"
                f"{record['offices_pool_sha256']}"
                for a in record["drawn"]
            ]
            text = "\r\n".join(lines) + "\r\n"
        elif suffix == ".md":
            text = (
                f"# 双随机抽查记录 {record['date']}\n\n"
                f"随机种子 seed: `{record['seed']}`；单位库 {record['offices_pool']} 个"
                f"（sha256 `{record['offices_pool_sha256'][:16]}…`），检查人员库 {record['inspectors_pool']} 人"
                f"（sha256 `{record['inspectors_pool_sha256'][:16]}…`）。\n\n| 单位 | 检查人员 |\n|---|---|\n"
                + "".join(f"| {a['office']} | {'、'.join(a['inspectors'])} |\n" for a in record["drawn"])
            )
        else:
            text = _json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        write_text_atomic(output, text)
    from rich.table import Table

    table = Table(title=f"双随机抽查 {day}（种子 seed {seed}）")
    table.add_column("单位 office")
    table.add_column("检查人员 inspectors")
    for a in record["drawn"]:
        table.add_row(a["office"], "、".join(a["inspectors"]))
    _stdout().print(table)


@app.command()
def evaluate(
    reports: Path = typer.Argument(..., help="批量审计的 JSON 报告目录 a batch's --output-dir of JSON reports"),
    rulebook: Path | None = typer.Option(None, "--rulebook", help="评分方案 [evaluate] in the agency TOML"),
    previous: Path | None = typer.Option(None, "--previous", help="上年评估结果 last year's evaluation JSON"),
    submissions: Path | None = typer.Option(
        None, "--submissions", help="信息报送登记 the submissions register (xlsx/csv) to rank"
    ),
    as_of: str | None = typer.Option(None, "--as-of", help="评估日（默认今天）evaluation day"),
    fmt: str = typer.Option("table", "--format", help="table | json | xlsx | html"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入）write to this file"),
    lang: str = typer.Option("zh", "--lang", help="zh | en"),
) -> None:
    """年度评估排名：按各单位审计结果评分、定等、排名。Score, grade and rank offices from their reports.

    Reads the JSON reports a batch wrote (check DIR --format json --output-dir OUT), so
    re-ranking with other weights never audits again.
    """
    import pandas as pd

    from .evaluate import ADOPTION_DEFAULTS, DEFAULTS, evaluation, load_reports, previous_scores, score_report
    from .render.evaluation import render_html, render_json, render_table, render_xlsx
    from .render.files import atomic_path, write_text_atomic
    from .rulebook import load_rulebook

    usage = []
    if fmt not in ("table", "json", "xlsx", "html"):
        usage.append(
            InputError("--format", "usage", "未知格式 (unknown format)", value=fmt, expected="table, json, xlsx, html")
        )
    if fmt == "xlsx" and output is None:
        usage.append(InputError("--format", "usage", "xlsx 须用 --output 写入文件 (xlsx needs --output)"))
    if lang not in ("zh", "en"):
        usage.append(InputError("--lang", "usage", "应为 zh 或 en", value=lang, expected="zh, en"))
    if usage:
        fail(usage)
    try:
        book = load_rulebook(rulebook)
    except Exception as exc:
        from .errors import InputFailure

        if isinstance(exc, InputFailure):
            fail(exc.errors)
        raise
    params = {**DEFAULTS, **book.evaluate}
    day = parse_cli_date(as_of, "--as-of") if as_of else pd.Timestamp.today().normalize()
    found, errors = load_reports(reports)
    if not found:
        fail(errors)
    last: dict[str, float] = {}
    if previous is not None:
        last, errs = previous_scores(previous)
        errors += errs
    scores = []
    for source, rep in found:
        s = score_report(rep, source, params)
        s.previous = last.get(s.office)
        scores.append(s)
    ranking = None
    if submissions is not None:
        from .evaluate import submissions_ranking
        from .intake import load_registers

        intake = load_registers([submissions])
        errors += intake.errors
        if "submissions" in intake.registers:
            frame = intake.registers["submissions"].frame
            with intake.text_held():  # new text held as the register's is
                ranking = submissions_ranking(
                    frame, book.adoption or ADOPTION_DEFAULTS, pd.Timestamp(day.year, 1, 1), day
                )
        else:
            errors.append(InputError(str(submissions), "usage", "没有信息报送登记 (no 信息报送 register found)"))
    ev = evaluation(scores, params, day.strftime("%Y-%m-%d"), ranking)
    if fmt == "xlsx":
        assert output is not None
        wb = render_xlsx(ev, output, lang)
        with atomic_path(output) as tmp:
            wb.save(tmp)
    elif fmt in ("json", "html"):
        text = render_json(ev) if fmt == "json" else render_html(ev, lang)
        if output is not None:
            write_text_atomic(output, text)
        else:
            sys.stdout.write(text)
    else:
        render_table(ev, _stdout(), lang)
    err = _stderr()
    for e in errors:
        err.print(e.render(), markup=False)
    raise typer.Exit(EXIT_INPUT if errors else 0)


@app.command()
def template(
    out: Path = typer.Argument(..., help="输出文件 OUT.xlsx"),
    register: list[str] | None = typer.Option(
        None, "--register", help="只含这些台账 only these registers (key or 中文名), repeatable"
    ),
) -> None:
    """生成空白台账模板（表头、日期格式、下拉列表、说明）。Write an empty workbook with every register's sheet."""
    from .render.template import select_registers, write_template

    regs, unknown = select_registers(register)
    if unknown:
        fail(
            [
                InputError(
                    "--register",
                    "usage",
                    "未知台账 (unknown register)",
                    value=u,
                    expected="attendance, leave, petitions, … 或 考勤、请假登记、信访登记 …",
                )
                for u in unknown
            ]
        )
    if out.suffix.lower() != ".xlsx":
        fail([InputError(str(out), "usage", "模板须为 .xlsx 文件 (the template is an .xlsx file)")])
    write_template(out, regs)
    _stdout().print(f"已写入 {out}：{len(regs)} 个台账 ({', '.join(r.key for r in regs)})")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # never a traceback for a user; GOV_AUDIT_DEBUG=1 shows it
        if os.environ.get("GOV_AUDIT_DEBUG"):
            raise
        print(
            f"gov-audit: 内部错误，请报告此问题 (internal error, please report): {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        sys.exit(EXIT_INPUT)
