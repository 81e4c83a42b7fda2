"""The check command: exit codes, determinism, range and filters, rulebook."""

import json

from helpers import D, check, runner, workbook

from gov_audit.cli import app

HEAD = ["编号", "收到日期", "受理决定日期", "办结日期", "承办科室", "承办人"]


def sample(tmp_path):
    return workbook(
        tmp_path / "p.xlsx",
        {
            "信访登记": [
                HEAD,
                ["A", D(2025, 12, 1), D(2025, 12, 30), D(2026, 1, 5), "综合股", "张三"],  # PET001 due 2025-12-16
                ["B", D(2026, 9, 15), D(2026, 10, 9), D(2026, 10, 12), "信访股", "李四"],  # PET001 due 09-30
                ["C", D(2026, 9, 27), D(2026, 9, 28), None, "信访股", "王五"],  # PET002 due 11-27: due_soon
            ]
        },
    )


def test_exit_codes(tmp_path):
    f = sample(tmp_path)
    assert check(f, "--as-of", "2026-11-24")[0] == 1
    assert check(f, "--as-of", "2026-11-24", "--fail-on", "never")[0] == 0
    # only the due_soon warning: breach threshold passes, warning threshold fails
    assert check(f, "--as-of", "2026-11-24", "--rule", "PET002")[0] == 0
    assert check(f, "--as-of", "2026-11-24", "--rule", "PET002", "--fail-on", "warning")[0] == 1
    clean = workbook(
        tmp_path / "c.xlsx", {"信访登记": [HEAD, ["X", D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 3), "综合股", "张三"]]}
    )
    assert check(clean, "--as-of", "2026-11-24")[0] == 0
    assert check(f, "--as-of", "2026-13-01")[0] == 2
    assert check(f, "--rule", "XYZ")[0] == 2
    assert runner.invoke(app, ["check", str(f), "--format", "pdf"]).exit_code == 2


def test_json_byte_identical_across_runs(tmp_path):
    f = sample(tmp_path)
    a = runner.invoke(app, ["check", str(f), "--as-of", "2026-11-24", "--format", "json"]).stdout
    b = runner.invoke(app, ["check", str(f), "--as-of", "2026-11-24", "--format", "json"]).stdout
    assert a == b and json.loads(a)["schema"] == "gov-audit/report@1"


def test_output_file_is_the_same_report(tmp_path):
    f = sample(tmp_path)
    out = tmp_path / "r.json"
    r = runner.invoke(app, ["check", str(f), "--as-of", "2026-11-24", "--format", "json", "--output", str(out)])
    assert r.exit_code == 1 and r.stdout == ""
    direct = runner.invoke(app, ["check", str(f), "--as-of", "2026-11-24", "--format", "json"]).stdout
    assert out.read_text(encoding="utf-8") == direct
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.json")] == []


def test_contract_fields(tmp_path):
    _, rep, _ = check(sample(tmp_path), "--as-of", "2026-11-24")
    assert set(rep) >= {"schema", "as_of", "range", "inputs", "calendar", "findings", "errors", "penalties", "summary"}
    assert rep["range"] == {"since": "2026-01-01", "until": "2026-11-24"}
    assert len(rep["inputs"][0]["sha256"]) == 64 and rep["inputs"][0]["sheets"] == {"信访登记": "petitions"}
    f = rep["findings"][0]
    assert set(f) >= {
        "rule",
        "status",
        "severity",
        "register",
        "file",
        "sheet",
        "row",
        "subject",
        "dept",
        "key",
        "start",
        "due",
        "done",
        "late_by",
        "provisional",
        "citation",
        "message",
    }
    assert rep["summary"]["by_rule"] == {"PET001": 1, "PET002": 1}
    assert rep["summary"]["by_dept"] == {"信访股": 2}


def test_range_reports_by_due_date_and_open_items(tmp_path):
    f = sample(tmp_path)
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--since", "2025-01-01")
    assert [(x["rule"], x["key"]) for x in rep["findings"]] == [("PET001", "A"), ("PET001", "B"), ("PET002", "C")]
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--since", "2026-10-01")
    # B's due date 09-30 is outside; C is still open so it is reported whatever the range
    assert [(x["rule"], x["key"]) for x in rep["findings"]] == [("PET002", "C")]


def test_rule_ignore_dept_person_filters(tmp_path):
    f = sample(tmp_path)
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--ignore", "PET002")
    assert {x["rule"] for x in rep["findings"]} == {"PET001"}
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "pet", "--person", "王五")
    assert [x["key"] for x in rep["findings"]] == ["C"]
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--dept", "综合股")
    assert rep["findings"] == []


def test_as_of_treats_later_completion_as_open(tmp_path):
    f = sample(tmp_path)
    _, rep, _ = check(f, "--as-of", "2026-10-05", "--rule", "PET001")
    b = [x for x in rep["findings"] if x["key"] == "B"][0]
    assert (b["status"], b["done"], b["late_by"]) == ("overdue", None, {"value": 5, "unit": "d"})


