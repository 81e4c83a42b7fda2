"""A county: N sample-sized offices audited as one batch (`check DIR`) vs N separate `check FILE` runs.

    python benchmarks/bench_county.py [N]     (default 20 offices; the ratio is what matters)
    python benchmarks/bench_county.py 100 --estimate   (the N separate runs taken as N × the
        best of three: every office is the sample, and 100 real runs would take minutes)
    python benchmarks/bench_county.py --memory 50 200   (batch only: peak memory at each size)

Also the fixed costs a user feels: `gov-audit --help` and one `check` of the sample.
Runs `python -m gov_audit`, so PYTHONPATH=/other/checkout/src measures another version
with the same interpreter and libraries.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure_command  # noqa: E402

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
EXE = [sys.executable, "-m", "gov_audit"]


def best(argv: list[str], runs: int = 3) -> dict:
    return min((measure_command(argv) for _ in range(runs)), key=lambda m: m["seconds"])


def county(root: Path, n: int) -> None:
    root.mkdir()
    for i in range(n):
        shutil.copy(SAMPLE, root / f"office{i:03d}.xlsx")


def memory(sizes: list[int]) -> None:
    """Peak memory of the batch (the parent and, separately, the largest worker) at each size:
    a county's reports must not pile up in memory."""
    peaks = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            county(Path(tmp) / "county", n)
            argv = [*EXE, "check", f"{tmp}/county", "--as-of", "2026-11-30", "--format", "json"]
            m = measure_command([*argv, "--output-dir", f"{tmp}/out"])
            peaks[n] = m["peak_mb"]
            print(f"{n} offices: batch {m['seconds']:.2f} s, peak {m['peak_mb']:.0f} MB (largest process)")
    lo, hi = min(sizes), max(sizes)
    print(f"peak with {hi} offices / with {lo}: {peaks[hi] / peaks[lo]:.2f} (goal ≤ 1.2)")


def main() -> None:
    if sys.argv[1:2] == ["--memory"]:
        memory([int(a) for a in sys.argv[2:]] or [50, 200])
        return
    estimate = "--estimate" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--estimate"]
    n = int(args[0]) if args else 20
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "county"
        root.mkdir()
        for i in range(n):
            shutil.copy(SAMPLE, root / f"office{i:03d}.xlsx")
        helps = best([*EXE, "--help"])
        one = best([*EXE, "check", str(SAMPLE), "--as-of", "2026-11-30", "--format", "json", "-o", f"{tmp}/one.json"])
        t = time.perf_counter()
        for i in range(0 if estimate else n):
            measure_command(
                [
                    *EXE,
                    "check",
                    str(root / f"office{i:03d}.xlsx"),
                    "--as-of",
                    "2026-11-30",
                    "--format",
                    "json",
                    "-o",
                    f"{tmp}/o{i}.json",
                ]
            )
        separate = n * one["seconds"] if estimate else time.perf_counter() - t
        batch = best(
            [*EXE, "check", str(root), "--as-of", "2026-11-30", "--format", "json", "--output-dir", f"{tmp}/out"],
            runs=2,
        )
    print(f"--help {helps['seconds']:.2f} s; sample check {one['seconds']:.2f} s (peak {one['peak_mb']:.0f} MB)")
    print(
        f"{n} offices: batch {batch['seconds']:.2f} s (peak {batch['peak_mb']:.0f} MB) vs {n} separate runs "
        f"{'(estimated) ' if estimate else ''}"
        f"{separate:.2f} s → ratio {batch['seconds'] / separate:.2f}"
    )


if __name__ == "__main__":
    main()
