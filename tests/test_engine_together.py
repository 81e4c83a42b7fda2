"""Offices judged together (engine.judge_offices, issue 14): each office's report is byte
for byte the one it gets alone, and the batched rules did judge the offices together.

The counties hold what a batched rule could confuse: the same office twice (every name,
number and day in two offices), an office holding only the first rows of another (each
register ending earlier), the same office with every day later (the same names and
matters on other days), and generated offices of one template."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from gen_registers import data_dates, register_rows, write_xlsx
from hypothesis import given
from hypothesis import strategies as st
from test_report_columnar import SAMPLE, SLOW

from gov_audit.batch import Office, audit_offices, office_chunks
from gov_audit.engine import (
    AuditOptions,
    judge_offices,
    normalize_options,
    office_signature,
    prepare,
    read_limits,
    run_audit,
)
from gov_audit.intake import load_offices
from gov_audit.registers import BY_KEY, REGISTERS
from gov_audit.report import build_report
from gov_audit.rules import RULES

BATCHED = sorted(rid for rid, r in RULES.items() if r.batched)


def first_rows(path: Path, keep: float, out: Path) -> Path:
    """The workbook with each sheet's data rows (below its header, the first row of two or
    more cells) cut to the first ``keep`` of them."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = next((i for i, r in enumerate(rows) if sum(v is not None for v in r) >= 2), 0)
        body = len(rows) - header - 1
        cut = header + 2 + int(body * keep)  # (1-based: the first row after those kept)
        if cut <= len(rows):
            ws.delete_rows(cut, len(rows) - cut + 1)
    wb.save(out)
    return out


