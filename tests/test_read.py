"""read: the stray-cell scan's reading of sheet XML, against the regex it replaces; a
workbook's small parts read once, against the streamed reading."""

from __future__ import annotations

import datetime as dt
import io
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import xlsxwriter
from gen_registers import office, write_xlsx
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_audit.read import (
    _CELL_REF,
    Extent,
    ReadLimits,
    _excel_reader,
    _extents_of_bodies,
    _first_rows,
    _first_rows_of_body,
    _xlsx_extent,
    _xlsx_layout,
    cell_refs,
    convert_together,
    read_sheets,
    release_readers,
    scan_hidden_cells,
)

# Pieces of sheet XML, well-formed and not: cells with and without a namespace prefix,
# attributes in any order, references too long to be one, look-alikes in text and in
# other tags, CDATA, stray brackets and quotes.
_PIECES = [
    '<c r="A1">',
    '<c r="XFD1048576"/>',
    '<c s="3" r="AB12" t="s"><v>0</v></c>',
    '<x:c r="B2"/>',
    '<x:c\tr="C3">',
    '<c\nr="D4"/>',
    '<c  r="ZZZ9999999"/>',
    '<c r="AAAA1"/>',
    '<c r="A12345678"/>',
    '<c r="a1"/>',
    '<c xr="A1"/>',
    '<cc r="A1"/>',
    '<c:c r="A1"/>',
    '<c r="A1" r="B2"/>',
    '<row r="5">',
    '<t> r="XFD9"</t>',
    '<t>a>b r="Q7"</t>',
    "<![CDATA[<c r=\"A1\">]]>",
    '<averyveryverylongprefix:c r="E5"/>',
    '<p:c r="F6">',
    '<c r="G7',
    "<",
    ">",
    '"',
    ' r="H8"',
    "</c>",
    "\n",
]


def _by_regex(body: bytes) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    cols, rows, spans = [], [], []
    for m in _CELL_REF.finditer(body):
        n = 0
        for ch in m.group(1).decode():
            n = n * 26 + ord(ch) - 64
        cols.append(n - 1)
        rows.append(int(m.group(2)))
        spans.append((m.start(1), m.end(2) - m.start(1)))
    return cols, rows, spans


def _same_as_regex(body: bytes) -> None:
    col, row, spans = cell_refs(body)
    want_cols, want_rows, want_spans = _by_regex(body)
    assert col.tolist() == want_cols
    assert row.tolist() == want_rows
    assert [tuple(s) for s in spans.tolist()] == want_spans


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=40))
def test_cell_references_are_what_the_regex_finds(pieces):
    _same_as_regex("".join(pieces).encode("utf-8"))


@given(st.binary(max_size=200))
def test_cell_references_in_any_bytes_are_what_the_regex_finds(body):
    _same_as_regex(body)


def _sheet_parts(data: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]


_CELL_TEXT = st.text(st.characters(blacklist_categories=["Cc", "Cs"]) | st.sampled_from(' r="A1"<>&'), max_size=8)


@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 800), _CELL_TEXT), max_size=30))
def test_cell_references_of_real_workbooks(cells):
    """openpyxl and xlsxwriter lay out sheet XML differently; both are read as the regex reads them."""
    wb = openpyxl.Workbook()
    for r, c, v in cells:
        wb.active.cell(row=r + 1, column=c + 1, value=v or None)
    out = io.BytesIO()
    wb.save(out)
    other = io.BytesIO()
    book = xlsxwriter.Workbook(other, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, c, v in cells:
        sheet.write(r, c, v)
    book.close()
    for body in _sheet_parts(out.getvalue()) + _sheet_parts(other.getvalue()):
        _same_as_regex(body)
    (body,) = _sheet_parts(out.getvalue())
    written = {(r + 1, c) for r, c, v in cells if v}  # (openpyxl's cell(value=None) leaves a cell as it was)
    col, row, _ = cell_refs(body)
    assert set(zip(row.tolist(), col.tolist(), strict=True)) == written


def test_a_stray_cell_far_away_is_found_with_its_reference():
    body = b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><x:c s="1" r="XFD1048576"/></row>'
    col, row, spans = cell_refs(body)
    assert col.tolist() == [0, 16383] and row.tolist() == [1, 1048576]
    at, length = spans[1]
    assert body[at : at + length] == b"XFD1048576"
    assert np.asarray(cell_refs(b"")[0]).size == 0


# --- A workbook's small sheet parts, each read once (read._xlsx_layout) ---------------

_LIMITS = ReadLimits(max_cells=60, max_columns=6)


def _extent_alone(body: bytes, limits: ReadLimits) -> Extent | None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", body)
    with zipfile.ZipFile(out) as zf:
        return _xlsx_extent(zf, "xl/worksheets/sheet1.xml", limits)


@settings(max_examples=200)
@given(st.lists(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=12), min_size=1, max_size=5))
def test_small_parts_laid_end_to_end_keep_each_parts_extent(parts):
    """One cell_refs pass over a workbook's parts: each part's extent (and first far
    cell) is the one it has scanned alone, hostile markup and all."""
    bodies = ["".join(p).encode("utf-8") for p in parts]
    for limits in (_LIMITS, ReadLimits()):
        assert _extents_of_bodies(bodies, limits) == [_extent_alone(b, limits) for b in bodies]


