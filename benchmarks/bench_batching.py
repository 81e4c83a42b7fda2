"""What judging K offices together could cost: the sample office, and one office holding the
sample's rows K times over, audited in one warm process (CPU seconds, best of a few runs).

    python benchmarks/bench_batching.py [K]     (default 10)

The county's goal (issue 14) needs an office to cost a fraction of what it costs alone.
Most of a sample office's time is pandas' fixed cost per call on small frames (some
thousands of calls on sheets of tens of rows), which a larger frame pays once.  An office
with K times the rows makes about the same calls as one office does, so its cost per K
is the floor a batched engine (one frame per register for K offices, the office in every
key) would approach; the script prints that floor next to today's cost per office.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd

from gov_audit.batch import TOGETHER_MAX_OFFICES, Office, audit_offices
from gov_audit.engine import AuditOptions, prepare, run_audit
from gov_audit.report import build_report

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"


def repeated(path: Path, k: int, out: Path) -> Path:
    """The workbook with each sheet's data rows (below its first row of two or more cells,
    the header) written ``k`` times."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        rows = [[c.value for c in r] for r in ws.iter_rows()]
        header = next((i for i, r in enumerate(rows) if sum(v is not None for v in r) >= 2), 0)
        body = rows[header + 1 :]
        for _ in range(k - 1):
            for r in body:
                ws.append(r)
    wb.save(out)
    return out


def office_cpu(path: Path, options: AuditOptions, runs: int = 6) -> tuple[float, int]:
    """Best CPU seconds of a warm audit and report of one workbook, and its findings."""
    prepared = prepare(options)
    best, found = float("inf"), 0
    for _ in range(runs):
        start = time.process_time()
        result = run_audit([path], options, prepared=prepared)
        build_report(result, lang="zh")
        best = min(best, time.process_time() - start)
        found = len(result.findings)
    return best, found


def together_cpu(paths: list[Path], options: AuditOptions, runs: int = 3) -> float:
    """Best CPU seconds of the offices' audits and reports in one worker's share
    (``batch.audit_offices``: each office read alone, the batched rules judging them together)."""
    prepared = prepare(options)
    offices = [Office(p.stem, [p]) for p in paths]
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        audit_offices(offices, options, "zh", "breach", prepared)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    k = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"))
    with tempfile.TemporaryDirectory() as tmp:
        big = repeated(SAMPLE, k, Path(tmp) / f"sample_x{k}.xlsx")
        one, n_one = office_cpu(SAMPLE, options)
        many, n_many = office_cpu(big, options)
        copies = []
        for i in range(k):
            copies.append(Path(tmp) / f"office{i:03d}.xlsx")
            copies[-1].write_bytes(SAMPLE.read_bytes())
        batch = min(TOGETHER_MAX_OFFICES, k)  # (a worker's share)
        together = together_cpu(copies[:batch], options)
    print(f"one sample office: {one:.3f} s CPU, {n_one} findings")
    print(f"its rows ×{k} in one office: {many:.3f} s CPU, {n_many} findings")
    print(f"cost per office if {k} were judged as one: {many / k:.3f} s = {many / k / one:.2f} of one alone")
    print(
        f"{batch} sample offices in one worker's share (batched rules together): {together:.3f} s CPU = "
        f"{together / batch:.3f} per office = {together / batch / one:.2f} of one alone"
    )


if __name__ == "__main__":
    main()
