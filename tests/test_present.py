"""Human reports: summary first, findings grouped one line each, runs of days collapsed."""

from __future__ import annotations

import io
import json
from pathlib import Path

from helpers import D, T, check, runner, workbook
from rich.console import Console

from gov_audit.cli import app
from gov_audit.render.table import render_table

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
HEAD = ["姓名", "部门", "日期", "签到", "签退"]


def _absent_week(tmp_path):
    # 刘海燕 has no punch Monday 2026-09-28 to Wednesday 2026-09-30, then 国庆 (10-01 to
    # 10-07 off), then Thursday 10-08: four consecutive working days.  张三 came each day.
    rows = [HEAD]
    for day in (D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30), D(2026, 10, 8)):
        rows.append(["刘海燕", "财务股", day, None, None])
        rows.append(
            ["张三", "财务股", day, T(day.year, day.month, day.day, 8, 25), T(day.year, day.month, day.day, 17, 35)]
        )
    return workbook(tmp_path / "a.xlsx", {"考勤": rows}, {"考勤": ["清河县人口和计划生育局2026年9月考勤表"]})


def test_consecutive_absent_days_collapse_into_one_line_and_json_keeps_each_day(tmp_path):
    f = _absent_week(tmp_path)
    code, rep, _ = check(f, "--as-of", "2026-10-31", "--rule", "ATT003")
    assert [x["start"] for x in rep["findings"]] == ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08"]
    r = runner.invoke(app, ["check", str(f), "--as-of", "2026-10-31", "--rule", "ATT003"])
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("  ATT003 ")]
    assert lines == ["  ATT003 考勤!3–9  刘海燕 缺勤 2026-09-28 至 2026-10-08，共 4 个工作日（计缺勤 4 天）"]


def test_office_name_comes_from_the_title_row_then_the_rulebook(tmp_path):
    f = _absent_week(tmp_path)
    _, rep, _ = check(f, "--as-of", "2026-10-31", "--rule", "ATT003")
    assert rep["office"] == "清河县人口和计划生育局"
    book = tmp_path / "g.toml"
    book.write_text('[settings]\noffice = "清河县卫生健康局"\n', encoding="utf-8")
    _, rep, _ = check(f, "--as-of", "2026-10-31", "--rule", "ATT003", "--rulebook", book)
    assert rep["office"] == "清河县卫生健康局"
    r = runner.invoke(app, ["check", str(f), "--as-of", "2026-10-31", "--rulebook", str(book)])
    assert r.stdout.splitlines()[0] == "gov-audit 审计报告 — 清河县卫生健康局"


def test_group_by_person_and_rule_headings(tmp_path):
    f = _absent_week(tmp_path)
    r = runner.invoke(app, ["check", str(f), "--as-of", "2026-10-31", "--group-by", "person"])
    # One rule for the person: the heading names both.
    assert any(ln.startswith("== 刘海燕 (4) -- ATT003 缺勤") for ln in r.stdout.splitlines())
    r = runner.invoke(app, ["check", str(f), "--as-of", "2026-10-31", "--group-by", "rule"])
    assert any(ln.startswith("== ATT003 缺勤") and "(4)" in ln for ln in r.stdout.splitlines())
    r = runner.invoke(app, ["check", str(f), "--group-by", "colour"])
    assert r.exit_code == 2 and "--group-by" in r.stderr


def test_sample_report_is_at_most_about_two_lines_per_finding_at_100_columns(tmp_path):
    out = tmp_path / "s.json"
    runner.invoke(app, ["check", str(SAMPLE), "--as-of", "2026-11-30", "--format", "json", "-o", str(out)])
    rep = json.loads(out.read_text(encoding="utf-8"))
    buf = io.StringIO()
    render_table(rep, Console(file=buf, width=100, force_terminal=True, color_system=None), "zh")
    lines = buf.getvalue().splitlines()
    first = next(i for i, ln in enumerate(lines) if ln.startswith("== "))
    findings_lines = len(lines) - first
    assert findings_lines / len(rep["findings"]) <= 1.6
    assert len(lines) / len(rep["findings"]) <= 2.0  # summary and penalties included
    # The summary is never cut: every rule with findings is named, with its title.
    summary = " ".join(" ".join(lines[:first]).split())  # lines wrap at the spaces between entries
    for rid in rep["summary"]["by_rule"]:
        assert rid in summary
    from gov_audit.render.present import glance, short_title

    for rid in ("PET001", "PET005", "ATT003"):
        assert f"{rid} {glance(short_title(rid, 'zh'))}" in summary
