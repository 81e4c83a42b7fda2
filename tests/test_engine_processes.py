"""One office's rules judged by several processes (engine._checks_in_processes, issue 14):
the report is byte for byte the one a single process makes, whatever the processes do —
finish in any order, die, or are never started — and the forks happen only where they may.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
from gen_registers import data_dates, office, write_xlsx
from helpers import runner
from hypothesis import given
from hypothesis import strategies as st
from test_engine_together import report_bytes
from test_report_columnar import SAMPLE, SLOW

from gov_audit import engine
from gov_audit.batch import Office, run_batch
from gov_audit.cli import app
from gov_audit.engine import AuditOptions, judge_offices, normalize_options, prepare, read_limits, run_audit
from gov_audit.intake import load_offices
from gov_audit.rules import RULES

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """The forks made while a test runs (each os.fork call in this process)."""
    made: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        pid = real_fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted_fork)
    return made


def audit(paths: list[Path], as_of: str, workers: int, **options) -> engine.AuditResult:
    opts = AuditOptions(as_of=pd.Timestamp(as_of), rule_workers=workers, **options)
    return run_audit(paths, opts, prepared=prepare(opts))


def assert_as_one_process(paths: list[Path], as_of: str, workers: int, **options) -> engine.AuditResult:
    one = audit(paths, as_of, 1, **options)
    several = audit(paths, as_of, workers, **options)
    assert report_bytes(several) == report_bytes(one)
    assert report_bytes(several, "en") == report_bytes(one, "en")
    assert several.rules_run == one.rules_run
    return several


@LINUX
@pytest.mark.parametrize("as_of", ["2026-03-16", "2026-11-30"])
@pytest.mark.parametrize("workers", [2, 4])
def test_sample_judged_by_processes_reports_what_one_process_reports(forks, as_of, workers):
    result = assert_as_one_process([SAMPLE], as_of, workers)
    assert len(forks) == workers - 1  # (else this proves nothing)
    assert len(result.rules_run) > 100 and len(result.findings) > 10


@LINUX
def test_one_process_judges_alone_and_forks_nothing(forks):
    audit([SAMPLE], "2026-11-30", 1)
    assert forks == []


@LINUX
@pytest.mark.parametrize("how", ["exit", "signal", "raise"])
def test_a_fork_that_dies_costs_nothing_but_time(forks, monkeypatch, how):
    # Every fork dies on the first rule it takes: this process judges those rules itself.
    parent = os.getpid()
    real_check = engine._check

    def dying_check(rule_cls, ctx, book):
        if os.getpid() != parent:
            if how == "exit":
                os._exit(3)
            if how == "signal":
                os.kill(os.getpid(), signal.SIGKILL)
            raise KeyboardInterrupt  # (not an Exception: it leaves the rule's own guard)
        return real_check(rule_cls, ctx, book)

    one = audit([SAMPLE], "2026-11-30", 1)
    monkeypatch.setattr(engine, "_check", dying_check)
    several = audit([SAMPLE], "2026-11-30", 3)
    assert len(forks) == 2
    assert report_bytes(several) == report_bytes(one)


@LINUX
def test_no_process_to_spare_judges_here(monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert_as_one_process([SAMPLE], "2026-11-30", 3)


@LINUX
def test_a_rule_failing_in_a_fork_is_the_same_error_line(forks, monkeypatch):
    # An internal error and a calendar refusal cross the pipe as the error objects they are.
    def broken(self, ctx):
        raise ZeroDivisionError("division by zero")

    for rid in ("MTG005", "ATT001", "PET001"):
        monkeypatch.setattr(RULES[rid], "check", broken)
    several = assert_as_one_process([SAMPLE], "2026-11-30", 2)
    assert len(forks) == 1
    lines = [e.message for e in several.errors if e.kind == "internal"]
    assert len(lines) == 3 and all("ZeroDivisionError: division by zero" in m for m in lines)


@LINUX
def test_no_fork_for_a_large_office_a_share_or_another_system(forks, monkeypatch):
    monkeypatch.setattr(engine, "FORK_MAX_ROWS", 100)
    assert_as_one_process([SAMPLE], "2026-11-30", 2)
    monkeypatch.undo()
    assert forks == []
    forks_again: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks_again.append(1) or real_fork())
    monkeypatch.setattr(sys, "platform", "darwin")
    assert_as_one_process([SAMPLE], "2026-11-30", 2)
    monkeypatch.setattr(sys, "platform", "linux")
    # Offices judged together (a batch worker's share) are one process's work.
    opts = AuditOptions(as_of=pd.Timestamp("2026-11-30"), rule_workers=2)
    prepared = prepare(opts)
    book = prepared.rulebook
    intakes = load_offices([[SAMPLE], [SAMPLE]], normalize_options(book), limits=read_limits(book))
    judge_offices(intakes, opts, prepared)
    assert forks_again == []


def test_a_batch_of_several_workers_judges_each_office_in_its_worker(monkeypatch, tmp_path):
    seen: list[int] = []

    def audit_offices(offices, options, lang, fail_on, prepared):
        seen.append(options.rule_workers)
        return [{"office": o.name, "exit": 0, "report": None, "errors": []} for o in offices]

    monkeypatch.setattr("gov_audit.batch.audit_offices", audit_offices)
    offices = [Office(f"o{i}", [tmp_path / f"o{i}.xlsx"]) for i in range(2)]
    opts = AuditOptions(as_of=pd.Timestamp("2026-11-30"), rule_workers=4)
    run_batch(offices, opts, "zh", "breach", jobs=1)
    assert seen == [4]  # one worker: it may fork for an office's rules
    seen.clear()
    with monkeypatch.context() as m:
        # (the pool's workers run the patched function only when forked from here)
        m.setattr("concurrent.futures.ProcessPoolExecutor", _InlinePool)
        run_batch(offices, opts, "zh", "breach", jobs=2)
    assert seen == [1, 1]


class _InlinePool:
    """A process pool that runs each job at once, here."""

    def __init__(self, max_workers, initializer, initargs):
        initializer(*initargs)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        from concurrent.futures import Future

        fut: Future = Future()
        fut.set_result(fn(*args))
        return fut


@LINUX
def test_jobs_option_sets_the_rule_processes(forks, tmp_path):
    reports = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.json"
        r = runner.invoke(
            app, ["check", str(SAMPLE), "--as-of", "2026-11-30", "--format", "json", "--jobs", jobs, "-o", str(out)]
        )
        assert r.exit_code == 1, r.stderr
        reports[jobs] = out.read_bytes()
        assert len(forks) == int(jobs) - 1
    assert reports["1"] == reports["2"]


@LINUX
def test_checks_in_processes_answers_each_rule_once_whoever_judges_it():
    # Fake families (modules) of fake rules: each answer says which rule it is for.
    rules = [type(f"R{i}", (), {"id": f"R{i:02d}", "__module__": f"family{i % 5}"}) for i in range(23)]

    def check(r):
        time.sleep(0.02)  # (long enough that every process takes some families)
        return r.id.lower(), os.getpid()

    for workers in (2, 3, 8):
        found = engine._checks_in_processes(rules, check, workers)
        assert {k: v[0] for k, v in found.items()} == {r.id: r.id.lower() for r in rules}
        # Each family judged whole, by one process; every process judged some.
        by_family = {r.__module__: {found[s.id][1] for s in rules if s.__module__ == r.__module__} for r in rules}
        assert all(len(pids) == 1 for pids in by_family.values())
        assert len({v[1] for v in found.values()}) == min(workers, 5)
    assert engine._checks_in_processes(rules, lambda r: (r.id, None), 1) == {}
    one_family = [type("R", (), {"id": f"R{i}", "__module__": "only"}) for i in range(3)]
    assert engine._checks_in_processes(one_family, lambda r: (r.id, None), 4) == {}


@LINUX
@SLOW
@given(regs=office(max_registers=6), pick=st.floats(0, 1), later=st.integers(-400, 400), workers=st.integers(2, 4))
def test_generated_office_judged_by_processes_reports_what_one_process_reports(regs, pick, later, workers):
    # Any registers, any as-of day among and around their dates (rows dated after it too).
    days = sorted(data_dates(regs)) or [dt.date(2026, 11, 30)]
    as_of = days[int(pick * (len(days) - 1))] + dt.timedelta(days=later)
    as_of = min(max(as_of, dt.date(2005, 1, 1)), dt.date(2035, 12, 31))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "office.xlsx", regs)
        result = assert_as_one_process([path], as_of.isoformat(), workers, since=pd.Timestamp("2004-01-01"))
    assert not [e for e in result.errors if e.kind == "internal"]
