"""The audit: intake → rules → ladders, for one set of inputs.

``run_audit`` returns everything the renderers need; nothing here formats output.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .calendar import CalendarRangeError, WorkCalendar
from .calendar_file import load_calendar_file
from .errors import InputError, InputFailure
from .intake import Intake, load_registers
from .normalize import NormalizeOptions, combine_offices
from .read import ReadLimits
from .rulebook import Rulebook, load_rulebook
from .rules import select, unknown_patterns
from .rules.base import (
    Context,
    FindingsRows,
    ParameterError,
    column_arrays,
    empty_findings,
    stack_findings_of_offices,
)


@dataclass
class AuditOptions:
    as_of: pd.Timestamp
    since: pd.Timestamp | None = None
    until: pd.Timestamp | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    depts: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    rulebook: Path | None = None
    calendar: Path | None = None
    waivers: Path | None = None
    baseline: Path | None = None
    # How the as-of day was chosen: "" for --as-of, else the zone whose today it is.
    as_of_zone: str = ""
    # Processes that may judge one office's rules at once (this one and forks of it; see
    # _checks_in_processes).  1, the library's default, judges them here, one by one.
    rule_workers: int = 1


@dataclass
class NotJudged:
    rule: str
    register: str
    reason: str  # register_absent | column_absent:<col>


@dataclass
class AuditResult:
    options: AuditOptions
    since: pd.Timestamp
    until: pd.Timestamp
    findings: pd.DataFrame  # every finding, with a boolean "reported" column
    penalties: list[dict[str, Any]]
    errors: list[InputError]
    intake: Intake
    calendar: WorkCalendar
    rulebook: Rulebook
    rules_run: list[str]
    not_judged: list[NotJudged]
    waivers: list[dict[str, Any]] = field(default_factory=list)
    baselined: int = 0
    baseline_entries: list[dict[str, Any]] = field(default_factory=list)
    # The rules that judged this office together with others (judge_offices), not alone.
    judged_together: list[str] = field(default_factory=list)

    @property
    def reported(self) -> pd.DataFrame:
        return self.findings[self.findings["reported"]]


def audit_range(options: AuditOptions) -> tuple[pd.Timestamp, pd.Timestamp]:
    until = options.until if options.until is not None else options.as_of
    since = options.since if options.since is not None else pd.Timestamp(until.year, 1, 1)
    return since.normalize(), until.normalize()


@dataclass
class Prepared:
    rulebook: Rulebook
    calendar: WorkCalendar
    waivers: list[Any] = field(default_factory=list)
    baseline_ids: set[str] = field(default_factory=set)
    baseline_triples: set[tuple[str, str, str | None]] = field(default_factory=set)
    baseline_entries: list[dict[str, Any]] = field(default_factory=list)

    def __iter__(self) -> Iterator[Any]:  # (rulebook, calendar) unpacking
        return iter((self.rulebook, self.calendar))


def prepare(options: AuditOptions) -> Prepared:
    """Rulebook, calendar, waivers and baseline, or InputFailure: without them nothing can be judged."""
    from .ladders import LADDER_DEFAULTS
    from .waivers import load_baseline, load_waivers

    errors = [
        InputError(
            f"--rule {p}" if p in options.include else f"--ignore {p}",
            "usage",
            "没有这个规则编号或前缀 (no rule ID or prefix matches)",
            value=p,
        )
        for p in unknown_patterns(options.include + options.exclude)
    ]
    if errors:
        raise InputFailure(errors)
    book = load_rulebook(options.rulebook, LADDER_DEFAULTS)
    cal_path = options.calendar or book.calendar_file
    cal = WorkCalendar()
    if cal_path is not None:
        overrides, errs = load_calendar_file(cal_path)
        if errs:
            raise InputFailure(errs)
        cal = WorkCalendar(overrides)
    prepared = Prepared(book, cal)
    if options.waivers is not None:
        prepared.waivers, errs = load_waivers(options.waivers)
        if errs:
            raise InputFailure(errs)
    if options.baseline is not None:
        prepared.baseline_ids, prepared.baseline_triples, errs, prepared.baseline_entries = load_baseline(
            options.baseline
        )
        if errs:
            raise InputFailure(errs)
    return prepared


def read_limits(book: Rulebook) -> ReadLimits:
    return ReadLimits(max_cells=int(book.settings["max_cells"]), max_columns=int(book.settings["max_columns"]))


def normalize_options(book: Rulebook) -> NormalizeOptions:
    s = book.schedules[0].sessions if book.schedules else [(8.5 * 3600, 17.5 * 3600)]
    symbols, month = dict(book.symbols), book.attendance_month
    if len(s) == 2:
        return NormalizeOptions(session_split=(s[0][1] + s[1][0]) / 2, symbols=symbols, month=month)
    return NormalizeOptions(midpoint=(s[0][0] + s[0][1]) / 2, symbols=symbols, month=month)


def run_audit(
    paths: Sequence[str | Path],
    options: AuditOptions,
    *,
    prepared: Prepared | None = None,
    intake: Intake | None = None,
) -> AuditResult:
    prepared = prepared or prepare(options)
    if intake is None:
        intake = load_registers(paths, normalize_options(prepared.rulebook), limits=read_limits(prepared.rulebook))
    return judge_offices([intake], options, prepared)[0]


def office_signature(intake: Intake) -> tuple[Any, ...]:
    """What decides which rules an office's registers are judged by, and how: offices with
    the same signature can be judged together (``judge_offices``)."""
    return (
        intake.text_storage,
        tuple((key, tuple(sorted(data.present))) for key, data in sorted(intake.registers.items())),
    )


def judge_offices(intakes: Sequence[Intake], options: AuditOptions, prepared: Prepared) -> list[AuditResult]:
    """Each office's audit, in order.

    Offices of one signature (``office_signature``) are judged together: a batched rule
    (``Rule.batched``) judges their registers laid end to end, once, and its findings go
    back to the office each names; every other rule, and every step after the rules, runs
    office by office.  Each office's result is the one it gets alone (the tests hold the
    report bytes equal).  Judging a county's small offices this way costs pandas' fixed
    cost per call once for several offices, not once each."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, it in enumerate(intakes):
        groups.setdefault(office_signature(it), []).append(i)
    results: dict[int, AuditResult] = {}
    for members in groups.values():
        group = [intakes[i] for i in members]
        with group[0].text_held():
            judged = _judge_rules(group, options, prepared)
            for i, result in zip(members, _finish(group, judged, options, prepared), strict=True):
                results[i] = result
    return [results[i] for i in range(len(intakes))]


