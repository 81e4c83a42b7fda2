"""Family parameters are declared once and shared by the family's rules (issue 13's verified bugs)."""

from __future__ import annotations

from helpers import D, T, check, runner, workbook

from gov_audit.cli import app

HEAD = ["姓名", "部门", "日期", "签到", "签退"]


def _att(tmp_path):
    return workbook(
        tmp_path / "a.xlsx",
        {"考勤": [HEAD, ["张三", "办公室", D(2026, 9, 28), T(2026, 9, 28, 8, 47), T(2026, 9, 28, 17, 35)]]},
    )


def test_a_family_parameter_set_on_one_rule_is_the_familys(tmp_path):
    book = tmp_path / "g.toml"
    book.write_text("[rules.ATT003]\nabsent_after_minutes = 20\n", encoding="utf-8")
    code, rep, err = check(_att(tmp_path), "--as-of", "2026-09-30", "--rule", "ATT", "--rulebook", book)
    # 17 minutes late with absence from 20: a lateness, reported by ATT001 — not lost between two copies.
    assert [(f["rule"], f["late_by"]) for f in rep["findings"]] == [("ATT001", {"value": 17, "unit": "min"})]
    assert "families.attendance.absent_after_minutes" in err and rep["errors"] == []


def test_families_table_and_a_disagreeing_old_key_is_an_error(tmp_path):
    book = tmp_path / "g.toml"
    book.write_text("[families.attendance]\nabsent_after_minutes = 20\n", encoding="utf-8")
    _, rep, _ = check(_att(tmp_path), "--as-of", "2026-09-30", "--rule", "ATT", "--rulebook", book)
    assert [f["rule"] for f in rep["findings"]] == ["ATT001"]
    book.write_text(
        "[families.attendance]\nabsent_after_minutes = 20\n[rules.ATT001]\nabsent_after_minutes = 15\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["check", str(_att(tmp_path)), "--rulebook", str(book)])
    assert r.exit_code == 2 and "不一致" in r.stderr


def test_a_disclosure_deadline_set_on_any_of_its_rules_moves_the_due_date(tmp_path):
    f = workbook(
        tmp_path / "d.xlsx",
        {
            "政务公开": [
                ["公开事项", "公开类别", "形成日期", "公开日期"],
                ["会议动态", "动态", D(2026, 9, 1), D(2026, 9, 8)],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-09-30", "--rule", "DIS001")
    assert [(x["due"], x["status"]) for x in rep["findings"]] == [("2026-09-04", "late")]
    book = tmp_path / "g.toml"
    book.write_text("[rules.DIS002]\ndynamic_days = 10\n", encoding="utf-8")
    _, rep, err = check(f, "--as-of", "2026-09-30", "--rule", "DIS001", "--rulebook", book)
    assert rep["findings"] == [] and "families.disclosure" in err  # due 09-11 now: on time


def test_the_leave_filing_limit_old_key_moves_to_lev003(tmp_path):
    book = tmp_path / "g.toml"
    book.write_text("[rules.ATT003]\nleave_filed_within_days = 5\n", encoding="utf-8")
    r = runner.invoke(app, ["rules", "LEV003", "--rulebook", str(book)])
    assert r.exit_code == 0 and "days = 5" in r.stdout


def test_messages_say_the_thresholds_in_force_not_the_defaults(tmp_path):
    book = tmp_path / "g.toml"
    book.write_text(
        "[families.attendance]\nabsent_after_minutes = 20\n[rules.FIN001]\nmin_amount = 300\n"
        "[rules.MTG004]\nshare = 0.75\n",
        encoding="utf-8",
    )
    f = workbook(
        tmp_path / "m.xlsx",
        {
            "考勤": [HEAD, ["张三", "办公室", D(2026, 9, 28), T(2026, 9, 28, 8, 51), T(2026, 9, 28, 17, 35)]],
            "财务支出": [
                ["支出日期", "摘要", "金额", "凭证", "经手人", "证明人", "审批人"],
                [D(2026, 9, 2), "打印纸", 350, "收据", "王某", "李某", "局长"],
            ],
            "会议记录": [
                ["会议日期", "会议类型", "议题", "应到人数", "同意人数", "重大事项"],
                [D(2026, 6, 10), "决议会", "M-1", 8, 5, "是"],
            ],
        },
    )
    _, rep, _ = check(
        f, "--as-of", "2026-09-30", "--rule", "ATT003", "--rule", "FIN001", "--rule", "MTG004", "--rulebook", book
    )
    msgs = {x["rule"]: x["message"] for x in rep["findings"]}
    assert "超过20分钟" in msgs["ATT003"]
    assert "300 元以上须用发票" in msgs["FIN001"]
    assert msgs["MTG004"].endswith("不足75%")


def test_per_rule_severity_in_the_rulebook(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx", {"信访登记": [["编号", "收到日期", "受理决定日期"], ["A", D(2026, 9, 15), D(2026, 10, 9)]]}
    )
    book = tmp_path / "g.toml"
    book.write_text('[rules.PET001]\nseverity = "warning"\n', encoding="utf-8")
    code, rep, _ = check(f, "--as-of", "2026-11-24", "--rulebook", book)
    assert code == 0 and [x["severity"] for x in rep["findings"]] == ["warning"]
    assert check(f, "--as-of", "2026-11-24", "--rulebook", book, "--fail-on", "warning")[0] == 1
    book.write_text('[rules.PET001]\nseverity = "off"\n', encoding="utf-8")
    code, rep, _ = check(f, "--as-of", "2026-11-24", "--rulebook", book)
    assert code == 0 and rep["findings"] == [] and "PET001" not in rep["rules_run"]
    book.write_text('[rules.PET001]\nseverity = "fatal"\n', encoding="utf-8")
    assert check(f, "--as-of", "2026-11-24", "--rulebook", book)[0] == 2


def test_english_counts_one_in_the_singular(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx",
        {
            "信访登记": [
                ["编号", "收到日期", "受理决定日期"],
                ["A", D(2026, 9, 1), D(2026, 9, 17)],
                ["B", D(2026, 9, 1), D(2026, 9, 18)],
            ]
        },
    )
    r = runner.invoke(app, ["check", str(f), "--as-of", "2026-11-24", "--format", "json", "--lang", "en"])
    import json

    msgs = [x["message"] for x in json.loads(r.stdout)["findings"]]
    assert msgs[0].endswith("1 day late") and msgs[1].endswith("2 days late")