def test_a_far_cell_is_named_in_its_own_part():
    near = b'<row r="1"><c r="A1"/><c r="B1"/></row>'
    far = b'<row r="2"><c r="A2"/><c r="Z2"/><c r="AB2"/></row>'
    assert _extents_of_bodies([near, far, near], _LIMITS) == [None, Extent(2, 1, "Z2"), None]
    # A tag left open at the end of one part does not take in the next part's text.
    assert _extents_of_bodies([b"<row><c", b' r="H8"/></row>'], _LIMITS) == [None, None]


_ROW_NUMBERS = st.one_of(
    st.lists(st.integers(1, 3), min_size=0, max_size=70).map(
        lambda steps: [sum(steps[: i + 1]) for i in range(len(steps))]
    ),
    st.lists(st.integers(1, 80) | st.none(), max_size=70),  # out of order, missing
    st.lists(st.integers(1, 4), min_size=38, max_size=60),  # repeated: 41 row elements may not pass row 40
)


@settings(max_examples=150)
@given(
    _ROW_NUMBERS,
    st.sampled_from(["", "x:"]),
    # (a row inside a row: the stream meets the inner one first, as it ends first)
    st.sampled_from(["", '<!-- <row r="2"> -->', "<![CDATA[<row>]]>", '<{p}row r="7"><{p}row r="3"/></{p}row>']),
    st.sampled_from(["", "<broken", "</sheetData>"]),
    _CELL_TEXT,
)
def test_first_rows_of_a_part_held_whole_are_those_streamed(numbers, prefix, aside, tail, text):
    """Parsing a held part only up to the row after the preview reads what streaming the
    whole part reads: rows numbered out of order or not at all, markup that looks like a
    row, a row inside a row, a broken document past the preview (streaming never reaches
    it) or before it."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    rows = []
    for k, r in enumerate(numbers):
        ref = "" if r is None else f' r="{r}"'
        inline = f"<{prefix}is><{prefix}t>{esc}{k}</{prefix}t></{prefix}is>"
        cell = f'<{prefix}c r="B{r or 1}" t="inlineStr">{inline}</{prefix}c>'
        rows.append(
            f"<{prefix}row{ref}>{cell}<{prefix}c r=\"C{r or 1}\"><{prefix}v>{k}</{prefix}v></{prefix}c></{prefix}row>"
        )
        if k == 3:
            rows.append(aside.format(p=prefix))
    xmlns = f'xmlns:x="{ns}"' if prefix else f'xmlns="{ns}"'
    body = (
        f"<{prefix}worksheet {xmlns}><{prefix}sheetData>{''.join(rows)}</{prefix}sheetData>{tail}</{prefix}worksheet>"
    )

    def outcome(read):
        try:
            return read()
        except ET.ParseError:
            return "ParseError"

    data = body.encode("utf-8")
    streamed = outcome(lambda: _first_rows(ET.iterparse(io.BytesIO(data)), _LIMITS)[:2])
    assert outcome(lambda: _first_rows_of_body(data, _LIMITS)) == streamed


def test_a_row_inside_a_row_is_read_in_the_streams_order():
    """The inner row ends first, so the stream reads it first; a tree lists the outer
    row first.  Such a part is read as streamed (the preview's empty rows tell them apart)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 5))
    for tail in ("", "".join(f'<row r="{r}"/>' for r in range(8, 60))):  # whole, and cut after row 41
        body = f'<worksheet xmlns="{ns}"><sheetData>{rows}<row r="7"><row r="3"/></row>{tail}</sheetData></worksheet>'
        data = body.encode()
        streamed = _first_rows(ET.iterparse(io.BytesIO(data)), _LIMITS)[:2]
        assert _first_rows_of_body(data, _LIMITS) == streamed
        assert len(streamed[0]) == (7 if not tail else 40)


def test_hidden_cells_found_in_a_held_part_are_those_streamed(tmp_path):
    """The hidden-cell scan of a part the layout holds finds what the streamed scan finds:
    error values, a formula saved without its result, NaN text inline and shared."""
    path = tmp_path / "hidden.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["编号", "日期", "备注"])
    ws["A2"] = "#DIV/0!"
    ws["A2"].data_type = "e"
    ws["B2"] = "=A1"  # openpyxl saves a formula without its result
    ws["C2"] = "NaN"  # a shared string
    ws["C3"] = "nan"
    wb.save(path)
    layout = _xlsx_layout(path)
    assert layout is not None
    info = layout["表"]
    assert info.body is not None
    streamed = scan_hidden_cells(path, info.part)
    assert scan_hidden_cells(path, info.part, info.body) == streamed
    assert [(r, c) for r, c, _ in streamed] == [(2, 0), (2, 1), (2, 2), (3, 2)]


# --- fastexcel's reader, kept for the next sheet of the same file (read._excel_reader) ---


def _book(path, sheets: dict[str, list[list[str]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)


def test_a_kept_reader_is_the_files_until_the_file_changes(tmp_path):
    path = tmp_path / "台账.xlsx"
    _book(path, {"甲": [["编号"], ["1"]]})
    first = _excel_reader(path)
    assert _excel_reader(path) is first and first.sheet_names == ["甲"]
    _book(path, {"乙": [["编号", "日期"], ["1", "2026-01-05"]], "丙": [["x"]]})  # rewritten in place
    assert _excel_reader(path).sheet_names == ["乙", "丙"]
    release_readers()


def test_no_input_file_is_held_open_after_the_intake(tmp_path):
    """The reader kept between sheets is let go: an inspector can move or delete the
    office's workbook once it is read (Windows refuses to while a handle is open)."""
    import os

    from gov_audit.intake import load_registers

    path = tmp_path / "台账.xlsx"
    _book(path, {"信访登记": [["编号", "收到日期", "承办人"], ["1", "2026-01-05", "张三"]]})
    load_registers([path])
    fd_dir = "/proc/self/fd"
    if not os.path.isdir(fd_dir):
        return
    held = []
    for fd in os.listdir(fd_dir):
        try:
            held.append(os.readlink(os.path.join(fd_dir, fd)))
        except OSError:
            continue
    assert str(path) not in held


# --- sheets alike converted to pandas in one call (read.convert_together) ---------------

_CELLS = {
    "bool": st.booleans() | st.none(),
    "int": st.integers(-5, 10**6) | st.none(),
    "float": st.floats(-1e6, 1e6, allow_nan=False) | st.none(),
    "date": st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)) | st.none(),
    "text": st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=4) | st.none(),
    "empty": st.none(),
}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(_CELLS)), min_size=1, max_size=4),
    st.lists(st.integers(0, 6), min_size=1, max_size=4),
    st.sampled_from(["python", "pyarrow"]),
    st.data(),
)
def test_sheets_converted_together_load_as_each_alone(tmp_path_factory, kinds, sizes, storage, data):
    """Sheets of one shape in several workbooks (a county's template) load the same rows,
    columns and dtypes when converted together as when each is converted alone: bool and
    int columns with blanks in some sheets only, empty columns, no rows at all."""
    import pandas as pd

    root = tmp_path_factory.mktemp("together")
    paths = []
    for k, n in enumerate(sizes):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "表"
        ws.append([f"列{i}" for i in range(len(kinds))])
        for _ in range(n):
            ws.append([data.draw(_CELLS[kind]) for kind in kinds])
        paths.append(root / f"o{k}.xlsx")
        wb.save(paths[-1])
    with pd.option_context("mode.string_storage", storage):
        alone = [read_sheets(p)[0][0] for p in paths]
        together = [read_sheets(p)[0][0] for p in paths]
        convert_together([(s, 1) for s in together])
        for a, t in zip(alone, together, strict=True):
            assert 1 in t._converted or not t.columns
            want, got = a.load(1), t.load(1)
            pd.testing.assert_frame_equal(got, want, check_exact=True)
            assert list(got.dtypes) == list(want.dtypes)