def shifted(path: Path, days: int, out: Path) -> Path:
    """The workbook with every date cell ``days`` later: the same names, numbers and
    matters as the original on other days."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, dt.datetime | dt.date):
                    cell.value = cell.value + dt.timedelta(days=days)
    wb.save(out)
    return out


def report_bytes(result, lang: str = "zh") -> bytes:
    return json.dumps(build_report(result, lang), ensure_ascii=False, sort_keys=True).encode("utf-8")


def assert_each_as_alone(paths: list[Path], as_of: str | AuditOptions, since: str | None = None) -> list:
    if isinstance(as_of, AuditOptions):
        options = as_of
    else:
        options = AuditOptions(as_of=pd.Timestamp(as_of), since=pd.Timestamp(since) if since else None)
    prepared = prepare(options)
    book = prepared.rulebook
    # Read as a batch worker reads its share: the offices' sheets typed together.
    intakes = load_offices([[p] for p in paths], normalize_options(book), limits=read_limits(book))
    together = judge_offices(intakes, options, prepared)
    for path, result in zip(paths, together, strict=True):
        alone = run_audit([path], options, prepared=prepared)
        assert report_bytes(result) == report_bytes(alone), path.name
        assert report_bytes(result, "en") == report_bytes(alone, "en"), path.name
        assert alone.judged_together == []
    return together


def county_as_alone(offices: list[dict[str, list[list]]], options: AuditOptions) -> list:
    """Each office's workbook written from its sheets, the offices judged together and each
    alone (``assert_each_as_alone``); every batched rule that ran judged them together."""
    from helpers import workbook

    with tempfile.TemporaryDirectory() as tmp:
        paths = [workbook(Path(tmp) / f"office{i}.xlsx", sheets) for i, sheets in enumerate(offices)]
        results = assert_each_as_alone(paths, options)
    assert set(results[0].judged_together) == {r for r in results[0].rules_run if r in BATCHED}
    return results


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("county")
    same = [root / f"office{i}.xlsx" for i in range(2)]
    for p in same:
        p.write_bytes(SAMPLE.read_bytes())
    return [
        *same,
        first_rows(SAMPLE, 0.5, root / "office_half.xlsx"),
        first_rows(SAMPLE, 0.2, root / "office_fifth.xlsx"),
    ]


@pytest.mark.parametrize("as_of", ["2026-03-16", "2026-11-30"])
def test_sample_offices_judged_together_report_what_each_reports_alone(county, as_of):
    results = assert_each_as_alone(county, as_of)
    # The rules declared batched judged these offices together (else this proves nothing).
    run = set(results[0].rules_run)
    assert results[0].judged_together == [rid for rid in BATCHED if rid in run]
    assert len(results[0].judged_together) >= len(BATCHED) // 2


def test_offices_of_different_registers_are_judged_apart_and_right(county, tmp_path):
    other = tmp_path / "other.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    wb.remove(wb.worksheets[0])
    wb.save(other)
    results = assert_each_as_alone([county[0], other, county[1]], "2026-11-30")
    # The two alike were judged together; the one without the first sheet, alone.
    assert results[0].judged_together and results[2].judged_together
    assert results[1].judged_together == []


def test_a_batch_reports_what_each_office_reports_alone(county):
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"))
    prepared = prepare(options)
    offices = [Office(p.stem, [p]) for p in (county[0], county[1], county[3])]  # (twins, and later)
    together = audit_offices(offices, options, "zh", "breach", prepared)
    for office, result in zip(offices, together, strict=True):
        alone = build_report(run_audit(office.files, options, prepared=prepared), "zh")
        assert result["office"] == office.name
        assert json.dumps(result["report"], ensure_ascii=False, sort_keys=True) == json.dumps(
            alone, ensure_ascii=False, sort_keys=True
        )


def test_small_offices_are_shared_evenly_and_large_ones_go_alone(tmp_path):
    small = []
    for i in range(20):
        p = tmp_path / f"o{i:02d}.csv"
        p.write_text("x\n", encoding="utf-8")
        small.append(Office(p.stem, [p]))
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (300 * 1024))
    chunks = office_chunks([*small[:10], Office("big", [big]), *small[10:]], workers=2)
    assert [len(c) for c in chunks] == [1, 10, 10]
    assert chunks[0][0].name == "big"
    assert [o.name for c in chunks[1:] for o in c] == [o.name for o in small]
    assert [len(c) for c in office_chunks(small[:3], workers=2)] == [2, 1]
    assert [len(c) for c in office_chunks(small * 3, workers=2)] == [30, 30]
    # More than two shares of the most a share holds (32): each worker takes more rounds,
    # and a large county's shares are no larger than a small one's (memory stays flat).
    assert [len(c) for c in office_chunks(small * 4, workers=2)] == [20, 20, 20, 20]
    assert [len(c) for c in office_chunks(small * 7, workers=2)] == [24] * 5 + [20]
    assert [len(c) for c in office_chunks(small * 7, workers=4)] == [18] * 7 + [14]
    assert [len(c) for c in office_chunks(small * 10, workers=2)] == [25] * 8
    assert [len(c) for c in office_chunks((small * 3)[:50], workers=2)] == [25, 25]


# Generated offices of one template: the same registers, each office its own rows, and one
# office again with its rows in another order (its findings must not meet its twin's).
@st.composite
def template_county(draw):
    regs = draw(st.lists(st.sampled_from(REGISTERS), min_size=1, max_size=6, unique_by=lambda r: r.key))
    offices = [[draw(register_rows(r, max_rows=10)) for r in regs] for _ in range(draw(st.integers(1, 3)))]
    twin = [type(s)(s.register, list(reversed(s.rows))) for s in offices[0]]
    return [*offices, twin]


@SLOW
@given(offices=template_county(), pick=st.floats(0, 1))
def test_generated_offices_judged_together_report_what_each_reports_alone(offices, pick):
    days = sorted(d for regs in offices for d in data_dates(regs)) or [dt.date(2026, 11, 30)]
    as_of = days[int(pick * (len(days) - 1))] + dt.timedelta(days=30)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [write_xlsx(Path(tmp) / f"office{i}.xlsx", regs) for i, regs in enumerate(offices)]
        assert_each_as_alone(paths, as_of.isoformat(), since="2019-01-01")


# Every batched rule's worked examples and boundary cases, each one office, judged as a
# county of that rule (those on one as-of day and rulebook together): the examples share
# names, numbers and matters on different days, which is what a lookup or grouping across
# offices would confuse.
def _example_counties() -> list[tuple[str, str, list]]:
    from boundary_cases import BOUNDARIES

    counties = []
    for rid in BATCHED:
        cases = [*RULES[rid].examples, *BOUNDARIES.get(rid, ())]
        by_day: dict[str, list] = {}
        for ex in cases:
            if not ex.params:
                by_day.setdefault(ex.as_of, []).append(ex)
        counties += [(rid, day, exs) for day, exs in sorted(by_day.items()) if len(exs) > 1]
    return counties


EXAMPLE_COUNTIES = _example_counties()


@pytest.mark.parametrize("rid,as_of,examples", EXAMPLE_COUNTIES, ids=[f"{r}-{d}" for r, d, _ in EXAMPLE_COUNTIES])
def test_a_rules_examples_judged_together_report_what_each_reports_alone(rid, as_of, examples, tmp_path):
    from helpers import workbook
    from test_examples import _sheet

    rule = RULES[rid]
    paths = []
    for i, ex in enumerate(examples):
        sheets = {rule.example_sheet or BY_KEY[rule.register].title: _sheet(ex.rows, rule.example_base)}
        sheets.update({name: _sheet(rows) for name, rows in ex.other.items()})
        paths.append(workbook(tmp_path / f"example{i}.xlsx", sheets))
    options = AuditOptions(as_of=pd.Timestamp(as_of), since=pd.Timestamp("2020-01-01"), include=[rid])
    results = assert_each_as_alone(paths, options)
    # An example sharing its registers and columns with another was judged with it.
    signatures = [office_signature(r.intake) for r in results]
    for result, signature in zip(results, signatures, strict=True):
        assert result.judged_together == ([rid] if signatures.count(signature) > 1 else [])


def test_a_matters_resolution_is_looked_up_in_its_own_offices_meetings(tmp_path):
    """DEC003 looks each decision's matter up in the meetings register: two offices with
    the same matter number resolved on different days each judge by their own meeting."""
    from helpers import workbook
    from test_examples import _sheet

    from gov_audit.rules.decisions import DECISION_EXAMPLE

    paths = []
    for i, resolved in enumerate(("2026-03-20", "2026-03-09")):
        sheets = {
            BY_KEY["decisions"].title: _sheet(({"公示日期": "2026-03-10"},), DECISION_EXAMPLE),
            "会议记录": _sheet(({"会议日期": resolved, "会议类型": "决议会", "议题": "ZD-2026-01"},)),
        }
        paths.append(workbook(tmp_path / f"office{i}.xlsx", sheets))
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"), since=pd.Timestamp("2020-01-01"), include=["DEC003"])
    first, second = assert_each_as_alone(paths, options)
    assert first.judged_together == second.judged_together == ["DEC003"]
    assert [(f.status, f.done.date().isoformat()) for f in first.reported.itertuples()] == [("violation", "2026-03-10")]
    assert second.reported.empty


def test_a_drawn_target_is_inspected_only_by_its_own_office(tmp_path):
    """INS003 matches a draw to inspections of the same target: another office's
    inspection of a target of that name is not this office's."""
    from helpers import workbook
    from test_examples import _sheet

    from gov_audit.rules.inspections import INS003, INSPECTION_EXAMPLE

    paths = []
    for i, inspected in enumerate(("河西乡", "城关镇")):
        sheets = {
            BY_KEY["draws"].title: _sheet(({"单位": "河西乡"},), INS003.example_base),
            "双随机检查": _sheet(({**INSPECTION_EXAMPLE, "检查对象": inspected},)),
        }
        paths.append(workbook(tmp_path / f"office{i}.xlsx", sheets))
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"), since=pd.Timestamp("2020-01-01"), include=["INS003"])
    first, second = assert_each_as_alone(paths, options)
    assert first.judged_together == second.judged_together == ["INS003"]
    assert first.reported.empty
    assert [(f.subject, f.due.date().isoformat()) for f in second.reported.itertuples()] == [("河西乡", "2026-09-02")]


