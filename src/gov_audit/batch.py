"""Batch: audit every office under a directory, each on its own, in parallel processes.

An office is one workbook (``.xlsx .xlsm .xls .ods``); CSV exports, one register per
file, are grouped by the folder they sit in.  A rulebook can group by folder instead
(``[settings] batch_group = "directory"``): every folder is one office.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .read import find_inputs


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


def audit_office(office: Office, options, lang: str, fail_on: str, prepared=None) -> dict:
    """Run in a worker process: one office's report and exit code (never raises).

    ``prepared`` (rulebook, calendar, waivers, baseline) is the batch's, loaded once: each
    office loading it again cost a quarter of a sample office's time."""
    from .engine import exit_code, run_audit
    from .errors import InputFailure
    from .report import build_report

    try:
        result = run_audit(office.files, options, prepared=prepared)
    except InputFailure as exc:
        return {"office": office.name, "exit": 2, "report": None, "errors": [e.to_json() for e in exc.errors]}
    except Exception as exc:  # one office's bug must not stop the batch
        return {
            "office": office.name,
            "exit": 2,
            "report": None,
            "errors": [{"file": office.name, "message": f"内部错误 (internal error): {type(exc).__name__}: {exc}"}],
        }
    report = build_report(result, lang)
    return {"office": office.name, "exit": exit_code(result, fail_on), "report": report, "errors": report["errors"]}


_WORKER_PREPARED = None


def _keep_prepared(prepared) -> None:
    global _WORKER_PREPARED
    _WORKER_PREPARED = prepared
    from .entry import collect_less_often

    collect_less_often()  # a spawned worker (Windows) starts with Python's defaults


def _audit_in_worker(office: Office, options, lang: str, fail_on: str) -> dict:
    return audit_office(office, options, lang, fail_on, _WORKER_PREPARED)


def run_batch(
    offices: list[Office],
    options,
    lang: str,
    fail_on: str,
    progress=None,
    jobs: int = 0,
    prepared=None,
    settle: Callable[[dict], dict] | None = None,
) -> list[dict]:
    """Each office's result, in the offices' order.

    ``settle(result)`` runs in this process as each office finishes (in the order they
    finish) and returns what is kept of it: the command line writes the office's report
    there and keeps its summary row, so a county's reports never pile up in memory."""
    workers = max(1, min(len(offices), jobs or os.cpu_count() or 1))
    results: dict[str, dict] = {}
    keep = settle or (lambda r: r)
    if workers == 1 or len(offices) == 1:
        for o in offices:
            results[o.name] = keep(audit_office(o, options, lang, fail_on, prepared))
            if progress:
                progress()
    else:
        # The workers start with the prepared rulebook and calendar (inherited at the fork,
        # or pickled once per worker elsewhere), not with one copy per office sent along.
        with ProcessPoolExecutor(max_workers=workers, initializer=_keep_prepared, initargs=(prepared,)) as pool:
            futures = {pool.submit(_audit_in_worker, o, options, lang, fail_on): o for o in offices}
            for fut in as_completed(futures):
                o = futures.pop(fut)  # a finished future holds its report: let both go
                try:
                    result = fut.result()
                except Exception as exc:  # a worker that died (memory, signal)
                    result = {
                        "office": o.name,
                        "exit": 2,
                        "report": None,
                        "errors": [{"file": o.name, "message": f"审计进程异常退出 (worker failed): {exc}"}],
                    }
                results[o.name] = keep(result)
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
