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


def test_help_is_drawn_the_same_without_importing_markdown():
    # typer's help renderer imports rich.markdown (0.06 s) for Markdown help we never
    # write: --help skips it, and draws the same bytes as with it.
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    run = "import sys; sys.argv = ['gov-audit', *sys.argv[1:]]; from gov_audit.entry import main; main()"
    with_markdown = "import rich.markdown, typer.rich_utils; " + run
    probe = (
        "import sys; sys.argv = ['gov-audit', '--help']; import gov_audit.entry as e; "
        "e.exit_now = lambda code: print(sorted(m for m in ('markdown_it', 'rich.markdown') "
        "if m in sys.modules), file=sys.stderr) or sys.exit(0); e.main()"
    )
    for args in (["--help"], ["check", "--help"], ["rules", "--help"], []):
        fast = subprocess.run([sys.executable, "-c", run, *args], capture_output=True, env=env)
        full = subprocess.run([sys.executable, "-c", with_markdown, *args], capture_output=True, env=env)
        assert fast.returncode == full.returncode and fast.stdout == full.stdout and fast.stderr == full.stderr, args
        assert "--help" in (fast.stdout + fast.stderr).decode("utf-8")
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=env, text=True)
    assert imported.stderr.strip() == "[]"


def test_the_markdown_stand_in_leaves_the_real_module_to_everyone_else():
    import subprocess
    import sys

    script = (
        "import sys; from gov_audit.entry import rich_help_without_markdown; rich_help_without_markdown(); "
        "import typer.rich_utils as r; assert 'rich.markdown' not in sys.modules; "
        "m = r.Markdown('# x'); import rich.markdown; "
        "assert type(m) is rich.markdown.Markdown and rich.markdown.Markdown is not r.Markdown; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
