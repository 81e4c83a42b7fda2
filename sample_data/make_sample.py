"""Write sample_data/registers.xlsx: a believable county bureau's 2026 registers.

    python sample_data/make_sample.py            # deterministic (seeded)

清河县人口和计划生育局 keeps its registers in one workbook.  Most rows are clean; some
are planted breaches of every rule implemented, each noted below with the rule it
trips when audited ``--as-of 2026-11-24``.  The tests audit this file and assert the
planted findings, so change both together.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

D = dt.date
T = dt.datetime
SEED = 20260924
OUT = Path(__file__).with_name("registers.xlsx")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "文",
    "华",
    "红",
    "玉兰",
    "志强",
    "海燕",
    "晓东",
    "春梅",
    "国庆",
    "丹",
]
DEPTS = ["办公室", "综合股", "政策法规股", "财务股", "信访股", "宣传教育股", "流动人口管理股"]
LEADERS = ["郑建国（局长）", "刘晓梅（副局长）", "陈志强（副局长）"]


class Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if n not in self.used:
                self.used.add(n)
                return n


def title_sheet(
    wb,
    name: str,
    title: str,
    header: list[str],
    rows: list[list],
    widths: dict[int, int] | None = None,
    date_cols: tuple[int, ...] = (),
    datetime_cols: tuple[int, ...] = (),
) -> None:
    ws = wb.create_sheet(name)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(header)
    for c in ws[2]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    for j in range(1, len(header) + 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = (widths or {}).get(j, 14)
    for j in date_cols:
        for row in ws.iter_rows(min_row=3, min_col=j, max_col=j):
            for c in row:
                if isinstance(c.value, (dt.date, dt.datetime)):
                    c.number_format = "yyyy-mm-dd"
    for j in datetime_cols:
        for row in ws.iter_rows(min_row=3, min_col=j, max_col=j):
            for c in row:
                if isinstance(c.value, dt.datetime):
                    c.number_format = "yyyy-mm-dd hh:mm"


def petitions(rng: random.Random, name: Names, handlers: list[str]) -> list[list]:
    header = [
        "编号",
        "信访人",
        "信访方式",
        "是否署名",
        "收到日期",
        "受理决定日期",
        "是否受理",
        "办结日期",
        "延期批准",
        "延长天数",
        "答复日期",
        "限办截止时间",
        "承办科室",
        "承办人",
        "重大信访",
        "包案领导",
        "联系电话",
        "结果反馈日期",
        "书面意见日期",
        "复查申请日期",
    ]
    rows = []
    k = 0

    def add(
        received,
        decided,
        closed,
        *,
        channel="来访",
        signed="否",
        ext_ok="",
        ext=None,
        replied=None,
        limit=None,
        dept=None,
        handler=None,
    ):
        nonlocal k
        k += 1
        rows.append(
            [
                f"XF-2026-{k:03d}",
                name(),
                channel,
                signed,
                received,
                decided,
                "是",
                closed,
                ext_ok,
                ext,
                replied,
                limit,
                dept or "信访股",
                handler or rng.choice(handlers),
                # Recorded for every case, drawn from nothing random (the rest of the
                # workbook's random draws stay as they were).
                "否",
                None,
                f"1390713{k:04d}",
                closed,
                None,
                None,
            ]
        )

    # clean background: decided in 3–10 days, concluded in 20–45 days, letters answered
    for i in range(24):
        received = D(2026, 1, 5) + dt.timedelta(days=9 * i + rng.randrange(3))
        decided = received + dt.timedelta(days=rng.randrange(3, 10))
        closed = decided + dt.timedelta(days=rng.randrange(20, 45))
        if closed > D(2026, 11, 10):
            continue
        letter = i % 3 == 0
        add(
            received,
            decided,
            closed,
            channel="来信" if letter else rng.choice(["来访", "来电", "网上信访"]),
            signed="是" if letter else "否",
            replied=closed if letter else None,
        )
    # planted
    add(D(2026, 9, 15), D(2026, 10, 9), D(2026, 10, 30))  # PET001 late: due 09-30 (15 d)
    add(D(2026, 9, 25), D(2026, 10, 10), D(2026, 11, 2))  # clean: due on make-up Saturday 10-10, no roll
    add(D(2026, 8, 3), D(2026, 8, 5), D(2026, 10, 8))  # clean: 60 d end 10-04 rolls past National Day to 10-08
    add(D(2026, 8, 3), D(2026, 8, 5), D(2026, 10, 9))  # PET002 late by 1 d
    add(D(2026, 8, 28), D(2026, 9, 1), None)  # PET002 overdue: due 10-31 (Sat) → 11-02
    add(D(2026, 9, 25), D(2026, 9, 28), None)  # PET002 due_soon: due 11-27
    add(D(2026, 6, 29), D(2026, 7, 1), D(2026, 9, 28), ext_ok="是", ext=30)  # clean with an approved extension
    add(D(2026, 6, 1), D(2026, 6, 3), D(2026, 8, 20), ext_ok="是", ext=45)  # PET003 extension over 30 d
    add(D(2026, 6, 10), D(2026, 6, 12), D(2026, 8, 20), ext_ok="否", ext=10)  # PET003 (and PET002) unapproved
    add(D(2026, 7, 6), D(2026, 7, 8), D(2026, 8, 28), channel="来信", signed="是")  # PET004 signed letter, no reply
    add(D(2026, 9, 1), D(2026, 9, 2), D(2026, 10, 9), limit=D(2026, 9, 30))  # PET006 own limit missed
    add(D(2026, 9, 7), D(2026, 9, 8), D(2026, 9, 29), limit=D(2026, 9, 30))  # clean with a limit

    # planted with fixed people (no random draw): 篇3 一, 八, 七
    def fixed(**cells):
        row = {"是否受理": "是", "承办科室": "信访股", "承办人": "周敏", "重大信访": "否", **cells}
        rows.append([row.get(h) for h in header])

    # PET007: a major case with no 包案领导
    fixed(
        编号="XF-2026-901",
        信访人="钱立",
        信访方式="来访",
        是否署名="否",
        收到日期=D(2026, 10, 12),
        受理决定日期=D(2026, 10, 13),
        重大信访="是",
        联系电话="13907130901",
    )
    # PET008: a call with no phone recorded
    fixed(
        编号="XF-2026-902",
        信访人="孙丽",
        信访方式="来电",
        是否署名="否",
        收到日期=D(2026, 10, 14),
        受理决定日期=D(2026, 10, 15),
    )
    # PET009: the review asked 37 days after the written decision (limit 10-01)
    fixed(
        编号="XF-2026-903",
        信访人="李强",
        信访方式="来信",
        是否署名="是",
        收到日期=D(2026, 7, 1),
        受理决定日期=D(2026, 7, 3),
        办结日期=D(2026, 8, 20),
        答复日期=D(2026, 8, 20),
        书面意见日期=D(2026, 9, 1),
        复查申请日期=D(2026, 10, 8),
    )
    return [header, *rows]


def receptions(rng: random.Random) -> list[list]:
    header = ["接访日期", "接待领导", "来访人数"]
    rows = []
    day = D(2026, 1, 7)
    skip = {D(2026, 9, 30), D(2026, 6, 17)}  # PET005: two working Wednesdays without a reception
    from gov_audit.calendar import WorkCalendar

    cal = WorkCalendar()
    while day <= D(2026, 11, 18):
        if cal.is_workday(day) and day not in skip:
            rows.append([day, rng.choice(LEADERS), rng.randrange(0, 6)])
        day += dt.timedelta(days=7)
    return [header, *rows]


def requests(rng: random.Random, name: Names) -> list[list]:
    header = [
        "申请编号",
        "申请人",
        "收到申请日期",
        "补正通知日期",
        "收到补正日期",
        "征求意见用时",
        "延期批准",
        "延长天数",
        "告知申请人",
        "答复日期",
        "承办科室",
    ]
    rows = []
    k = 0

    def add(received, replied, *, sent=None, supp=None, consult=None, ext_ok=None, ext=None, told=None):
        nonlocal k
        k += 1
        rows.append(
            [f"YSQ-2026-{k:03d}", name(), received, sent, supp, consult, ext_ok, ext, told, replied, "政策法规股"]
        )

    for i in range(8):
        received = D(2026, 2, 2) + dt.timedelta(days=21 * i)
        add(received, received + dt.timedelta(days=rng.randrange(7, 18)))
    add(D(2026, 9, 14), D(2026, 10, 16))  # clean: 20 wd exactly (make-up days count)
    add(D(2026, 9, 14), D(2026, 10, 19))  # REQ001 late by 1 wd
    add(D(2026, 9, 14), D(2026, 10, 19), sent=D(2026, 9, 16), supp=D(2026, 9, 21))  # clean: supplement restarts
    add(D(2026, 9, 14), D(2026, 10, 23), consult=5)  # clean: consultation time excluded
    add(D(2026, 9, 14), D(2026, 11, 6), ext_ok="是", ext=15, told="否")  # REQ001 late + REQ002 not told
    add(D(2026, 8, 3), D(2026, 10, 9), ext_ok="是", ext=25, told="是")  # REQ002 extension over 20 wd
    add(D(2026, 9, 14), D(2026, 9, 30), sent=D(2026, 9, 23))  # REQ003 supplement notice late (due 09-22)
    add(D(2026, 9, 21), None)  # REQ001 overdue
    add(D(2026, 10, 27), None)  # REQ001 due_soon: due 11-24
    return [header, *rows]


def opinions(rng: random.Random, handlers: list[str]) -> list[list]:
    header = ["意见编号", "收到日期", "当场答复", "答复日期", "承办科室", "承办人", "整改完成日期", "反馈日期"]
    rows = []
    for i in range(14):
        received = D(2026, 1, 12) + dt.timedelta(days=20 * i)
        spot = i % 4 == 0
        rows.append(
            [
                f"YJ-{i + 1:03d}",
                received,
                "是" if spot else "否",
                received if spot else received + dt.timedelta(days=rng.randrange(2, 9)),
                "办公室",
                rng.choice(handlers),
            ]
        )
    rows.append(["YJ-101", D(2026, 9, 14), "否", D(2026, 9, 29), "办公室", handlers[0]])  # OPN001 late (due 09-28)
    rows.append(["YJ-102", D(2026, 10, 26), "否", None, "宣传教育股", handlers[1]])  # OPN001 overdue (due 11-09)
    # OPN002: rectified 09-28, fed back 10-19 — one working day after 10-16 (国庆, 调休 10-10)
    rows.append(
        ["YJ-103", D(2026, 9, 10), "否", D(2026, 9, 18), "办公室", handlers[0], D(2026, 9, 28), D(2026, 10, 19)]
    )
    header.append("处理结果")
    rows = [[*r, *([None] * (8 - len(r)))] for r in rows]
    rows = [[*r, "已答复" if r[2] == "是" or r[3] is not None else None] for r in rows]
    rows[14][8] = None  # OPN003: YJ-101 answered, no result in the summary table
    return [header, *rows]


def incidents() -> list[list]:
    header = ["事件编号", "事件级别", "发现时间", "发布权威信息时间", "新闻发布会时间", "回应时间", "责任科室"]
    return [
        header,
        ["SJ-2026-01", "一般", T(2026, 3, 2, 10, 0), None, None, T(2026, 3, 3, 16, 0), "宣传教育股"],
        ["SJ-2026-02", "重大", T(2026, 5, 11, 8, 30), T(2026, 5, 11, 12, 0), T(2026, 5, 12, 8, 0), None, "办公室"],
        [
            "SJ-2026-03",
            "重大",
            T(2026, 10, 2, 9, 0),
            T(2026, 10, 2, 15, 30),
            T(2026, 10, 3, 10, 0),
            None,
            "办公室",
        ],  # RSP001 + RSP002 late
        [
            "SJ-2026-04",
            "一般",
            T(2026, 10, 20, 9, 0),
            None,
            None,
            T(2026, 10, 22, 12, 0),
            "宣传教育股",
        ],  # RSP003 late 3 h
    ]


ROLES_OF = {}


def attendance_daily(rng: random.Random, people: list[str], depts: dict[str, str]) -> list[list]:
    """The bureau's September–October sign-in sheet (08:30–17:30).  Planted (P = people[i]):

    P1 two lates in September (month tier 1, ¥150; year tier 2) · P2 late, early, late
    (month tier 2; year tier 3: one efficiency warning) · P3 five lates/earlies in October
    (month tier 3; year tier 4) · P4 16 minutes late on 09-10 (ATT003 ½ day) · P5 no
    record on the make-up Saturday 10-10 (ATT003), an overtime record on holiday 10-02
    (not judged) · P6 no sign-out on 09-24 (ATT004) · P7 45 minutes off post on 09-29
    (ATT003) · P8 on approved leave 09-14…16 (excused) · P9 leave 09-21…23 filed late
    (LEV003: not excused, 3 absent days) · P10 absent from 10-09 on (ATT005 on the 16th
    working day) · P11 on a business trip 10-13…16 (excused) · P12 three lates in
    September plus a one-time-notice complaint (annual rating: 不得评为称职).
    """
    from gov_audit.calendar import WorkCalendar

    cal = WorkCalendar()
    header = ["姓名", "工号", "部门", "日期", "签到时间", "签退时间", "擅自离岗(分钟)", "备注"]
    rows = []
    day = D(2026, 9, 1)
    plan_in = {
        (1, D(2026, 9, 8)): (8, 42),
        (1, D(2026, 9, 15)): (8, 45),
        (2, D(2026, 9, 9)): (8, 43),
        (2, D(2026, 9, 22)): (8, 44),
        (3, D(2026, 10, 12)): (8, 41),
        (3, D(2026, 10, 13)): (8, 44),
        (3, D(2026, 10, 19)): (8, 42),
        (4, D(2026, 9, 10)): (8, 46),
        (12, D(2026, 9, 2)): (8, 41),
        (12, D(2026, 9, 3)): (8, 43),
        (12, D(2026, 9, 4)): (8, 45),
    }
    plan_out = {
        (2, D(2026, 9, 16)): (17, 20),
        (3, D(2026, 10, 14)): (17, 22),
        (3, D(2026, 10, 21)): (17, 18),
        (6, D(2026, 9, 24)): None,
    }
    away = {(8, d) for d in (D(2026, 9, 14), D(2026, 9, 15), D(2026, 9, 16))}
    away |= {(9, d) for d in (D(2026, 9, 21), D(2026, 9, 22), D(2026, 9, 23))}
    away |= {(11, d) for d in (D(2026, 10, 13), D(2026, 10, 14), D(2026, 10, 15), D(2026, 10, 16))}
    away.add((5, D(2026, 10, 10)))
    while day <= D(2026, 10, 30):
        if cal.is_workday(day):
            for i, person in enumerate(people):
                if (i, day) in away or (i == 10 and day >= D(2026, 10, 9)):
                    continue
                h, m = plan_in.get((i, day), (8, rng.randrange(5, 30)))
                out = plan_out.get((i, day), (17, rng.randrange(31, 59)))
                rows.append(
                    [
                        person,
                        f"{1001 + i:05d}",
                        depts[person],
                        day,
                        dt.time(h, m, rng.randrange(60)),
                        None if out is None else dt.time(out[0], out[1]),
                        45 if (i == 7 and day == D(2026, 9, 29)) else None,
                        "",
                    ]
                )
        day += dt.timedelta(days=1)
    rows.append(
        [people[5], f"{1006:05d}", depts[people[5]], D(2026, 10, 2), dt.time(9, 10), dt.time(11, 40), None, "节日值班"]
    )
    return [header, *rows]


def attendance_punch(rng: random.Random, unit_people: list[str]) -> list[list]:
    """The family-planning service station's ZKTeco export (one row per punch, text date-times).

    Planted: U1 late 08:43 on 10-14 (ATT001); U2 one punch only on 10-20 (ATT004).
    """
    from gov_audit.calendar import WorkCalendar

    cal = WorkCalendar()
    header = ["部门", "姓名", "考勤号码", "日期时间", "机器号", "比对方式"]
    rows = []
    day = D(2026, 9, 1)
    while day <= D(2026, 10, 30):
        if cal.is_workday(day):
            for i, person in enumerate(unit_people):
                h, m = (8, 43) if (i == 1 and day == D(2026, 10, 14)) else (8, rng.randrange(0, 29))
                rows.append(
                    [
                        "计生服务站",
                        person,
                        f"2{i:03d}",
                        f"{day.year}/{day.month}/{day.day} {h}:{m:02d}:{rng.randrange(60):02d}",
                        1,
                        "指纹",
                    ]
                )
                if not (i == 2 and day == D(2026, 10, 20)):
                    rows.append(
                        [
                            "计生服务站",
                            person,
                            f"2{i:03d}",
                            f"{day.year}/{day.month}/{day.day} 17:{rng.randrange(31, 59):02d}:{rng.randrange(60):02d}",
                            1,
                            "指纹",
                        ]
                    )
        day += dt.timedelta(days=1)
    return [header, *rows]


def staff_roster(people: list[str], unit_people: list[str], depts: dict[str, str]) -> list[list]:
    header = ["姓名", "工号", "部门", "职务类别", "出勤津贴", "福利补贴", "调离日期", "财产移交日期"]
    rows = [
        [p, f"{1001 + i:05d}", depts[p], "股室负责人" if i == 0 else "一般工作人员", 300, 500, None, None]
        for i, p in enumerate(people)
    ]
    rows += [
        [p, f"2{i:03d}", "计生服务站", "下属单位工作人员", 200, 400, None, None] for i, p in enumerate(unit_people)
    ]
    rows[-len(unit_people) - 1][6] = D(2026, 11, 6)  # FIN013: transferred 11-06, no handover (due 11-13)
    return [header, *rows]


def leave_register(people: list[str], leaders: list[str], depts: dict[str, str]) -> list[list]:
    """The leave rows, with the 组织部备案日期 a bureau leader's leave needs: the deputy's leave of
    2026-08-17 was never filed (LEV005)."""
    table = _leave_rows(people, leaders, depts)
    return [[*table[0], "组织部备案日期"], *([*r, None] for r in table[1:])]


def _leave_rows(people: list[str], leaders: list[str], depts: dict[str, str]) -> list[list]:
    header = [
        "姓名",
        "部门",
        "请假类型",
        "职务类别",
        "开始时间",
        "结束时间",
        "天数",
        "审批人",
        "审批人职务",
        "请假单",
        "申请日期",
        "销假日期",
    ]
    P = people
    return [
        header,
        [
            P[8],
            depts[P[8]],
            "事假",
            "一般工作人员",
            D(2026, 9, 14),
            D(2026, 9, 16),
            3,
            "王股长、刘副局长、郑局长",
            "股室负责人、分管领导、局长",
            "是",
            D(2026, 9, 11),
            D(2026, 9, 17),
        ],  # clean, excuses P8
        [
            P[9],
            depts[P[9]],
            "病假",
            "一般工作人员",
            D(2026, 9, 21),
            D(2026, 9, 23),
            3,
            "王股长、刘副局长、郑局长",
            "股室负责人、分管领导、局长",
            "是",
            D(2026, 10, 8),
            D(2026, 9, 24),
        ],  # LEV003 late filing
        [
            P[11],
            depts[P[11]],
            "出差",
            "一般工作人员",
            D(2026, 10, 13),
            D(2026, 10, 16),
            4,
            "王股长",
            "股室负责人",
            "否",
            D(2026, 10, 9),
            None,
        ],  # business trip: excuses, not judged as leave
        [
            P[13],
            depts[P[13]],
            "事假",
            "一般工作人员",
            D(2026, 6, 8),
            D(2026, 6, 9),
            2,
            "王股长、刘副局长",
            "股室负责人、分管领导",
            "是",
            D(2026, 6, 5),
            D(2026, 6, 10),
        ],  # LEV001 局长 missing
        [
            P[0],
            depts[P[0]],
            "年休假",
            "股室负责人",
            D(2026, 7, 6),
            D(2026, 7, 6),
            1,
            "刘副局长、郑局长",
            "分管领导、局长",
            "是",
            D(2026, 7, 1),
            D(2026, 7, 7),
        ],  # clean
        [
            leaders[1],
            "局领导",
            "事假",
            "局领导副职",
            D(2026, 8, 17),
            D(2026, 8, 19),
            3,
            "郑局长、李副县长",
            "局长、县分管领导",
            "是",
            D(2026, 8, 14),
            D(2026, 8, 20),
        ],  # LEV001 县长 missing
        [
            P[14],
            depts[P[14]],
            "事假",
            "一般工作人员",
            D(2026, 5, 11),
            D(2026, 5, 12),
            2,
            "王股长、刘副局长、郑局长",
            "股室负责人、分管领导、局长",
            "否",
            D(2026, 5, 8),
            D(2026, 5, 13),
        ],  # LEV002 no form
        [
            P[12],
            depts[P[12]],
            "事假",
            "一般工作人员",
            D(2026, 11, 2),
            D(2026, 11, 2),
            0.5,
            "王股长",
            "股室负责人",
            "否",
            D(2026, 10, 30),
            None,
        ],  # LEV004 no 销假
        [
            P[12],
            depts[P[12]],
            "事假",
            "一般工作人员",
            D(2026, 6, 8),
            D(2026, 6, 10),
            3,
            "王股长、刘副局长、郑局长",
            "股室负责人、分管领导、局长",
            "是",
            D(2026, 6, 5),
            D(2026, 6, 11),
        ],  # clean; away with P13, its A/B partner (ABP001)
    ]


def complaints(people: list[str], depts: dict[str, str]) -> list[list]:
    P = people
    rows = [
        ["投诉日期", "被投诉人", "部门", "投诉类型", "是否查实", "事由"],
        [D(2026, 4, 15), P[12], depts[P[12]], "一次性告知", "是", "未一次性告知所需材料，群众往返三次"],
        [D(2026, 3, 10), P[13], depts[P[13]], "首问负责", "是", "来访群众咨询时推诿"],
        [D(2026, 8, 12), P[13], depts[P[13]], "首问负责", None, "电话咨询不予答复"],
        [D(2026, 6, 3), P[14], depts[P[14]], "效能告诫", "是", "上班时间玩电脑游戏"],
        [D(2026, 7, 21), P[14], depts[P[14]], "首问负责", "否", "经核查不属实"],
        # ladder tiers: efficiency_rules 2 (P14), first_inquiry 3 (P13), one_time_notice 2 (P6),
        # annual_rating 3 (P12: attendance + one-time notice + efficiency) and 4 (P2)
        [D(2026, 9, 7), P[14], depts[P[14]], "效能告诫", "是", "办事群众手续齐全而不即时办理"],
        [D(2026, 10, 19), P[13], depts[P[13]], "首问负责", "是", "对来电咨询不理不睬"],
        [D(2026, 2, 24), P[6], depts[P[6]], "一次性告知", "是", "未告知办理时限"],
        [D(2026, 5, 19), P[6], depts[P[6]], "一次性告知", "是", "未告知所需证明材料"],
        [D(2026, 6, 15), P[12], depts[P[12]], "效能告诫", "是", "外出办私事不请假"],
        [D(2026, 8, 4), P[12], depts[P[12]], "效能告诫", "是", "上班时间聊天"],
        [D(2026, 3, 17), P[2], depts[P[2]], "一次性告知", "是", "未一次性告知补正材料"],
        [D(2026, 4, 8), P[2], depts[P[2]], "效能告诫", "是", "用办公电话办私事"],
        [D(2026, 5, 6), P[2], depts[P[2]], "效能告诫", "是", "上班时间玩电脑"],
        [D(2026, 7, 1), P[2], depts[P[2]], "效能告诫", "是", "刁难服务对象致其跑两趟"],
        # first_inquiry 1 (P7), 2 (P1, who with a one-time notice reaches annual_rating 2); efficiency 1 (P4)
        [D(2026, 5, 25), P[7], depts[P[7]], "首问负责", "是", "未主动联系承办股室"],
        [D(2026, 2, 11), P[1], depts[P[1]], "首问负责", "是", "推诿办事群众"],
        [D(2026, 6, 22), P[1], depts[P[1]], "首问负责", "是", "未开具受理回执单"],
        [D(2026, 8, 26), P[1], depts[P[1]], "一次性告知", "是", "未告知办理程序"],
        [D(2026, 9, 30), P[4], depts[P[4]], "效能告诫", "是", "未在规定时限内办结又不说明原因"],
    ]
    # Handling: a result within 10 days, the bureau director in charge — except the
    # complaint found untrue, which has no result yet (CON004), and the last one, handled
    # by a deputy (CON005).
    out = [rows[0] + ["处理结果", "办结日期", "处理负责人"]]
    for r in rows[1:]:
        out.append(r + ["已处理", r[0] + dt.timedelta(days=10), "郑建国（局长）"])
    out[5][6:8] = [None, None]  # 经核查不属实: no result recorded
    out[-1][8] = "刘晓梅（副局长）"
    out[0] += ["告诫依据", "局务会研究"]
    for r in out[1:]:
        r += ["一", None] if r[3] == "效能告诫" else [None, None]
    # CON006: a discretionary warning (效能告诫制度 四) given without the bureau meeting
    out[4][5], out[4][9], out[4][10] = "工作作风散漫，群众意见大", "四", "否"
    return out


def disclosures_register() -> list[list]:
    header = [
        "公开事项",
        "公开类别",
        "责任科室",
        "形成日期",
        "公开日期",
        "所属期",
        "此件公开发布",
        "最后更新",
        "公开载体",
    ]
    rows = [
        [
            "机构职能及领导分工",
            "长期",
            "办公室",
            D(2024, 3, 1),
            D(2024, 3, 5),
            None,
            None,
            D(2026, 6, 10),
            "门户网站",
        ],  # clean
        [
            "计划生育技术服务收费标准",
            "长期",
            "财务股",
            D(2023, 5, 8),
            D(2023, 5, 10),
            None,
            None,
            D(2025, 10, 31),
            "公开栏",
        ],  # DIS005
        [
            "国庆假期值班安排",
            "动态",
            "办公室",
            D(2026, 9, 29),
            D(2026, 10, 8),
            None,
            None,
            None,
            "门户网站",
        ],  # clean: rolls
        [
            "2025年端午节值班安排",
            "动态",
            "办公室",
            D(2025, 5, 26),
            D(2025, 6, 3),
            None,
            None,
            None,
            "门户网站",
        ],  # DIS001 2025
        [
            "中秋走访慰问计生特殊家庭",
            "动态",
            "宣传教育股",
            D(2026, 9, 14),
            D(2026, 9, 18),
            None,
            None,
            None,
            "门户网站",
        ],  # DIS001
        [
            "关于印发计划生育奖励扶助实施办法的通知",
            "发文",
            "政策法规股",
            D(2026, 9, 15),
            D(2026, 9, 16),
            None,
            "是",
            None,
            "门户网站",
        ],  # DIS002
        [
            "关于开展流动人口专项服务的通知",
            "发文",
            "流动人口管理股",
            D(2026, 6, 2),
            D(2026, 6, 2),
            None,
            "是",
            None,
            "门户网站",
        ],  # clean
        [
            "2026年政务公开工作要点",
            "按批次",
            "办公室",
            D(2026, 9, 14),
            D(2026, 10, 19),
            None,
            None,
            None,
            "门户网站",
        ],  # DIS003
        ["乡镇计生服务站建设项目进展", "动态", "综合股", D(2026, 10, 20), None, None, None, None, "门户网站"],  # DIS006
        [
            "2026年第三季度信访工作通报",
            "按批次",
            "信访股",
            D(2026, 10, 28),
            None,
            None,
            None,
            None,
            "门户网站",
        ],  # due_soon
    ]
    for m in range(1, 11):
        if m == 7:
            continue  # DIS004: no publication for 2026-07
        month_end = D(2026, m + 1, 5)
        rows.append(
            [
                "计划生育奖励扶助资金发放情况",
                "按月",
                "财务股",
                month_end,
                month_end + dt.timedelta(days=2),
                f"2026-{m:02d}",
                None,
                None,
                "公开栏",
            ]
        )
    # Each published item filed in the archive, but one (DIS007: the 2026-09 fund report).
    header.append("归档号")
    rows = [[*r, f"GK-{i + 1:03d}" if r[4] is not None else None] for i, r in enumerate(rows)]
    for r in rows:
        if r[5] == "2026-09":
            r[9] = None
    return [header, *rows]


def web_updates_register() -> list[list]:
    header = ["发布日期", "栏目", "标题"]
    rows = []
    day = D(2026, 1, 5)  # a Monday
    k = 0
    while day <= D(2026, 11, 22):
        for offset in (0, 3):
            d = day + dt.timedelta(days=offset)
            if d == D(2026, 9, 24):
                continue  # WEB001: week 2026-W39 has one update
            k += 1
            rows.append([d, "工作动态" if offset == 0 else "通知公告", f"第{k}期工作信息"])
        day += dt.timedelta(days=7)
    return [header, *rows]


def meetings_register(leaders: list[str]) -> list[list]:
    header = ["会议日期", "会议类型", "议题", "应到人数", "同意人数", "主持人", "重大事项", "部门", "方案审批日期"]
    director, deputy = f"{leaders[0]}（局长）", f"{leaders[1]}（副局长）"
    rows = []
    for year in (2025, 2026):
        for m in range(1, 13):
            if (year, m) == (2026, 8) or D(year, m, 10) > D(2026, 11, 24):
                continue  # MTG001: no leading-group meeting in 2026-08
            rows.append([D(year, m, 10), "领导小组会议", None, 9, None, director, "否"])
    for d in (D(2025, 2, 20), D(2025, 5, 21), D(2025, 8, 20), D(2025, 11, 19), D(2026, 2, 25), D(2026, 5, 20)):
        rows.append([d, "座谈会", None, None, None, director, "否"])  # MTG002: none in 2026Q3
    for d in (D(2025, 6, 26), D(2026, 6, 24)):  # MTG003: none in 2025H2
        rows.append([d, "信访例会", None, None, None, deputy, "否"])
    rows += [[D(2025, 4, 10), "明察暗访", None, None, None, deputy, "否"]]  # MTG006: one in 2025
    rows += [
        [D(2026, 4, 9), "明察暗访", None, None, None, deputy, "否"],
        [D(2026, 10, 22), "明察暗访", None, None, None, deputy, "否"],
    ]
    rows += [[D(2025, 9, 17), "培训", None, None, None, deputy, "否"]]  # MTG007: one in 2025
    rows += [
        [D(2026, 3, 18), "培训", None, None, None, deputy, "否"],
        [D(2026, 9, 16), "培训", None, None, None, deputy, "否"],
    ]
    rows += [
        [D(2025, 5, 20), "政策解读", None, None, None, director, "否"],
        [D(2025, 11, 4), "政策解读", None, None, None, deputy, "否"],
    ]  # MTG008: the deputy's does not count
    rows += [
        [D(2026, 4, 14), "政策解读", None, None, None, director, "否"],
        [D(2026, 10, 13), "政策解读", None, None, None, director, "否"],
    ]
    rows += [
        [D(2026, 3, 2), "初审会", "ZD-2026-01", None, None, director, "是"],
        [D(2026, 3, 9), "审议会", "ZD-2026-01", None, None, director, "是"],
        [D(2026, 3, 16), "决议会", "ZD-2026-01", 9, 6, director, "是"],  # clean: 6 of 9
        [D(2026, 5, 4), "初审会", "ZD-2026-02", None, None, director, "是"],
        [D(2026, 5, 11), "审议会", "ZD-2026-02", None, None, director, "是"],
        [D(2026, 5, 18), "决议会", "ZD-2026-02", 9, 5, director, "是"],  # MTG004: 5 of 9
        [D(2026, 7, 6), "初审会", "ZD-2026-03", None, None, director, "是"],
        [D(2026, 7, 20), "决议会", "ZD-2026-03", 9, 8, director, "是"],  # MTG005: no 审议会
    ]
    rows = [r + [None, None] for r in rows]
    rows += periodic_duty_rows(director, deputy)
    rows.sort(key=lambda r: r[0])
    return [header, *rows]


def periodic_duty_rows(director: str, deputy: str) -> list[list]:
    """The catalog's duties (MTG009–MTG022), each kept except for one planted gap."""
    rows: list[list] = []

    def add(day: dt.date, kind: str, dept: str | None = None, leader: str | None = None, **kw) -> None:
        rows.append([day, kind, kw.get("matter"), None, None, leader, "否", dept, kw.get("approved")])

    last = D(2026, 11, 30)
    depts = [*DEPTS, "计生服务站"]
    for year in (2025, 2026):
        for m in range(1, 13):
            end = D(year, m, 28)
            if end > last:
                continue
            if (year, m) != (2026, 9):  # MTG010: attendance not posted for 2026-09
                add(D(year, m, 3), "考勤公布", "综合股")
            if (year, m) != (2026, 7):  # MTG011: no income report for 2026-07
                add(D(year, m, 8), "收支报表", "财务股")
            if (year, m) != (2026, 6):  # MTG013: no director's office meeting in 2026-06
                add(D(year, m, 15), "局长办公会", None, director)
            for dept in depts:  # MTG012: 宣传教育股 has no summary for 2026-10
                if (year, m, dept) != (2026, 10, "宣传教育股"):
                    add(end, "月度小结", dept)
    monday = D(2025, 1, 6)
    while monday <= last:
        if monday != D(2026, 10, 26):  # MTG014: no collective study in 2026-W44
            add(monday, "集中学习", "综合股", deputy)
        for dept in depts:  # MTG015: 财务股 has no weekly plan in 2026-W45
            if (monday, dept) != (D(2026, 11, 2), "财务股"):
                add(monday, "周工作安排", dept)
        monday += dt.timedelta(days=7)
    add(D(2026, 3, 12), "征求人大政协意见", None, director)  # MTG016: none in 2025
    add(D(2025, 5, 14), "信访考核", None, deputy)  # MTG017: none in 2025H2
    add(D(2026, 5, 13), "信访考核", None, deputy)
    add(D(2026, 6, 18), "检查", None, deputy)  # MTG018: no comprehensive inspection in 2025
    add(D(2026, 1, 14), "年度评估", None, director)  # MTG019: none dated in 2025
    add(D(2025, 2, 20), "档案归档", "综合股")
    add(D(2026, 4, 15), "档案归档", "综合股")  # MTG020: 2025's archive filed in April 2026
    add(D(2026, 6, 5), "不予公开信息清理", "政策法规股")  # MTG022: none in 2025
    add(D(2026, 5, 29), "跨股室活动", "宣传教育股", matter="世界人口日宣传", approved=D(2026, 5, 25))
    add(D(2026, 7, 10), "跨股室活动", "流动人口管理股", matter="流动人口集中服务月", approved=D(2026, 7, 13))  # MTG009
    return rows


