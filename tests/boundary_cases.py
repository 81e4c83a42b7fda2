"""Boundary tables: per rule, the value just inside and just outside every limit.

Each case is an ``Example`` (rows laid over the rule's ``example_base``, the as-of day,
the findings expected), run by tests/test_examples.py beside the rules' own worked
examples.  The clause's words decide each boundary, written once in docs/boundaries.md:
“以上 / 以内 / 不超过 / 及以上” include the number; “超过 / 不足” exclude it.

2026's calendar, which most cases lean on: 中秋 09-25–09-27, 国庆 10-01–10-07, make-up
working days Sunday 09-20 and Saturday 10-10; 春节 02-15–02-23, make-up Saturdays 02-14
and 02-28.
"""

from __future__ import annotations

from gov_audit.rules.attendance import ATTENDANCE_EXAMPLE
from gov_audit.rules.base import Example
from gov_audit.rules.leave import LEAVE_EXAMPLE

E = Example


def leave_row(**cells) -> dict:
    return {**LEAVE_EXAMPLE, **cells}


def colleague(*days: str) -> tuple[dict, ...]:
    """李四, recorded on these days: a day counts as recorded when somebody was."""
    return tuple({"姓名": "李四", "日期": d} for d in days)


def late(due: str, by: str, **more) -> tuple[dict, ...]:
    return ({"status": "late", "due": due, "late_by": by, **more},)


