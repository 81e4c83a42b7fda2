"""The report's findings are built a column at a time (report.finding_dicts); they must be
exactly, byte for byte, what the finding-at-a-time builder made (tests/reference_report.py),
on the sample and on generated registers (issue 14)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from gen_registers import data_dates, office, write_xlsx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reference_report import finding_dicts_rowwise
from test_outputs import WAIVERS

from gov_audit.engine import AuditOptions, run_audit
from gov_audit.report import build_report, finding_dicts

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "registers.xlsx"
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)


def as_json(findings: list[dict]) -> bytes:
    return json.dumps(findings, ensure_ascii=False, sort_keys=False).encode("utf-8")


def assert_same(frame: pd.DataFrame, lang: str, as_of: str) -> list[dict]:
    columnar = finding_dicts(frame, lang, as_of)
    assert as_json(columnar) == as_json(finding_dicts_rowwise(frame, lang, as_of))
    return columnar


@pytest.mark.parametrize("as_of", ["2026-03-16", "2026-10-09", "2026-11-30"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_findings_are_those_of_the_row_wise_builder(as_of, lang):
    result = run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp(as_of)))
    findings = assert_same(result.reported, lang, as_of)
    assert findings  # the sample is judged: there is something to compare
    assert_same(result.findings, lang, as_of)  # also the unreported (out of range) ones


def test_waived_findings_are_those_of_the_row_wise_builder(tmp_path):
    waivers = tmp_path / "waivers.csv"
    waivers.write_text(WAIVERS, encoding="utf-8")
    result = run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp("2026-11-24"), waivers=waivers))
    findings = assert_same(result.reported, "zh", "2026-11-24")
    assert [(f["rule"], f["key"]) for f in findings if f.get("waived")] == [("PET002", "XF-2026-029")]


def test_a_whole_report_is_byte_identical_in_both_languages():
    result = run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp("2026-11-30")))
    for lang in ("zh", "en"):
        report = build_report(result, lang)
        assert as_json(report["findings"]) == as_json(finding_dicts_rowwise(result.reported, lang, "2026-11-30"))


def test_no_findings_is_an_empty_list():
    result = run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp("2026-11-30")))
    assert finding_dicts(result.findings.iloc[:0], "zh", "2026-11-30") == []


@SLOW
@given(regs=office(min_registers=1, max_registers=8), pick=st.floats(0, 1), lang=st.sampled_from(["zh", "en"]))
def test_generated_registers_give_the_row_wise_findings(regs, pick, lang):
    days = sorted(data_dates(regs)) or [dt.date(2026, 11, 30)]
    as_of = days[int(pick * (len(days) - 1))] + dt.timedelta(days=30)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "office.xlsx", regs)
        result = run_audit([path], AuditOptions(as_of=pd.Timestamp(as_of), since=pd.Timestamp(2019, 1, 1)))
    assert_same(result.findings, lang, as_of.isoformat())


# A finding's dates as ISO text, on the datetime array: what pandas' strftime made, for
# any day and time (seconds are not shown and do not make a time), blank, or unreadable.
_CELL = st.one_of(
    st.none(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2099, 12, 31, 23, 59, 59)),
    st.sampled_from(["2026-02-30", ""]),
)


@pytest.mark.filterwarnings("ignore:Could not infer format")  # mixed cells are parsed one by one, as meant
@given(cells=st.lists(st.tuples(_CELL, st.booleans()), max_size=20), as_objects=st.booleans())
@example(cells=[(dt.datetime(2024, 2, 29, 0, 0, 30), False), (dt.datetime(2024, 2, 29, 0, 1), False)], as_objects=False)
def test_iso_dates_are_those_of_strftime(cells, as_objects):
    import numpy as np
    from reference_report import _iso_column as by_strftime

    from gov_audit.report import _iso_column

    values = pd.Series([c for c, _ in cells], dtype=object)
    if not as_objects:
        values = pd.to_datetime(values, errors="coerce")
    hours = np.array([h for _, h in cells], dtype=bool)
    assert _iso_column(values, hours) == by_strftime(values, pd.Series(hours)).tolist()
