"""Attendance as offices really hand it over (issue 12): grids, punch lists, WeCom, DingTalk.

The exports are generated in code from their documented layouts
(tests/fixtures/exports/make_exports.py); each plants the same September 2026 and must
give exactly the same three findings, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from helpers import check
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "exports"))
import make_exports as ex  # noqa: E402

ARGS = ("--as-of", "2026-09-30", "--since", "2026-09-01", "--rule", "ATT")


def att(rep: dict) -> list[tuple]:
    return sorted((f["rule"], f["subject"], f["start"]) for f in rep["findings"])


@pytest.mark.parametrize("layout", sorted(ex.BUILDERS))
def test_each_layout_gives_exactly_the_planted_findings(tmp_path, layout):
    path = ex.BUILDERS[layout](tmp_path / layout)
    code, rep, err = check(path, *ARGS)
    assert rep["errors"] == [], err
    assert att(rep) == ex.EXPECTED
    assert rep["inputs"][0]["sheets"][next(iter(rep["inputs"][0]["sheets"]))] == "attendance"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_zkteco_as_csv(tmp_path, encoding):
    code, rep, err = check(ex.zkteco_csv(tmp_path / "office", encoding), *ARGS)
    assert rep["errors"] == [] and att(rep) == ex.EXPECTED


def test_zkteco_as_xls_saved_by_libreoffice():
    code, rep, err = check(Path(ex.HERE) / "zkteco.xls", *ARGS)
    assert rep["errors"] == [] and att(rep) == ex.EXPECTED


def test_minutes_and_basis_where_the_layout_has_them(tmp_path):
    _, rep, _ = check(ex.dingtalk_monthly(tmp_path / "d.xlsx"), *ARGS)
    by = {f["rule"]: f for f in rep["findings"]}
    assert by["ATT001"]["late_by"] == {"value": 12, "unit": "min"} and by["ATT001"]["basis"] == "recorded status"
    assert "迟到12分钟" in by["ATT001"]["message"] and "按记录状态" in by["ATT001"]["message"]
    assert by["ATT003"]["absent_days"] == 1
    # Times beat verdicts: WeCom has the punch times, so the minutes come from them.
    _, rep, _ = check(ex.wecom(tmp_path / "w.xlsx"), *ARGS)
    by = {f["rule"]: f for f in rep["findings"]}
    assert by["ATT001"]["late_by"] == {"value": 12, "unit": "min"} and "basis" not in by["ATT001"]
    assert by["ATT001"]["message"] == "张三 2026-09-03 签到 08:42，迟到 12 分钟"


def test_app_minutes_are_judged_against_our_thresholds(tmp_path):
    """DingTalk counts 迟到5分钟 as late; the clause's 10-minute window says it is not."""
    path = ex.dingtalk_monthly(tmp_path / "d.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(row=3, column=11 + 3).value = "迟到5分钟"  # 张三, 09-03
    ws.cell(row=3, column=11 + 4).value = "迟到16分钟"  # 张三, 09-04: absence (half a day)
    wb.save(path)
    _, rep, _ = check(path, *ARGS)
    got = sorted((f["rule"], f["subject"], f["start"], f.get("absent_days")) for f in rep["findings"])
    assert got == [
        ("ATT002", "李四", "2026-09-08", None),
        ("ATT003", "张三", "2026-09-04", 0.5),
        ("ATT003", "王五", "2026-09-10", 1),
    ]


def _grid_with(
    tmp_path,
    cell_value: str,
    title: str = "某县卫生健康局2026年9月份考勤表",
    legend: str | None = None,
    name: str = "g.xlsx",
) -> Path:
    path = ex.grid(tmp_path / name)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["A1"] = title
    ws.cell(row=4, column=3 + 2).value = cell_value  # 张三, 09-02
    if legend is not None:
        ws["A9"] = legend
    wb.save(path)
    return path


def test_unknown_symbol_is_a_located_error_never_a_guess(tmp_path):
    code, rep, err = check(_grid_with(tmp_path, "○"), *ARGS)
    assert code == 2
    assert [(e["sheet"], e["cell"], e["value"]) for e in rep["errors"]] == [("9月", "E4", "○")]
    assert ("ATT003", "张三", "2026-09-02") not in att(rep)  # an unread mark is not an absence


def test_legend_line_and_rulebook_give_symbols_their_meaning(tmp_path):
    path = _grid_with(tmp_path, "○", legend="注：√出勤 迟迟到 早早退 旷旷工 事事假 差出差 ○病假")
    _, rep, _ = check(path, *ARGS)
    assert rep["errors"] == [] and att(rep) == ex.EXPECTED
    book = tmp_path / "gov-audit.toml"
    book.write_text('[attendance.symbols]\n"○" = "旷工"\n', encoding="utf-8")
    _, rep, _ = check(_grid_with(tmp_path, "○", name="h.xlsx"), *ARGS, "--rulebook", book)
    assert ("ATT003", "张三", "2026-09-02") in att(rep)


def test_legend_line_away_from_the_name_column_is_read_and_is_nobody(tmp_path):
    """A legend written further right (under the day columns), below a blank row and beside
    a signature line: its row's first text is the legend, and no row of it is a person."""
    path = ex.grid(tmp_path / "g.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["A1"] = "某县卫生健康局2026年9月份考勤表"
    ws.cell(row=4, column=3 + 2).value = "○"  # 张三, 09-02
    ws["F10"] = "注：√出勤 迟迟到 早早退 旷旷工 事事假 差出差 ○病假"
    ws["H10"] = "制表：王五"
    wb.save(path)
    _, rep, _ = check(path, *ARGS)
    assert rep["errors"] == [] and att(rep) == ex.EXPECTED


def test_a_day_the_month_does_not_have_is_a_located_error_and_the_rest_is_judged(tmp_path):
    """A September grid with a 31st column filled in: those cells are errors (the first
    three, by row), never a day; the month's real days are judged as written."""
    path = tmp_path / "g31.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "9月"
    ws.append(["某县卫生健康局2026年9月份考勤表"])
    ws.append(["序号", "姓名", "科室", *range(1, 32)])
    for i, name in enumerate(["张三", "李四", "王五", "赵六"], start=1):
        marks = ["√"] * 31
        if name == "张三":
            marks[1] = "旷"  # 09-02
        if name == "李四":
            marks[30] = None  # nothing on the 31st
        ws.append([i, name, "办公室", *marks])
    wb.save(path)
    code, rep, _ = check(path, *ARGS)
    assert code == 2
    assert [(e["sheet"], e["cell"], e["value"]) for e in rep["errors"]] == [
        ("9月", "AH3", "√"),
        ("9月", "AH5", "√"),
        ("9月", "AH6", "√"),
    ]
    assert all("没有31日" in e["message"] for e in rep["errors"])
    assert att(rep) == [("ATT003", "张三", "2026-09-02")]


def test_month_unknown_is_an_error_naming_the_sheet_and_the_rulebook_can_say(tmp_path):
    path = _grid_with(tmp_path, "√", title="机关考勤表")
    code, rep, _ = check(path, *ARGS)
    assert code == 2 and rep["findings"] == []
    assert [(e["sheet"], e["kind"]) for e in rep["errors"]] == [("9月", "missing_column")]
    assert "[attendance] month" in rep["errors"][0]["message"]
    renamed = tmp_path / "考勤2026年9月.xlsx"
    path.rename(renamed)
    _, rep, _ = check(renamed, *ARGS)
    assert rep["errors"] == [] and att(rep) == ex.EXPECTED  # the file name says
    book = tmp_path / "gov-audit.toml"
    book.write_text('[attendance]\nmonth = "2026-09"\n', encoding="utf-8")
    _, rep, _ = check(_grid_with(tmp_path, "√", title="机关考勤表", name="x.xlsx"), *ARGS, "--rulebook", book)
    assert rep["errors"] == [] and att(rep) == ex.EXPECTED


def test_weekday_row_that_does_not_fit_the_month_is_refused(tmp_path):
    path = _grid_with(tmp_path, "√", title="某县卫生健康局2026年10月份考勤表")
    code, rep, _ = check(path, "--as-of", "2026-10-31", "--rule", "ATT")
    assert code == 2 and "星期与日期不符" in rep["errors"][0]["message"]


def test_wecom_and_dingtalk_are_never_the_roster(tmp_path):
    for build in (ex.wecom, ex.dingtalk_monthly):
        _, rep, _ = check(build(tmp_path / f"{build.__name__}.xlsx"), *ARGS)
        assert "staff" not in rep["inputs"][0]["sheets"].values()
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "部门", "打卡次数"])
    wb.active.append(["张三", "综合股", 2])
    wb.save(tmp_path / "odd.xlsx")
    code, rep, _ = check(tmp_path / "odd.xlsx", *ARGS)
    assert code == 2 and "看起来是考勤表" in rep["errors"][0]["message"]