def test_a_batched_rule_with_findings_citing_no_file_is_run_office_by_office(county, monkeypatch):
    """PET005's findings are days missing from the receptions register (no row, no file):
    they name their office in ``_office``.  A batched rule whose findings named neither
    could not give them back to their offices, so each office runs it alone and reports
    what it reports alone."""
    judge = RULES["PET005"].check

    def naming_no_office(self, ctx):
        return judge(self, ctx).drop(columns="_office", errors="ignore")

    monkeypatch.setattr(RULES["PET005"], "check", naming_no_office)
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"), include=["PET", "REQ"])
    results = assert_each_as_alone(county[:2], options)
    assert results[0].reported["rule"].eq("PET005").sum() > 0
    assert "PET005" in results[0].rules_run and "PET005" not in results[0].judged_together
    assert "PET001" in results[0].judged_together


def test_a_batched_rule_failing_together_is_run_office_by_office(county, monkeypatch):
    """A batched rule that raises on the offices together is run again on each alone: no
    office reports an error it does not have alone."""
    rule = RULES["REQ001"]
    check = rule.check

    def fails_together(self, ctx):
        if ctx.registers["requests"].office_starts is not None:
            raise RuntimeError("together")
        return check(self, ctx)

    monkeypatch.setattr(rule, "check", fails_together)
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"), include=["REQ"])
    results = assert_each_as_alone(county[:2], options)
    assert results[0].errors == results[1].errors == []
    assert results[0].reported["rule"].eq("REQ001").sum() > 0
    assert results[0].judged_together == ["REQ002", "REQ003"]


