"""Building the report's findings at scale: the sample's findings repeated to N (default
50,000) with distinct ids, then ``report.finding_dicts`` — values per column, each rule's
typed fields and its message — in a fresh process, best of 3.

    python benchmarks/bench_report.py [N]

PYTHONPATH=/other/checkout/src measures another version on the same findings.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure  # noqa: E402

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"

SETUP = """
import pandas as pd
from gov_audit.engine import AuditOptions, run_audit
from gov_audit.report import finding_dicts
rep = run_audit([{sample!r}], AuditOptions(as_of=pd.Timestamp("2026-11-30"))).reported
k = {n} // len(rep) + 1
big = pd.concat([rep.assign(id=rep["id"] + f"~{{i}}") for i in range(k)], ignore_index=True).iloc[:{n}]
"""

BODY = """
import time
best = min((lambda t: (finding_dicts(big, "zh", "2026-11-30"), time.perf_counter() - t)[1])(time.perf_counter())
           for _ in range(3))
print("BEST", best)
"""


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    import json
    import subprocess

    code = SETUP.format(sample=str(SAMPLE), n=n) + BODY
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    best = float(next(line for line in out.splitlines() if line.startswith("BEST")).split()[1])
    peak = measure(SETUP.format(sample=str(SAMPLE), n=n) + 'finding_dicts(big, "zh", "2026-11-30")')["peak_mb"]
    print(json.dumps({"findings": n, "finding_dicts_seconds": round(best, 3), "peak_mb": round(peak)}))


if __name__ == "__main__":
    main()
