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
    # typer's help renderer imports rich.markdown and rich.traceback (0.06–0.08 s with
    # what they import) for Markdown help and tracebacks we never show: --help skips
    # them, and draws the same bytes as with them.
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    run = "import sys; sys.argv = ['gov-audit', *sys.argv[1:]]; from gov_audit.entry import main; main()"
    with_markdown = "import rich.markdown, rich.traceback, typer.rich_utils; " + run
    probe = (
        "import sys; sys.argv = ['gov-audit', '--help']; import gov_audit.entry as e; "
        "unused = ('markdown_it', 'rich.markdown', 'rich.traceback', 'pygments'); "
        "e.exit_now = lambda code: print(sorted(m for m in unused if m in sys.modules), file=sys.stderr) "
        "or sys.exit(0); e.main()"
    )
    for args in (["--help"], ["check", "--help"], ["rules", "--help"], []):
        fast = subprocess.run([sys.executable, "-c", run, *args], capture_output=True, env=env)
        full = subprocess.run([sys.executable, "-c", with_markdown, *args], capture_output=True, env=env)
        assert fast.returncode == full.returncode and fast.stdout == full.stdout and fast.stderr == full.stderr, args
        assert "--help" in (fast.stdout + fast.stderr).decode("utf-8")
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=env, text=True)
    assert imported.stderr.strip() == "[]"


def test_the_stand_ins_leave_the_real_modules_to_everyone_else():
    import subprocess
    import sys

    script = (
        "import sys; from gov_audit.entry import rich_help_without_unused_imports; "
        "rich_help_without_unused_imports(); import typer.rich_utils as r; "
        "assert 'rich.markdown' not in sys.modules and 'rich.traceback' not in sys.modules; "
        "m = r.Markdown('# x'); import rich.markdown; "
        "assert type(m) is rich.markdown.Markdown and rich.markdown.Markdown is not r.Markdown; "
        "import rich.traceback; from rich.console import Console; "
        "assert r.Traceback.from_exception == rich.traceback.Traceback.from_exception; "
        "\ntry:\n    1 / 0\nexcept ZeroDivisionError as e:\n    exc = e\n"
        "from typer.models import DeveloperExceptionConfig; "
        "t = r.get_traceback(exc, DeveloperExceptionConfig(), []); "
        "assert type(t) is rich.traceback.Traceback; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def entry_ends_with(args: list[str], imported: str) -> str:
    """What the console entry point prints on stderr for ``args``, ending with its exit code
    and whether a module named like ``imported`` (a prefix) was imported by then."""
    import subprocess
    import sys

    probe = (
        "import sys; name = sys.argv[1]; sys.argv = ['gov-audit', *sys.argv[2:]]; import gov_audit.entry as e; "
        "e.exit_now = lambda code: print(code, any(m == name or m.startswith(name + '.') for m in sys.modules), "
        "file=sys.stderr) or sys.exit(0); e.main()"
    )
    done = subprocess.run([sys.executable, "-c", probe, imported, *args], capture_output=True, text=True)
    return done.stderr.strip()


def test_a_check_writing_json_to_a_file_never_imports_rich(tmp_path):
    # Nothing is printed through rich (no error, not a terminal): its 0.03 s of imports is
    # not paid; with an error to print, it is, and the line is the same.
    from pathlib import Path

    sample = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
    out = tmp_path / "r.json"
    args = ["check", str(sample), "--as-of", "2026-11-30", "--format", "json", "-o", str(out)]
    assert entry_ends_with(args, "rich") == "1 False" and out.stat().st_size > 1000
    # the table into a pipe or a file (a cron log) is written without rich too
    assert entry_ends_with(["check", str(sample), "--as-of", "2026-11-30"], "rich") == "1 False"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    loud = entry_ends_with(["check", str(bad), "-o", str(out)], "rich")
    assert loud.endswith("2 True") and "bad.csv" in loud


def test_the_spinner_asks_rich_only_when_rich_could_say_yes(monkeypatch):
    import io
    import itertools

    from gov_audit import cli

    class Stream(io.StringIO):
        def __init__(self, tty: bool):
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    for tty_compatible, force_color, tty in itertools.product((None, "0", "1"), (None, "", "1"), (False, True)):
        for name, value in (("TTY_COMPATIBLE", tty_compatible), ("FORCE_COLOR", force_color)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        monkeypatch.setattr("sys.stderr", Stream(tty))
        monkeypatch.setattr("sys.stdout", Stream(tty))
        assert cli._stderr_is_terminal() == cli._stderr().is_terminal, (tty_compatible, force_color, tty)
        assert cli._stdout_is_terminal() == cli._stdout().is_terminal, (tty_compatible, force_color, tty)


def test_pyarrow_acero_is_imported_only_for_an_office_whose_text_is_held_in_arrow(tmp_path):
    # pandas groups Arrow text through pyarrow.acero; a small office's text is Python
    # strings (intake.text_storage), so its check never pays the 0.05 s import, while a
    # large office's imports it up front (beside the workbook's parse).
    from pathlib import Path

    from gov_audit.intake import SMALL_INPUT_BYTES

    sample = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
    tail = ["--as-of", "2026-11-30", "--format", "json", "-o", str(tmp_path / "r.json")]
    assert entry_ends_with(["check", str(sample), *tail], "pyarrow.acero") == "1 False"
    big = tmp_path / "考勤.csv"
    rows = [f"员工{i % 300:03d},2026-09-{1 + i % 28:02d},08:5{i % 10},17:3{i % 10}" for i in range(12_000)]
    big.write_text("姓名,日期,上班打卡,下班打卡\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert big.stat().st_size > SMALL_INPUT_BYTES
    large = entry_ends_with(["check", str(big), *tail], "pyarrow.acero")
    assert large.split()[-1] == "True", large
