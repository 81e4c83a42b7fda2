from helpers import D, brief, check, findings, workbook

HEAD = ["公开事项", "公开类别", "责任科室", "形成日期", "公开日期", "所属期", "此件公开发布", "最后更新"]


def disclosures(tmp_path, rows, extra=None):
    sheets = {"政务公开": [HEAD, *rows]}
    sheets.update(extra or {})
    return workbook(tmp_path / "d.xlsx", sheets)


def test_dis001_dynamic_rolls_past_holiday(tmp_path):
    f = disclosures(
        tmp_path,
        [
            ["国庆值班安排", "动态", "办公室", D(2026, 9, 29), D(2026, 10, 8), None, None, None],  # due 10-02 → 10-08
            ["中秋慰问活动", "随时", "办公室", D(2026, 9, 14), D(2026, 9, 18), None, None, None],  # due 09-17
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "DIS001")
    assert brief(rep, "DIS001") == [(3, "late", "2026-09-17", "2026-09-18", 1)]


def test_dis002_same_day_and_dis003_twenty_wd(tmp_path):
    f = disclosures(
        tmp_path,
        [
            ["关于印发某办法的通知", "发文", "政策法规股", D(2026, 9, 15), D(2026, 9, 15), None, "是", None],
            ["关于调整某标准的通知", "发文", "政策法规股", D(2026, 9, 15), D(2026, 9, 16), None, "是", None],
            ["年度工作要点", "按批次", "综合股", D(2026, 9, 14), D(2026, 10, 16), None, None, None],
            ["项目招标结果", "按批次", "综合股", D(2026, 9, 14), D(2026, 10, 19), None, None, None],
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "DIS002", "--rule", "DIS003")
    assert brief(rep, "DIS002") == [(3, "late", "2026-09-15", "2026-09-16", 1)]
    assert brief(rep, "DIS003") == [(5, "late", "2026-10-16", "2026-10-19", 1)]


def test_dis006_unpublished_overdue_and_due_soon_warning(tmp_path):
    f = disclosures(
        tmp_path,
        [
            ["重大项目进展", "动态", "综合股", D(2026, 9, 14), None, None, None, None],  # overdue since 09-17
            ["新出台政策", "按批次", "政策法规股", D(2026, 10, 26), None, None, None, None],  # due 11-23 → overdue
            ["会议纪要", "按批次", "办公室", D(2026, 10, 28), None, None, None, None],  # due 11-25: due_soon (DIS003)
            ["下月计划", "按批次", "办公室", D(2026, 11, 20), None, None, None, None],  # due 12-18: nothing yet
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "DIS")
    got = sorted((x["rule"], x["row"], x["status"], x["due"]) for x in findings(rep))
    assert got == [
        ("DIS003", 4, "due_soon", "2026-11-25"),
        ("DIS006", 2, "overdue", "2026-09-17"),
        ("DIS006", 3, "overdue", "2026-11-23"),
    ]


def test_dis004_missing_month_and_partial_period_not_judged(tmp_path):
    rows = [
        ["财政预算执行情况", "按月", "财务股", D(2026, m, 5), D(2026, m, 8), f"2026-{m - 1:02d}", None, None]
        for m in (2, 3, 4, 6)
    ]  # periods 2026-01, -02, -03, -05: April is missing
    f = disclosures(tmp_path, rows)
    _, rep, _ = check(f, "--as-of", "2026-06-20", "--since", "2026-01-10", "--rule", "DIS004")
    # January lies only partly inside the range (from 01-10): not judged; June is not over yet
    assert [(x["period"], x["row"], x["status"]) for x in findings(rep)] == [("2026-04", None, "missing")]
    assert "财政预算执行情况" in findings(rep)[0]["message"]


def test_dis005_long_term_review(tmp_path):
    f = disclosures(
        tmp_path,
        [
            ["机构职能", "长期", "办公室", D(2025, 1, 5), D(2025, 1, 6), None, None, D(2026, 3, 1)],
            ["收费标准", "长期", "财务股", D(2024, 1, 5), D(2024, 1, 6), None, None, D(2025, 10, 31)],
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "DIS005")
    assert brief(rep, "DIS005") == [(3, "overdue", "2026-11-02", None, 22)]


def test_web001_week_with_one_update(tmp_path):
    f = workbook(
        tmp_path / "w.xlsx",
        {
            "网站更新": [
                ["发布日期", "栏目", "标题"],
                [D(2026, 9, 14), "通知公告", "a"],
                [D(2026, 9, 16), "工作动态", "b"],
                [D(2026, 9, 22), "工作动态", "c"],
                [D(2026, 9, 28), "通知公告", "d"],
                [D(2026, 9, 30), "工作动态", "e"],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-10-04", "--rule", "WEB001")
    assert [(x["period"], x["row"]) for x in findings(rep)] == [("2026-W39", None)]
    assert findings(rep)[0]["message"] == "2026-W39 周网站更新 1 次，少于每周 2 次"


MEET = ["会议日期", "会议类型", "议题", "应到人数", "同意人数", "主持人", "重大事项"]


def test_mtg004_two_thirds(tmp_path):
    f = workbook(
        tmp_path / "m.xlsx",
        {
            "会议记录": [
                MEET,
                [D(2026, 9, 15), "决议会", "ZD-01", 9, 6, "郑建国（局长）", "是"],
                [D(2026, 9, 16), "决议会", "ZD-02", 9, 5, "郑建国（局长）", "是"],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "MTG004")
    assert [(x["row"], x["key"]) for x in findings(rep)] == [(3, "ZD-02")]


def test_mtg005_three_meetings(tmp_path):
    f = workbook(
        tmp_path / "m.xlsx",
        {
            "会议记录": [
                MEET,
                [D(2026, 9, 1), "初审会", "ZD-01", None, None, None, "是"],
                [D(2026, 9, 8), "审议会", "ZD-01", None, None, None, "是"],
                [D(2026, 9, 15), "决议会", "ZD-01", 9, 7, None, "是"],
                [D(2026, 9, 1), "初审会", "ZD-02", None, None, None, "是"],
                [D(2026, 9, 15), "决议会", "ZD-02", 9, 7, None, "是"],
                [D(2026, 9, 1), "初审会", "ZD-03", None, None, None, "是"],
                [D(2026, 9, 10), "决议会", "ZD-03", 9, 7, None, "是"],
                [D(2026, 9, 12), "审议会", "ZD-03", None, None, None, "是"],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "MTG005")
    got = [(x["key"], x["row"], x["message"]) for x in findings(rep)]
    assert got == [
        ("ZD-02", 6, "重大事项 ZD-02：缺少审议会"),
        ("ZD-03", 9, "重大事项 ZD-03：三次会议顺序颠倒（应为初审会→审议会→决议会）"),
    ]


def test_periodic_meetings(tmp_path):
    rows = [MEET]
    rows += [[D(2025, m, 10), "领导小组会议", None, None, None, "郑建国（局长）", None] for m in range(1, 13) if m != 8]
    rows += [
        [D(2025, 2, 20), "座谈会", None, None, None, None, None],
        [D(2025, 5, 20), "座谈会", None, None, None, None, None],
        [D(2025, 11, 20), "座谈会", None, None, None, None, None],
    ]  # Q3 missing
    rows += [[D(2025, 6, 25), "信访例会", None, None, None, None, None]]  # H2 missing
    rows += [[D(2025, 4, 10), "明察暗访", None, None, None, None, None]]  # only one
    rows += [
        [D(2025, 3, 12), "培训", None, None, None, None, None],
        [D(2025, 9, 18), "培训", None, None, None, None, None],
    ]
    rows += [
        [D(2025, 5, 20), "政策解读", None, None, None, "郑建国（局长）", None],
        [D(2025, 11, 3), "政策解读", None, None, None, "刘晓梅（副局长）", None],
    ]  # deputy does not count
    f = workbook(tmp_path / "m.xlsx", {"会议记录": rows})
    _, rep, _ = check(f, "--as-of", "2026-03-01", "--since", "2025-01-01", "--until", "2025-12-31", "--rule", "MTG00")
    got = sorted((x["rule"], x["period"]) for x in findings(rep))
    assert got == [
        ("MTG001", "2025-08"),
        ("MTG002", "2025Q3"),
        ("MTG003", "2025H2"),
        ("MTG006", "2025"),
        ("MTG008", "2025"),
    ]


EXP = [
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


def test_finance_rules(tmp_path):
    f = workbook(
        tmp_path / "e.xlsx",
        {
            "财务支出": [
                EXP,
                [
                    D(2026, 3, 2),
                    "打印纸",
                    150,
                    "办公用品",
                    "收据",
                    "现金",
                    "文具店",
                    "王某",
                    "李某",
                    "刘副局长",
                    "分管领导",
                    "否",
                    None,
                    None,
                ],  # clean
                [
                    D(2026, 3, 3),
                    "墨盒",
                    350,
                    "办公用品",
                    "收据",
                    "转账",
                    "文具店",
                    "王某",
                    "李某",
                    "刘副局长",
                    "分管领导",
                    "否",
                    None,
                    None,
                ],  # FIN001, FIN003
                [
                    D(2026, 3, 4),
                    "会议用餐",
                    1500,
                    "接待",
                    "发票",
                    "现金",
                    "某酒店",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "否",
                    None,
                    None,
                ],  # FIN002
                [
                    D(2026, 3, 5),
                    "电脑",
                    8000,
                    "固定资产",
                    "发票",
                    "转账",
                    "某公司",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "否",
                    None,
                    None,
                ],  # FIN004
                [
                    D(2026, 3, 6),
                    "空调",
                    8000,
                    "固定资产",
                    "发票",
                    "转账",
                    "某电器公司",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "是",
                    None,
                    None,
                ],  # clean
                [
                    D(2026, 3, 9),
                    "办公楼维修",
                    12000,
                    "维修",
                    "发票",
                    "转账",
                    "某建筑公司",
                    "王某",
                    None,
                    "郑局长",
                    "局务会",
                    "是",
                    D(2026, 8, 31),
                    D(2026, 10, 9),
                ],  # FIN004 (county), FIN005, FIN006
                [
                    D(2026, 4, 1),
                    "车辆维修",
                    900,
                    "维修",
                    "发票",
                    "转账",
                    "某修理厂",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "否",
                    D(2026, 8, 31),
                    D(2026, 9, 30),
                ],  # clean
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "FIN")
    got = sorted((x["rule"], x["row"]) for x in findings(rep))
    assert got == [
        ("FIN001", 3),
        ("FIN002", 4),
        ("FIN003", 3),
        ("FIN004", 5),
        ("FIN004", 7),
        ("FIN005", 7),
        ("FIN006", 7),
    ]
    msgs = {(x["rule"], x["row"]): x["message"] for x in findings(rep)}
    assert (
        msgs[("FIN004", 5)]
        == "2026-03-05 “电脑” 8,000.00 元：审批记录为“局长”，该金额须“局务会研究后局长审批”，缺少局务会"
    )
    assert msgs[("FIN005", 7)].endswith("缺少证明人签字")
    assert [x["due"] for x in findings(rep, "FIN006")] == ["2026-09-30"]


def test_fin007_split_purchase(tmp_path):
    f = workbook(
        tmp_path / "e.xlsx",
        {
            "财务支出": [
                EXP,
                [
                    D(2026, 5, 6),
                    "办公桌椅",
                    4800,
                    "固定资产",
                    "发票",
                    "转账",
                    "某家具公司",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "否",
                    None,
                    None,
                ],
                [
                    D(2026, 5, 8),
                    "办公桌椅",
                    4500,
                    "固定资产",
                    "发票",
                    "转账",
                    "某家具公司",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "否",
                    None,
                    None,
                ],
                [
                    D(2026, 6, 1),
                    "资料印刷",
                    4000,
                    "其他",
                    "发票",
                    "转账",
                    "某印刷厂",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "否",
                    None,
                    None,
                ],
                [
                    D(2026, 6, 7),
                    "资料印刷",
                    800,
                    "其他",
                    "发票",
                    "转账",
                    "某印刷厂",
                    "王某",
                    "李某",
                    "郑局长",
                    "局长",
                    "否",
                    None,
                    None,
                ],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "FIN007")
    got = [(x["row"], x["key"]) for x in findings(rep)]
    assert got == [(2, "某家具公司")]
    assert "2 笔共 9,300.00 元（第 2、3 行）" in findings(rep)[0]["message"]


def test_unit_accountability_and_dept_score(tmp_path):
    f = disclosures(
        tmp_path,
        [
            ["中秋慰问活动", "随时", "办公室", D(2026, 9, 14), D(2026, 9, 18), None, None, None],  # DIS001 → 通报批评
            ["重大项目进展", "动态", "综合股", D(2026, 9, 14), None, None, None, None],  # DIS006 → 追究 + dept score
        ],
    )
    book = tmp_path / "b.toml"
    book.write_text(
        '[settings]\nunit_name = "清河县人口和计划生育局"\n[ladders.dept_score]\npoints = 2\n', encoding="utf-8"
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rulebook", book)
    pen = [(p["ladder"], p["subject"], p["tier"], p["consequence"]) for p in rep["penalties"]]
    assert ("unit_accountability", "清河县人口和计划生育局", 2, "追究政务公开单位负责人的责任") in pen
    assert ("dept_score", "综合股", 1, "公开通报，扣除科室考核分值 2 分") in pen


def test_dis006_uses_the_category_rules_parameters(tmp_path):
    f = disclosures(tmp_path, [["新出台政策", "按批次", "政策法规股", D(2026, 10, 26), None, None, None, None]])
    book = tmp_path / "b.toml"
    book.write_text("[rules.DIS003]\nproactive_wd = 25\n", encoding="utf-8")
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "DIS006", "--rulebook", book)
    assert findings(rep) == []  # 10-26 + 25 wd = 11-30: not yet overdue
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "DIS006")
    assert brief(rep, "DIS006") == [(2, "overdue", "2026-11-23", None, 1)]
