from helpers import D, T, check, findings, workbook

HEAD = [
    "姓名",
    "部门",
    "请假类型",
    "职务类别",
    "开始时间",
    "结束时间",
    "天数",
    "审批人",
    "请假单",
    "申请日期",
    "销假日期",
]


def leave(tmp_path, rows):
    return workbook(tmp_path / "l.xlsx", {"请假登记": [HEAD, *rows]})


def test_lev001_matrix(tmp_path):
    f = leave(
        tmp_path,
        [
            [
                "甲",
                "办公室",
                "事假",
                "一般工作人员",
                D(2026, 9, 7),
                D(2026, 9, 7),
                1,
                "股室负责人、分管领导",
                "是",
                None,
                None,
            ],
            [
                "乙",
                "办公室",
                "事假",
                "一般工作人员",
                D(2026, 9, 7),
                D(2026, 9, 8),
                None,
                "股室负责人、分管领导",
                "是",
                None,
                None,
            ],
            ["丙", "办公室", "病假", "股室负责人", D(2026, 9, 7), D(2026, 9, 7), 0.5, "分管副局长", "否", None, None],
            [
                "丁",
                "局领导",
                "事假",
                "局领导副职",
                D(2026, 9, 7),
                D(2026, 9, 9),
                3,
                "局长，县分管领导",
                "是",
                None,
                None,
            ],
            [
                "戊",
                "计生服务站",
                "事假",
                "下属单位工作人员",
                D(2026, 9, 7),
                D(2026, 9, 9),
                3,
                "站长/局分管领导",
                "是",
                None,
                None,
            ],
            [
                "己",
                "局领导",
                "事假",
                "局领导正职",
                D(2026, 9, 7),
                D(2026, 9, 7),
                1,
                "县分管领导、县长",
                "是",
                None,
                None,
            ],
            ["庚", "办公室", "出差", "一般工作人员", D(2026, 9, 7), D(2026, 9, 11), 5, "股室负责人", "否", None, None],
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "LEV001")
    got = [(x["row"], x["subject"], x["status"]) for x in findings(rep)]
    assert got == [(3, "乙", "violation"), (5, "丁", "violation"), (7, "己", "violation")]
    msgs = [x["message"] for x in findings(rep)]
    assert msgs[0] == "乙 请假 2 天（一般工作人员，2026-09-07）：缺少 局长 审批"
    assert "缺少 县长 审批" in msgs[1]
    assert "缺少 县委书记 审批" in msgs[2]


def test_lev002_lev003_lev004(tmp_path):
    f = leave(
        tmp_path,
        [
            [
                "甲",
                "办公室",
                "事假",
                "一般工作人员",
                D(2026, 9, 7),
                D(2026, 9, 8),
                2,
                "股室负责人、分管领导、局长",
                "否",
                D(2026, 9, 14),
                D(2026, 9, 9),
            ],
            [
                "乙",
                "办公室",
                "事假",
                "一般工作人员",
                D(2026, 9, 7),
                D(2026, 9, 7),
                1,
                "股室负责人、分管领导",
                "否",
                D(2026, 9, 15),
                D(2026, 9, 8),
            ],
            [
                "丙",
                "办公室",
                "病假",
                "一般工作人员",
                T(2026, 9, 28, 8, 30),
                T(2026, 9, 30, 17, 30),
                None,
                "股室负责人、分管领导、局长",
                "是",
                D(2026, 9, 27),
                None,
            ],
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "LEV00")
    got = sorted((x["rule"], x["row"], x["status"], x["due"]) for x in findings(rep))
    assert got == [
        ("LEV002", 2, "missing", None),
        ("LEV003", 3, "late", "2026-09-14"),
        ("LEV004", 4, "missing", "2026-10-08"),  # ends 09-30, first working day back 10-08
    ]


def test_con_rules_only_substantiated(tmp_path):
    f = workbook(
        tmp_path / "c.xlsx",
        {
            "效能投诉": [
                ["日期", "被投诉人", "部门", "投诉类型", "是否查实", "事由"],
                [D(2026, 3, 2), "甲", "办公室", "首问负责", "是", "推诿来访群众"],
                [D(2026, 4, 2), "甲", "办公室", "首问负责", "否", "查无实据"],
                [D(2026, 5, 2), "乙", "综合股", "一次性告知", None, "未一次告知所需材料"],
                [D(2026, 6, 2), "丙", "财务股", "效能告诫", "是", "上班时间玩游戏"],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "CON")
    assert [(x["rule"], x["row"], x["subject"]) for x in findings(rep)] == [
        ("CON001", 2, "甲"),
        ("CON002", 4, "乙"),
        ("CON003", 5, "丙"),
    ]
    assert findings(rep)[0]["message"] == "甲 2026-03-02：违反首问负责制（查实）（推诿来访群众）"
