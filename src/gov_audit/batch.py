"""Batch: audit every office under a directory, each on its own, in parallel processes.

An office is one workbook (``.xlsx .xlsm .xls .ods``); CSV exports, one register per
file, are grouped by the folder they sit in.  A rulebook can group by folder instead
(``[settings] batch_group = "directory"``): every folder is one office.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .read import find_inputs

if TYPE_CHECKING:
    from .intake import Intake


@dataclass
class Office:
    name: str
    files: list[Path]


def discover_offices(paths: Sequence[str | Path], group: str = "file") -> tuple[list[Office], list]:
    files, errors = find_inputs(paths)
    groups: dict[str, list[Path]] = {}
    roots = [p for p in paths if Path(p).is_dir()]
    for f in files:
        root = next((Path(r) for r in roots if _is_under(f, Path(r))), f.parent)
        rel = f.relative_to(root) if _is_under(f, root) else Path(f.name)
        if group == "directory" or f.suffix.lower() == ".csv":
            key = str(rel.parent) if str(rel.parent) != "." else (root.name or "office")
        else:
            key = str(rel.with_suffix(""))
        groups.setdefault(key, []).append(f)
    offices = [Office(name, sorted(fs)) for name, fs in sorted(groups.items())]
    return offices, errors


def _is_under(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def audit_offices(offices: Sequence[Office], options, lang: str, fail_on: str, prepared=None) -> list[dict]:
    """Run in a worker process: each office's report and exit code (never raises).

    Each office's files are read on their own and their sheets typed together
    (``intake.load_offices``); offices whose registers and columns are alike are then
    judged together (``engine.judge_offices``), each getting the report
    it gets alone.  ``prepared`` (rulebook, calendar, waivers, baseline) is the batch's,
    loaded once: each office loading it again cost a quarter of a sample office's time."""
    from .engine import judge_offices, normalize_options, prepare, read_limits
    from .errors import InputFailure
    from .intake import load_offices, load_registers

    results: dict[str, dict] = {}
    try:
        prepared = prepared or prepare(options)
    except InputFailure as exc:
        errors = [e.to_json() for e in exc.errors]
        return [{"office": o.name, "exit": 2, "report": None, "errors": errors} for o in offices]
    no, limits = normalize_options(prepared.rulebook), read_limits(prepared.rulebook)
    loaded: list[tuple[Office, Intake]] = []
    try:
        loaded = list(zip(offices, load_offices([o.files for o in offices], no, limits=limits), strict=True))
    except Exception:  # read together they failed: each alone says what is wrong with it
        for o in offices:
            try:
                loaded.append((o, load_registers(o.files, no, limits=limits)))
            except Exception as exc:  # one office's bug must not stop the batch
                results[o.name] = _internal(o, exc)
    audits: list[Any]
    try:
        audits = judge_offices([it for _, it in loaded], options, prepared)
    except Exception:  # judged together they failed: each alone says what is wrong with it
        audits = []
        for _, it in loaded:
            try:
                audits.append(judge_offices([it], options, prepared)[0])
            except Exception as exc:
                audits.append(exc)
    for (o, _), audit in zip(loaded, audits, strict=True):
        if isinstance(audit, Exception):
            results[o.name] = _internal(o, audit)
        else:
            results[o.name] = _office_result(o, audit, lang, fail_on)
    return [results[o.name] for o in offices]


def audit_office(office: Office, options, lang: str, fail_on: str, prepared=None) -> dict:
    """One office's report and exit code (never raises)."""
    return audit_offices([office], options, lang, fail_on, prepared)[0]


def _office_result(office: Office, result, lang: str, fail_on: str) -> dict:
    from .engine import exit_code
    from .report import build_report

    try:
        report = build_report(result, lang)
    except Exception as exc:
        return _internal(office, exc)
    return {"office": office.name, "exit": exit_code(result, fail_on), "report": report, "errors": report["errors"]}


def _internal(office: Office, exc: BaseException) -> dict:
    return {
        "office": office.name,
        "exit": 2,
        "report": None,
        "errors": [{"file": office.name, "message": f"内部错误 (internal error): {type(exc).__name__}: {exc}"}],
    }


# Offices judged together in one worker: small ones only (a large office's calls already
# work on long columns), and few enough that a worker's share stays small in memory.
# Measured on 2 cores, `check DIR` of 40 sample offices: 18.2–18.6 s in shares of at most
# 8, 15.2–15.3 s of 20, 14.1–15.2 s of 32; of 100 offices (2026-12-02): 18.8–20.9 s in
# shares of 13 (at most 16), 16.6–16.9 s of 25 (at most 32).  The largest process's peak
# grows with the share (about 4 MB a sample office), so what keeps memory flat is that a
# large county's shares are no larger than a small one's: with at most 32, counties of 50
# and of 200 both have shares of 25 (peaks 191 and 202 MB, 1.06×); with at most 20, a
# county of 200 (shares of 20) peaked at 1.19× one of 50 (shares of 13).
TOGETHER_MAX_OFFICES = 32


