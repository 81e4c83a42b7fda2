"""read: the stray-cell scan's reading of sheet XML, against the regex it replaces."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import openpyxl
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_audit.read import _CELL_REF, cell_refs

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
