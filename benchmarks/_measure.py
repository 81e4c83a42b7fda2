"""Time and peak memory of one step, run in a fresh process (so peaks do not mix)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

CHILD = r"""
import json, resource, sys, time
t = time.perf_counter()
{body}
elapsed = time.perf_counter() - t
print(json.dumps({{"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(body: str) -> dict:
    """Run ``body`` (Python source) in a child; its own timing and peak RSS."""
    out = subprocess.run([sys.executable, "-c", CHILD.format(body=body)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_command(argv: list[str]) -> dict:
    """Wall time of a whole command (process start to exit) and its peak RSS."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": elapsed, "peak_mb": max(peak, before) / 1024, "exit": proc.returncode,
            "stderr": proc.stderr[-500:]}
