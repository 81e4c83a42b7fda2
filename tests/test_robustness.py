"""No date, cell or workbook crashes a rule or silently changes a verdict (issue 11).

Each test is one case that ended badly before: a lost rule, a traceback, an abort, a
missing report, or "no findings" on a file nothing was read from.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from helpers import D, T, check, findings, runner, workbook

from gov_audit.cli import app

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "registers.xlsx"


def internal(report: dict) -> list[dict]:
    return [e for e in report["errors"] if e["kind"] == "internal"]


@pytest.mark.parametrize(
    "as_of", ["2026-01-15", "2026-03-01", "2026-06-15", "2026-09-01", "2026-09-15", "2026-10-01", "2026-10-15"]
)
def test_as_of_before_newest_row_judges_every_rule(as_of):
    code, rep, err = check(SAMPLE, "--as-of", as_of)
    assert code in (0, 1), err
    assert internal(rep) == []
    assert "Traceback" not in err
    for f in rep["findings"]:  # nothing from the future of the audit
        assert f["start"] is None or f["start"][:10] <= as_of


def _sample_copy(tmp_path: Path, edit) -> Path:
    wb = openpyxl.load_workbook(SAMPLE)
    edit(wb)
    out = tmp_path / "registers.xlsx"
    wb.save(out)
    return out


def test_one_future_dated_disclosure_is_not_judged_and_loses_nothing(tmp_path):
    def typo(wb):
        wb["政务公开台账"]["D5"] = dt.datetime(2026, 12, 20)

    path = _sample_copy(tmp_path, typo)
    _, base, _ = check(SAMPLE, "--as-of", "2026-11-30")
    code, rep, err = check(path, "--as-of", "2026-11-30")
    assert internal(rep) == [] and {"DIS001", "DIS003"} <= set(rep["rules_run"])
    # Row 5 is in the future of the audit: no finding rests on it, and the others are unchanged.
    assert not [f for f in findings(rep) if f["register"] == "disclosures" and f["row"] == 5]
    strip = {
        (f["rule"], f["row"], f["status"], f["due"])
        for f in findings(base)
        if f["register"] == "disclosures" and f["row"] != 5
    }
    assert strip <= {(f["rule"], f["row"], f["status"], f["due"]) for f in findings(rep)}


def _time_cell(tmp_path, value, fmt="h:mm"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "考勤"
    ws.append(["姓名", "部门", "日期", "签到时间", "签退时间"])
    ws.append(["张三", "综合股", D(2026, 9, 1), dt.time(8, 20), dt.time(17, 40)])
    ws.append(["李四", "综合股", D(2026, 9, 1), value, dt.time(17, 40)])
    ws["D3"].number_format = fmt
    path = tmp_path / "att.xlsx"
    wb.save(path)
    return path


def test_huge_negative_time_is_a_located_error_not_a_panic(tmp_path):
    out = tmp_path / "r.json"
    r = runner.invoke(
        app, ["check", str(_time_cell(tmp_path, -1e15)), "--as-of", "2026-09-30", "--format", "json", "-o", str(out)]
    )
    assert r.exit_code == 2
    rep = json.loads(out.read_text(encoding="utf-8"))
    cells = [(e["sheet"], e["cell"], e["column"]) for e in rep["errors"]]
    assert cells == [("考勤", "D3", "sign_in")]
    assert "panicked" not in r.stderr and "Traceback" not in r.stderr
    # 李四's sign-in could not be read: that is an error, never an absence or a lateness.
    assert not [f for f in rep["findings"] if f["subject"] == "李四" and f["rule"] in ("ATT001", "ATT003", "ATT004")]


@pytest.mark.parametrize("value", ["inf", "-inf", "NaN", "#VALUE!", "二十点"])
def test_unreadable_time_text_is_an_error_not_an_absence(tmp_path, value):
    code, rep, _ = check(_time_cell(tmp_path, value), "--as-of", "2026-09-30")
    assert code == 2
    assert [(e["cell"], e["value"]) for e in rep["errors"]] == [("D3", value)]
    assert not [f for f in rep["findings"] if f["subject"] == "李四"]


@pytest.mark.parametrize("cell", ["B5", "F5", "A5"])
@pytest.mark.parametrize(
    "value,kind",
    [
        ('=HYPERLINK("http://example.invalid","点此")', None),
        ("NaN", None),
        ("#VALUE!", "e"),
        ("#REF!", "e"),
        ("#N/A", "e"),
        ("=1/0", None),
    ],
)
def test_formulas_and_error_values_in_text_cells(tmp_path, cell, value, kind):
    def put(wb):
        for sheet in ("群众意见", "2026年信访台账"):
            wb[sheet][cell] = value
            if kind:
                wb[sheet][cell].data_type = kind

    out = tmp_path / "r.json"
    r = runner.invoke(
        app, ["check", str(_sample_copy(tmp_path, put)), "--as-of", "2026-11-30", "--format", "json", "-o", str(out)]
    )
    assert r.exit_code in (1, 2) and "Traceback" not in r.stderr
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert internal(rep) == []
    for e in rep["errors"]:
        assert e["sheet"] in ("群众意见", "2026年信访台账") and e["cell"], e


def test_date_9999_is_located_and_the_report_is_written(tmp_path):
    def far(wb):
        wb["政务公开台账"]["D5"] = dt.datetime(9999, 12, 31)

    out = tmp_path / "r.json"
    r = runner.invoke(
        app, ["check", str(_sample_copy(tmp_path, far)), "--as-of", "2026-11-30", "--format", "json", "-o", str(out)]
    )
    assert r.exit_code == 2
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert [(e["sheet"], e["cell"], e["column"]) for e in rep["errors"]] == [("政务公开台账", "D5", "formed")]
    assert {"DIS001", "DIS003"} <= set(rep["rules_run"])
    assert rep["findings"]


def test_stray_cell_at_xfd1048576_does_not_abort(tmp_path):
    path = workbook(
        tmp_path / "stray.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期", "办结日期", "承办科室", "承办人"],
                ["A", D(2026, 9, 15), D(2026, 10, 9), D(2026, 10, 12), "信访股", "李四"],
            ]
        },
    )
    wb = openpyxl.load_workbook(path)
    wb["信访登记"]["XFD1048576"] = "x"
    wb.save(path)
    assert path.stat().st_size < 10_000
    code, rep, err = check(path, "--as-of", "2026-11-24")
    assert code == 2
    assert [(e["sheet"], e["cell"]) for e in rep["errors"]] == [("信访登记", "XFD1048576")]
    assert [(f["rule"], f["row"], f["due"]) for f in rep["findings"]] == [("PET001", 2, "2026-09-30")]


def test_sheet_over_the_cell_limit_is_refused_with_a_located_error(tmp_path):
    path = workbook(
        tmp_path / "wide.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期", "办结日期", "承办科室", "承办人"],
                ["A", D(2026, 9, 15), D(2026, 10, 9), D(2026, 10, 12), "信访股", "李四"],
            ]
        },
    )
    wb = openpyxl.load_workbook(path)
    wb["信访登记"]["F900000"] = "x"
    wb.save(path)
    book = tmp_path / "gov-audit.toml"
    book.write_text("[settings]\nmax_cells = 1000000\n", encoding="utf-8")
    code, rep, _ = check(path, "--as-of", "2026-11-24", "--rulebook", book)
    assert code == 2
    assert [(e["sheet"], e["kind"], e["cell"]) for e in rep["errors"]] == [("信访登记", "unreadable", "F900000")]


def test_empty_workbook_is_exit_2_not_all_clear(tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    code, rep, err = check(path, "--as-of", "2026-11-24")
    assert code == 2 and rep["findings"] == []
    assert [(e["sheet"], e["kind"]) for e in rep["errors"]] == [("Sheet", "missing_column")]


def test_unrecognised_workbook_names_what_each_sheet_resembles(tmp_path):
    path = workbook(
        tmp_path / "odd.xlsx",
        {"Sheet1": [["编号", "信访人", "承办科室"], ["A", "张三", "信访股"]], "Sheet2": [["项目", "备注"], ["x", "y"]]},
    )
    code, rep, err = check(path, "--as-of", "2026-11-24")
    assert code == 2
    msgs = {e["sheet"]: e["message"] for e in rep["errors"]}
    assert "信访登记" in msgs["Sheet1"] and "收到日期" in msgs["Sheet1"]
    assert "no register recognised" in msgs["Sheet2"]


def test_filled_template_notes_sheet_is_known(tmp_path):
    out = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["template", str(out)]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    wb["信访登记"].append(["A", "张三", "来信", "是", None, D(2026, 9, 1)])
    wb.save(out)
    _, rep, _ = check(out, "--as-of", "2026-11-24")
    assert [s for s in rep["skipped_sheets"] if s["sheet"] == "说明"][0]["reason"].startswith("模板说明页")


def test_internal_error_in_a_rule_is_reported_in_the_written_report(tmp_path, monkeypatch):
    from gov_audit.rules import RULES

    def boom(self, ctx):
        raise RuntimeError("planted")

    monkeypatch.setattr(RULES["PET001"], "check", boom)
    out = tmp_path / "r.json"
    r = runner.invoke(app, ["check", str(SAMPLE), "--as-of", "2026-11-24", "--format", "json", "-o", str(out)])
    assert r.exit_code == 2
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert [e["message"] for e in internal(rep) if "PET001" in e["message"]]
    assert "PET002" in rep["rules_run"] and "PET001" not in rep["rules_run"]


@pytest.mark.parametrize("fmt", ["json", "html", "csv", "xlsx", "table"])
def test_report_is_written_when_the_audit_itself_fails(tmp_path, monkeypatch, fmt):
    import gov_audit.engine as engine

    def boom(*a, **k):
        raise RuntimeError("planted")

    monkeypatch.setattr(engine, "_settle", boom)
    out = tmp_path / f"r.{fmt}"
    r = runner.invoke(app, ["check", str(SAMPLE), "--as-of", "2026-11-24", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 2 and out.exists() and out.stat().st_size > 0
    assert "planted" in r.stderr and "Traceback" not in r.stderr
    if fmt == "json":
        rep = json.loads(out.read_text(encoding="utf-8"))
        assert rep["schema"] == "gov-audit/report@1" and internal(rep)


def test_report_is_written_when_a_renderer_fails(tmp_path, monkeypatch):
    import gov_audit.render.html_report as html

    calls = []

    def flaky(report, lang, group_by="register"):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("planted renderer bug")
        return "<html><body>failure report</body></html>"

    monkeypatch.setattr(html, "render_html", flaky)
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["check", str(SAMPLE), "--as-of", "2026-11-24", "--format", "html", "-o", str(out)])
    assert r.exit_code == 2 and out.read_text(encoding="utf-8").startswith("<html>")
    assert "planted renderer bug" in r.stderr


def test_default_as_of_is_today_in_shanghai_on_a_utc_machine(tmp_path, monkeypatch):
    import time

    import gov_audit.clock as clock

    # 2026-11-30 23:30 UTC is already 1 December in Beijing.
    monkeypatch.setattr(clock, "_utcnow", lambda: dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        path = workbook(
            tmp_path / "p.xlsx",
            {
                "信访登记": [
                    ["编号", "收到日期", "受理决定日期", "办结日期", "承办科室", "承办人"],
                    ["A", D(2026, 9, 15), D(2026, 10, 9), D(2026, 10, 12), "信访股", "李四"],
                ]
            },
        )
        _, rep, _ = check(path)
        assert rep["as_of"] == "2026-12-01" and rep["as_of_basis"] == "today Asia/Shanghai"
        book = tmp_path / "gov-audit.toml"
        book.write_text('[settings]\ntimezone = "UTC"\n', encoding="utf-8")
        _, rep, _ = check(path, "--rulebook", book)
        assert rep["as_of"] == "2026-11-30" and rep["as_of_basis"] == "today UTC"
        _, rep, _ = check(path, "--as-of", "2026-11-24")
        assert rep["as_of_basis"] == "--as-of"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_input_file_is_never_written(tmp_path):
    path = tmp_path / "registers.xlsx"
    shutil.copy(SAMPLE, path)
    before = path.read_bytes()
    check(path, "--as-of", "2026-10-15")
    assert path.read_bytes() == before


def test_shanghai_without_a_zone_database_is_utc_plus_8(monkeypatch):
    import zoneinfo

    import gov_audit.clock as clock

    def missing(key):
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    monkeypatch.setattr(clock, "_utcnow", lambda: T(2026, 11, 30, 16, 0, tzinfo=dt.UTC))
    assert clock.today() == dt.date(2026, 12, 1)


def test_library_warnings_stay_off_stderr(tmp_path):
    """fastexcel's "Could not determine dtype" warnings are not the user's business."""
    import subprocess
    import sys

    path = workbook(
        tmp_path / "p.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期", "办结日期", "承办科室", "承办人"],
                *[[f"A{i}", D(2026, 9, 1 + i), None, None, "x", "y"] for i in range(5)],
            ]
        },
    )
    r = subprocess.run(
        [sys.executable, "-m", "gov_audit", "check", str(path), "--as-of", "2026-11-30", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and r.stderr == ""