def expenses_register(staff: list[str]) -> list[list]:
    return _with_purchase_and_repair_columns(_expense_rows(staff), staff)


def _with_purchase_and_repair_columns(table: list[list], staff: list[str]) -> list[list]:
    """The columns FIN005 and FIN008–FIN012 read: each row reimbursed on its Tuesday, the
    fixed assets registered and accepted; then the planted rows."""
    header, rows = table[0], table[1:]
    header = [*header, "报销日期", "资产编号", "验收日期", "政府采购", "车牌号", "维修日期", "维修批准日期", "维修单位"]
    header += ["外出维修", "维修原因"]
    out = []
    for i, r in enumerate(rows):
        day = r[0]
        tuesday = day + dt.timedelta(days=(1 - day.weekday()) % 7)
        asset = r[3] == "固定资产"
        extra = [tuesday, f"GZ-2026-{i + 1:03d}" if asset else None, day + dt.timedelta(days=1) if asset else None]
        out.append([*r, *extra, "否", None, None, None, None, None, None])
    out[3][16] = None  # FIN008: 台式电脑 not accepted
    h, w = staff[0], staff[1]
    plate = "黔J·A1234"
    out += [
        # FIN009: a 60,000-yuan vehicle not bought through government procurement (approvals complete)
        [
            D(2026, 7, 7),
            "公务用车",
            60000,
            "固定资产",
            "发票",
            "转账",
            "清河汽车销售公司",
            h,
            w,
            "郑局长、县分管领导",
            "局务会、县分管领导",
            "是",
            None,
            None,
            D(2026, 7, 7),
            "GZ-2026-090",
            D(2026, 7, 8),
            "否",
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        # FIN010: a 3,000-yuan projector without the bureau meeting
        [
            D(2026, 7, 13),
            "投影仪",
            3000,
            "固定资产",
            "发票",
            "转账",
            "清河电脑城",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
            D(2026, 7, 14),
            "GZ-2026-091",
            D(2026, 7, 14),
            "否",
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        # FIN011: reimbursed on a Thursday (a warning)
        [
            D(2026, 7, 20),
            "会议资料印刷",
            480,
            "办公用品",
            "发票",
            "转账",
            "城关印务",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
            D(2026, 7, 23),
            None,
            None,
            "否",
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        # FIN012: a vehicle repair approved the day after
        [
            D(2026, 6, 12),
            "公务车更换刹车片",
            800,
            "维修",
            "发票",
            "转账",
            "清河县汽修厂",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            D(2026, 6, 10),
            D(2026, 6, 20),
            D(2026, 6, 16),
            None,
            None,
            "否",
            plate,
            D(2026, 6, 10),
            D(2026, 6, 11),
            "清河县汽修厂",
            "否",
            None,
        ],
        # FIN005: a roadside repair with no reason, approved by a deputy
        [
            D(2026, 8, 18),
            "外出途中车辆故障维修",
            600,
            "维修",
            "发票",
            "转账",
            "都匀某汽修店",
            h,
            w,
            "刘副局长",
            "分管领导",
            "否",
            D(2026, 8, 14),
            D(2026, 8, 18),
            D(2026, 8, 18),
            None,
            None,
            "否",
            plate,
            D(2026, 8, 14),
            D(2026, 8, 14),
            "都匀某汽修店",
            "是",
            None,
        ],
    ]
    return [header, *out]


def _expense_rows(staff: list[str]) -> list[list]:
    header = [
        "支出日期",
        "摘要",
        "金额",
        "类别",
        "凭证",
        "支付方式",
        "收款单位",
        "经手人",
        "证明人",
        "审批人",
        "审批层级",
        "局务会研究",
        "维修完成日期",
        "结账日期",
    ]
    h, w = staff[0], staff[1]
    return [
        header,
        [
            D(2026, 3, 2),
            "打印纸",
            150,
            "办公用品",
            "发票",
            "转账",
            "城关文具店",
            h,
            w,
            "刘副局长",
            "分管领导",
            "否",
            None,
            None,
        ],
        [
            D(2026, 3, 3),
            "硒鼓墨盒",
            350,
            "办公用品",
            "收据",
            "转账",
            "城关文具店",
            h,
            w,
            "刘副局长",
            "分管领导",
            "否",
            None,
            None,
        ],  # FIN001 FIN003
        [
            D(2026, 3, 4),
            "上级检查工作餐",
            1500,
            "接待",
            "发票",
            "现金",
            "清河宾馆",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
        ],  # FIN002
        [
            D(2026, 3, 5),
            "台式电脑",
            8000,
            "固定资产",
            "发票",
            "转账",
            "清河电脑城",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
        ],  # FIN004
        [
            D(2026, 3, 6),
            "会议室空调",
            8000,
            "固定资产",
            "发票",
            "转账",
            "清河电器",
            h,
            w,
            "郑局长",
            "局长",
            "是",
            None,
            None,
        ],
        [
            D(2026, 3, 9),
            "办公楼屋面维修",
            12000,
            "维修",
            "发票",
            "转账",
            "清河建筑公司",
            h,
            None,
            "郑局长",
            "局务会",
            "是",
            D(2026, 8, 31),
            D(2026, 10, 9),
        ],  # FIN004 (county) FIN005 FIN006
        [
            D(2026, 4, 1),
            "公务车维修",
            900,
            "维修",
            "发票",
            "转账",
            "城关汽修厂",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            D(2026, 8, 31),
            D(2026, 9, 30),
        ],
        [
            D(2026, 5, 6),
            "档案柜",
            4800,
            "固定资产",
            "发票",
            "转账",
            "清河家具厂",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
        ],  # FIN007
        [
            D(2026, 5, 8),
            "档案柜",
            4500,
            "固定资产",
            "发票",
            "转账",
            "清河家具厂",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
        ],  # FIN007
        [
            D(2026, 6, 1),
            "宣传资料印刷",
            4000,
            "其他",
            "发票",
            "转账",
            "城关印刷厂",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
        ],
        [
            D(2026, 6, 15),
            "宣传资料印刷",
            800,
            "其他",
            "发票",
            "转账",
            "城关印刷厂",
            h,
            w,
            "郑局长",
            "局长",
            "否",
            None,
            None,
        ],
    ]


def submissions_register() -> list[list]:
    """The county's 信息报送 register: 河西乡 reported nothing in the second quarter (SUB001 2026Q2)."""
    return [
        ["报送日期", "报送单位", "信息标题", "采用级别"],
        [D(2026, 1, 20), "城关镇", "城关镇一季度政务公开情况", "县"],
        [D(2026, 2, 15), "东关镇", "东关镇便民服务事项公开", "市"],
        [D(2026, 3, 10), "河西乡", "河西乡公开栏更新", "未采用"],
        [D(2026, 4, 22), "城关镇", "城关镇流动人口服务公开", "省"],
        [D(2026, 5, 18), "东关镇", "东关镇奖励扶助对象公示", "县"],
        [D(2026, 7, 9), "城关镇", "城关镇二季度工作交流", "市"],
        [D(2026, 8, 12), "河西乡", "河西乡三季度政务公开情况", "县"],
        [D(2026, 9, 3), "东关镇", "东关镇三季度政务公开情况", "未采用"],
    ]


def draws_register() -> list[list]:
    """The 双随机 draw (as `gov-audit sample` writes it): 河西乡 is never inspected (INS003)."""
    return [
        ["单位", "检查人员", "抽取日期"],
        ["城关镇", "王敏、赵磊", D(2026, 8, 3)],
        ["河西乡", "李静、孙强", D(2026, 8, 3)],
    ]


def inspections_register() -> list[list]:
    """Inspections: a result published a day late across 国庆 (INS002), an office inspected
    that was not drawn (INS004), an inspection with no result yet (INS001)."""
    return [
        ["检查对象", "检查人员", "检查日期", "检查结果", "结果公开日期"],
        ["城关镇", "王敏", D(2026, 9, 28), "合格", D(2026, 10, 14)],
        ["东关镇", "李静", D(2026, 9, 1), "合格", D(2026, 9, 3)],
        ["城关镇", "赵磊", D(2026, 11, 10), None, None],
    ]


def duty_register() -> list[list]:
    """The duty rota over 国庆: 09-30 and 10-05 have no one (DUT001), 李静 came at 08:25 on
    09-29 (DUT003: at least 10 minutes before 08:30), 10-06 was filed on 10-02 (DUT002)."""
    rows = [["值班日期", "值班人员", "带班领导", "到岗时间", "报备日期"]]
    rows += [
        [D(2026, 9, 28), "王敏", "郑建国", "08:15", None],
        [D(2026, 9, 29), "李静", "郑建国", "08:25", None],
        [D(2026, 10, 1), "赵磊", "刘晓梅", None, D(2026, 9, 25)],
        [D(2026, 10, 2), "孙强", "刘晓梅", None, D(2026, 9, 25)],
        [D(2026, 10, 3), "王敏", "陈志强", None, D(2026, 9, 25)],
        [D(2026, 10, 4), "李静", "陈志强", None, D(2026, 9, 25)],
        [D(2026, 10, 6), "赵磊", "郑建国", None, D(2026, 10, 2)],
        [D(2026, 10, 7), "孙强", "郑建国", None, D(2026, 9, 25)],
        [D(2026, 10, 8), "王敏", "刘晓梅", "08:10", None],
        [D(2026, 10, 9), "李静", "刘晓梅", "08:18", None],
        [D(2026, 10, 10), "赵磊", "陈志强", "08:05", None],
    ]
    return rows


def hospitality_register() -> list[list]:
    """Receptions: 180 yuan a guest (HOS002), 5 companions for 12 guests (HOS003), an
    approval dated two days after the meal (HOS001)."""
    return [
        ["接待日期", "接待对象", "接待人数", "陪同人数", "接待费用", "审批人", "审批日期", "承办股室"],
        [D(2026, 3, 12), "邻县计生局", 6, 2, 600, "刘晓梅", D(2026, 3, 11), "综合股"],
        [D(2026, 5, 20), "市计生委检查组", 8, 3, 1440, "刘晓梅", D(2026, 5, 19), "办公室"],
        [D(2026, 7, 8), "乡镇计生办", 12, 5, 1200, "郑建国", D(2026, 7, 7), "综合股"],
        [D(2026, 9, 16), "省调研组", 5, 3, 700, "刘晓梅", D(2026, 9, 18), "办公室"],
    ]


def tasks_register() -> list[list]:
    """Supervised tasks: a report to the higher office 2 working days late over 国庆 (TSK002),
    an appointment done 2 working days after the appointed day and a task still open
    (TSK001)."""
    return [
        ["编号", "事项", "来源", "交办日期", "办结期限", "办结日期", "结案报告日期", "承办人", "承办股室"],
        [
            "DB-2026-01",
            "核查流动人口信息",
            "局领导交办",
            D(2026, 8, 3),
            D(2026, 8, 14),
            D(2026, 8, 13),
            D(2026, 8, 13),
            "王敏",
            "流动人口管理股",
        ],
        [
            "DB-2026-02",
            "上级交办信访件复核",
            "上级交办",
            D(2026, 9, 1),
            D(2026, 9, 30),
            D(2026, 9, 29),
            D(2026, 10, 9),
            "李静",
            "信访股",
        ],
        [
            "YY-2026-07",
            "办理独生子女证",
            "办事预约",
            D(2026, 10, 20),
            D(2026, 10, 23),
            D(2026, 10, 27),
            None,
            "赵磊",
            "综合股",
        ],
        ["DB-2026-03", "整理年度档案", "局领导交办", D(2026, 11, 2), D(2026, 11, 20), None, None, "孙强", "办公室"],
    ]


def documents_register(director: str, deputy: str) -> list[list]:
    """Issued documents: one clean, and one planted case for each of DOC001–DOC007."""
    header = [
        "文号",
        "标题",
        "发文名义",
        "印发日期",
        "签发人",
        "规范性文件",
        "法制审查日期",
        "公开属性",
        "不予公开理由",
        "公开日期",
        "有效性",
        "政策性文件",
        "解读材料同步送审",
        "解读发布日期",
        "清理日期",
        "清理结果公开日期",
        "拟稿股室",
    ]
    d, dep = f"{director}（局长）", f"{deputy}（副局长）"
    rows = [
        # clean: a normative policy document, reviewed, interpreted the same day, cleaned up and published
        [
            "清人口发〔2024〕3号",
            "计划生育奖励扶助实施办法",
            "本局",
            D(2024, 3, 12),
            d,
            "是",
            D(2024, 3, 6),
            "主动公开",
            None,
            D(2024, 3, 12),
            "现行有效",
            "是",
            "是",
            D(2024, 3, 12),
            D(2026, 2, 26),
            D(2026, 3, 3),
            "政策法规股",
        ],
        # DOC007: a normative document issued 2024-05-20, never cleaned up: due 2026-05-20
        [
            "清人口发〔2024〕9号",
            "流动人口计划生育服务管理规定",
            "本局",
            D(2024, 5, 20),
            d,
            "是",
            D(2024, 5, 14),
            "主动公开",
            None,
            D(2024, 5, 20),
            "现行有效",
            "否",
            None,
            None,
            None,
            None,
            "流动人口管理股",
        ],
        # DOC001: no disclosure attribute
        [
            "清人口发〔2026〕15号",
            "关于开展统计数据核查的通知",
            "本局",
            D(2026, 7, 8),
            d,
            "否",
            None,
            None,
            None,
            None,
            None,
            "否",
            None,
            None,
            None,
            None,
            "综合股",
        ],
        # DOC002: a normative document reviewed only after issue
        [
            "清人口发〔2026〕18号",
            "特别扶助金发放管理办法",
            "本局",
            D(2026, 8, 3),
            d,
            "是",
            D(2026, 8, 5),
            "主动公开",
            None,
            D(2026, 8, 3),
            "现行有效",
            "否",
            None,
            None,
            None,
            None,
            "政策法规股",
        ],
        # DOC003: published without its validity
        [
            "清人口发〔2026〕21号",
            "关于调整办公时间的通知",
            "本局",
            D(2026, 9, 1),
            d,
            "否",
            None,
            "主动公开",
            None,
            D(2026, 9, 1),
            None,
            "否",
            None,
            None,
            None,
            None,
            "办公室",
        ],
        # DOC004 and DOC005: a policy document without its interpretation, none released
        [
            "清人口发〔2026〕24号",
            "关于落实生育支持政策的意见",
            "本局",
            D(2026, 9, 15),
            d,
            "否",
            None,
            "主动公开",
            None,
            D(2026, 9, 15),
            "现行有效",
            "是",
            "否",
            None,
            None,
            None,
            "宣传教育股",
        ],
        # DOC006: a section's document signed by the section head
        [
            "清人口宣〔2026〕4号",
            "人口日宣传活动安排",
            "股室",
            D(2026, 6, 22),
            "何丽（股长）",
            "否",
            None,
            "依申请公开",
            None,
            None,
            None,
            "否",
            None,
            None,
            None,
            None,
            "宣传教育股",
        ],
        # clean: withheld, with its reason; a section document signed by the deputy
        [
            "清人口财〔2026〕2号",
            "内部经费核算说明",
            "股室",
            D(2026, 4, 7),
            dep,
            "否",
            None,
            "不予公开",
            "内部事务信息",
            None,
            None,
            "否",
            None,
            None,
            None,
            None,
            "财务股",
        ],
    ]
    return [header, *rows]


def decisions_register() -> list[list]:
    """Major decisions, linked to the meetings' 议题: ZD-2026-01 clean; ZD-2026-02 made public
    5 days after its 决议会 with no comment results (DEC002, DEC003); ZD-2026-03 taken without
    a published draft and without the attendance opinion (DEC001, DEC004)."""
    header = [
        "事项编号",
        "决策事项",
        "草案公布日期",
        "决策日期",
        "采纳情况公开日期",
        "公示日期",
        "列席公开意见",
        "牵头科室",
    ]
    return [
        header,
        [
            "ZD-2026-01",
            "调整计划生育特别扶助标准",
            D(2026, 2, 9),
            D(2026, 3, 16),
            D(2026, 3, 18),
            D(2026, 3, 18),
            "是",
            "政策法规股",
        ],
        [
            "ZD-2026-02",
            "流动人口服务中心建设方案",
            D(2026, 4, 13),
            D(2026, 5, 18),
            None,
            D(2026, 5, 25),
            "是",
            "流动人口管理股",
        ],
        ["ZD-2026-03", "计生协会经费使用办法", None, D(2026, 7, 20), None, D(2026, 7, 21), "否", "财务股"],
    ]


def vehicle_trips_register() -> list[list]:
    """Trips: dispatched by the 综合股, one by 信访股 (VEH001), one lent out approved a day late (VEH002)."""
    header = ["用车日期", "车牌号", "用车人", "用车事由", "派车部门", "外借", "借用单位", "批准人", "批准日期"]
    a, b = "黔J·A1234", "黔J·B5678"
    return [
        header,
        [D(2026, 9, 8), a, "王敏", "下乡核查流动人口", "综合股", "否", None, None, None],
        [D(2026, 9, 10), b, "李静", "送取机要文件", "综合股", "否", None, None, None],
        [D(2026, 9, 15), a, "赵磊", "信访案件走访", "信访股", "否", None, None, None],
        [D(2026, 9, 22), b, None, "县妇联借用", "综合股", "是", "县妇联", "刘晓梅（副局长）", D(2026, 9, 21)],
        [D(2026, 10, 13), b, None, "县民政局借用", "综合股", "是", "县民政局", "刘晓梅（副局长）", D(2026, 10, 14)],
    ]


def fuel_register() -> list[list]:
    """Fuel: A1234 burns 13.3 L/100 km once (VEH003, norm 10 + 10 %); a fill with no mileage (VEH004)."""
    header = ["加油日期", "车牌号", "车型", "加油升数", "加油金额", "里程表读数", "驾驶员"]
    a, b = "黔J·A1234", "黔J·B5678"
    return [
        header,
        [D(2026, 9, 1), a, "轿车", 40, 320, 52000, "周涛"],
        [D(2026, 9, 12), a, "轿车", 42, 336, 52450, "周涛"],
        [D(2026, 9, 24), a, "轿车", 60, 480, 52900, "周涛"],
        [D(2026, 9, 3), b, "越野车", 50, 400, 81000, "吴军"],
        [D(2026, 9, 19), b, "越野车", 55, 440, 81420, "吴军"],
        [D(2026, 10, 9), b, "越野车", 48, 384, None, "吴军"],
    ]


def signin_register(people: list[str], depts: dict[str, str]) -> list[list]:
    """The collective study of 2026-10-12: P5 absent without leave, P0 (a section head) excused
    by a deputy only (LEV006 twice); P1 excused by the deputy in charge (clean)."""
    header = ["活动日期", "活动名称", "姓名", "部门", "职务类别", "签到", "请假批准人"]
    rows = []
    for i, p in enumerate(people[:8]):
        role = "股室负责人" if i == 0 else "一般工作人员"
        signed, approver = "是", None
        if i in (0, 1):
            signed, approver = "否", "刘晓梅（副局长）"
        if i == 5:
            signed = "否"
        rows.append([D(2026, 10, 12), "集中学习", p, depts[p], role, signed, approver])
    return [header, *rows]


def service_cases_register(officers: list[str]) -> list[list]:
    """The window: a complete case not settled on the spot without a receipt (SRV001), an
    incomplete one told three times (SRV002)."""
    header = [
        "受理日期",
        "办事人",
        "办理事项",
        "首问责任人",
        "材料齐全",
        "当场办结",
        "受理回执编号",
        "一次性告知单编号",
    ]
    header += ["告知次数", "办结日期", "承办股室"]
    a, b = officers[0], officers[1]
    return [
        header,
        [D(2026, 9, 8), "陈某", "生育登记", a, "是", "是", None, None, None, D(2026, 9, 8), "政策法规股"],
        [D(2026, 9, 9), "林某", "再生育审批", a, "是", "否", "HZ-2026-088", None, None, D(2026, 9, 18), "政策法规股"],
        [D(2026, 9, 15), "黄某", "独生子女证补办", b, "是", "否", None, None, None, D(2026, 9, 22), "政策法规股"],
        [D(2026, 9, 16), "郭某", "流动人口婚育证明", b, "否", "否", None, "GZ-2026-031", 1, None, "流动人口管理股"],
        [D(2026, 10, 20), "何某", "特别扶助申请", a, "否", "否", None, "GZ-2026-040", 3, None, "政策法规股"],
    ]


def ab_posts_register(people: list[str]) -> list[list]:
    """Two windows: P8/P9 never away together; P13/P12 both on leave 06-08 and 06-09 (ABP001)."""
    return [
        ["岗位", "A岗人员", "B岗人员"],
        ["生育登记窗口", people[8], people[9]],
        ["政策咨询窗口", people[13], people[12]],
    ]


def handovers_register(people: list[str]) -> list[list]:
    """P8 hands over before the leave of 09-14 (clean); P9's of 09-21 and P13's of 06-08 are
    not logged (ABP002 for P13 — P9 is a B post)."""
    return [["交接日期", "岗位", "交班人", "接班人"], [D(2026, 9, 11), "生育登记窗口", people[8], people[9]]]


def commitments_register(director: str) -> list[list]:
    """The service station re-signed after its new head; the bureau's new director did not (CMT001)."""
    return [
        ["单位", "主要负责人", "负责人任职日期", "承诺签署日期"],
        ["计生服务站", "周涛", D(2026, 3, 2), D(2026, 3, 20)],
        ["清河县人口和计划生育局", director, D(2026, 7, 1), D(2025, 12, 1)],
    ]


def build(path: Path = OUT) -> Path:
    rng = random.Random(SEED)
    name = Names(rng)
    staff = [name() for _ in range(12)]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    unit = "清河县人口和计划生育局"
    title_sheet(
        wb,
        "2026年信访台账",
        f"{unit}2026年信访登记台账",
        *_split(petitions(rng, name, staff[:4])),
        date_cols=(5, 6, 8, 11, 12),
    )
    title_sheet(wb, "领导接访", f"{unit}局领导接访登记", *_split(receptions(rng)), date_cols=(1,))
    title_sheet(
        wb, "依申请公开", f"{unit}政府信息依申请公开登记", *_split(requests(rng, name)), date_cols=(3, 4, 5, 10)
    )
    title_sheet(wb, "群众意见", f"{unit}群众意见建议登记", *_split(opinions(rng, staff[4:8])), date_cols=(2, 4, 7, 8))
    title_sheet(wb, "舆情回应", f"{unit}舆情与突发事件回应登记", *_split(incidents()), datetime_cols=(3, 4, 5, 6))
    people = [name() for _ in range(15)]
    unit_people = [name() for _ in range(4)]
    depts = {p: DEPTS[i % len(DEPTS)] for i, p in enumerate(people)}
    leaders = [name() for _ in range(3)]
    title_sheet(
        wb,
        "2026年9-10月考勤",
        f"{unit}机关2026年9—10月考勤登记表",
        *_split(attendance_daily(rng, people, depts)),
        date_cols=(4,),
    )
    ws = wb.create_sheet("服务站打卡记录")  # an attendance machine export: no title row
    for r in attendance_punch(rng, unit_people):
        ws.append(r)
    title_sheet(wb, "人员名册", f"{unit}人员名册", *_split(staff_roster(people, unit_people, depts)))
    title_sheet(
        wb,
        "请销假登记",
        f"{unit}请销假登记",
        *_split(leave_register(people, leaders, depts)),
        date_cols=(5, 6, 11, 12, 13),
    )
    title_sheet(wb, "效能投诉", f"{unit}效能投诉登记", *_split(complaints(people, depts)), date_cols=(1, 8))
    title_sheet(wb, "政务公开台账", f"{unit}政务公开台账", *_split(disclosures_register()), date_cols=(4, 5, 8))
    title_sheet(wb, "网站更新", f"{unit}门户网站信息发布记录", *_split(web_updates_register()), date_cols=(1,))
    title_sheet(wb, "会议记录", f"{unit}会议与活动记录", *_split(meetings_register(leaders)), date_cols=(1,))
    title_sheet(
        wb, "财务支出", f"{unit}财务支出台账", *_split(expenses_register(people)), date_cols=(1, 13, 14, 15, 17, 20, 21)
    )
    title_sheet(wb, "信息报送", "清河县政务公开信息报送登记", *_split(submissions_register()), date_cols=(1,))
    title_sheet(wb, "抽查名单", "清河县双随机抽查名单", *_split(draws_register()), date_cols=(3,))
    title_sheet(wb, "双随机检查", "清河县双随机抽查检查登记", *_split(inspections_register()), date_cols=(3, 5))
    title_sheet(wb, "值班表", f"{unit}国庆前后值班表", *_split(duty_register()), date_cols=(1, 5))
    title_sheet(wb, "公务接待", f"{unit}公务接待登记", *_split(hospitality_register()), date_cols=(1, 7))
    title_sheet(wb, "督办事项", f"{unit}督办事项登记", *_split(tasks_register()), date_cols=(4, 5, 6, 7))
    title_sheet(
        wb,
        "发文登记",
        f"{unit}发文登记",
        *_split(documents_register(leaders[0], leaders[1])),
        date_cols=(4, 7, 10, 14, 15, 16),
    )
    title_sheet(wb, "重大决策", f"{unit}重大决策登记", *_split(decisions_register()), date_cols=(3, 4, 5, 6))
    title_sheet(wb, "派车登记", f"{unit}派车登记", *_split(vehicle_trips_register()), date_cols=(1, 9))
    title_sheet(wb, "加油登记", f"{unit}车辆加油登记", *_split(fuel_register()), date_cols=(1,))
    title_sheet(wb, "集体活动签到", f"{unit}集中学习签到表", *_split(signin_register(people, depts)), date_cols=(1,))
    title_sheet(
        wb, "办事登记", f"{unit}便民服务窗口办事登记", *_split(service_cases_register(people)), date_cols=(1, 10)
    )
    title_sheet(wb, "AB岗", f"{unit}AB岗设置", *_split(ab_posts_register(people)))
    title_sheet(wb, "交接班登记", f"{unit}AB岗交接班登记", *_split(handovers_register(people)), date_cols=(1,))
    title_sheet(wb, "服务承诺", "社会服务承诺签名", *_split(commitments_register(leaders[0])), date_cols=(3, 4))
    wb.properties.creator = "清河县人口和计划生育局办公室"
    fixed = T(2026, 11, 1, 9, 0)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save(path)
    return path


def _split(table: list[list]) -> tuple[list[str], list[list]]:
    return table[0], table[1:]


if __name__ == "__main__":
    print(build())
