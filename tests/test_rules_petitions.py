from helpers import D, brief, check, findings, workbook

HEAD = [
    "编号",
    "信访人",
    "信访方式",
    "是否署名",
    "收到日期",
    "受理决定日期",
    "办结日期",
    "延期批准",
    "延长天数",
    "答复日期",
    "承办科室",
    "承办人",
    "限办截止时间",
]


def petitions(tmp_path, rows, extra=None):
    sheets = {"信访登记": [HEAD, *rows]}
    sheets.update(extra or {})
    return workbook(tmp_path / "p.xlsx", sheets)


def row(
    case,
    received,
    decided=None,
    closed=None,
    *,
    channel="来访",
    signed="否",
    ext_ok="否",
    ext=None,
    replied=None,
    limit=None,
    handler="张三",
):
    return [case, "刘某", channel, signed, received, decided, closed, ext_ok, ext, replied, "综合股", handler, limit]


def test_pet001_pass_and_fail(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("A", D(2026, 9, 1), D(2026, 9, 16), D(2026, 9, 20)),
            row("B", D(2026, 9, 15), D(2026, 10, 9), D(2026, 10, 20)),
        ],
    )
    code, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET001")
    assert code == 1
    assert brief(rep, "PET001") == [(3, "late", "2026-09-30", "2026-10-09", 9)]
    assert findings(rep)[0]["key"] == "B" and findings(rep)[0]["subject"] == "张三"


def test_pet001_due_on_make_up_saturday_does_not_roll(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("A", D(2026, 9, 25), D(2026, 10, 10), D(2026, 10, 20)),
            row("B", D(2026, 9, 25), D(2026, 10, 12), D(2026, 10, 20)),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET001")
    assert brief(rep, "PET001") == [(3, "late", "2026-10-10", "2026-10-12", 2)]


def test_pet002_rolls_past_national_day(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("A", D(2026, 8, 1), D(2026, 8, 5), D(2026, 10, 8)),
            row("B", D(2026, 8, 1), D(2026, 8, 5), D(2026, 10, 9)),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET002")
    assert brief(rep, "PET002") == [(3, "late", "2026-10-08", "2026-10-09", 1)]


def test_pet002_overdue_and_due_soon(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("OPEN", D(2026, 8, 30), D(2026, 9, 1)),  # due 10-31 Sat → 11-02
            row("SOON", D(2026, 9, 25), D(2026, 9, 28)),  # due 11-27 (3 wd after 11-24)
            row("LATER", D(2026, 10, 9), D(2026, 10, 9)),
        ],
    )  # due 12-08: not yet a finding
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET002")
    assert brief(rep, "PET002") == [(2, "overdue", "2026-11-02", None, 22), (3, "due_soon", "2026-11-27", None, None)]
    assert [x["severity"] for x in findings(rep)] == ["breach", "warning"]


def test_pet002_counts_only_approved_extension(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("OK", D(2026, 7, 1), D(2026, 7, 1), D(2026, 9, 28), ext_ok="是", ext=30),
            row("NO", D(2026, 7, 1), D(2026, 7, 1), D(2026, 9, 28), ext_ok="否", ext=30),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET002")
    # 07-01 + 60 d = 08-30 (Sun) → 08-31; +30 d = 09-30
    assert brief(rep, "PET002") == [(3, "late", "2026-08-31", "2026-09-28", 28)]


def test_pet003_too_long_or_unapproved(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("A", D(2026, 7, 1), ext_ok="是", ext=30, closed=D(2026, 8, 1)),
            row("B", D(2026, 7, 1), ext_ok="是", ext=45, closed=D(2026, 8, 1)),
            row("C", D(2026, 7, 1), ext_ok="否", ext=10, closed=D(2026, 8, 1)),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET003", "--lang", "en")
    got = [(x["row"], x["status"], x["key"]) for x in findings(rep)]
    assert got == [(3, "violation", "B"), (4, "violation", "C")]
    assert "longer than allowed" in findings(rep)[0]["message"]
    assert "not approved" in findings(rep)[1]["message"]


def test_pet004_signed_letter_without_reply(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("A", D(2026, 8, 5), closed=D(2026, 9, 1), channel="来信", signed="是", replied=D(2026, 9, 1)),
            row("B", D(2026, 8, 5), closed=D(2026, 9, 1), channel="来信", signed="是"),
            row("C", D(2026, 8, 5), closed=D(2026, 9, 1), channel="来信", signed="否"),
            row("D", D(2026, 8, 5), closed=D(2026, 9, 1), channel="来访", signed="是"),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET004")
    assert [(x["row"], x["status"], x["key"]) for x in findings(rep)] == [(3, "missing", "B")]


def test_pet005_wednesday_without_reception(tmp_path):
    rec = {
        "领导接访": [
            ["接访日期", "接待领导", "来访人数"],
            [D(2026, 9, 16), "王局长", 3],
            [D(2026, 9, 23), "李副局长", 1],
            [D(2026, 10, 14), "王局长", 2],
        ]
    }
    f = petitions(tmp_path, [row("A", D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 3))], rec)
    _, rep, _ = check(f, "--as-of", "2026-10-20", "--rule", "PET005")
    # 09-30 is a working Wednesday; 10-07 is National Day: no reception needed
    assert [(x["period"], x["row"], x["status"]) for x in findings(rep)] == [("2026-09-30", None, "missing")]


def test_pet006_own_limit(tmp_path):
    f = petitions(
        tmp_path,
        [
            row("A", D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 29), limit=D(2026, 9, 30)),
            row("B", D(2026, 9, 1), D(2026, 9, 2), D(2026, 10, 9), limit=D(2026, 9, 30)),
            row("C", D(2026, 9, 1), D(2026, 9, 2), D(2026, 10, 9)),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET006")
    assert brief(rep, "PET006") == [(3, "late", "2026-09-30", "2026-10-09", 9)]


def test_rule_not_judged_without_its_column(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx", {"信访登记": [["编号", "收到日期", "办结日期"], ["A", D(2026, 9, 1), D(2026, 9, 2)]]}
    )
    code, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET")
    assert code == 0
    nj = {n["rule"]: n["reason"] for n in rep["not_judged"]}
    assert nj["PET001"] == "column_absent:accept_decided" and nj["PET006"] == "column_absent:limit"
