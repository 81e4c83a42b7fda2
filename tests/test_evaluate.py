"""The county view: scores, grades, ties, caps, the submissions ranking and the inspections rules."""

from __future__ import annotations

import json

import openpyxl
from helpers import D, audit_family, runner, workbook

from gov_audit.cli import app
from gov_audit.evaluate import DEFAULTS, score_report


def finding(rid, n, severity="breach", waived=False):
    return {"id": f"{rid}:x!{n}", "rule": rid, "severity": severity, **({"waived": True} if waived else {})}


def report(office, findings=(), penalties=()):
    return {"schema": "gov-audit/report@1", "office": office, "findings": list(findings), "penalties": list(penalties)}


def write_reports(tmp_path, reports):
    d = tmp_path / "out"
    d.mkdir()
    for i, r in enumerate(reports):
        (d / f"gov-audit-o{i}-2026-11-30.json").write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
    (d / "gov-audit-batch-2026-11-30.json").write_text('{"schema": "gov-audit/batch@1"}', encoding="utf-8")
    return d


def test_a_hand_computed_office():
    # Petitions: 2 breaches (4) + 1 warning (0.5); attendance: 3 breaches (6) + a tier-3
    # attendance_year entry (3) + a tier-1 attendance_month entry (1); one waived finding (0).
    rep = report(
        "城关镇",
        [finding("PET001", 1), finding("PET002", 2), finding("PET002", 3, "warning")]
        + [finding("ATT003", k) for k in (4, 5, 6)]
        + [finding("DIS001", 7, waived=True)],
        [
            {"ladder": "attendance_year", "tier": 3, "subject": "张三", "period": "2026"},
            {"ladder": "attendance_month", "tier": 1, "subject": "张三", "period": "2026-09"},
        ],
    )
    s = score_report(rep, "o", dict(DEFAULTS))
    assert s.deductions["petitions"]["deducted"] == 4.5
    assert s.deductions["attendance"]["deducted"] == 10.0
    assert "disclosure" not in s.deductions  # waived: deducts nothing
    assert (s.score, s.grade, s.findings) == (85.5, "良好", 6)


def test_the_cap_per_family_and_grade_bands():
    s = score_report(report("A", [finding("ATT003", k) for k in range(15)]), "a", dict(DEFAULTS))
    assert s.deductions["attendance"] == {**s.deductions["attendance"], "raw": 30.0, "deducted": 20.0, "capped": True}
    assert (s.score, s.grade) == (80.0, "良好")  # 80 is 良好's floor
    s = score_report(
        report("B", [finding("ATT003", k) for k in range(5)] + [finding("PET001", 9, "warning")]), "b", dict(DEFAULTS)
    )
    assert (s.score, s.grade) == (89.5, "良好")
    assert score_report(report("C"), "c", dict(DEFAULTS)).grade == "优秀"
    many = [finding(r, k) for r in ("ATT003", "PET001") for k in range(10)] + [finding("FIN001", k) for k in range(1)]
    assert score_report(report("D", many), "d", dict(DEFAULTS)).score == 58.0  # 20 + 20 + 2 → 不合格
    assert score_report(report("D", many), "d", dict(DEFAULTS)).grade == "不合格"


def test_ties_share_a_rank_and_the_output_is_deterministic(tmp_path):
    reps = [
        report("乙镇", [finding("PET001", 1)]),
        report("甲镇", [finding("ATT003", 1)]),
        report("丙镇"),
        report("丁镇", [finding("PET001", 1), finding("PET001", 2)]),
    ]
    d = write_reports(tmp_path, reps)
    out1, out2 = tmp_path / "e1.json", tmp_path / "e2.json"
    for out in (out1, out2):
        r = runner.invoke(app, ["evaluate", str(d), "--as-of", "2026-11-30", "--format", "json", "-o", str(out)])
        assert r.exit_code == 0, r.stderr
    assert out1.read_bytes() == out2.read_bytes()
    ev = json.loads(out1.read_text(encoding="utf-8"))
    assert [(o["rank"], o["office"], o["score"], o["tied"]) for o in ev["offices"]] == [
        (1, "丙镇", 100.0, False),
        (2, "乙镇", 98.0, True),
        (2, "甲镇", 98.0, True),
        (4, "丁镇", 96.0, False),
    ]
    r = runner.invoke(app, ["evaluate", str(d), "--as-of", "2026-11-30"])
    assert "2（并列）" in r.stdout and "并列：得分相同的单位名次相同" in r.stdout


def test_rulebook_weights_and_last_years_change(tmp_path):
    d = write_reports(tmp_path, [report("甲镇", [finding("PET001", 1)])])
    book = tmp_path / "g.toml"
    book.write_text("[evaluate]\nbreach = 5\n", encoding="utf-8")
    last = tmp_path / "last.json"
    runner.invoke(app, ["evaluate", str(d), "--as-of", "2025-12-31", "--format", "json", "-o", str(last)])
    r = runner.invoke(app, ["evaluate", str(d), "--rulebook", str(book), "--previous", str(last), "--format", "json"])
    o = json.loads(r.stdout)["offices"][0]
    assert (o["score"], o["previous"], o["change"]) == (95.0, 98.0, -3.0)