def test_rulebook_overrides_and_disables(tmp_path):
    f = sample(tmp_path)
    book = tmp_path / "gov-audit.toml"
    book.write_text(
        '[rules.PET001]\ndays = 30\n[rules.PET002]\nenabled = false\n[settings]\nwarn_wd = 5\n', encoding="utf-8"
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rulebook", book)
    # 09-15 + 30 d = 10-15: the 10-09 decision is on time now; A: 2025-12-01 + 30 = 12-31, decided 12-30
    assert rep["findings"] == [] and rep["rulebook"] == str(book)
    r = runner.invoke(app, ["rules", "PET001", "--rulebook", str(book)])
    assert "days = 30 (default 15)" in r.stdout


def test_rulebook_errors_name_file_and_key(tmp_path):
    f = sample(tmp_path)
    cases = {
        '[rules.PET001]\ndayz = 3\n': "rules.PET001.dayz",
        '[rules.PET001]\ndays = "15"\n': "rules.PET001.days",
        '[rules.NOPE]\ndays = 1\n': "rules.NOPE",
        '[colour]\nx = 1\n': "colour",
        '[schedule]\nsessions = [["08:30", "25:00"]]\n': "schedule.sessions",
        'not toml at all [': "TOML",
    }
    for text, key in cases.items():
        book = tmp_path / "b.toml"
        book.write_text(text, encoding="utf-8")
        code, _, err = check(f, "--rulebook", book)
        assert code == 2 and key in err and str(book) in err, (text, err)


def test_gov_audit_toml_in_working_directory(tmp_path, monkeypatch):
    f = sample(tmp_path)
    (tmp_path / "gov-audit.toml").write_text("[rules.PET001]\nenabled = false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, rep, _ = check(f, "--as-of", "2026-11-24")
    assert "PET001" not in rep["summary"]["by_rule"]


def test_provisional_small_breach_is_a_warning(tmp_path):
    f = workbook(
        tmp_path / "q.xlsx",
        {
            "群众意见": [
                ["编号", "收到日期", "答复日期"],
                ["Y1", D(2026, 12, 28), D(2027, 1, 12)],
                ["Y2", D(2026, 12, 28), D(2027, 2, 26)],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2027-03-01", "--since", "2026-12-01", "--until", "2027-03-01")
    got = [(x["key"], x["due"], x["provisional"], x["severity"]) for x in rep["findings"]]
    # 12-28 + 10 wd = 2027-01-12 only by the statutory fallback (元旦 1 day): on time;
    assert got == [("Y2", "2027-01-12", True, "breach")]
    assert rep["calendar"]["provisional_years"] == [2027]


def test_table_output_plain_when_not_a_terminal(tmp_path):
    r = runner.invoke(app, ["check", str(sample(tmp_path)), "--as-of", "2026-11-24"])
    assert r.exit_code == 1
    assert "PET001" in r.stdout and "\x1b[" not in r.stdout
    lines = r.stdout.splitlines()
    assert "发现问题：2（违规 1，预警 1） · 输入错误 0" in lines  # A is due in 2025: outside the range
    assert "== 信访登记 (2) ==" in lines
    pet001 = [ln for ln in lines if ln.startswith("  PET001 信访登记!3  ")]
    assert len(pet001) == 1 and "2026-09-30" in pet001[0] and "[预警]" not in pet001[0]
    r = runner.invoke(app, ["check", str(sample(tmp_path)), "--as-of", "2026-11-24", "--lang", "en"])
    pet002 = [ln for ln in r.stdout.splitlines() if ln.startswith("  PET002 ")]
    assert len(pet002) == 1 and "[warning]" in pet002[0] and "2026-11-27" in pet002[0]


def test_terminal_table_renders_every_section(tmp_path):
    from pathlib import Path

    import pandas as pd
    from rich.console import Console

    from gov_audit.engine import AuditOptions, run_audit
    from gov_audit.render.table import render_table
    from gov_audit.report import build_report

    sample = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
    result = run_audit([sample], AuditOptions(as_of=pd.Timestamp("2026-11-24")))
    for lang, words in (
        (
            "zh",
            (
                "处罚档次",
                "信访",
                "年度考核",
                "按规则：",
                "-- PET002 信访事项未在60日内办结",
                "PET001 2026年信访台账!27",
            ),
        ),
        ("en", ("penalty tiers", "petitions", "by rule:")),
    ):
        console = Console(force_terminal=True, width=200, record=True)
        render_table(build_report(result, lang), console, lang)
        text = console.export_text()
        for w in words:
            assert w in text, (lang, w)


def test_plain_table_names_rules_not_judged_and_skipped_sheets(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx",
        {"信访登记": [["编号", "收到日期", "办结日期"], ["A", D(2026, 9, 1), D(2026, 9, 2)]], "备忘": [["随便写写"]]},
    )
    r = runner.invoke(app, ["check", str(f), "--as-of", "2026-11-24"])
    assert r.exit_code == 0
    assert "未审查的规则: PET001 (petitions): 缺少“受理决定日期”列" in r.stdout
    assert "跳过的工作表" in r.stdout and "备忘" in r.stdout
