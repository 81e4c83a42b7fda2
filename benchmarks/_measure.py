"""Time and peak memory of one step, run in a fresh process (so peaks do not mix)."""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, sys, time
t = time.perf_counter()
{body}
elapsed = time.perf_counter() - t
print(json.dumps({{"seconds": elapsed}}))
"""

# The peak is read by a small process of its own, from the command it waited for.  A
# process started straight from the benchmark inherits the benchmark's peak: Linux keeps
# the larger of the old and new peak across fork and exec, so a step measured from a
# benchmark holding a 260 MB report reported 260 MB whatever the step used.
WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": time.perf_counter() - t, "exit": p.returncode, "stderr": p.stderr[-500:],
                  "stdout": p.stdout[-2000:], "peak_mb": peak}))
"""


def measure(body: str) -> dict:
    """Run ``body`` (Python source) in a fresh process: its own timing, and its peak RSS."""
    m = measure_command([sys.executable, "-c", CHILD.format(body=body)])
    if m["exit"] != 0:
        raise RuntimeError(f"the measured step failed (exit {m['exit']}): {m['stderr']}")
    own = json.loads(m["stdout"].strip().splitlines()[-1])
    return {"seconds": own["seconds"], "peak_mb": m["peak_mb"]}


def measure_command(argv: list[str]) -> dict:
    """Wall time of a whole command (process start to exit) and its own peak RSS.

    A fresh wrapper process runs the command, so the peak is that command's alone.
    """
    out = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])
