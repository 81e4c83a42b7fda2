"""The committed sample workbook carries a planted breach of every implemented rule."""

from pathlib import Path

from helpers import check

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"


def test_sample_has_every_planted_finding():
    # From 2025 on, so that the yearly duties of 2025 (MTG006–MTG008) are judged too.
    code, rep, err = check(SAMPLE, "--as-of", "2026-11-24", "--since", "2025-01-01")
    assert code == 1 and err == ""
    got = {(f["rule"], f["status"], f["sheet"], f["row"], f["due"]) for f in rep["findings"]}
    expected = {
        ("PET001", "late", "2026年信访台账", 27, "2026-09-30"),
        ("PET002", "late", "2026年信访台账", 30, "2026-10-08"),
        ("PET002", "overdue", "2026年信访台账", 31, "2026-11-02"),
        ("PET002", "due_soon", "2026年信访台账", 32, "2026-11-27"),
        ("PET003", "violation", "2026年信访台账", 34, None),
        ("PET003", "violation", "2026年信访台账", 35, None),
        ("PET004", "missing", "2026年信访台账", 36, "2026-09-04"),
        ("PET005", "missing", None, None, "2026-06-17"),
        ("SUB001", "missing", None, None, "2026-06-30"),
        ("DUT001", "missing", None, None, "2026-09-30"),
        ("DUT001", "missing", None, None, "2026-10-05"),
        ("DUT002", "late", "值班表", 9, "2026-09-30"),
        ("DUT003", "violation", "值班表", 4, None),
        ("HOS001", "violation", "公务接待", 6, None),
        ("HOS002", "violation", "公务接待", 4, None),
        ("HOS003", "violation", "公务接待", 5, None),
        ("TSK002", "late", "督办事项", 4, "2026-09-30"),
        ("TSK001", "late", "督办事项", 5, "2026-10-23"),
        ("TSK001", "overdue", "督办事项", 6, "2026-11-20"),
        ("INS001", "missing", "双随机检查", 5, None),
        ("INS002", "late", "双随机检查", 3, "2026-10-13"),
        ("INS003", "missing", "抽查名单", 4, "2026-09-02"),
        ("INS004", "violation", "双随机检查", 4, None),
        ("PET005", "missing", None, None, "2026-09-30"),
        ("PET006", "late", "2026年信访台账", 37, "2026-09-30"),
        ("PET007", "missing", "2026年信访台账", 39, None),
        ("PET008", "missing", "2026年信访台账", 40, None),
        ("PET009", "late", "2026年信访台账", 41, "2026-10-01"),
        ("REQ001", "late", "依申请公开", 12, "2026-10-16"),
        ("REQ001", "overdue", "依申请公开", 18, "2026-10-26"),
        ("REQ001", "due_soon", "依申请公开", 19, "2026-11-24"),
        ("REQ002", "violation", "依申请公开", 15, None),
        ("REQ003", "late", "依申请公开", 17, "2026-09-22"),
        ("OPN001", "late", "群众意见", 17, "2026-09-28"),
        ("OPN002", "late", "群众意见", 19, "2026-10-16"),
        ("OPN001", "overdue", "群众意见", 18, "2026-11-09"),
        ("RSP001", "late", "舆情回应", 5, "2026-10-02T14:00"),
        ("RSP002", "late", "舆情回应", 5, "2026-10-03T09:00"),
        ("RSP003", "late", "舆情回应", 6, "2026-10-22T09:00"),
        ("DIS001", "late", "政务公开台账", 6, "2025-05-29"),
        ("DIS001", "late", "政务公开台账", 7, "2026-09-17"),
        ("DIS002", "late", "政务公开台账", 8, "2026-09-15"),
        ("DIS003", "late", "政务公开台账", 10, "2026-10-16"),
        ("DIS003", "due_soon", "政务公开台账", 12, "2026-11-25"),
        ("DIS004", "missing", None, None, "2026-07-31"),
        ("DIS005", "overdue", "政务公开台账", 4, "2026-11-02"),
        ("DIS006", "overdue", "政务公开台账", 11, "2026-10-23"),
        ("WEB001", "missing", None, None, "2026-09-27"),
        ("MTG001", "missing", None, None, "2026-08-31"),
        ("MTG002", "missing", None, None, "2026-09-30"),
        ("MTG006", "missing", None, None, "2025-12-31"),
        ("MTG007", "missing", None, None, "2025-12-31"),
        ("MTG008", "missing", None, None, "2025-12-31"),
        ("MTG003", "missing", None, None, "2025-12-31"),
        ("MTG004", "violation", "会议记录", 862, None),
        ("MTG009", "late", "会议记录", 962, "2026-07-10"),
        ("MTG010", "missing", None, None, "2026-09-30"),
        ("MTG011", "missing", None, None, "2026-07-31"),
        ("MTG012", "missing", None, None, "2026-10-31"),
        ("MTG013", "missing", None, None, "2026-06-30"),
        ("MTG014", "missing", None, None, "2026-11-01"),
        ("MTG015", "missing", None, None, "2026-11-08"),
        ("MTG016", "missing", None, None, "2025-12-31"),
        ("MTG017", "missing", None, None, "2025-12-31"),
        ("MTG018", "missing", None, None, "2025-12-31"),
        ("MTG019", "missing", None, None, "2025-12-31"),
        ("MTG020", "missing", None, None, "2026-03-31"),
        ("MTG022", "missing", None, None, "2025-12-31"),
        # The planted breaches' consequences and the conduct, leave and finance rows (each row a case):
        ("PET002", "late", "2026年信访台账", 35, "2026-08-11"),  # the unapproved extension does not lengthen it
        ("REQ001", "late", "依申请公开", 15, "2026-10-16"),
        ("REQ001", "late", "依申请公开", 16, "2026-09-28"),
        ("REQ002", "violation", "依申请公开", 16, None),
        ("MTG005", "missing", "会议记录", 973, None),
        ("LEV001", "violation", "请销假登记", 6, None),
        ("LEV001", "violation", "请销假登记", 8, None),
        ("LEV002", "missing", "请销假登记", 9, None),
        ("LEV003", "late", "请销假登记", 4, "2026-09-28"),
        ("LEV004", "missing", "请销假登记", 10, "2026-11-03"),
        ("FIN001", "violation", "财务支出", 4, None),
        ("FIN002", "violation", "财务支出", 5, None),
        ("FIN003", "violation", "财务支出", 4, None),
        ("FIN004", "violation", "财务支出", 6, None),
        ("FIN004", "violation", "财务支出", 8, None),
        ("FIN005", "missing", "财务支出", 8, None),
        ("FIN006", "late", "财务支出", 8, "2026-09-30"),
        ("FIN007", "violation", "财务支出", 10, None),
        *{("CON001", "violation", "效能投诉", r, None) for r in (4, 5, 9, 18, 19, 20)},
        *{("CON002", "violation", "效能投诉", r, None) for r in (3, 10, 11, 14, 21)},
        *{("CON003", "violation", "效能投诉", r, None) for r in (6, 8, 12, 13, 15, 16, 17, 22)},
        ("CON004", "overdue", "效能投诉", 7, "2026-08-20"),
        ("CON005", "violation", "效能投诉", 22, None),
        ("FIN004", "violation", "财务支出", 18, None),  # the roadside repair's deputy approval (600 yuan)
        ("FIN005", "missing", "财务支出", 18, None),
        ("FIN008", "missing", "财务支出", 6, None),
        ("FIN009", "violation", "财务支出", 14, None),
        *{("FIN010", "violation", "财务支出", r, None) for r in (10, 11, 15)},  # the split cabinets too
        ("FIN011", "violation", "财务支出", 16, None),
        ("FIN012", "violation", "财务支出", 17, None),
        ("FIN013", "overdue", "人员名册", 17, "2026-11-13"),
        ("VEH001", "violation", "派车登记", 5, None),
        ("VEH002", "violation", "派车登记", 7, None),
        ("VEH003", "violation", "加油登记", 5, None),
        ("VEH004", "missing", "加油登记", 8, None),
        ("ABP001", "violation", "AB岗", 4, None),  # 06-08 and 06-09: one line each in the set
        ("ABP002", "missing", "AB岗", 4, None),
        ("CMT001", "overdue", "服务承诺", 4, "2026-07-31"),
        ("CON006", "violation", "效能投诉", 6, None),
        ("LEV005", "missing", "请销假登记", 8, None),
        ("LEV006", "violation", "集体活动签到", 3, None),
        ("LEV006", "violation", "集体活动签到", 8, None),
        ("OPN003", "missing", "群众意见", 17, None),
        ("SRV001", "missing", "办事登记", 5, None),
        ("SRV002", "violation", "办事登记", 7, None),
        ("DIS007", "missing", "政务公开台账", 20, None),
        ("DOC001", "missing", "发文登记", 5, None),
        ("DOC002", "violation", "发文登记", 6, None),
        ("DOC003", "missing", "发文登记", 7, None),
        ("DOC004", "missing", "发文登记", 8, None),
        ("DOC005", "overdue", "发文登记", 8, "2026-09-15"),
        ("DOC006", "violation", "发文登记", 9, None),
        ("DOC007", "overdue", "发文登记", 4, "2026-05-20"),
        ("DEC001", "missing", "重大决策", 5, None),
        ("DEC002", "overdue", "重大决策", 4, "2026-05-21"),
        ("DEC003", "late", "重大决策", 4, "2026-05-21"),
        ("DEC004", "missing", "重大决策", 5, None),
    }
    # Equality, not inclusion: a finding nobody planted is a wrong verdict too.
    assert {g for g in got if not g[0].startswith("ATT")} == expected, {
        g for g in got if not g[0].startswith("ATT")
    } ^ expected
    # the clean look-alikes stay clean: make-up Saturday due date, rolled conclusion, supplement restart
    assert not {(r, row) for r, _, _, row, _ in got} & {("PET001", 28), ("PET002", 29), ("REQ001", 14), ("REQ001", 13)}
    from gov_audit.rules import RULES

    # MTG099 judges only the duties an office declares in its rulebook (tests/test_rules_conduct_meetings.py).
    planted = set(RULES) - {"MTG099"}
    assert {f["rule"] for f in rep["findings"]} == planted, "every implemented rule has a planted breach"


