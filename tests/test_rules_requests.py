from helpers import D, brief, check, findings, workbook

HEAD = [
    "编号",
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


def requests(tmp_path, rows):
    return workbook(tmp_path / "r.xlsx", {"依申请公开": [HEAD, *rows]})


def row(case, received, replied=None, *, sent=None, supp=None, consult=None, ext_ok=None, ext=None, told=None):
    return [case, "周某", received, sent, supp, consult, ext_ok, ext, told, replied, "政策法规股"]


def test_req001_twenty_working_days_and_supplement_restart(tmp_path):
    f = requests(
        tmp_path,
        [
            row("A", D(2026, 9, 14), D(2026, 10, 16)),
            row("B", D(2026, 9, 14), D(2026, 10, 19)),
            row("C", D(2026, 9, 14), D(2026, 10, 19), sent=D(2026, 9, 16), supp=D(2026, 9, 21)),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "REQ001")
    assert brief(rep, "REQ001") == [(3, "late", "2026-10-16", "2026-10-19", 1)]


def test_req001_consultation_excluded_and_extension_needs_approval_and_notice(tmp_path):
    f = requests(
        tmp_path,
        [
            row("CONSULT", D(2026, 9, 14), D(2026, 10, 23), consult=5),  # 20 + 5 wd → 10-23
            row("EXT", D(2026, 9, 14), D(2026, 11, 6), ext_ok="是", ext=15, told="是"),
            row("UNTOLD", D(2026, 9, 14), D(2026, 11, 6), ext_ok="是", ext=15, told="否"),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "REQ001")
    assert brief(rep, "REQ001") == [(4, "late", "2026-10-16", "2026-11-06", 15)]


def test_req001_overdue_and_due_soon(tmp_path):
    f = requests(tmp_path, [row("OPEN", D(2026, 9, 14)), row("SOON", D(2026, 10, 27))])
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "REQ001")
    # 10-27 + 20 wd = 11-24: due today, still open → due_soon
    assert brief(rep, "REQ001") == [(2, "overdue", "2026-10-16", None, 27), (3, "due_soon", "2026-11-24", None, None)]


def test_req002_extension_conditions(tmp_path):
    f = requests(
        tmp_path,
        [
            row("OK", D(2026, 9, 14), D(2026, 10, 30), ext_ok="是", ext=10, told="是"),
            row("LONG", D(2026, 9, 14), D(2026, 10, 30), ext_ok="是", ext=25, told="是"),
            row("UNTOLD", D(2026, 9, 14), D(2026, 10, 30), ext_ok="是", ext=10, told="否"),
            row("UNAPPROVED", D(2026, 9, 14), D(2026, 10, 30), ext_ok="否", ext=10, told="是"),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "REQ002", "--lang", "en")
    got = [(x["row"], x["key"], x["status"]) for x in findings(rep)]
    assert got == [(3, "LONG", "violation"), (4, "UNTOLD", "violation"), (5, "UNAPPROVED", "violation")]
    assert "applicant not told" in findings(rep)[1]["message"]
    assert "not approved" in findings(rep)[2]["message"]


def test_req003_supplement_notice(tmp_path):
    f = requests(
        tmp_path,
        [
            row("A", D(2026, 9, 14), sent=D(2026, 9, 22), replied=D(2026, 9, 30)),
            row("B", D(2026, 9, 14), sent=D(2026, 9, 23), replied=D(2026, 9, 30)),
        ],
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "REQ003")
    assert brief(rep, "REQ003") == [(3, "late", "2026-09-22", "2026-09-23", 1)]
