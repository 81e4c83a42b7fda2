"""The rectification list (整改清单) and auditing again against it: new, resolved, still open."""

from __future__ import annotations

import json

import openpyxl
from helpers import D, check, runner, workbook

from gov_audit.cli import app

HEAD = ["编号", "承办人", "来信方式", "是否受理", "收到日期", "受理决定日期", "办结日期", "承办科室"]


def _petitions(tmp_path, rows):
    return workbook(tmp_path / "p.xlsx", {"信访登记": [HEAD, *rows]})


A = ["XF-1", "张三", "来信", "是", D(2026, 9, 1), D(2026, 9, 25), None, "信访股"]  # accepted late (PET001)
B = ["XF-2", "李四", "来信", "是", D(2026, 9, 2), D(2026, 9, 28), None, "综合股"]  # accepted late (PET001)


def test_rectification_sheet_per_department_with_a_due_date_across_the_holiday(tmp_path):
    f = _petitions(tmp_path, [A, B])
    out = tmp_path / "r.xlsx"
    # As of Wednesday 2026-09-30, 15 working days run over 国庆 (10-01..10-07 off) and count
    # the 调休 Saturday 10-10: 10-08, 09, 10, 12–16, 19–23, 26, 27 → 2026-10-27.
    r = runner.invoke(
        app, ["check", str(f), "--as-of", "2026-09-30", "--rule", "PET001", "--format", "xlsx", "-o", str(out)]
    )
    assert r.exit_code == 1, r.stderr
    wb = openpyxl.load_workbook(out)
    sheets = [s for s in wb.sheetnames if s.startswith("整改清单")]
    assert sheets == ["整改清单-信访股", "整改清单-综合股"]
    ws = wb["整改清单-信访股"]
    head = [c.value for c in ws[1]]
    assert head == [
        "编号ID",
        "规则",
        "责任人",
        "部门",
        "事项",
        "到期",
        "说明",
        "首次发现",
        "整改时限",
        "整改措施",
        "整改情况",
    ]
    row = dict(zip(head, [c.value for c in ws[2]], strict=True))
    assert row["规则"] == "PET001" and row["事项"] == "XF-1"
    assert row["整改时限"].date().isoformat() == "2026-10-27"
    assert row["整改措施"] is None and row["整改情况"] is None


def test_baseline_shows_new_resolved_and_still_open_from_json_and_from_xlsx(tmp_path):
    first = _petitions(tmp_path, [A, B])
    base_json = tmp_path / "base.json"
    base_xlsx = tmp_path / "base.xlsx"
    runner.invoke(
        app,
        ["check", str(first), "--as-of", "2026-09-30", "--rule", "PET001", "--format", "json", "-o", str(base_json)],
    )
    runner.invoke(
        app,
        ["check", str(first), "--as-of", "2026-09-30", "--rule", "PET001", "--format", "xlsx", "-o", str(base_xlsx)],
    )
    # A month later: XF-2's register row is corrected (accepted in time), XF-1 is still late,
    # XF-3 is new.
    fixed_b = [*B[:5], D(2026, 9, 10), None, "综合股"]
    c = ["XF-3", "王五", "来信", "是", D(2026, 10, 9), D(2026, 11, 2), None, "综合股"]
    again = _petitions(tmp_path, [A, fixed_b, c])
    for base in (base_json, base_xlsx):
        code, rep, err = check(again, "--as-of", "2026-11-05", "--rule", "PET001", "--baseline", base)
        assert rep["errors"] == [], err
        assert [f["key"] for f in rep["findings"]] == ["XF-3"]  # new
        b = rep["baseline"]
        assert (b["new"], b["suppressed"]) == (1, 1)
        assert [
            (f["key"], f["first_seen"], f["days_open"], f["rectify_due"], f["rectify_overdue"]) for f in b["still_open"]
        ] == [("XF-1", "2026-09-30", 36, "2026-10-27", True)]
        assert b["overdue"] == 1
        assert [e["key"] for e in b["resolved"]] == ["XF-2"]
    r = runner.invoke(
        app, ["check", str(again), "--as-of", "2026-11-05", "--rule", "PET001", "--baseline", str(base_json)]
    )
    lines = r.stdout.splitlines()
    assert "对照基线：新增 1 · 已整改 1 · 仍未整改 1（其中逾期 1）" in lines
    assert "== 仍未整改 (1) ==" in lines and "== 已整改 (1) ==" in lines
    # The next baseline carries when XF-1 was first seen.
    out = tmp_path / "next.json"
    runner.invoke(
        app,
        [
            "check",
            str(again),
            "--as-of",
            "2026-11-05",
            "--rule",
            "PET001",
            "--baseline",
            str(base_json),
            "--format",
            "json",
            "-o",
            str(out),
        ],
    )
    nxt = json.loads(out.read_text(encoding="utf-8"))
    assert nxt["baseline"]["still_open"][0]["first_seen"] == "2026-09-30"