@dataclass
class _Judged:
    """One office after the rules."""

    errors: list[InputError]
    findings: list[pd.DataFrame | FindingsRows] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    not_judged: list[NotJudged] = field(default_factory=list)
    judged_together: list[str] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)


def _judge_rules(intakes: Sequence[Intake], options: AuditOptions, prepared: Prepared) -> list[_Judged]:
    book, cal = prepared
    since, until = audit_range(options)
    # One place aligns and filters: rules see only the rows that exist on the as-of day.
    as_of_day = options.as_of.normalize()
    offices = [_Judged(list(it.errors)) for it in intakes]
    views: list[dict[str, Any] | None] = [None] * len(intakes)  # each office's own, when a rule runs office by office
    registers = intakes[0].registers  # (the same registers and columns in every office)
    together: dict[str, Any] | None = None
    together_cache: dict[str, Any] = {}
    owners = _file_owners(intakes)

    def context(view: dict[str, Any], rule_cls: Any, cache: dict[str, Any]) -> Context:
        return Context(
            view,
            cal,
            as_of_day,
            since,
            until,
            params=book.params_for(rule_cls.id),
            schedules=book.schedules,
            settings=book.settings,
            cache=cache,
            params_of=book.params_for,
        )

    chosen = [r for r in select(options.include, options.exclude) if r.id not in book.disabled]
    reasons = {r.id: _not_judged(r, registers) for r in chosen}
    # One office's rules, judged ahead by several processes when it may (the loop below
    # then takes each rule's answer from here, or judges it itself if it has none).
    checked: dict[str, tuple[pd.DataFrame | FindingsRows, InputError | None]] = {}
    if len(intakes) == 1 and options.rule_workers > 1:
        own = views[0] = {k: d.upto(as_of_day) for k, d in intakes[0].registers.items()}
        if sum(len(d.frame) for d in own.values()) <= FORK_MAX_ROWS:
            cache = offices[0].cache
            checked = _checks_in_processes(
                [r for r in chosen if reasons[r.id] is None],
                lambda r: _as_rows(_check(r, context(own, r, cache), book)),
                options.rule_workers,
            )
    for rule_cls in chosen:
        reason = reasons[rule_cls.id]
        if reason is not None:
            if reason.reason:  # (a rule whose own register is absent is not named, see _not_judged)
                for o in offices:
                    o.not_judged.append(replace(reason))
            continue
        if rule_cls.batched and len(intakes) > 1 and owners is not None:
            if together is None:
                together = {k: combine_offices([it.registers[k] for it in intakes]).upto(as_of_day) for k in registers}
            found, error = _check(rule_cls, context(together, rule_cls, together_cache), book)
            parts = _split(found, owners, len(intakes)) if error is None else None
            if parts is not None:
                for o, part in zip(offices, parts, strict=True):
                    o.rules_run.append(rule_cls.id)
                    o.judged_together.append(rule_cls.id)
                    if part is not None:
                        o.findings.append(part)
                continue
            # (an error, or a finding citing no file: each office alone says what it says)
        for i, o in enumerate(offices):
            view = views[i]
            if view is None:
                view = views[i] = {k: d.upto(as_of_day) for k, d in intakes[i].registers.items()}
            done = checked.pop(rule_cls.id, None)
            found, error = done if done is not None else _check(rule_cls, context(view, rule_cls, o.cache), book)
            if error is not None:
                o.errors.append(error)
                continue
            o.rules_run.append(rule_cls.id)
            if len(found):
                o.findings.append(found)
    return offices