BOUNDARIES: dict[str, list[Example]] = {
    "PET001": [
        # 15 days from 09-10 is 09-25, 中秋: the period ends on the next working day, 09-28.
        E("pass", ({"收到日期": "2026-09-10", "受理决定日期": "2026-09-28"},)),
        E("fail", ({"收到日期": "2026-09-10", "受理决定日期": "2026-09-29"},), expect=late("2026-09-28", "1 d")),
        # 15 days from 01-30 is 02-14, a make-up Saturday: a working day, no roll.
        E("pass", ({"收到日期": "2026-01-30", "受理决定日期": "2026-02-14"},)),
        E("fail", ({"收到日期": "2026-01-30", "受理决定日期": "2026-02-15"},), expect=late("2026-02-14", "1 d")),
        # 15 days from 02-01 is 02-16, inside 春节: rolls to 02-24.
        E("pass", ({"收到日期": "2026-02-01", "受理决定日期": "2026-02-24"},)),
        E("fail", ({"收到日期": "2026-02-01", "受理决定日期": "2026-02-25"},), expect=late("2026-02-24", "1 d")),
        E(
            "fail",
            ({"收到日期": "2026-02-01", "受理决定日期": None},),
            as_of="2026-02-25",
            expect=({"status": "overdue", "due": "2026-02-24", "late_by": "1 d"},),
        ),
    ],
    "PET002": [
        # Day 60 from 08-11 is 10-10, the make-up Saturday: due that day.
        E("pass", ({"受理决定日期": "2026-08-11", "办结日期": "2026-10-10"},)),
        E("fail", ({"受理决定日期": "2026-08-11", "办结日期": "2026-10-12"},), expect=late("2026-10-10", "2 d")),
        # An extension not approved lengthens nothing.
        E(
            "fail",
            ({"受理决定日期": "2026-08-05", "延期批准": "否", "延长天数": 30, "办结日期": "2026-11-03"},),
            expect=late("2026-10-08", "26 d"),
        ),
        # Approved with no length: the longest allowed, 30.
        E("pass", ({"受理决定日期": "2026-08-05", "延期批准": "是", "办结日期": "2026-11-03"},)),
        # Approved for 45: counted up to 30 (PET003 reports the excess).
        E(
            "fail",
            ({"受理决定日期": "2026-08-05", "延期批准": "是", "延长天数": 45, "办结日期": "2026-11-04"},),
            expect=late("2026-11-03", "1 d"),
        ),
        # Not accepted, blank 是否受理 is accepted.
        E(
            "fail",
            ({"受理决定日期": "2026-08-05", "是否受理": None, "办结日期": None},),
            as_of="2026-10-09",
            expect=({"status": "overdue", "due": "2026-10-08"},),
        ),
    ],
    "REQ001": [
        # Consultation days are not counted: 20 + 5 working days.
        E("pass", ({"征求意见用时": 5, "答复日期": "2026-10-23"},)),
        E("fail", ({"征求意见用时": 5, "答复日期": "2026-10-26"},), expect=late("2026-10-23", "1 wd")),
        # An extension counts when approved and told to the applicant.
        E("pass", ({"延期批准": "是", "告知申请人": "是", "延长天数": 10, "答复日期": "2026-10-30"},)),
        E(
            "fail",
            ({"延期批准": "是", "告知申请人": "否", "延长天数": 10, "答复日期": "2026-10-30"},),
            expect=late("2026-10-16", "10 wd"),
        ),
        # Received on the make-up Sunday 09-20: a working day, counted from it.
        E("pass", ({"收到申请日期": "2026-09-20", "答复日期": "2026-10-23"},)),
        E("fail", ({"收到申请日期": "2026-09-20", "答复日期": "2026-10-26"},), expect=late("2026-10-23", "1 wd")),
        # Received on Saturday 09-12: deemed received Monday 09-14.
        E("pass", ({"收到申请日期": "2026-09-12", "答复日期": "2026-10-16"},)),
        E("fail", ({"收到申请日期": "2026-09-12", "答复日期": "2026-10-19"},), expect=late("2026-10-16", "1 wd")),
        # With the rule's parameter off, the holiday receipt counts from the day itself.
        E(
            "fail",
            ({"收到申请日期": "2026-10-03", "答复日期": "2026-11-04"},),
            params={"deem_next_workday": False},
            expect=late("2026-11-03", "1 wd"),
        ),
    ],
    "REQ003": [
        # 7 working days from Thursday 09-24 cross 中秋 and 国庆 and count the make-up Saturday.
        E(
            "pass",
            (
                {
                    "收到申请日期": "2026-09-24",
                    "补正通知日期": "2026-10-12",
                    "收到补正日期": "2026-10-14",
                    "答复日期": "2026-10-20",
                },
            ),
        ),
        E(
            "fail",
            (
                {
                    "收到申请日期": "2026-09-24",
                    "补正通知日期": "2026-10-13",
                    "收到补正日期": "2026-10-14",
                    "答复日期": "2026-10-20",
                },
            ),
            expect=late("2026-10-12", "1 wd"),
        ),
    ],
    "LEV001": [
        E("pass", ({"天数": 0.5, "审批人职务": "股室负责人"},)),
        E("fail", ({"天数": 1, "审批人职务": "股室负责人"},), expect=({"says": "缺少 分管领导"},)),
        E("pass", ({"职务类别": "股室负责人", "天数": 0.5, "审批人职务": "分管领导"},)),
        E("fail", ({"职务类别": "股室负责人", "天数": 1, "审批人职务": "分管领导"},), expect=({"says": "缺少 局长"},)),
        E("pass", ({"职务类别": "下属单位工作人员", "天数": 2, "审批人职务": "单位负责人"},), "“不超過2天”"),
        E(
            "fail",
            ({"职务类别": "下属单位工作人员", "天数": 2.5, "审批人职务": "单位负责人"},),
            expect=({"says": "缺少 分管领导"},),
        ),
        E("pass", ({"职务类别": "下属单位工作人员", "天数": 3, "审批人职务": "单位负责人、分管领导"},), "“不超過3天”"),
        E(
            "fail",
            ({"职务类别": "下属单位工作人员", "天数": 3.5, "审批人职务": "单位负责人、分管领导"},),
            expect=({"says": "缺少 局长"},),
        ),
        E("pass", ({"职务类别": "局领导副职", "天数": 1.5, "审批人职务": "局长"},)),
        E(
            "fail",
            ({"职务类别": "局领导副职", "天数": 2, "审批人职务": "局长"},),
            expect=({"says": "缺少 县分管领导"},),
        ),
        E("pass", ({"职务类别": "局领导正职", "审批人职务": "县分管领导、县长、县委书记"},)),
        # 1.5 days computed from the times: afternoon of 09-07 to the end of 09-08.
        E("pass", ({"开始时间": "2026-09-07 14:00", "结束时间": "2026-09-08", "天数": None},)),
    ],
    "LEV003": [
        E("pass", (leave_row(开始时间="2026-09-07", 申请日期="2026-09-14"),)),
        E("fail", (leave_row(开始时间="2026-09-07", 申请日期="2026-09-15"),), expect=late("2026-09-14", "1 d")),
        # Day 7 from 09-28 is 10-05, in 国庆: the limit is 10-08.
        E("pass", (leave_row(开始时间="2026-09-28", 结束时间="2026-09-30", 天数=3, 申请日期="2026-10-08"),)),
        E(
            "fail",
            (leave_row(开始时间="2026-09-28", 结束时间="2026-09-30", 天数=3, 申请日期="2026-10-09"),),
            expect=late("2026-10-08", "1 d"),
        ),
        # Day 7 from 02-13 is 02-20, in 春节: the limit is 02-24.
        E("pass", (leave_row(开始时间="2026-02-13", 结束时间="2026-02-13", 申请日期="2026-02-24"),)),
    ],
    "ATT001": [
        E("pass", ({"签到时间": "08:40"},)),
        E("fail", ({"签到时间": "08:41:00"},), expect=({"late_by": "11 min"},)),
        E("pass", ({"签到时间": "08:46:30"},), "16 minutes: ATT003's"),
    ],
    "ATT002": [
        E("fail", ({"签退时间": "17:29:59"},), expect=({"late_by": "1 min"},)),
        E("pass", ({"签退时间": "17:14"},), "16 minutes: ATT003's"),
    ],
    "ATT003": [
        E("pass", ({"签到时间": "08:45:59"},), "15 minutes: lateness (ATT001), not absence"),
        E("fail", ({"签到时间": "08:46"},), expect=({"status": "violation", "absent_days": 0.5},)),
        E("pass", ({"擅自离岗(分钟)": 30},), "“超過半小時”: 30 minutes is not"),
        E("fail", ({"擅自离岗(分钟)": 31},), expect=({"absent_days": 0.5},)),
        E("fail", ({"签到时间": None, "签退时间": None},), expect=({"status": "missing", "absent_days": 1},)),
        # Leave filed across the holiday, on the day LEV003 allows: it excuses the days.
        E(
            "pass",
            (
                {"日期": "2026-09-24"},
                {"日期": "2026-10-08"},
                *colleague("2026-09-24", "2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08"),
            ),
            other={
                "请假登记": (
                    leave_row(
                        开始时间="2026-09-28",
                        结束时间="2026-09-30",
                        天数=3,
                        审批人职务="股室负责人、分管领导、局长",
                        申请日期="2026-10-08",
                    ),
                )
            },
        ),
        # One day later it was filed too late: it excuses nothing.
        E(
            "fail",
            (
                {"日期": "2026-09-24"},
                {"日期": "2026-10-08"},
                *colleague("2026-09-24", "2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08"),
            ),
            other={
                "请假登记": (
                    leave_row(
                        开始时间="2026-09-28",
                        结束时间="2026-09-30",
                        天数=3,
                        审批人职务="股室负责人、分管领导、局长",
                        申请日期="2026-10-09",
                    ),
                )
            },
            expect=({"start": "2026-09-28"}, {"start": "2026-09-29"}, {"start": "2026-09-30"}),
        ),
        # An afternoon's leave on a no-record day: the morning is absent.
        E(
            "fail",
            ({"日期": "2026-09-01"}, {"日期": "2026-09-03"}, *colleague("2026-09-01", "2026-09-02", "2026-09-03")),
            other={"请假登记": (leave_row(开始时间="2026-09-02 13:00", 结束时间="2026-09-02 17:30"),)},
            expect=({"start": "2026-09-02", "absent_days": 0.5},),
        ),
        # A 9-25 row is a holiday record (not judged); a blank 9-25 is no absence.
        E("pass", ({"日期": "2026-09-24"}, {"日期": "2026-09-28"})),
    ],
    "ATT004": [
        E("fail", ({"签退时间": None},), expect=({"status": "missing", "absent_days": 0.5},)),
        E("pass", ({"签到时间": "08:30", "签退时间": "17:30"},)),
    ],
    "FIN001": [
        E("pass", ({"金额": 200, "凭证": "发票"},)),
    ],
    "FIN003": [
        E(
            "pass",
            ({"类别": "办公用品", "金额": 300, "审批人": "分管副局长", "审批层级": "分管领导"},),
            "“超過300元”: 300 is not",
        ),
        E(
            "fail",
            ({"类别": "办公用品", "金额": 300.01, "审批人": "分管副局长", "审批层级": "分管领导"},),
            expect=({"says": "300.01 元"},),
        ),
    ],
    "FIN004": [
        E("fail", ({"金额": 5000.01},), expect=({"says": "缺少局务会"},)),
        E(
            "pass",
            ({"金额": 3000, "审批人": "副县长", "审批层级": "县分管领导"},),
            "a higher authority signs for the director",
        ),
        E("pass", ({"金额": 12000, "审批层级": "局务会、县分管领导", "局务会研究": "是", "审批人": "局长、副县长"},)),
        E("fail", ({"金额": 12000, "审批层级": "局务会", "局务会研究": "是"},), expect=({"says": "缺少县分管领导"},)),
    ],
    "FIN007": [
        E(
            "fail",
            ({"支出日期": "2026-05-06", "金额": 5000}, {"支出日期": "2026-05-13", "金额": 5000}),
            "7 days later is inside the window",
            expect=({"row": 2},),
        ),
        E("pass", ({"支出日期": "2026-05-06", "金额": 5000}, {"支出日期": "2026-05-14", "金额": 5000})),
        E(
            "pass",
            (
                {"支出日期": "2026-05-06", "金额": 600, "支付方式": "现金"},
                {"支出日期": "2026-05-07", "金额": 399.99, "支付方式": "现金"},
            ),
            "together 999.99",
        ),
        E(
            "fail",
            ({"支出日期": "2026-05-06", "金额": 6000}, {"支出日期": "2026-05-07", "金额": 6000}),
            "12,000 evades the 10,000 tier",
            expect=({"says": "超过 10000 元"},),
        ),
    ],
    "MTG004": [
        E("pass", ({"应到人数": 3, "同意人数": 2},)),
        E("fail", ({"应到人数": 12, "同意人数": 7},), expect=({"status": "violation"},)),
        E("pass", ({"应到人数": 12, "同意人数": 8},)),
    ],
    # “达到政府采购限额”: at the threshold is inside it.
    "FIN009": [
        E("pass", ({"类别": "固定资产", "金额": 49999.99, "政府采购": "否"},)),
        E("fail", ({"类别": "固定资产", "金额": 50000, "政府采购": "否"},), expect=({"status": "violation"},)),
    ],
    # “贵重”: from valuable_min (2000) up to FIN004's director_max (5000), both included.
    "FIN010": [
        E("pass", ({"类别": "固定资产", "金额": 1999.99},)),
        E("fail", ({"类别": "固定资产", "金额": 2000},), expect=({"status": "violation"},)),
        E("fail", ({"类别": "固定资产", "金额": 5000},), expect=({"status": "violation"},)),
        E("pass", ({"类别": "固定资产", "金额": 5000.01},), "above 5000 it is FIN004's"),
    ],
    # 10 L/100 km for a 轿车 with the 10 % tolerance: 11.0 passes, anything above fails.
    "VEH003": [
        E("pass", ({}, {"加油日期": "2026-05-20", "加油升数": 55, "里程表读数": 52500})),
        E(
            "fail",
            ({}, {"加油日期": "2026-05-20", "加油升数": 55.1, "里程表读数": 52500}),
            expect=({"status": "violation", "says": "百公里 11 升"},),
        ),
    ],
    # Re-signed within 30 days of the new head: day 30 is in time (dates, no rolling).
    "CMT001": [
        E("pass", ({"负责人任职日期": "2026-03-02", "承诺签署日期": "2026-04-01"},)),
        E(
            "fail",
            ({"负责人任职日期": "2026-03-02", "承诺签署日期": "2026-04-02"},),
            expect=late("2026-04-01", "1 d"),
        ),
    ],
    # Three days from a Friday resolution (2026-09-18) end on Monday 09-21; from 09-29 they end
    # in 国庆 and roll to 10-08.
    "DEC003": [
        E("pass", ({"决策日期": "2026-09-18", "公示日期": "2026-09-21"},)),
        E("fail", ({"决策日期": "2026-09-18", "公示日期": "2026-09-22"},), expect=late("2026-09-21", "1 d")),
        E("pass", ({"决策日期": "2026-09-29", "公示日期": "2026-10-08"},)),
    ],
    # Told once is one-time notice; twice is not.
    "SRV002": [
        E("pass", ({"告知次数": 1},)),
        E("fail", ({"告知次数": 2},), expect=({"status": "violation", "says": "告知 2 次"},)),
    ],
}


def count() -> int:
    return sum(len(v) for v in BOUNDARIES.values())


# Attendance cases lay their rows over the attendance example's base row.
assert ATTENDANCE_EXAMPLE["签到时间"] == "08:25"
