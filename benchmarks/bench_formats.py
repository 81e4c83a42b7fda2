"""Every report format at scale: a report of N findings (default 50,000) rendered as table
(not a terminal), csv, xlsx, html and json, each in a fresh process with its peak memory.

    python benchmarks/bench_formats.py [N]

The report is the sample's, its findings repeated with distinct ids, rows and people
until there are N: the renderers see what a large office's audit hands them.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure  # noqa: E402

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"


def big_report(path: Path, n: int) -> None:
    import pandas as pd

    from gov_audit.engine import AuditOptions, run_audit
    from gov_audit.report import build_report

    rep = build_report(run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp("2026-11-30"))))
    base = rep["findings"]
    out = []
    for i in range(n):
        f = dict(base[i % len(base)])
        k = i // len(base)
        f["id"] = f"{f['id']}~{k}"
        f["subject"] = f"{f.get('subject') or '单位'}{k}"
        if f.get("row") is not None:
            f["row"] = f["row"] + 1000 * k
        out.append(f)
    rep["findings"] = out
    rep["summary"]["findings"] = n
    path.write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")


BODY = """
import json
from pathlib import Path
from gov_audit.render.output import write_report
rep = json.loads(Path({src!r}).read_text(encoding="utf-8"))
write_report(rep, {fmt!r}, Path({dst!r}), "zh")
"""


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.json"
        big_report(src, n)
        print(f"{n:,} findings")
        for fmt in ("table", "csv", "json", "html", "xlsx"):
            dst = Path(tmp) / f"out.{fmt}"
            m = measure(BODY.format(src=str(src), fmt=fmt, dst=str(dst)))
            print(f"  {fmt:5s} {m['seconds']:6.2f} s  peak {m['peak_mb']:5.0f} MB  {dst.stat().st_size / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
