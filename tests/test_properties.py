"""Property-based and metamorphic tests of the whole audit (issue 11).

Profiles (tests/conftest.py): ``quick`` (CI: fixed seed, a few dozen examples per
property, well under a minute) and ``long`` (``GOV_AUDIT_HYPOTHESIS=long``: at least
1,000 examples per property).  Every example runs the real command line on a real
workbook written in code.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import tempfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from gen_registers import (
    DEPTS,
    PEOPLE,
    GeneratedSheet,
    data_dates,
    office,
    register_rows,
    write_csv_dir,
    write_xlsx,
)
from helpers import runner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from gov_audit.cli import app
from gov_audit.registers import BY_KEY
from gov_audit.rules import RULES

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "registers.xlsx"
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
SINCE = "2019-01-01"


def audit(path: Path, as_of: str, *extra: str) -> tuple[int, dict, str]:
    r = runner.invoke(app, ["check", str(path), "--as-of", as_of, "--since", SINCE, "--format", "json", *extra])
    assert "Traceback" not in r.stderr and "panicked" not in r.stderr, r.stderr
    assert r.exit_code in (0, 1, 2), (r.exit_code, r.stderr, r.exception)
    report = json.loads(r.stdout)  # always a valid report
    return r.exit_code, report, r.stderr


def no_internal(report: dict) -> None:
    assert [e for e in report["errors"] if e["kind"] == "internal"] == []


def content(report: dict) -> Counter:
    """What each finding says, without where it was read (row order, file, sheet change)."""
    keys = (
        "rule",
        "status",
        "severity",
        "subject",
        "dept",
        "key",
        "start",
        "due",
        "done",
        "late_by",
        "period",
        "message",
    )
    # A record with no ID of its own is keyed by its sheet and row ("重大事项 row 3", "会议记录!4"), and a split
    # payment lists its rows ("第 4、6 行"): location too.
    return Counter(
        re.sub(
            r"row \d+|[^\s\"“”]*!\d+|第 [\d、]+ 行|rows [\d、]+",
            "@?",
            json.dumps([f.get(k) for k in keys], ensure_ascii=False, sort_keys=True),
        )
        for f in report["findings"]
    )


def located(report: dict) -> Counter:
    keys = ("id", "rule", "status", "row", "sheet", "due", "done", "late_by", "message")
    return Counter(json.dumps([f.get(k) for k in keys], ensure_ascii=False) for f in report["findings"])


def same(a: Counter, b: Counter) -> None:
    assert a == b, {"only_first": list((a - b).elements()), "only_second": list((b - a).elements())}


def penalties(report: dict) -> list:
    return sorted(
        json.dumps({k: v for k, v in p.items() if k not in ("findings", "basis")}, ensure_ascii=False, sort_keys=True)
        for p in report["penalties"]
    )


def late_done_by(report: dict, day: str, regs: list[GeneratedSheet]) -> set:
    """Deadline verdicts settled on or before ``day`` (done late, by then), on rows that
    existed on ``day`` (a row anchored later — 支出日期 after the as-of day — is not judged yet)."""
    sheets = {r.register.title: r for r in regs}

    def existed(f: dict) -> bool:
        sheet = sheets.get(f["sheet"])
        if sheet is None or f["row"] is None or not sheet.register.anchor:
            return True
        names = [c.name for c in sheet.register.columns]
        value = sheet.rows[f["row"] - 2][names.index(sheet.register.anchor)]
        return value is None or value.isoformat()[:10] <= day

    return {
        (f["rule"], f["sheet"], f["row"], f["due"], f["done"], json.dumps(f["late_by"]))
        for f in report["findings"]
        if RULES[f["rule"]].kind == "deadline"
        and f["status"] == "late"
        and f["done"]
        and f["done"][:10] <= day
        and existed(f)
    }


def _fresh(tmp: str, folder: str) -> Path:
    """The same file name in another folder: the unit ladder names the office by it."""
    (Path(tmp) / folder).mkdir()
    return Path(tmp) / folder / "office.xlsx"


def _as_of_after(regs: list[GeneratedSheet]) -> str:
    days = data_dates(regs)
    return (max(days) + dt.timedelta(days=30)).isoformat() if days else "2030-12-31"


# --- as-of -------------------------------------------------------------------------------


@SLOW
@given(regs=office(), pick=st.floats(0, 1))
def test_any_as_of_day_judges_settled_rows_as_the_full_audit(regs, pick):
    days = sorted(data_dates(regs))
    assume(days)
    day = days[int(pick * (len(days) - 1))]
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "office.xlsx", regs)
        _, full, _ = audit(path, _as_of_after(regs))
        _, part, _ = audit(path, day.isoformat())
    no_internal(full)
    no_internal(part)
    settled = late_done_by(full, day.isoformat(), regs)
    assert late_done_by(part, day.isoformat(), regs) == settled
    for f in part["findings"]:  # nothing is judged from rows that did not exist yet
        assert f["start"] is None or f["start"][:10] <= day.isoformat() or f["status"] == "violation"


@SLOW
@given(day=st.dates(dt.date(2025, 12, 1), dt.date(2026, 12, 31)))
def test_sample_at_any_as_of_day(day):
    _, rep, _ = audit(SAMPLE, day.isoformat())
    no_internal(rep)
    assert set(rep["rules_run"]) >= {r for r in RULES if r.startswith(("PET", "REQ", "DIS0", "OPN"))} - {"DIS005"}


# --- metamorphic ---------------------------------------------------------------------------


@SLOW
@given(regs=office(), seed=st.integers(0, 2**16))
def test_shuffled_rows_give_the_same_findings(regs, seed):
    rng = random.Random(seed)
    shuffled = [GeneratedSheet(r.register, rng.sample(r.rows, len(r.rows))) for r in regs]
    as_of = _as_of_after(regs)
    with tempfile.TemporaryDirectory() as tmp:
        _, a, _ = audit(write_xlsx(_fresh(tmp, "a"), regs), as_of)
        _, b, _ = audit(write_xlsx(_fresh(tmp, "b"), shuffled), as_of)
    no_internal(a)
    same(content(a), content(b))
    same(Counter(penalties(a)), Counter(penalties(b)))


@SLOW
@given(regs=office(), data=st.data())
def test_future_rows_and_unrelated_sheets_change_nothing(regs, data):
    days = sorted(data_dates(regs))
    assume(days)
    as_of = days[len(days) // 2]
    later = []
    for r in regs:  # every row again, with each date moved past the as-of day
        shift = (days[-1] - days[0]) + dt.timedelta(days=400)
        moved = [[(v + shift) if isinstance(v, (dt.date, dt.datetime)) else v for v in row] for row in r.rows]
        later.append(GeneratedSheet(r.register, r.rows + moved))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "office.xlsx"
        _, a, _ = audit(write_xlsx(path, regs), as_of.isoformat())
        _, b, _ = audit(
            write_xlsx(path, later, extra_sheets={"备忘": [["事项", "经办"], ["购置打印纸", "张三"]]}),
            as_of.isoformat(),
        )
    no_internal(a)
    same(located(a), located(b))
    same(Counter(penalties(a)), Counter(penalties(b)))


@SLOW
@given(regs=office(), data=st.data())
def test_another_sheet_alias_gives_the_same_findings(regs, data):
    names = {}
    for r in regs:
        aliases = [a for a in r.register.sheet_aliases if a != r.register.title]
        if aliases:
            names[r.register.key] = data.draw(st.sampled_from(aliases))
    assume(names)
    as_of = _as_of_after(regs)
    with tempfile.TemporaryDirectory() as tmp:
        _, a, _ = audit(write_xlsx(_fresh(tmp, "a"), regs), as_of)
        _, b, _ = audit(write_xlsx(_fresh(tmp, "b"), regs, sheet_names=names), as_of)
    no_internal(a)
    same(content(a), content(b))


@SLOW
@given(regs=office(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
def test_the_same_registers_as_csv_give_the_same_findings(regs, encoding):
    as_of = _as_of_after(regs)
    with tempfile.TemporaryDirectory() as tmp:
        _, a, _ = audit(write_xlsx(_fresh(tmp, "a"), regs), as_of)
        _, b, err = audit(write_csv_dir(Path(tmp) / "csv" / "office", regs, encoding), as_of)
    no_internal(a)
    assert a["errors"] == [] or b["errors"], err
    same(content(a), content(b))
    same(Counter(penalties(a)), Counter(penalties(b)))


# --- how text is held ---------------------------------------------------------------------

# Text that the two ways of holding it (Python strings, Arrow) could read apart: every kind
# of space, full-width and other digits, dashes, marks, astral characters.
ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\u3000\xa0\u2003\u200b\ufeff\x85 \t\n-—－–/√×是否未已１２：３０٣〇.,，、:：")),
        st.characters(exclude_categories=("Cs", "Cc")),
    ),
    max_size=8,
)


@SLOW
@given(regs=office(), data=st.data())
def test_text_held_as_python_strings_or_arrow_gives_the_same_report(regs, data):
    """A small office's text is held in Python strings, a large one's in Arrow
    (intake.text_storage): the report must not depend on which."""
    from unittest import mock

    import gov_audit.intake as intake

    rows = [[list(r) for r in g.rows] for g in regs]
    for _ in range(data.draw(st.integers(0, 6))):
        g = data.draw(st.integers(0, len(regs) - 1))
        r = data.draw(st.integers(0, len(rows[g]) - 1))
        c = data.draw(st.integers(0, len(rows[g][r]) - 1))
        rows[g][r][c] = data.draw(ODD_TEXT)
    odd = [GeneratedSheet(g.register, rs) for g, rs in zip(regs, rows, strict=True)]
    reports = {}
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = write_xlsx(Path(tmp) / "office.xlsx", odd)
        except (ValueError, TypeError, openpyxl.utils.exceptions.IllegalCharacterError):
            assume(False)  # the writer refuses it: no workbook can hold it
        for storage, bound in (("python", 1 << 40), ("pyarrow", -1)):
            with mock.patch.object(intake, "SMALL_INPUT_BYTES", bound):
                assert intake.text_storage([path]) == storage
                r = runner.invoke(
                    app, ["check", str(path), "--as-of", _as_of_after(regs), "--since", SINCE, "--format", "json"]
                )
            assert "Traceback" not in r.stderr, r.stderr
            reports[storage] = (r.exit_code, r.stdout)
    no_internal(json.loads(reports["python"][1]))
    assert reports["python"] == reports["pyarrow"]


# --- generated registers -----------------------------------------------------------------


@SLOW
@given(regs=office(min_registers=1, max_registers=8))
def test_generated_registers_judge_cleanly_and_point_at_real_rows(regs):
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "office.xlsx", regs)
        _, rep, err = audit(path, _as_of_after(regs))
    no_internal(rep)
    by_sheet = {r.register.title: r for r in regs}
    for f in rep["findings"]:
        if f["row"] is None:
            continue
        sheet = by_sheet[f["sheet"]]
        assert 2 <= f["row"] <= len(sheet.rows) + 1, f
        record = sheet.rows[f["row"] - 2]
        cells = {_text(v) for v in record}
        if f["subject"] in PEOPLE + DEPTS:  # a person or section named is one on that row
            assert f["subject"] in cells, (f, record)
        assert f["register"] == sheet.register.key or f["register"] == "attendance"


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


# --- hostile cells ---------------------------------------------------------------------

HOSTILE = [
    "inf",
    "-inf",
    "NaN",
    "nan",
    -1e15,
    1e15,
    1e300,
    -1,
    0,
    2958465.9,
    0.9999999,
    True,
    False,
    "#VALUE!",
    "#REF!",
    "#N/A",
    "#DIV/0!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "=1/0",
    '=HYPERLINK("http://example.invalid","点此")',
    "=A1+1",
    "=SUM(A:A)",
    "=cmd|' /C calc'!A0",
    dt.datetime(1900, 1, 1),
    dt.datetime(1900, 2, 28),
    dt.datetime(9999, 12, 31),
    dt.datetime(2262, 4, 12),
    dt.datetime(2003, 12, 31),
    dt.date(2100, 1, 1),
    dt.time(23, 59, 59),
    dt.timedelta(days=3, hours=2),
    "",
    "   ",
    "\t",
    "字" * 3000,
    "😀",
    "\u202e反向",
    "+1",
    "@SUM(1)",
    "2026-02-30",
    "2026/13/01",
    "0000-00-00",
    "25:61",
    "8：3O",
    "是否",
    "1,2,3",
    "￥-5",
    "<r>x<</r>",  # xlsxwriter's own rich-text runs, written into the XML unescaped
    "财务科'",  # a sheet name may not end in an apostrophe
    "History",  # nor be this
    "RICH",
]


@SLOW
@given(
    gen=st.sampled_from(sorted(BY_KEY)).flatmap(lambda k: register_rows(BY_KEY[k], 1, 5)),
    value=st.sampled_from(HOSTILE),
    data=st.data(),
)
def test_hostile_cell_anywhere_is_typed_or_a_located_error(gen, value, data):
    col = data.draw(st.integers(0, len(gen.register.columns) - 1))
    row = data.draw(st.integers(0, len(gen.rows) - 1))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "office.xlsx", [gen])
        wb = openpyxl.load_workbook(path)
        cell = wb[gen.register.title].cell(row=row + 2, column=col + 1)
        try:
            cell.value = CellRichText([TextBlock(InlineFont(b=True), "加粗"), "文字"]) if value == "RICH" else value
            wb.save(path)
        except (ValueError, TypeError, openpyxl.utils.exceptions.IllegalCharacterError):
            assume(False)  # the writer refuses it: no workbook can hold it
        out = Path(tmp) / "r.json"
        r = runner.invoke(
            app, ["check", str(path), "--as-of", "2026-11-30", "--since", SINCE, "--format", "json", "-o", str(out)]
        )
        assert "Traceback" not in r.stderr and "panicked" not in r.stderr
        assert r.exit_code in (0, 1, 2), (r.exit_code, r.exception)
        rep = json.loads(out.read_text(encoding="utf-8"))
    no_internal(rep)
    for e in rep["errors"]:
        assert e["file"].endswith("office.xlsx"), e
        assert e["sheet"] == gen.register.title, e
        if e["kind"] == "bad_value":
            assert e["cell"], e


@pytest.mark.parametrize("value", HOSTILE)
def test_each_hostile_value_in_a_time_column(tmp_path, value):
    """Every hostile value once, where a blank would be a verdict: an attendance sign-in."""
    gen = GeneratedSheet(
        BY_KEY["attendance"],
        [
            ["张三", None, "综合股", dt.date(2026, 9, 1), dt.time(8, 20), dt.time(17, 40), None, None, None, None],
            ["李四", None, "综合股", dt.date(2026, 9, 1), None, dt.time(17, 40), None, None, None, None],
        ],
    )
    path = write_xlsx(tmp_path / "office.xlsx", [gen])
    wb = openpyxl.load_workbook(path)
    try:
        wb["考勤"]["E3"] = CellRichText([TextBlock(InlineFont(b=True), "加粗"), "文字"]) if value == "RICH" else value
        wb.save(path)
    except (ValueError, TypeError):
        pytest.skip("openpyxl cannot write it")
    code, rep, _ = audit(path, "2026-09-30")
    no_internal(rep)
    blank = value in ("", "   ", "\t")
    lisi = [f for f in rep["findings"] if f["subject"] == "李四" and f["rule"] in ("ATT001", "ATT003", "ATT004")]
    if not blank and not [e for e in rep["errors"] if e["cell"] == "E3"]:
        # Typed: then it is a real time of day (a number is a day fraction, a date-time its time).
        assert isinstance(value, (int, float, dt.datetime, dt.time, dt.date, dt.timedelta)) or value.startswith("="), (
            value
        )
    if [e for e in rep["errors"] if e["cell"] == "E3"]:
        assert lisi == [] and code == 2