def office_chunks(offices: Sequence[Office], workers: int) -> list[list[Office]]:
    """The offices in the shares the workers take: small offices (their input no larger than
    ``intake.SMALL_INPUT_BYTES``) in even shares of up to ``TOGETHER_MAX_OFFICES``, each
    large office alone."""
    from .intake import SMALL_INPUT_BYTES

    small, chunks = [], []
    for o in offices:
        size = 0
        for f in o.files:
            with contextlib.suppress(OSError):  # (the reader reports it)
                size += f.stat().st_size
        if size <= SMALL_INPUT_BYTES:
            small.append(o)
        else:
            chunks.append([o])
    if small:
        rounds = -(-len(small) // (workers * TOGETHER_MAX_OFFICES))
        count = min(len(small), workers * rounds)
        size = -(-len(small) // count)
        chunks += [small[i : i + size] for i in range(0, len(small), size)]
    return chunks


_WORKER_PREPARED = None


def _keep_prepared(prepared) -> None:
    global _WORKER_PREPARED
    _WORKER_PREPARED = prepared
    from .entry import collect_less_often

    collect_less_often()  # a spawned worker (Windows) starts with Python's defaults


def _audit_in_worker(offices: list[Office], options, lang: str, fail_on: str, deliver=None) -> list[dict]:
    results = audit_offices(offices, options, lang, fail_on, _WORKER_PREPARED)
    return [deliver(r) for r in results] if deliver is not None else results


def run_batch(
    offices: list[Office],
    options,
    lang: str,
    fail_on: str,
    progress=None,
    jobs: int = 0,
    prepared=None,
    settle: Callable[[dict], dict] | None = None,
    deliver: Callable[[dict], dict] | None = None,
) -> list[dict]:
    """Each office's result, in the offices' order.

    ``deliver(result)`` runs where the office was audited (a worker: it must pickle) and
    returns what is sent on: the command line's (``cli.ReportDelivery``) writes the
    office's report and sends its summary row.  ``settle(result)`` then runs in this
    process as each office finishes (in the order they finish) and returns what is kept
    of it, so a county's reports never pile up in memory."""
    workers = max(1, min(len(offices), jobs or os.cpu_count() or 1))
    if workers > 1:  # the cores are the offices': an office's rules are judged in its worker
        options = dataclasses.replace(options, rule_workers=1)
    results: dict[str, dict] = {}
    keep = settle or (lambda r: r)
    send = deliver or (lambda r: r)
    chunks = office_chunks(offices, workers)
    if workers == 1 or len(offices) == 1:
        for chunk in chunks:
            for r in audit_offices(chunk, options, lang, fail_on, prepared):
                results[r["office"]] = keep(send(r))
                if progress:
                    progress()
    else:
        # The workers start with the prepared rulebook and calendar (inherited at the fork,
        # or pickled once per worker elsewhere), not with one copy per office sent along.
        # (imported here: a single office's check never starts a pool, 0.007 s of imports)
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=workers, initializer=_keep_prepared, initargs=(prepared,)) as pool:
            futures = {pool.submit(_audit_in_worker, chunk, options, lang, fail_on, deliver): chunk for chunk in chunks}
            for fut in as_completed(futures):
                chunk = futures.pop(fut)  # a finished future holds its reports: let them go
                try:
                    done = fut.result()
                except OSError:  # a report that could not be written (disk full): the batch stops
                    raise
                except Exception as exc:  # a worker that died (memory, signal)
                    done = [
                        send(
                            {
                                "office": o.name,
                                "exit": 2,
                                "report": None,
                                "errors": [{"file": o.name, "message": f"审计进程异常退出 (worker failed): {exc}"}],
                            }
                        )
                        for o in chunk
                    ]
                for r in done:
                    results[r["office"]] = keep(r)
                    if progress:
                        progress()
    return [results[o.name] for o in offices]


def batch_summary(results: list[dict]) -> list[dict]:
    return [summary_row(r) for r in results]


def summary_row(r: dict) -> dict:
    """An office's line in the batch summary, from its result."""
    rep = r["report"] or {}
    s = rep.get("summary", {})
    return {
        "office": r["office"],
        # The office's own name (rulebook, else its registers' title rows), beside the
        # file or folder it came from.
        "name": rep.get("office") or r["office"],
        "exit": r["exit"],
        "findings": s.get("findings", 0),
        "breach": s.get("by_severity", {}).get("breach", 0),
        "warning": s.get("by_severity", {}).get("warning", 0),
        "waived": s.get("waived", 0),
        "penalties": s.get("penalties", 0),
        "errors": len(r["errors"]),
        "files": [i["path"] for i in rep.get("inputs", [])],
    }


def batch_exit(results: list[dict]) -> int:
    codes = [r["exit"] for r in results]
    return 2 if 2 in codes else (1 if 1 in codes else 0)
