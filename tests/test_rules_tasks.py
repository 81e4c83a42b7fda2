"""The supervised-tasks family through the in-memory harness (督办, 办事预约, 上级交办)."""

from __future__ import annotations

from helpers import D, audit_family

HEAD = ["编号", "事项", "来源", "交办日期", "办结期限", "办结日期", "结案报告日期", "承办人", "承办股室"]


def test_done_late_open_and_due_soon_by_working_days():
    rows = [
        [
            "A",
            "甲",
            "局领导交办",
            D(2026, 9, 1),
            D(2026, 9, 30),
            D(2026, 10, 9),
            None,
            "王敏",
            "综合股",
        ],  # 2 wd late over 国庆
        ["B", "乙", "办事预约", D(2026, 11, 2), D(2026, 11, 20), None, None, "李静", "综合股"],  # open: overdue
        ["C", "丙", "局领导交办", D(2026, 11, 20), D(2026, 12, 2), None, None, "赵磊", "办公室"],  # due soon
        ["D", "丁", "局领导交办", D(2026, 11, 20), D(2026, 12, 20), None, None, "赵磊", "办公室"],  # not yet
    ]
    found, _, errors = audit_family("TSK001", {"督办事项": [HEAD, *rows]}, "2026-11-30")
    assert errors == []
    assert [(f["key"], f["status"], f["due"], (f["late_by"] or {}).get("value"), f["severity"]) for f in found] == [
        ("A", "late", "2026-09-30", 2, "breach"),
        ("B", "overdue", "2026-11-20", 6, "breach"),
        ("C", "due_soon", "2026-12-02", None, "warning"),
    ]
    assert found[0]["message"] == "A（王敏）应于 2026-09-30 前办结，实际 2026-10-09 完成，逾期 2 个工作日"


def test_a_case_from_above_is_judged_by_its_report_not_its_completion():
    rows = [["X", "复核", "上级交办", D(2026, 9, 1), D(2026, 9, 30), D(2026, 9, 29), None, "李静", "信访股"]]
    found, _, _ = audit_family("TSK", {"督办事项": [HEAD, *rows]}, "2026-11-30")
    assert [(f["rule"], f["status"]) for f in found] == [("TSK002", "overdue")]
