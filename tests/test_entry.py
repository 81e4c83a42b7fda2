"""The console entry point."""

import gc

from gov_audit.entry import collect_less_often


def test_a_run_collects_garbage_less_often_but_still_collects():
    # The default thresholds cost a sample check 0.11–0.16 s in 417 collections; the run
    # keeps collecting cycles, only less often.
    before = gc.get_threshold()
    try:
        collect_less_often()
        assert gc.get_threshold() == (10_000, 100, 100)
        assert gc.isenabled()
    finally:
        gc.set_threshold(*before)


def test_the_console_run_ends_at_once_with_its_reports_whole(tmp_path):
    # The entry point skips the interpreter's teardown (0.15–0.2 s after a million-row
    # check): the exit code, the report file and everything printed must be complete.
    import json
    import subprocess
    import sys
    from pathlib import Path

    from helpers import check

    sample = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
    args = ["check", str(sample), "--as-of", "2026-11-30", "--format", "json"]
    out = tmp_path / "report.json"
    to_file = subprocess.run([sys.executable, "-m", "gov_audit", *args, "-o", str(out)], capture_output=True)
    to_stdout = subprocess.run([sys.executable, "-m", "gov_audit", *args], capture_output=True)
    code, in_process, _ = check(sample, "--as-of", "2026-11-30")
    assert to_file.returncode == to_stdout.returncode == code == 1
    assert json.loads(out.read_text(encoding="utf-8")) == in_process
    assert json.loads(to_stdout.stdout) == in_process
    missing = subprocess.run(
        [sys.executable, "-m", "gov_audit", "check", str(tmp_path / "none.xlsx")], capture_output=True
    )
    assert missing.returncode == 2 and "none.xlsx" in missing.stderr.decode()