def test_sample_attendance_and_ladders():
    _, rep, _ = check(SAMPLE, "--as-of", "2026-11-24", "--since", "2025-01-01")
    att = {(f["rule"], f["sheet"], f["row"]) for f in rep["findings"] if f["register"] == "attendance"}
    assert ("ATT001", "服务站打卡记录", 220) in att  # from the punch layout, the first punch's row
    assert ("ATT004", "服务站打卡记录", 254) in att
    missing = {f["key"] for f in rep["findings"] if f["rule"] == "ATT003" and f["row"] is None}
    assert any(k.endswith("2026-10-10") for k in missing), "a missing make-up Saturday is an absence"
    assert not any(k.endswith("2026-10-02") for k in missing), "a holiday needs no record"
    tiers: dict[str, set[int]] = {}
    for p in rep["penalties"]:
        tiers.setdefault(p["ladder"], set()).add(p["tier"])
    assert tiers == {  # every tier of every ladder is planted
        "attendance_month": {1, 2, 3},
        "attendance_year": {1, 2, 3, 4, 5},
        "first_inquiry": {1, 2, 3},
        "one_time_notice": {1, 2},
        "efficiency_rules": {1, 2},
        "annual_rating": {1, 2, 3, 4},
        "unit_accountability": {1, 2},
        "dept_score": {1},
    }
    money = sorted({p["amount_yuan"] for p in rep["penalties"] if p["ladder"] == "attendance_month"})
    assert money == [100.0, 150.0, 300.0, 800.0]  # unit staff ¥200 allowance: half is ¥100
