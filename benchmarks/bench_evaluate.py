"""Evaluating a province: 10,000 per-office results, as a batch's --output-dir holds them.

    python benchmarks/bench_evaluate.py [N]     (default 10,000 offices)

Generates N synthetic office reports (gov-audit/report@1: 0–60 findings each over the
rule catalog, breaches and warnings, some waived, a few penalty tiers), then times the
whole ``gov-audit evaluate DIR --format json`` process (and --format xlsx) with its peak
memory.  Re-ranking with other weights is this second step alone: nothing is audited again.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure_command  # noqa: E402

LADDERS = ("attendance_month", "attendance_year", "first_inquiry", "efficiency_rules", "dept_score")


def write_reports(root: Path, n: int, seed: int = 7) -> None:
    from gov_audit.rules import RULES

    rules = sorted(RULES)
    rng = random.Random(seed)
    for i in range(n):
        findings = []
        for k in range(rng.randint(0, 60)):
            rid = rng.choice(rules)
            f = {"id": f"{rid}:o{i}!{k}", "rule": rid, "severity": "warning" if rng.random() < 0.1 else "breach"}
            if rng.random() < 0.03:
                f["waived"] = True
            findings.append(f)
        penalties = [
            {"ladder": rng.choice(LADDERS), "tier": rng.randint(1, 4), "subject": f"p{j}", "period": "2026"}
            for j in range(rng.randint(0, 6))
        ]
        rep = {"schema": "gov-audit/report@1", "office": f"第{i:05d}单位", "findings": findings, "penalties": penalties}
        (root / f"gov-audit-o{i:05d}-2026-11-30.json").write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    exe = shutil.which("gov-audit") or "gov-audit"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "reports"
        root.mkdir()
        write_reports(root, n)
        size = sum(p.stat().st_size for p in root.iterdir()) / 1e6
        for fmt in ("json", "xlsx"):
            out = Path(tmp) / f"evaluation.{fmt}"
            m = measure_command([exe, "evaluate", str(root), "--as-of", "2026-11-30", "--format", fmt, "-o", str(out)])
            if m["exit"] != 0:
                raise SystemExit(f"evaluate failed: {m['stderr']}")
            print(
                f"{n:,} office reports ({size:.0f} MB): evaluate --format {fmt:4s} {m['seconds']:6.2f} s  "
                f"peak {m['peak_mb']:5.0f} MB  → {out.stat().st_size / 1e6:.1f} MB"
            )


if __name__ == "__main__":
    main()
