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
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "志强", "海燕", "晓东", "春梅", "国庆", "丹"]
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


def title_sheet(wb, name: str, title: str, header: list[str], rows: list[list], widths: dict[int, int] | None = None,
                date_cols: tuple[int, ...] = (), datetime_cols: tuple[int, ...] = ()) -> None:
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
    header = ["编号", "信访人", "信访方式", "是否署名", "收到日期", "受理决定日期", "是否受理", "办结日期", "延期批准",
              "延长天数", "答复日期", "限办截止时间", "承办科室", "承办人"]
    rows = []
    k = 0

    def add(received, decided, closed, *, channel="来访", signed="否", ext_ok="", ext=None, replied=None, limit=None,
            dept=None, handler=None):
        nonlocal k
        k += 1
        rows.append([f"XF-2026-{k:03d}", name(), channel, signed, received, decided, "是", closed, ext_ok, ext,
                     replied, limit, dept or "信访股", handler or rng.choice(handlers)])

    # clean background: decided in 3–10 days, concluded in 20–45 days, letters answered
    for i in range(24):
        received = D(2026, 1, 5) + dt.timedelta(days=9 * i + rng.randrange(3))
        decided = received + dt.timedelta(days=rng.randrange(3, 10))
        closed = decided + dt.timedelta(days=rng.randrange(20, 45))
        if closed > D(2026, 11, 10):
            continue
        letter = i % 3 == 0
        add(received, decided, closed, channel="来信" if letter else rng.choice(["来访", "来电", "网上信访"]),
            signed="是" if letter else "否", replied=closed if letter else None)
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
    header = ["申请编号", "申请人", "收到申请日期", "补正通知日期", "收到补正日期", "征求意见用时", "延期批准", "延长天数",
              "告知申请人", "答复日期", "承办科室"]
    rows = []
    k = 0

    def add(received, replied, *, sent=None, supp=None, consult=None, ext_ok=None, ext=None, told=None):
        nonlocal k
        k += 1
        rows.append([f"YSQ-2026-{k:03d}", name(), received, sent, supp, consult, ext_ok, ext, told, replied, "政策法规股"])

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
    header = ["意见编号", "收到日期", "当场答复", "答复日期", "承办科室", "承办人"]
    rows = []
    for i in range(14):
        received = D(2026, 1, 12) + dt.timedelta(days=20 * i)
        spot = i % 4 == 0
        rows.append([f"YJ-{i + 1:03d}", received, "是" if spot else "否",
                     received if spot else received + dt.timedelta(days=rng.randrange(2, 9)), "办公室", rng.choice(handlers)])
    rows.append(["YJ-101", D(2026, 9, 14), "否", D(2026, 9, 29), "办公室", handlers[0]])  # OPN001 late (due 09-28)
    rows.append(["YJ-102", D(2026, 10, 26), "否", None, "宣传教育股", handlers[1]])  # OPN001 overdue (due 11-09)
    return [header, *rows]


def incidents() -> list[list]:
    header = ["事件编号", "事件级别", "发现时间", "发布权威信息时间", "新闻发布会时间", "回应时间", "责任科室"]
    return [header,
            ["SJ-2026-01", "一般", T(2026, 3, 2, 10, 0), None, None, T(2026, 3, 3, 16, 0), "宣传教育股"],
            ["SJ-2026-02", "重大", T(2026, 5, 11, 8, 30), T(2026, 5, 11, 12, 0), T(2026, 5, 12, 8, 0), None, "办公室"],
            ["SJ-2026-03", "重大", T(2026, 10, 2, 9, 0), T(2026, 10, 2, 15, 30), T(2026, 10, 3, 10, 0), None, "办公室"],  # RSP001 + RSP002 late
            ["SJ-2026-04", "一般", T(2026, 10, 20, 9, 0), None, None, T(2026, 10, 22, 12, 0), "宣传教育股"],  # RSP003 late 3 h
            ]


def build(path: Path = OUT) -> Path:
    rng = random.Random(SEED)
    name = Names(rng)
    staff = [name() for _ in range(12)]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    unit = "清河县人口和计划生育局"
    title_sheet(wb, "2026年信访台账", f"{unit}2026年信访登记台账", *_split(petitions(rng, name, staff[:4])),
                date_cols=(5, 6, 8, 11, 12))
    title_sheet(wb, "领导接访", f"{unit}局领导接访登记", *_split(receptions(rng)), date_cols=(1,))
    title_sheet(wb, "依申请公开", f"{unit}政府信息依申请公开登记", *_split(requests(rng, name)), date_cols=(3, 4, 5, 10))
    title_sheet(wb, "群众意见", f"{unit}群众意见建议登记", *_split(opinions(rng, staff[4:8])), date_cols=(2, 4))
    title_sheet(wb, "舆情回应", f"{unit}舆情与突发事件回应登记", *_split(incidents()), datetime_cols=(3, 4, 5, 6))
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
