"""Offices read together (intake.load_offices, normalize.normalize_sheets; issue 14): each
office's registers, errors, skips and titles are exactly those it gets read alone, and
sheets of one template really were typed in one pass.

The property writes offices of one template with their own rows, hostile cells, blank
rows, sheets with no rows and columns in another order: what typing sheets together
could confuse (whose row, whose cell, whose error, which column)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from gen_registers import GeneratedSheet, office, register_rows
from hypothesis import given
from hypothesis import strategies as st
from test_properties import HOSTILE
from test_report_columnar import SAMPLE, SLOW

from gov_audit import normalize
from gov_audit.batch import Office, audit_offices
from gov_audit.engine import AuditOptions
from gov_audit.intake import Intake, load_offices, load_registers
from gov_audit.normalize import NormalizeOptions
from gov_audit.registers import ATTENDANCE_PUNCH, BY_KEY
from gov_audit.types import PARSERS


def assert_same_intake(got: Intake, alone: Intake) -> None:
    assert list(got.registers) == list(alone.registers)
    for key, data in alone.registers.items():
        mine = got.registers[key]
        assert list(mine.frame.columns) == list(data.frame.columns), key
        pd.testing.assert_frame_equal(mine.frame, data.frame, check_exact=True, obj=key)
        assert (mine.present, mine.sources, mine.office_starts) == (data.present, data.sources, None)
    assert [e.to_json() for e in got.errors] == [e.to_json() for e in alone.errors]
    assert [(s.sheet.file, s.sheet.sheet, s.reason) for s in got.skipped] == [
        (s.sheet.file, s.sheet.sheet, s.reason) for s in alone.skipped
    ]
    assert [(i.path, i.sha256, i.sheets) for i in got.inputs] == [(i.path, i.sha256, i.sheets) for i in alone.inputs]
    assert (got.titles, got.text_storage, got.office) == (alone.titles, alone.text_storage, alone.office)


def assert_each_as_alone(paths: list[list[Path]], options: NormalizeOptions | None = None) -> list[Intake]:
    together = load_offices(paths, options)
    for files, got in zip(paths, together, strict=True):
        assert_same_intake(got, load_registers(files, options))
    return together


class TypedTogether:
    """How many sheets each pass of ``normalize._typed_rows`` typed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.passes: list[list[str]] = []
        typed = normalize._typed_rows

        def spy(members, options):
            self.passes.append([f"{m.cls.sheet.file}!{m.cls.sheet.sheet}" for m in members])
            return typed(members, options)

        monkeypatch.setattr(normalize, "_typed_rows", spy)


def write_office(path: Path, sheets: list[GeneratedSheet], reverse: set[str], blank_rows: dict[str, list[int]]) -> Path:
    """The office's workbook; the registers in ``reverse`` with their columns right to left,
    blank rows before the data rows listed in ``blank_rows``."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for g in sheets:
        ws = wb.create_sheet(g.register.title)
        flip = (lambda r: list(reversed(r))) if g.register.key in reverse else list
        ws.append(flip(g.headers))
        for i, row in enumerate(g.rows):
            for _ in range(blank_rows.get(g.register.key, []).count(i)):
                ws.append([None] * len(row[:-1]) + ["  "])  # (a cell of spaces: the row is blank)
            ws.append(flip(row))
    wb.save(path)
    return path


@st.composite
def county(draw) -> list[tuple[list[GeneratedSheet], set[str], dict[str, list[int]]]]:
    """Two to four offices of one template: their own rows (none, some), hostile cells,
    blank rows, and some registers' columns in another order."""
    template = draw(office(min_registers=1, max_registers=4))
    offices = []
    for _ in range(draw(st.integers(2, 4))):
        sheets = [draw(register_rows(g.register, 1, 6)) for g in template]
        for g in sheets:
            if draw(st.integers(0, 5)) == 0:
                g.rows = []
        for _ in range(draw(st.integers(0, 4))):
            g = draw(st.sampled_from(sheets))
            if g.rows:
                r = draw(st.integers(0, len(g.rows) - 1))
                c = draw(st.integers(0, len(g.register.columns) - 1))
                g.rows[r][c] = draw(st.sampled_from([v for v in HOSTILE if v != "RICH"]))
        keys = [g.register.key for g in sheets]
        reverse = set(draw(st.lists(st.sampled_from(keys), max_size=2)))
        blank_rows = {k: draw(st.lists(st.integers(0, 6), max_size=2)) for k in keys}
        offices.append((sheets, reverse, blank_rows))
    return offices


