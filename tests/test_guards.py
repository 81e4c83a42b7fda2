"""Seven features that could be deleted with the suite still green (issue 13): each now has a test
that fails without it."""

from __future__ import annotations

import json

from helpers import D, T, check, runner, workbook

from gov_audit.cli import app

PET = ["编号", "收到日期", "受理决定日期", "是否受理", "办结日期", "承办科室", "承办人"]


def test_provisional_year_downgrades_a_small_breach_to_a_warning(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx",
        {
            "信访登记": [
                PET,
                ["A", D(2027, 3, 1), D(2027, 3, 17), "是", None, "信访股", "张三"],  # due 03-16 (provisional): 1 day
                ["B", D(2027, 3, 1), D(2027, 3, 25), "是", None, "信访股", "张三"],  # 9 days: beyond the margin
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2027-04-30", "--rule", "PET001")
    got = [(x["key"], x["provisional"], x["severity"]) for x in rep["findings"]]
    assert got == [("A", True, "warning"), ("B", True, "breach")]


def test_warn_wd_decides_what_is_due_soon(tmp_path):
    f = workbook(
        tmp_path / "p.xlsx", {"信访登记": [PET, ["C", D(2026, 9, 27), D(2026, 9, 28), "是", None, "信访股", "王五"]]}
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET002")  # due 11-27: 3 working days left
    assert [(x["status"], x["due"]) for x in rep["findings"]] == [("due_soon", "2026-11-27")]
    book = tmp_path / "g.toml"
    book.write_text("[settings]\nwarn_wd = 2\n", encoding="utf-8")
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "PET002", "--rulebook", book)
    assert rep["findings"] == []


def test_a_waived_finding_feeds_no_ladder(tmp_path):
    f = workbook(
        tmp_path / "c.xlsx",
        {
            "效能投诉": [
                ["投诉日期", "被投诉人", "部门", "投诉类型", "是否查实"],
                [D(2026, 9, 2), "张三", "综合股", "首问负责", "是"],
            ]
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "CON")
    assert [(p["ladder"], p["subject"]) for p in rep["penalties"]] == [("first_inquiry", "张三")]
    key = rep["findings"][0]["key"]
    w = tmp_path / "w.toml"
    w.write_text(
        f'[[waiver]]\nrule = "CON001"\nkey = "{key}"\njustification = "经复核不属实"\napproved_by = "局长"\n'
        'expires = 2027-06-30\n',
        encoding="utf-8",
    )
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "CON", "--waivers", w)
    assert rep["findings"][0]["waived"] is True and rep["penalties"] == []


def test_batch_group_directory_makes_a_folder_one_office(tmp_path):
    root = tmp_path / "county"
    (root / "城关镇").mkdir(parents=True)
    workbook(
        root / "城关镇" / "信访.xlsx",
        {"信访登记": [["编号", "收到日期", "受理决定日期"], ["A", D(2026, 9, 15), D(2026, 10, 9)]]},
    )
    workbook(
        root / "城关镇" / "财务.xlsx",
        {"财务支出": [["支出日期", "摘要", "金额", "凭证"], [D(2026, 9, 2), "纸", 350, "收据"]]},
    )
    r = runner.invoke(app, ["check", str(root), "--as-of", "2026-11-24", "--format", "json"])
    assert sorted(o["office"] for o in json.loads(r.stdout)["offices"]) == ["城关镇/信访", "城关镇/财务"]
    book = tmp_path / "g.toml"
    book.write_text('[settings]\nbatch_group = "directory"\n', encoding="utf-8")
    r = runner.invoke(
        app,
        [
            "check",
            str(root),
            str(root / "城关镇"),
            "--as-of",
            "2026-11-24",
            "--format",
            "json",
            "--rulebook",
            str(book),
        ],
    )
    rep = json.loads(r.stdout)
    assert sorted({f["rule"] for f in rep["findings"]}) == ["FIN001", "PET001"]  # one office, both registers


def test_web001_min_workdays_exempts_holiday_weeks(tmp_path):
    rows = [["发布日期", "栏目", "标题"]]
    # Two updates every week of September and October 2026 but the National Day week (09-28 … 10-04).
    for d in (1, 3, 8, 10, 15, 17, 22, 24):
        rows.append([D(2026, 9, d), "工作动态", f"9月{d}日"])
    for d in (5, 6, 12, 14, 19, 21, 26, 28):
        rows.append([D(2026, 10, d), "工作动态", f"10月{d}日"])
    f = workbook(tmp_path / "w.xlsx", {"网站更新": rows})
    _, rep, _ = check(f, "--as-of", "2026-10-31", "--since", "2026-09-01", "--rule", "WEB001")
    assert [x["period"] for x in rep["findings"]] == ["2026-W40"]
    book = tmp_path / "g.toml"
    book.write_text("[rules.WEB001]\nmin_workdays = 4\n", encoding="utf-8")  # that week had 3 working days
    _, rep, _ = check(f, "--as-of", "2026-10-31", "--since", "2026-09-01", "--rule", "WEB001", "--rulebook", book)
    assert rep["findings"] == []


def test_roster_staff_with_no_attendance_rows_are_expected(tmp_path):
    f = workbook(
        tmp_path / "a.xlsx",
        {
            "考勤": [
                ["姓名", "部门", "日期", "签到", "签退"],
                ["张三", "综合股", D(2026, 9, 1), T(2026, 9, 1, 8, 20), T(2026, 9, 1, 17, 40)],
                ["张三", "综合股", D(2026, 9, 2), T(2026, 9, 2, 8, 20), T(2026, 9, 2, 17, 40)],
            ],
            "人员名册": [["姓名", "部门"], ["张三", "综合股"], ["李四", "财务股"]],
        },
    )
    _, rep, _ = check(f, "--as-of", "2026-09-30", "--rule", "ATT003")
    assert sorted((x["subject"], x["start"]) for x in rep["findings"]) == [
        ("李四", "2026-09-01"),
        ("李四", "2026-09-02"),
    ]


def test_dis005_feeds_unit_accountability_at_tier_2(tmp_path):
    f = workbook(
        tmp_path / "d.xlsx",
        {
            "政务公开": [
                ["公开事项", "公开类别", "形成日期", "公开日期", "最后更新"],
                ["领导分工", "长期", D(2025, 1, 6), D(2025, 1, 8), D(2025, 6, 1)],  # not reviewed for over 12 months
            ]
        },
    )
    book = tmp_path / "g.toml"
    book.write_text('[settings]\nunit_name = "某县某局"\n', encoding="utf-8")
    _, rep, _ = check(f, "--as-of", "2026-11-24", "--rule", "DIS005", "--rulebook", book)
    assert [x["rule"] for x in rep["findings"]] == ["DIS005"]
    assert [(p["ladder"], p["subject"], p["tier"]) for p in rep["penalties"]] == [
        ("unit_accountability", "某县某局", 2)
    ]


def test_a_finding_field_must_be_declared_by_its_rule():
    import pandas as pd
    import pytest

    from gov_audit.rules import RULES
    from gov_audit.rules.base import findings_from

    rows = pd.DataFrame({"x": [1]})
    with pytest.raises(ValueError, match="not declared"):
        findings_from(rows, RULES["CON001"], status="violation", fields={"minutes": 3})
    out = findings_from(rows, RULES["CON001"], status="violation", fields={"detail": "推诿"})
    assert out["x_detail"].tolist() == ["推诿"]


def test_every_ladder_is_fed_and_names_no_rule_outside_its_family():
    import inspect

    from gov_audit import ladders
    from gov_audit.rules import LADDERS, feeders

    for name, lad in LADDERS.items():
        assert lad.kind in ladders.KINDS or lad.kind == "rating", name
        assert lad.kind == "rating" or feeders(name), f"{name} is fed by no rule"
    import re

    assert not re.search(r'"[A-Z]{3}\d{3}"', inspect.getsource(ladders)), "ladders.py names a rule"