def test_ladders_failing_only_together_are_laddered_office_by_office(county, monkeypatch):
    """The ladders of a worker's offices run in one pass; if that pass raises, each
    office's run alone, and an office reports no error it does not have alone."""
    from gov_audit import ladders

    count = ladders.KINDS["count"]

    def fails_together(lad, f, *rest):
        if f["_o"].nunique() > 1:
            raise RuntimeError("together")
        return count(lad, f, *rest)

    monkeypatch.setitem(ladders.KINDS, "count", fails_together)
    results = assert_each_as_alone(county[:2], "2026-11-30")
    assert results[0].errors == results[1].errors == []
    assert any(p["ladder"] == "first_inquiry" for p in results[0].penalties)


def test_ladders_failing_for_one_office_are_that_office_s_error_only(county, monkeypatch):
    from gov_audit import ladders

    count = ladders.KINDS["count"]
    broken = county[2].name  # (the first half of the sample: its findings fail a ladder)

    def fails_for_one(lad, f, params, book, intakes):
        if any(Path(intakes[o].inputs[0].path).name == broken for o in f["_o"].unique()):
            raise RuntimeError("a ladder bug")
        return count(lad, f, params, book, intakes)

    monkeypatch.setitem(ladders.KINDS, "count", fails_for_one)
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"))
    prepared = prepare(options)
    book = prepared.rulebook
    intakes = load_offices([[p] for p in county[:3]], normalize_options(book), limits=read_limits(book))
    results = judge_offices(intakes, options, prepared)
    errors = [[(e.file, e.kind) for e in r.errors] for r in results]
    assert errors == [[], [], [("ladders", "internal")]]
    assert results[0].penalties and results[0].penalties == run_audit([county[0]], options, prepared=prepared).penalties
    # Its findings are still reported; only its tiers are missing.
    assert len(results[2].reported) == len(run_audit([county[2]], options, prepared=prepared).reported)


# The periodic duties count each office's rows in its own periods (from its own first
# date) and sections (its rows' and its 人员名册's): offices whose meetings start in
# different months, name different sections, and keep or lack a roster.
MEETING_KINDS = ["领导小组", "座谈", "信访例会", "暗访", "月度小结", "周工作安排", "解读", "重大事项", "决议会"]


@st.composite
def meeting_offices(draw):
    day = st.dates(dt.date(2025, 10, 1), dt.date(2026, 11, 30))
    dept = st.sampled_from(["综合股", "办公室", "财务股", " ", None])
    offices = []
    for _ in range(draw(st.integers(2, 4))):
        row = st.tuples(day, st.sampled_from(MEETING_KINDS), dept, st.sampled_from(["A", "B"]))
        rows = draw(st.lists(row, max_size=25))
        roster = draw(st.lists(st.tuples(st.sampled_from(["张三", "李四"]), dept), max_size=3))
        offices.append((rows, roster))
    return offices