def _not_judged(rule_cls: Any, registers: dict[str, Any]) -> NotJudged | None:
    """Why ``rule_cls`` cannot judge ``registers`` (None if it can).  Its own register
    absent is normal, the report lists those once: that reason is blank, not named."""
    needed = (rule_cls.register, *rule_cls.also_needs)
    absent = [r for r in needed if r not in registers]
    if absent:
        # A rule missing only its second register is worth naming.
        reason = "register_absent" if rule_cls.register in registers else ""
        return NotJudged(rule_cls.id, absent[0], reason)
    missing_cols = [c for c in rule_cls.requires_columns if c not in registers[rule_cls.register].present]
    if missing_cols:
        return NotJudged(rule_cls.id, rule_cls.register, f"column_absent:{missing_cols[0]}")
    return None


# An office of more rows than this is judged in one process: a fork shares the registers'
# memory only until something writes near them (Python's reference counts do), and on a
# large office the rules are a small share of the audit (0.4 s of 7 on a million rows).
FORK_MAX_ROWS = 200_000


def _checks_in_processes(
    rules: list[Any], check: Callable[[Any], tuple[pd.DataFrame | FindingsRows, InputError | None]], workers: int
) -> dict[str, tuple[pd.DataFrame | FindingsRows, InputError | None]]:
    """``check(rule)`` for each of ``rules``, by rule ID, judged by up to ``workers``
    processes at once: this one and forks of it, each taking the next family of rules
    from a shared pipe until none is left, the forks sending back what they found.

    A single office's rules are a hundred small judgements, each mostly pandas' fixed cost
    per call, so one office costs as much as a share of sixteen; on two cores the rules of
    the sample workbook took 0.55 s instead of 0.9.  A family stays in one process: its
    rules share what they build (``Context.cache``).  The findings are those a single
    process finds: each rule sees the same registers, and a cache only saves work.

    Only where ``os.fork`` is safe and cheap (Linux); elsewhere, or with one worker, {}.
    What a fork did not send back (it failed, or was killed) is missing from the answer:
    the caller judges those rules itself."""
    import os
    import pickle

    if workers < 2 or not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return {}
    families: dict[str, list[Any]] = {}
    for r in rules:
        families.setdefault(r.__module__, []).append(r)
    # The families with most rules first: the last ones taken are short, and the
    # processes finish together.
    units = sorted(families.values(), key=len, reverse=True)
    if len(units) < 2 or len(units) > 255:
        return {}
    workers = min(workers, len(units))
    queue_r, queue_w = os.pipe()
    os.write(queue_w, bytes(range(len(units))))  # (a few bytes: the pipe holds them all)
    os.close(queue_w)  # read to its end, the queue is empty

    def judge_units() -> dict[str, tuple[pd.DataFrame | FindingsRows, InputError | None]]:
        out = {}
        while unit := os.read(queue_r, 1):  # (a pipe read is atomic: each unit is taken once)
            for r in units[unit[0]]:
                out[r.id] = check(r)
        return out

    for stream in (sys.stdout, sys.stderr):  # (what is buffered is written once, by this process)
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    forks: list[tuple[int, int]] = []
    try:
        for _ in range(workers - 1):
            result_r, result_w = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # (no process to spare: fewer judge, or this one alone)
                os.close(result_r)
                os.close(result_w)
                break
            if pid == 0:  # the fork: judge, send, and end without running the parent's exit code
                status = 1
                try:
                    os.close(result_r)
                    data = pickle.dumps(judge_units(), protocol=pickle.HIGHEST_PROTOCOL)
                    with os.fdopen(result_w, "wb") as sink:
                        sink.write(data)
                    status = 0
                finally:
                    os._exit(status)
            os.close(result_w)
            forks.append((pid, result_r))
        found = judge_units()
        while forks:
            pid, result_r = forks.pop()
            with os.fdopen(result_r, "rb") as source:
                data = source.read()
            _, status = os.waitpid(pid, 0)
            if status == 0 and data:  # (exit status 0: it sent all it judged)
                found.update(pickle.loads(data))
    finally:
        os.close(queue_r)
        for pid, result_r in forks:  # (interrupted: the forks are not waited for)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(result_r)
    return found