@SLOW
@given(offices=county())
def test_offices_read_together_are_each_as_read_alone(offices):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (sheets, reverse, blank_rows) in enumerate(offices):
            try:
                paths.append([write_office(Path(tmp) / f"office{i}.xlsx", sheets, reverse, blank_rows)])
            except (ValueError, TypeError, openpyxl.utils.exceptions.IllegalCharacterError):
                return  # the writer refuses a hostile value: no workbook can hold it
        assert_each_as_alone(paths)


@SLOW
@given(
    offices=st.lists(register_rows(ATTENDANCE_PUNCH, 0, 10), min_size=2, max_size=4),
    data=st.data(),
    two_sessions=st.booleans(),
)
def test_punch_sheets_folded_together_are_each_as_folded_alone(offices, data, two_sessions):
    """Punch sheets are typed and folded into days in one pass: each office's days (and the
    type of its name, staff-id and department columns, which one office may leave blank
    and another fill) are those it gets alone, with one session or two."""
    columns = [c.name for c in ATTENDANCE_PUNCH.columns]
    for g in offices:
        for name in data.draw(st.lists(st.sampled_from(["staff_id", "dept", "date"]), max_size=3)):
            for row in g.rows:
                row[columns.index(name)] = None
        for _ in range(data.draw(st.integers(0, 2))):
            if g.rows:
                r = data.draw(st.integers(0, len(g.rows) - 1))
                c = data.draw(st.integers(0, len(columns) - 1))
                g.rows[r][c] = data.draw(st.sampled_from([v for v in HOSTILE if v != "RICH"]))
    options = NormalizeOptions(session_split=12.5 * 3600) if two_sessions else NormalizeOptions()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, g in enumerate(offices):
            try:
                paths.append([write_office(Path(tmp) / f"office{i}.xlsx", [g], set(), {})])
            except (ValueError, TypeError, openpyxl.utils.exceptions.IllegalCharacterError):
                return  # the writer refuses a hostile value: no workbook can hold it
        assert_each_as_alone(paths, options)


def test_a_county_of_the_sample_is_typed_one_pass_per_register(tmp_path, monkeypatch):
    paths = _county_of_the_sample(tmp_path, 3)
    spy = TypedTogether(monkeypatch)
    intakes = assert_each_as_alone(paths)
    together = [p for p in spy.passes[: len(spy.passes) - 3 * 29] if len(p) > 1]
    # Every sheet of the sample is a register, and each was typed with its two copies.
    assert len(intakes[0].inputs[0].sheets) == 29
    assert len(together) == 29 and all(len(p) == 3 for p in together), spy.passes[:3]
    assert {p[0].split("!")[1] for p in together} == set(intakes[0].inputs[0].sheets)


def test_columns_in_another_order_are_typed_together_and_cut_back_right(tmp_path, monkeypatch):
    reg = BY_KEY["petitions"]
    rows = [[None] * len(reg.columns) for _ in range(3)]
    a = GeneratedSheet(reg, [list(r) for r in rows])
    for g, (when, who) in zip(
        a.rows, [(dt.date(2026, 3, 2), "张三"), (dt.date(2026, 3, 3), "李四"), ("2026-02-30", "王五")], strict=True
    ):
        g[[c.name for c in reg.columns].index("received")] = when
        g[[c.name for c in reg.columns].index("petitioner")] = who
    p1 = write_office(tmp_path / "a.xlsx", [a], set(), {})
    p2 = write_office(tmp_path / "b.xlsx", [a], {"petitions"}, {"petitions": [0, 2]})
    spy = TypedTogether(monkeypatch)
    a_in, b_in = assert_each_as_alone([[p1], [p2]])
    title = reg.title
    assert [[Path(x).name for x in p] for p in spy.passes[:1]] == [[f"a.xlsx!{title}", f"b.xlsx!{title}"]]
    # b's rows sit lower (blank rows) and its columns run right to left: its own cells.
    at = [c.name for c in reg.columns].index("received")
    for got, column, row in ((a_in, at + 1, 4), (b_in, len(reg.columns) - at, 6)):
        bad = [e.cell for e in got.errors if e.column == "received" and e.value == "2026-02-30"]
        assert bad == [f"{openpyxl.utils.get_column_letter(column)}{row}"]
    assert b_in.registers["petitions"].frame["_row"].tolist() == [3, 4, 6]
    assert a_in.registers["petitions"].frame["_row"].tolist() == [2, 3, 4]
    assert b_in.registers["petitions"].frame["petitioner"].tolist() == ["张三", "李四", "王五"]


