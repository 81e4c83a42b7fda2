"""The service-window family and the collective sign-in through the in-memory harness."""

from __future__ import annotations

from helpers import audit_family

POSTS = [["岗位", "A岗人员", "B岗人员"], ["生育登记窗口", "王敏", "李静"]]
LEAVE = ["姓名", "职务类别", "请假类型", "开始时间", "结束时间", "审批人"]


def test_a_leave_over_a_weekend_is_one_absence_needing_one_handover():
    sheets = {
        "AB岗": POSTS,
        # Friday 09-11 to Tuesday 09-15: one spell; 09-22 a new one.
        "请假登记": [
            LEAVE,
            ["王敏", "一般工作人员", "事假", "2026-09-11", "2026-09-15", "张三"],
            ["王敏", "一般工作人员", "出差", "2026-09-22", "2026-09-22", "张三"],
        ],
        "交接班登记": [["交接日期", "岗位", "交班人", "接班人"], ["2026-09-10", "生育登记窗口", "王敏", "李静"]],
    }
    found, _, errors = audit_family("ABP", sheets, "2026-11-30")
    assert errors == []
    assert [(f["rule"], f["key"]) for f in found] == [("ABP002", "生育登记窗口 2026-09-22")]


def test_a_post_is_empty_only_on_working_days_both_are_away():
    sheets = {
        "AB岗": POSTS,
        "请假登记": [
            LEAVE,
            ["王敏", "一般工作人员", "事假", "2026-09-30", "2026-10-09", "张三"],
            ["李静", "一般工作人员", "事假", "2026-10-08", "2026-10-12", "张三"],
        ],
    }
    found, _, _ = audit_family("ABP001", sheets, "2026-11-30")
    # Both away 10-08 … 10-09 (国庆 ends 10-07; 10-10 is a make-up Saturday, 王敏 back by then).
    assert [f["key"] for f in found] == ["生育登记窗口 2026-10-08", "生育登记窗口 2026-10-09"]


def test_an_absence_covered_by_the_leave_register_is_excused():
    sign = [["活动日期", "活动名称", "姓名", "职务类别", "签到", "请假批准人"]]
    sign += [["2026-10-12", "集中学习", n, "一般工作人员", "否", None] for n in ("王敏", "李静")]
    sheets = {
        "集体活动签到": sign,
        "请假登记": [LEAVE, ["王敏", "一般工作人员", "出差", "2026-10-12", "2026-10-13", "张三"]],
    }
    found, _, _ = audit_family("LEV006", sheets, "2026-11-30")
    assert [(f["subject"], f["status"]) for f in found] == [("李静", "violation")]