def test_xlsx_and_html_outputs(tmp_path):
    d = write_reports(tmp_path, [report("甲镇", [finding("PET001", 1)]), report("乙镇")])
    x = tmp_path / "e.xlsx"
    assert runner.invoke(app, ["evaluate", str(d), "--format", "xlsx", "-o", str(x)]).exit_code == 0
    wb = openpyxl.load_workbook(x)
    assert wb.sheetnames[0] == "排名" and [c.value for c in wb["排名"][2]][:6] == [1, None, "乙镇", "o1", 100, "优秀"]
    assert "2-甲镇" in wb.sheetnames
    r = runner.invoke(app, ["evaluate", str(d), "--format", "html"])
    assert r.stdout.index("id='ranking'") < r.stdout.index("<svg") and "@page{size:A4" in r.stdout


SUBMISSIONS = ["报送日期", "报送单位", "信息标题", "采用级别"]


def test_submissions_ranking_by_adoption_level(tmp_path):
    reg = workbook(
        tmp_path / "s.xlsx",
        {
            "信息报送": [
                SUBMISSIONS,
                [D(2026, 2, 1), "甲镇", "a", "省"],  # 3
                [D(2026, 3, 1), "乙镇", "b", "县"],  # 1
                [D(2026, 4, 1), "乙镇", "c", "县"],  # 1
                [D(2026, 5, 1), "乙镇", "d", "市"],  # 2 → 乙镇 4 points
                [D(2026, 6, 1), "丙镇", "e", "未采用"],
                [D(2026, 7, 1), "丁镇", "f", "市"],  # 2
                [D(2026, 7, 2), "丁镇", "g", "未采用"],
            ]
        },
    )
    d = write_reports(tmp_path, [report("甲镇")])
    r = runner.invoke(app, ["evaluate", str(d), "--as-of", "2026-11-30", "--submissions", str(reg), "--format", "json"])
    sub = json.loads(r.stdout)["submissions"]
    assert [(x["rank"], x["unit"], x["submitted"], x["adopted"], x["points"]) for x in sub] == [
        (1, "乙镇", 3, 3, 4.0),
        (2, "甲镇", 1, 1, 3.0),
        (3, "丁镇", 2, 1, 2.0),
        (4, "丙镇", 1, 0, 0.0),
    ]
    # And each unit reports at least once a quarter (SUB001): 丙镇 has nothing in Q1 and Q3.
    found, _, _ = audit_family(
        "SUB",
        {
            "信息报送": [
                SUBMISSIONS,
                *[
                    [D(2026, 2, 1), "甲镇", "a", "省"],
                    [D(2026, 6, 1), "丙镇", "e", "未采用"],
                    [D(2026, 5, 1), "甲镇", "b", "县"],
                    [D(2026, 8, 1), "甲镇", "c", "县"],
                ],
            ]
        },
        "2026-10-15",
    )
    assert sorted((f["subject"], f["period"]) for f in found) == [("丙镇", "2026Q1"), ("丙镇", "2026Q3")]


DRAWS = ["单位", "检查人员", "抽取日期"]
INSPECTIONS = ["检查对象", "检查人员", "检查日期", "检查结果", "结果公开日期"]


def test_drawn_but_never_inspected_and_inspected_but_not_drawn():
    sheets = {
        "抽查名单": [DRAWS, ["城关镇", "王敏", D(2026, 8, 3)], ["河西乡", "李静", D(2026, 8, 3)]],
        "双随机检查": [
            INSPECTIONS,
            ["城关镇", "王敏", D(2026, 8, 20), "合格", D(2026, 8, 21)],
            ["东关镇", "李静", D(2026, 8, 25), "合格", D(2026, 8, 26)],
        ],
    }
    found, _, errors = audit_family("INS", sheets, "2026-11-30")
    assert errors == []
    assert sorted((f["rule"], f["subject"], f["status"], f["due"]) for f in found) == [
        ("INS003", "河西乡", "missing", "2026-09-02"),
        ("INS004", "东关镇", "violation", None),
    ]
    # Before the 30 days have passed, the draw is not yet overdue.
    found, _, _ = audit_family("INS003", sheets, "2026-09-01")
    assert found == []


def test_a_result_published_late_across_the_holiday():
    sheets = {
        "双随机检查": [
            INSPECTIONS,
            ["城关镇", "王敏", D(2026, 9, 28), "合格", D(2026, 10, 14)],
            ["东关镇", "王敏", D(2026, 9, 28), "合格", D(2026, 10, 13)],
        ]
    }
    found, _, _ = audit_family("INS002", sheets, "2026-11-30")
    # 7 working days from Monday 09-28 over 国庆 (10-01..07 off) with the 调休 Saturday 10-10: 10-13.
    assert [(f["subject"], f["status"], f["due"], f["late_by"]) for f in found] == [
        ("城关镇", "late", "2026-10-13", {"value": 1, "unit": "wd"})
    ]