@SLOW
@given(offices=meeting_offices(), as_of=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
def test_offices_meetings_judged_together_report_what_each_reports_alone(offices, as_of):
    sheets = [
        {
            "会议记录": [
                ["会议日期", "会议类型", "部门", "议题", "主持人", "重大事项"],
                *[[d, k, dep, m, "郑建国（局长）", "是" if k == "重大事项" else None] for d, k, dep, m in rows],
            ],
            # (every office keeps a roster: offices with and without one are judged apart)
            "人员名册": [["姓名", "部门"], *[list(r) for r in roster], ["王五", "综合股"]],
        }
        for rows, roster in offices
    ]
    options = AuditOptions(as_of=pd.Timestamp(as_of), since=pd.Timestamp("2025-01-01"), include=["MTG"])
    county_as_alone(sheets, options)


# The attendance judgement, the leave cover and the rules that read it (LEV006, ABP001,
# ABP002) meet a person only in their own office: the offices share names and days, one
# office's leave or roster must not excuse, expect or cut another's person.
PEOPLE = ["张三", "李四", "王五"]


@st.composite
def attendance_offices(draw):
    day = st.dates(dt.date(2026, 8, 31), dt.date(2026, 9, 25))
    time = st.sampled_from(["08:20", "08:42", "08:55", "17:35", "17:10", None])
    offices = []
    for _ in range(draw(st.integers(2, 3))):
        who = st.sampled_from(PEOPLE)
        punches = draw(st.lists(st.tuples(who, day, time, time), min_size=1, max_size=30))
        leave = draw(st.lists(st.tuples(who, day, st.integers(0, 3), st.sampled_from(["事假", "出差"])), max_size=3))
        roster = draw(st.lists(st.tuples(who, st.one_of(st.none(), day)), max_size=3))
        signin = draw(st.lists(st.tuples(who, day), max_size=3))
        handovers = draw(st.lists(day, max_size=2))
        offices.append((punches, leave, roster, signin, handovers))
    return offices


def _attendance_sheets(punches, leave, roster, signin, handovers) -> dict[str, list[list]]:
    return {
        "考勤": [["姓名", "部门", "日期", "签到", "签退"], *[[n, "综合股", d, a, b] for n, d, a, b in punches]],
        "请假登记": [
            ["姓名", "部门", "请假类型", "职务类别", "开始时间", "结束时间", "审批人", "审批人职务", "申请日期"],
            *[
                [
                    n,
                    "综合股",
                    k,
                    "一般工作人员",
                    d,
                    d + dt.timedelta(days=span),
                    "王五、李四",
                    "股室负责人、分管领导",
                    d,
                ]
                for n, d, span, k in leave
            ],
        ],
        "人员名册": [["姓名", "部门", "调离日期"], ["赵六", "办公室", None], *[[n, "综合股", d] for n, d in roster]],
        "集体活动签到": [["活动日期", "活动名称", "姓名", "签到"], *[[d, "集中学习", n, "否"] for n, d in signin]],
        "AB岗": [["岗位", "A岗人员", "B岗人员"], ["生育登记窗口", "张三", "李四"]],
        "交接班登记": [
            ["交接日期", "岗位", "交班人", "接班人"],
            *[[d, "生育登记窗口", "张三", "李四"] for d in handovers],
        ],
    }


@SLOW
@given(offices=attendance_offices(), as_of=st.dates(dt.date(2026, 9, 10), dt.date(2026, 10, 31)))
def test_offices_attendance_judged_together_report_what_each_reports_alone(offices, as_of):
    options = AuditOptions(
        as_of=pd.Timestamp(as_of), since=pd.Timestamp("2026-01-01"), include=["ATT", "LEV006", "ABP"]
    )
    county_as_alone([_attendance_sheets(*office) for office in offices], options)


# The duty rota: each office's span (first to last day) decides which days and which
# holiday runs it answers for, and a duty person's arrival is read from their own
# office's attendance.  The days straddle National Day and its make-up Saturday.
@st.composite
def duty_offices(draw):
    day = st.dates(dt.date(2026, 9, 20), dt.date(2026, 10, 16))
    offices = []
    for _ in range(draw(st.integers(2, 3))):
        rota = draw(
            st.lists(
                st.tuples(
                    day,
                    st.sampled_from(["张三", "李四", None]),
                    st.sampled_from(["08:10", "08:25", None]),
                    st.one_of(st.none(), day),
                ),
                min_size=1,
                max_size=20,
            )
        )
        punches = draw(st.lists(st.tuples(st.sampled_from(["张三", "李四"]), day, st.sampled_from(["08:05", "08:29"]))))
        offices.append((rota, punches))
    return offices


@SLOW
@given(offices=duty_offices(), as_of=st.dates(dt.date(2026, 9, 25), dt.date(2026, 10, 31)))
def test_offices_duty_rotas_judged_together_report_what_each_reports_alone(offices, as_of):
    sheets = [
        {
            "值班表": [["值班日期", "值班人员", "到岗时间", "报备日期"], *[list(r) for r in rota]],
            "考勤": [["姓名", "日期", "签到", "签退"], *[[n, d, t, "17:40"] for n, d, t in punches]],
        }
        for rota, punches in offices
    ]
    options = AuditOptions(as_of=pd.Timestamp(as_of), since=pd.Timestamp("2026-01-01"), include=["DUT"])
    county_as_alone(sheets, options)


def _workdays(first: str, last: str) -> list[dt.date]:
    from gov_audit.calendar import WorkCalendar

    days = pd.date_range(first, last)
    return [d.date() for d, w in zip(days, WorkCalendar().is_workday(days.to_numpy()), strict=True) if w]


def test_absences_in_two_offices_never_make_one_persons_run_or_year(tmp_path):
    """张三 of office A is absent 05-06…05-29 and 06-15…06-30; 张三 of office B 07-01…07-10.
    Alone, A's first run crosses 15 working days and neither office's year crosses 30;
    an office-blind ATT005 would join A's second run to B's (19 working days) and count
    their year together (37 days)."""
    from helpers import workbook

    def office(present: list[dt.date], span: list[dt.date]) -> dict:
        rows = [["李四", d, "08:20", "17:40"] for d in span] + [["张三", d, "08:20", "17:40"] for d in present]
        return {"考勤": [["姓名", "日期", "签到", "签退"], *rows]}

    a = workbook(
        tmp_path / "a.xlsx",
        office(_workdays("2026-06-01", "2026-06-12"), _workdays("2026-05-06", "2026-06-30")),
    )
    b = workbook(
        tmp_path / "b.xlsx",
        office(_workdays("2026-07-13", "2026-07-31"), _workdays("2026-07-01", "2026-07-31")),
    )
    options = AuditOptions(as_of=pd.Timestamp("2026-08-31"), since=pd.Timestamp("2026-01-01"), include=["ATT005"])
    first, second = assert_each_as_alone([a, b], options)
    assert first.judged_together == second.judged_together == ["ATT005"]
    runs = first.reported[first.reported["rule"] == "ATT005"]
    # (the 16th working day from 05-06, the make-up Saturday 05-09 among them)
    assert [(f.subject, f.start.date().isoformat()) for f in runs.itertuples()] == [("张三", "2026-05-26")]
    assert second.reported.empty


def test_a_rota_answers_for_the_holidays_inside_its_own_span(tmp_path):
    """2012-06-22 and 06-24 are holidays around a plain Saturday.  Office A's rota holds
    that Saturday only: no holiday is inside its span, so the day is an ordinary day off
    (no holiday rota to file); office B's rota holds the holiday 06-22."""
    from helpers import workbook

    header = ["值班日期", "值班人员", "到岗时间", "报备日期"]
    a = workbook(tmp_path / "a.xlsx", {"值班表": [header, [dt.date(2012, 6, 23), "张三", "08:10", None]]})
    b = workbook(
        tmp_path / "b.xlsx",
        {
            "值班表": [
                header,
                [dt.date(2012, 6, 21), "李四", "08:10", None],
                [dt.date(2012, 6, 22), "李四", "08:10", None],
            ]
        },
    )
    options = AuditOptions(as_of=pd.Timestamp("2012-07-31"), since=pd.Timestamp("2012-01-01"), include=["DUT002"])
    first, second = assert_each_as_alone([a, b], options)
    assert first.judged_together == second.judged_together == ["DUT002"]
    assert first.reported.empty
    assert [(f.rule, f.start.date().isoformat()) for f in second.reported.itertuples()] == [("DUT002", "2012-06-21")]


def test_an_a_post_persons_leave_in_two_offices_is_two_spells(tmp_path):
    """张三 holds the A post in two offices: away 09-07…09-08 in A (handover logged) and
    09-09…09-10 in B (none logged).  B's spell starts on 09-09 and lacks its handover;
    an office-blind ABP002 would read it as the continuation of A's spell."""
    from helpers import workbook

    def office(start: str, end: str, handover: str | None) -> dict:
        return {
            "AB岗": [["岗位", "A岗人员", "B岗人员"], ["生育登记窗口", "张三", "李四"]],
            "请假登记": [
                ["姓名", "请假类型", "职务类别", "开始时间", "结束时间", "审批人", "审批人职务"],
                ["张三", "事假", "一般工作人员", start, end, "王五、李四", "股室负责人、分管领导"],
            ],
            "交接班登记": [
                ["交接日期", "岗位", "交班人", "接班人"],
                # (B logs another post's handover only: alike offices keep the same registers)
                [handover, "生育登记窗口", "张三", "李四"]
                if handover
                else ["2026-09-09", "流动人口窗口", "王五", "赵六"],
            ],
        }

    a = workbook(tmp_path / "a.xlsx", office("2026-09-07", "2026-09-08", "2026-09-07"))
    b = workbook(tmp_path / "b.xlsx", office("2026-09-09", "2026-09-10", None))
    options = AuditOptions(as_of=pd.Timestamp("2026-09-30"), since=pd.Timestamp("2026-01-01"), include=["ABP002"])
    first, second = assert_each_as_alone([a, b], options)
    assert first.judged_together == second.judged_together == ["ABP002"]
    assert first.reported.empty
    assert [(f.subject, f.start.date().isoformat()) for f in second.reported.itertuples()] == [("张三", "2026-09-09")]


def test_leave_in_one_office_excuses_no_one_in_another(tmp_path):
    """张三 of office A is on leave on 09-07; 张三 of office B missed that day's study
    unexcused (LEV006): A's leave must not excuse B's person."""
    from helpers import workbook

    def office(on_leave: str, missed: str) -> dict:
        return {
            "请假登记": [
                ["姓名", "请假类型", "职务类别", "开始时间", "结束时间", "审批人", "审批人职务"],
                [on_leave, "事假", "一般工作人员", "2026-09-07", "2026-09-07", "王五、李四", "股室负责人、分管领导"],
            ],
            "集体活动签到": [["活动日期", "活动名称", "姓名", "签到"], ["2026-09-07", "集中学习", missed, "否"]],
        }

    a = workbook(tmp_path / "a.xlsx", office("张三", "张三"))
    b = workbook(tmp_path / "b.xlsx", office("王五", "张三"))
    options = AuditOptions(as_of=pd.Timestamp("2026-09-30"), since=pd.Timestamp("2026-01-01"), include=["LEV006"])
    first, second = assert_each_as_alone([a, b], options)
    assert first.judged_together == second.judged_together == ["LEV006"]
    assert first.reported.empty
    assert [(f.subject, f.start.date().isoformat()) for f in second.reported.itertuples()] == [("张三", "2026-09-07")]


# The registers judged by period or by item with no row to cite: each office's weeks,
# quarters and reception days run from its own first date, and an item or a unit is its
# office's (offices share item and unit names here).
@st.composite
def period_offices(draw):
    day = st.dates(dt.date(2025, 11, 1), dt.date(2026, 6, 30))
    item = st.sampled_from(["财政预决算", "人事任免", "会议动态"])
    offices = []
    for _ in range(draw(st.integers(2, 3))):
        offices.append(
            {
                "网站更新": [["日期", "栏目"], *[[d, "动态"] for d in draw(st.lists(day, min_size=1, max_size=12))]],
                "信息报送": [
                    ["报送日期", "报送单位"],
                    *[list(r) for r in draw(st.lists(st.tuples(day, st.sampled_from(["A股", "B股"])), min_size=1))],
                ],
                "领导接访": [
                    ["日期", "接待领导"],
                    *[[d, "郑建国"] for d in draw(st.lists(day, min_size=1, max_size=8))],
                ],
                "政务公开": [
                    ["公开事项", "公开类别", "形成日期", "公开日期", "最后更新"],
                    *[
                        [i, c, d, p, r]
                        for i, c, d, p, r in draw(
                            st.lists(
                                st.tuples(
                                    item,
                                    st.sampled_from(["按月", "按季", "长期"]),
                                    day,
                                    st.one_of(st.none(), day),
                                    st.one_of(st.none(), day),
                                ),
                                min_size=1,
                                max_size=8,
                            )
                        )
                    ],
                ],
            }
        )
    return offices


@SLOW
@given(offices=period_offices(), as_of=st.dates(dt.date(2026, 3, 1), dt.date(2026, 12, 31)))
def test_offices_periods_and_items_judged_together_report_what_each_reports_alone(offices, as_of):
    rules = ["WEB001", "SUB001", "PET005", "DIS004", "DIS005"]
    options = AuditOptions(as_of=pd.Timestamp(as_of), since=pd.Timestamp("2025-01-01"), include=rules)
    results = county_as_alone(offices, options)
    assert set(rules) <= set(results[0].rules_run)
