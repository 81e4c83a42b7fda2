"""The xlsx report's data rows, made as XML by `render.xlsx_report._Rows` instead of a call
per cell into xlsxwriter: every part of the package is byte for byte what writing each
cell through xlsxwriter made (tests/reference_xlsx.py), on the sample and on generated
reports whatever their text, numbers, dates, departments and links (issue 14)."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_xlsx import render_xlsx_cellwise

from gov_audit.engine import AuditOptions, run_audit
from gov_audit.render import xlsx_report
from gov_audit.render.xlsx_report import render_xlsx
from gov_audit.report import build_report

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)


@pytest.fixture(scope="module")
def sample_report():
    return build_report(run_audit([SAMPLE], AuditOptions(as_of=pd.Timestamp("2026-11-30"))))


def differing_parts(report: dict, folder: Path, lang: str = "zh", root: Path | None = None) -> list[str]:
    """The package parts in which the two writers' workbooks differ (docProps/core.xml holds
    the time each was made)."""
    fast, ref = folder / "fast.xlsx", folder / "ref.xlsx"
    render_xlsx(report, fast, lang, root)
    render_xlsx_cellwise(report, ref, lang, root)
    with zipfile.ZipFile(fast) as a, zipfile.ZipFile(ref) as b:
        names = sorted(set(a.namelist()) | set(b.namelist()))
        return [
            n
            for n in names
            if n != "docProps/core.xml" and (n not in a.namelist() or n not in b.namelist() or a.read(n) != b.read(n))
        ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_report_is_the_cell_at_a_time_workbook_part_for_part(sample_report, tmp_path, lang):
    assert differing_parts(sample_report, tmp_path, lang) == []


def test_links_to_the_source_rows_are_xlsxwriters(tmp_path):
    # The source beside the report: every finding's row links back to it.
    for name in ("registers.xlsx", "台账 [2026] 第1版.xlsx"):
        src = tmp_path / name
        shutil.copy(SAMPLE, src)
        rep = build_report(run_audit([src], AuditOptions(as_of=pd.Timestamp("2026-11-30"))))
        assert differing_parts(rep, tmp_path) == []
        with zipfile.ZipFile(tmp_path / "fast.xlsx") as z:
            rels = [n for n in z.namelist() if n.startswith("xl/worksheets/_rels/")]
            assert rels and b'TargetMode="External"' in z.read(rels[0])
        first = next(f for f in rep["findings"] if f["register"] == "petitions")
        cell = links_of(tmp_path / "fast.xlsx", "信访登记")[0]
        assert cell == (
            str(first["row"]),
            src.name.replace(" ", "%20").replace("[", "%5b").replace("]", "%5d"),
            f"'{first['sheet']}'!A{first['row']}",
        )


def test_a_source_named_with_a_hash_is_linked_whole(tmp_path):
    # xlsxwriter splits "external:台账#2.xlsx#'sheet'!A5" at its first # (a file 台账 at
    # 2.xlsx#…); the file and the place are given apart, and the file's # is escaped.
    src = tmp_path / "台账#2.xlsx"
    shutil.copy(SAMPLE, src)
    rep = build_report(run_audit([src], AuditOptions(as_of=pd.Timestamp("2026-11-30"))))
    render_xlsx(rep, tmp_path / "r.xlsx", "zh")
    first = next(f for f in rep["findings"] if f["register"] == "petitions")
    assert links_of(tmp_path / "r.xlsx", "信访登记")[0] == (
        str(first["row"]),
        "台账%232.xlsx",
        f"'{first['sheet']}'!A{first['row']}",
    )


def links_of(path: Path, sheet: str) -> list[tuple[str, str, str]]:
    """Each linked cell of ``sheet``: its text, the file it opens, and the place in it."""
    ws = openpyxl.load_workbook(path)[sheet]
    return [
        (c.value, c.hyperlink.target, c.hyperlink.location)
        for row in ws.iter_rows(min_row=2)
        for c in row
        if c.hyperlink is not None
    ]


TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " lead",
            "trail ",
            "\u3000全角空格",
            "a & b <c>",
            "_x0041_",
            "控制\x01字符\x1f",
            "\ufffe\uffff",
            "=SUM(A1)",
            "-5",
            "@x",
            "<r>x<</r>",
            "<r><t>y</t></r>",
            "😀" * 3,
            "line\nbreak",
            "字" * 4000,
        ]
    ),
)
DAY = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat)
MOMENT = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2099, 12, 31)).map(lambda d: d.isoformat())
NUMBER = st.one_of(
    st.integers(-(10**18), 10**18), st.floats(allow_nan=False, allow_infinity=False, width=64), st.booleans()
)


@st.composite
def reports(draw, base):
    rep = copy.deepcopy(base)
    keep = draw(st.integers(0, min(40, len(base["findings"]))))
    findings = rep["findings"][:keep]
    for f in findings:
        for k in ("subject", "dept", "key", "message", "id"):
            if draw(st.booleans()):
                f[k] = draw(st.one_of(st.none(), TEXT)) if k != "id" else draw(TEXT) or "x"
        for k in ("start", "due", "done"):
            if draw(st.booleans()):
                f[k] = draw(st.one_of(st.none(), DAY, MOMENT))
        if draw(st.booleans()):
            f["row"] = draw(st.one_of(st.none(), st.integers(1, 10**6)))
        f["waived"] = draw(st.booleans())
    rep["findings"] = findings
    for p in rep["penalties"][: draw(st.integers(0, 5))]:
        p["subject"] = draw(st.one_of(st.none(), TEXT, NUMBER))
    rep["errors"] = [
        {"file": draw(TEXT), "sheet": draw(st.one_of(st.none(), TEXT)), "value": draw(st.one_of(st.none(), TEXT))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    rep["summary"]["errors"] = len(rep["errors"])
    return rep


@SLOW
@given(data=st.data())
def test_a_generated_report_is_the_cell_at_a_time_workbook_part_for_part(sample_report, data):
    rep = data.draw(reports(sample_report))
    lang = data.draw(st.sampled_from(["zh", "en"]))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "registers.xlsx"  # (a source beside the report: rows link back)
        shutil.copy(SAMPLE, src)
        for f in rep["findings"]:
            f["file"] = data.draw(st.sampled_from([str(src), "elsewhere.xlsx"]))
        assert differing_parts(rep, Path(tmp), lang) == []


def test_a_format_first_met_in_a_sheets_last_row_is_numbered_as_xlsxwriter_numbers_it(sample_report, tmp_path):
    # xlsxwriter numbers cell formats as it writes cells, and writes each sheet's last row
    # when the workbook closes, after every other sheet's rows: a date-time first met in
    # the first sheet's last row comes after the formats of the later sheets.
    rep = copy.deepcopy(sample_report)
    first = sorted({f["register"] for f in rep["findings"]})[0]
    mine = [f for f in rep["findings"] if f["register"] == first]
    for f in rep["findings"]:
        f["start"] = f["due"] = f["done"] = None
    mine[-1]["done"] = "2026-11-02T09:30:00"
    rep["findings"][-1]["due"] = "2026-11-03"
    assert differing_parts(rep, tmp_path) == []


def test_the_xlsx_data_rows_read_back_as_written(sample_report, tmp_path):
    out = tmp_path / "r.xlsx"
    render_xlsx(sample_report, out, "zh")
    wb = openpyxl.load_workbook(out)
    ws = wb["信访登记"]
    header = [c.value for c in ws[1]]
    first = next(f for f in sample_report["findings"] if f["register"] == "petitions")
    row = {h: c.value for h, c in zip(header, ws[2], strict=True)}
    assert row["编号ID"] == first["id"] and row["规则"] == first["rule"]
    assert row["到期"] == dt.datetime.fromisoformat(first["due"]) and ws.cell(2, header.index("到期") + 1).is_date
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"


def test_excels_limits_are_kept_as_xlsxwriter_keeps_them(tmp_path, monkeypatch):
    # Text beyond 32,767 UTF-16 units is cut there (xlsxwriter's write_row then dropped the
    # rest of the row's cells; here they are kept); a sheet holds at most 65,530 links
    # (fewer here), after which a row's number stays a number.
    assert len(xlsx_report._inline("😀" * 20000).split("<t>")[1].split("</t>")[0]) == 16383
    monkeypatch.setattr(xlsx_report, "_LINKMAX", 2)
    book = xlsx_report._Book(tmp_path / "parts.xlsx")
    ws = book.sheet("s", ["行"], [6])
    rows = book.data_rows(ws, 1)
    for r in range(1, 4):
        rows.add(r, [r], (0, ("src.xlsx", f"'s'!A{r}")))
    rows.add(4, [None])
    book.close(tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["s"]
    assert ws.max_row == 4
    assert [(c.value, c.hyperlink is not None) for (c,) in ws.iter_rows(min_row=2)] == [
        ("1", True),
        ("2", True),
        (3, False),
    ]


@given(
    st.one_of(
        st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
        st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31)),
    )
)
def test_a_date_cells_number_is_xlsxwriters(d):
    from xlsxwriter.utility import _datetime_to_excel_datetime

    assert f"{xlsx_report._serial(d):.16G}" == f"{_datetime_to_excel_datetime(d, False, False):.16G}"