def _as_rows(judged: tuple[pd.DataFrame, InputError | None]) -> tuple[FindingsRows, InputError | None]:
    """A rule's findings as their columns' arrays, as a fork sends them back: unpickling
    frames rebuilds their block managers and indexes (20 ms for a sample office's half of
    the rules, most of them with no finding), and the stack reads the arrays anyway."""
    frame, error = judged
    return (FindingsRows(list(frame.columns), column_arrays(frame), 0, len(frame)) if len(frame) else _NO_ROWS), error


_NO_ROWS = FindingsRows([], [], 0, 0)


def _check(rule_cls: Any, ctx: Context, book: Rulebook) -> tuple[pd.DataFrame, InputError | None]:
    """A rule's findings, or the error that kept it from judging."""
    try:
        return rule_cls().check(ctx), None
    except CalendarRangeError as exc:
        return empty_findings(), InputError(rule_cls.register, "bad_value", f"{rule_cls.id}: {exc}")
    except ParameterError as exc:
        return empty_findings(), InputError(book.source or "rulebook", "rulebook", str(exc))
    except Exception as exc:  # a bug must not cost the user the rest of the audit
        return empty_findings(), InputError(
            rule_cls.register,
            "internal",
            f"规则 {rule_cls.id} 内部错误，未能审查，请报告此问题 (internal error in rule {rule_cls.id}, "
            f"not judged; please report): {type(exc).__name__}: {exc}",
        )


def _file_owners(intakes: Sequence[Intake]) -> dict[str, int] | None:
    """Each input file's office, or None when two offices name a file alike (their
    findings could not be told apart: such offices are judged one by one)."""
    owners: dict[str, int] = {}
    for i, it in enumerate(intakes):
        for f in it.inputs:
            if owners.setdefault(f.path, i) != i:
                return None
    return owners