def test_a_yes_no_column_blank_in_one_sheet_only_keeps_each_sheets_dtype(tmp_path):
    """pandas makes a bool column with blanks objects: a sheet with no blank there stays
    bool, as it is converted alone, though another sheet of its shape has one."""
    paths = []
    for k, values in enumerate(([True, False], [True, None, False])):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "表"
        ws.append(["是否署名", "编号"])
        for i, v in enumerate(values):
            ws.append([v, f"X{i}"])
        paths.append(tmp_path / f"o{k}.xlsx")
        wb.save(paths[-1])
    sheets = [read_sheets(p)[0][0] for p in paths]
    convert_together([(s, 1) for s in sheets])
    first, second = (s.load(1) for s in sheets)
    assert first[0].dtype == bool and first[0].tolist() == [True, False]
    assert second[0].dtype == object and second[0].tolist() == [True, None, False]


def test_native_stderr_keeps_what_each_read_wrote_once_and_drops_panics(capfd):
    """The file fd 2 goes to during a native read is reused from read to read: each read
    passes on only what it wrote itself, never an earlier read's lines again."""
    from gov_audit.read import native_stderr

    with native_stderr.quiet():
        os.write(2, b"thread 'main' panicked at src/datatype.rs:1:1:\nthe message\nfirst warning\n")
    with native_stderr.quiet():
        os.write(2, b"second warning\n")
    with native_stderr.quiet():
        pass
    assert capfd.readouterr().err == "first warning\nsecond warning\n"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_worker_quiets_native_stderr_into_a_file_of_its_own(capfd):
    from gov_audit.read import native_stderr

    with native_stderr.quiet():
        pass
    parents = native_stderr.tmp
    pid = os.fork()
    if pid == 0:  # the worker: its own file, its lines passed on
        ok = native_stderr.tmp is None
        with native_stderr.quiet():
            ok = ok and native_stderr.tmp is not parents
            os.write(2, b"from the worker\n")
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert native_stderr.tmp is parents
    assert capfd.readouterr().err == "from the worker\n"