def test_unreadable_punch_in_a_list_is_an_error_not_an_absence(tmp_path):
    path = ex.zkteco(tmp_path / "z.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["考勤记录"]
    row = next(
        r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "王五" and ws.cell(r, 4).value == "2026/09/01"
    )
    ws.cell(row, 5).value = "08:2l 17:41"  # a letter l for a 1
    wb.save(path)
    code, rep, _ = check(path, *ARGS)
    assert code == 2 and [e["cell"] for e in rep["errors"]] == [f"E{row}"]
    assert ("ATT003", "王五", "2026-09-01") not in att(rep)


def test_a_day_nobody_was_recorded_makes_nobody_absent(tmp_path):
    path = ex.zkteco(tmp_path / "z.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["考勤记录"]
    for r in range(ws.max_row, 1, -1):
        if ws.cell(r, 4).value == "2026/09/30":  # the clock was down on 09-30
            ws.delete_rows(r)
    wb.save(path)
    _, rep, _ = check(path, *ARGS)
    assert att(rep) == ex.EXPECTED


# --- metamorphic: one month, every layout, the same verdicts ----------------------------

KINDS = st.sampled_from(["present"] * 6 + ["late", "early", "absent", "leave", "trip"])


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_the_same_month_in_every_layout_gives_the_same_findings(data):
    plan = {(name, d): data.draw(KINDS) for name, _, _ in ex.PEOPLE for d in ex.DAYS if ex.working(d)}
    # A punch export (ZKTeco) has no row for a day nobody punched, and by design (see
    # attendance._missing_days) a sheet speaks only for its span, first to last date, and a
    # day on which nobody at all was recorded or on leave (the clock down) makes nobody
    # absent; a grid still shows such a day.  With three people the long profile draws both:
    # the layouts are compared on the months where they can agree.
    workdays = [d for d in ex.DAYS if ex.working(d)]
    for end in (workdays[0], workdays[-1]):
        assume(any(plan[(name, end)] in ("present", "late", "early") for name, _, _ in ex.PEOPLE))
    for day in workdays:
        assume(any(plan[(name, day)] != "absent" for name, _, _ in ex.PEOPLE))
    original = ex.what

    def planned(name: str, day: dt.date) -> str:
        return plan.get((name, day), "rest") if ex.working(day) else "rest"

    ex.what = planned
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results = {}
            for layout in ("grid.xlsx", "wecom.xlsx", "dingtalk_monthly.xlsx", "dingtalk_daily.xlsx", "zkteco.xlsx"):
                _, rep, err = check(ex.BUILDERS[layout](Path(tmp) / layout), *ARGS)
                assert rep["errors"] == [], (layout, err)
                results[layout] = att(rep)
    finally:
        ex.what = original
    first = results["dingtalk_monthly.xlsx"]
    assert all(r == first for r in results.values()), results
    absent = sorted(("ATT003", n, d.isoformat()) for (n, d), k in plan.items() if k == "absent")
    assert [f for f in first if f[0] == "ATT003"] == absent


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    order=st.permutations(range(len(ex.PEOPLE))),
    note_col=st.integers(1, 35),
    blank_rows=st.integers(0, 2),
)
def test_a_grid_with_its_people_reordered_and_notes_anywhere_gives_the_same_findings(order, note_col, blank_rows):
    """The grid's people in any order, its legend in any column under blank rows, and a
    signature line: the same findings as the grid as exported (the rows are read by
    position, the marks all at once, the legend from the row's first text)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = ex.grid(Path(tmp) / "g.xlsx")
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        people = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=3 + len(ex.PEOPLE))]
        legend = ws.cell(row=4 + len(ex.PEOPLE) + 1, column=1).value + " ○病假"
        # A mark only the legend explains (a sick day where the export has a present one):
        # unless the legend row is found wherever it is written, this is an error.
        people[0][people[0].index("√")] = "○"
        ws.delete_rows(4, ws.max_row)
        for i in order:
            ws.append(people[i])
        for _ in range(blank_rows):
            ws.append([])
        row = ws.max_row + 1
        ws.cell(row=row, column=note_col).value = legend
        ws.cell(row=row + 1, column=min(note_col + 2, 35)).value = "制表：王五"
        wb.save(path)
        _, rep, err = check(path, *ARGS)
    assert rep["errors"] == [], err
    assert att(rep) == ex.EXPECTED