def _split(found: pd.DataFrame, owners: dict[str, int], n: int) -> list[FindingsRows | None] | None:
    """A batched rule's findings, office by office (None for an office it found nothing
    in): by the office a finding names in ``_office`` (a period or a day with no rows
    cites no file), else by the file it cites; None if some finding names neither."""
    if not len(found):
        return [None] * n
    files, names = pd.factorize(found["file"])  # (each file looked up once, not once a finding)
    codes = np.array([owners.get(f, np.nan) for f in names] + [np.nan], dtype=float)[files]
    if "_office" in found.columns:
        named = pd.to_numeric(found.pop("_office"), errors="coerce").to_numpy(dtype=float)
        codes = np.where(np.isnan(named), codes, named)
    if np.isnan(codes).any():
        return None
    # One stable sort by office (none when the findings already come office by office, as
    # most do) and each office's rows a slice of the sorted columns.
    if not (codes[1:] >= codes[:-1]).all():
        order = np.argsort(codes, kind="stable")
        found, codes = found.take(order), codes[order]
    bounds = np.searchsorted(codes, np.arange(n + 1)).tolist()
    columns, arrays = list(found.columns), column_arrays(found)
    return [
        FindingsRows(columns, arrays, a, b) if b > a else None for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def _finish(
    intakes: Sequence[Intake], judged: Sequence[_Judged], options: AuditOptions, prepared: Prepared
) -> list[AuditResult]:
    """Each office's findings after the rules: settled, waived, laddered, and filtered.

    The ladders of all the offices are computed in one pass (``ladders_of_offices``: every
    count is per office); if that fails, each office's alone, so the error is its own."""
    from .ladders import ladders_of_offices
    from .waivers import apply_waivers

    book, cal = prepared
    since, until = audit_range(options)
    as_of_day = options.as_of.normalize()
    found = [k for k, j in enumerate(judged) if j.findings]
    stacked = dict(zip(found, stack_findings_of_offices([judged[k].findings for k in found]), strict=True))
    settled = []
    for k in range(len(judged)):
        frame = stacked[k] if k in stacked else empty_findings()
        settled.append(apply_waivers(_settle(frame, book), prepared.waivers, as_of_day))
    # A waived finding is an approved exception: it feeds no penalty ladder.
    fed = [frame[~frame["waived"]] for frame, _ in settled]
    try:
        ladders = ladders_of_offices(fed, list(intakes), cal, book, as_of_day, since, until)
    except Exception:
        ladders = None
    results = []
    for i, (intake, j, (frame, waiver_status)) in enumerate(zip(intakes, judged, settled, strict=True)):
        errors = j.errors
        if ladders is not None:
            penalties = ladders[i]
        else:
            try:
                penalties = ladders_of_offices([fed[i]], [intake], cal, book, as_of_day, since, until)[0]
            except Exception as exc:  # findings are still reported; the missing tiers are named as an error
                penalties = []
                errors.append(
                    InputError(
                        "ladders",
                        "internal",
                        f"处罚档次计算内部错误，未能评定，请报告此问题 (internal error in the penalty "
                        f"ladders, tiers not assessed; please report): {type(exc).__name__}: {exc}",
                    )
                )
        results.append(_result(intake, j, frame, waiver_status, penalties, errors, options, prepared))
    return results


def _result(
    intake: Intake,
    judged: _Judged,
    frame: pd.DataFrame,
    waiver_status: Any,
    penalties: list[dict[str, Any]],
    errors: list[InputError],
    options: AuditOptions,
    prepared: Prepared,
) -> AuditResult:
    """One office's result: what is reported, what the baseline already knew."""
    book, cal = prepared
    since, until = audit_range(options)
    frame["reported"] = _reported(frame, options, since, until)
    baselined = 0
    frame["still_open"] = False
    ids, triples = prepared.baseline_ids, prepared.baseline_triples
    if (ids or triples) and len(frame):
        due = pd.to_datetime(frame["due"], errors="coerce").dt.strftime("%Y-%m-%d")
        triple = pd.MultiIndex.from_arrays(
            [frame["rule"].astype(object), frame["key"].astype(object), due.astype(object).where(due.notna(), None)]
        )
        known = frame["id"].isin(ids) | pd.Series(triple.isin(list(triples)), index=frame.index)
        baselined = int((known & frame["reported"]).sum())
        frame["still_open"] = known & frame["reported"]
        frame["reported"] &= ~known
    penalties = [p for p in penalties if _penalty_reported(p, options)]
    return AuditResult(
        options,
        since,
        until,
        frame,
        penalties,
        errors,
        intake,
        cal,
        book,
        judged.rules_run,
        judged.not_judged,
        waiver_status,
        baselined,
        prepared.baseline_entries,
        judged.judged_together,
    )


def _settle(frame: pd.DataFrame, book: Rulebook) -> pd.DataFrame:
    """Severity for provisional findings, a sortable date, and the deterministic order."""
    if frame.empty:
        frame = empty_findings()
        frame["id"] = pd.Series(dtype=object)
        return frame
    # The rulebook's per-rule severity: an office may treat a rule's breaches as warnings.
    for rid, sev in book.severity.items():
        if sev == "warning":
            frame.loc[(frame["rule"] == rid) & (frame["severity"] == "breach"), "severity"] = "warning"
    # A due date computed on a provisional calendar can move when the State Council
    # publishes the year's 调休: a breach by no more than that margin is only a warning.
    margin = book.settings["provisional_margin_wd"]
    prov = frame["provisional"].astype(bool)
    small = pd.to_numeric(frame["late_by"], errors="coerce").fillna(0) <= margin
    frame.loc[prov & small & frame["status"].isin(["late", "overdue"]), "severity"] = "warning"
    frame["date"] = pd.to_datetime(frame["date"])
    frame["_rowsort"] = pd.to_numeric(frame["row"], errors="coerce").fillna(-1)
    frame = (
        frame.sort_values(
            ["register", "file", "sheet", "_rowsort", "rule", "key", "date", "subject"],
            kind="stable",
            na_position="first",
            key=lambda s: s.astype(str) if s.dtype == object else s,
        )
        .drop(columns="_rowsort")
        .reset_index(drop=True)
    )
    # A stable id per finding, for penalties and waivers to point at: the source cell's
    # row, else the finding's key; repeats (two absences on one row) get #2, #3.
    row = pd.to_numeric(frame["row"], errors="coerce")
    where = frame["file"].astype(str) + ":" + frame["sheet"].astype(str) + "!" + row.fillna(0).astype(int).astype(str)
    base = frame["rule"] + ":" + where.where(row.notna(), frame["key"].astype(str))
    dup = base.groupby(base).cumcount()
    frame["id"] = base + np.where(dup > 0, "#" + (dup + 1).astype(str), "")
    return frame


def _reported(frame: pd.DataFrame, options: AuditOptions, since: pd.Timestamp, until: pd.Timestamp) -> pd.Series:
    if frame.empty:
        return pd.Series(dtype=bool)
    date = pd.to_datetime(frame["date"]).dt.normalize()
    in_range = date.between(since, until) | frame["status"].isin(["overdue", "due_soon"])
    if options.depts:
        in_range &= frame["dept"].isin(options.depts)
    if options.persons:
        in_range &= frame["subject"].isin(options.persons)
    return in_range


def _penalty_reported(p: dict[str, Any], options: AuditOptions) -> bool:
    if options.persons and p.get("subject") not in options.persons:
        return False
    if options.depts and p.get("dept") not in options.depts and p.get("subject") not in options.depts:
        return False
    return bool(p.get("reported", True))


def exit_code(result: AuditResult, fail_on: str) -> int:
    if result.errors:
        return 2
    rep = result.reported
    if "waived" in rep.columns:
        rep = rep[~rep["waived"].astype(bool)]
    if fail_on == "never" or rep.empty:
        return 0
    if fail_on == "warning":
        return 1
    return 1 if (rep["severity"] == "breach").any() else 0