def _previews(sheets) -> list[tuple[str, list[list[str]], list[int]]]:
    return [(s.sheet, s.preview, s.columns) for s in sheets]


def test_the_intake_takes_the_prefetched_layout_of_the_file_as_it_still_is(tmp_path, monkeypatch):
    # The prefetch reads each workbook's layout (first rows, extents) while the program
    # loads; the intake takes it rather than reading it again, but only for the same
    # limits and the file as it was, and only once.
    import gov_audit.read as read
    from gov_audit.classify import data_start_of

    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "信访登记"
    for row in (["编号", "登记日期", "办结日期"], ["X1", dt.date(2026, 3, 2), dt.date(2026, 3, 20)]):
        wb.active.append(row)
    wb.save(path)
    alone, _ = read.read_sheets(path)
    calls: list[Path] = []
    real_layout = read._xlsx_layout

    def counted(p, limits=read.DEFAULT_LIMITS):
        calls.append(p)
        return real_layout(p, limits)

    monkeypatch.setattr(read, "_xlsx_layout", counted)
    try:
        read.prefetch([path], data_start_of)
        read._prefetch_thread.join()
        assert len(calls) == 1
        taken, _ = read.read_sheets(path)
        assert len(calls) == 1 and _previews(taken) == _previews(alone)
        again, _ = read.read_sheets(path)  # (taken once: read again now)
        assert len(calls) == 2 and _previews(again) == _previews(alone)

        read.prefetch([], None)  # (the same files again would be the prefetch already made)
        read.prefetch([path], data_start_of)
        read._prefetch_thread.join()
        narrow = read.ReadLimits(max_cells=read.DEFAULT_LIMITS.max_cells, max_columns=2)
        read.read_sheets(path, limits=narrow)  # other limits: its own layout
        assert len(calls) == 4

        read.prefetch([], None)
        read.prefetch([path], data_start_of)
        read._prefetch_thread.join()
        wb.active.append(["X2", dt.date(2026, 4, 1), None])
        wb.save(path)  # rewritten after the prefetch read it
        os.utime(path, ns=(1, 1))
        changed, _ = read.read_sheets(path)
        assert len(calls) == 6 and len(changed[0].preview) == 3
    finally:
        read.prefetch([], None)  # (no prefetch left behind for the other tests)


@settings(deadline=None)
@given(regs=office(max_registers=4))
def test_a_generated_workbook_reads_the_same_with_the_prefetched_layout(regs):
    # Whatever the registers and cells, the sheets the intake reads from the prefetch's
    # layout (and its Arrow data) are those it reads alone: previews, columns, data.
    import tempfile

    import gov_audit.read as read
    from gov_audit.classify import data_start_of

    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "office.xlsx", regs)
        alone, errors_alone = read.read_sheets(path)
        try:
            read.prefetch([path], data_start_of)
            read._prefetch_thread.join()
            taken, errors_taken = read.read_sheets(path)
            assert not read._prefetched_layouts  # (it was the prefetch's)
        finally:
            read.prefetch([], None)
        assert _previews(taken) == _previews(alone) and errors_taken == errors_alone
        for a, b in zip(alone, taken, strict=True):
            start = data_start_of(a)
            if start is not None:
                assert a.load(start).equals(b.load(start))