def _county_of_the_sample(tmp_path: Path, n: int) -> list[list[Path]]:
    paths = []
    for i in range(n):
        p = tmp_path / f"office{i}.xlsx"
        shutil.copy(SAMPLE, p)
        paths.append([p])
    return paths


MARKER = dt.datetime(2026, 1, 7, 9, 41)


def _failing_on(marker: object, monkeypatch: pytest.MonkeyPatch, kinds=("date", "datetime")) -> None:
    """The date parsers raise on a column holding ``marker`` (a bug met by one sheet's cells)."""
    for kind in kinds:
        parse = PARSERS[kind]

        def failing(col, parse=parse):
            if marker(col) if callable(marker) else (col == pd.Timestamp(marker)).any():
                raise RuntimeError("a bug met by these cells")
            return parse(col)

        monkeypatch.setitem(PARSERS, kind, failing)


def test_sheets_that_fail_only_together_are_typed_alone(tmp_path, monkeypatch):
    paths = _county_of_the_sample(tmp_path, 3)
    one_sheet = max(len(d.frame) for d in load_registers(paths[0]).registers.values()) + 50
    _failing_on(lambda col: len(col) > one_sheet, monkeypatch)
    spy = TypedTogether(monkeypatch)
    got = assert_each_as_alone(paths)
    assert any(len(p) == 3 for p in spy.passes)
    assert not any(e.kind == "internal" for g in got for e in g.errors)


def test_a_sheet_that_fails_is_that_office_s_sheet_error_only(tmp_path, monkeypatch):
    paths = _county_of_the_sample(tmp_path, 3)
    wb = openpyxl.load_workbook(paths[1][0])
    ws = wb["2026年信访台账"]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, dt.datetime))
    cell.value = MARKER
    wb.save(paths[1][0])
    _failing_on(MARKER, monkeypatch)
    spy = TypedTogether(monkeypatch)
    got = assert_each_as_alone(paths)
    assert ["office0.xlsx!2026年信访台账", "office1.xlsx!2026年信访台账", "office2.xlsx!2026年信访台账"] in [
        [Path(x.split("!")[0]).name + "!" + x.split("!")[1] for x in p] for p in spy.passes
    ]
    internal = [[(e.sheet, e.kind) for e in g.errors if e.kind == "internal"] for g in got]
    assert internal == [[], [("2026年信访台账", "internal")], []]
    assert "petitions" not in got[1].inputs[0].sheets.values() and "petitions" in got[0].registers


def test_a_worker_whose_shared_read_fails_reads_each_office_alone(tmp_path, monkeypatch):
    import gov_audit.intake as intake

    paths = []
    for i in range(2):
        p = tmp_path / f"office{i}.xlsx"
        shutil.copy(SAMPLE, p)
        paths.append(p)
    options = AuditOptions(as_of=pd.Timestamp("2026-11-30"))
    before = audit_offices([Office(p.stem, [p]) for p in paths], options, "zh", "breach")

    calls = []
    alone = intake.load_offices

    def fails(offices, *a, **k):
        calls.append(len(offices))
        if len(offices) > 1:
            raise RuntimeError("a bug met only reading offices together")
        return alone(offices, *a, **k)

    monkeypatch.setattr(intake, "load_offices", fails)
    after = audit_offices([Office(p.stem, [p]) for p in paths], options, "zh", "breach")
    assert calls == [2, 1, 1]
    assert [r["exit"] for r in after] == [r["exit"] for r in before]
    assert [json.dumps(r["report"], sort_keys=True) for r in after] == [
        json.dumps(r["report"], sort_keys=True) for r in before
    ]
    assert sum(r["report"]["summary"]["findings"] for r in after) > 0
