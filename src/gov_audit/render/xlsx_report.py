"""XLSX: one sheet per register's findings, then the 整改清单 (rectification list, a sheet
per department), 处罚档次 (penalties), 输入错误 (errors) and 汇总 (summary).  Frozen header,
autofilter, real date cells, column widths, severity colours, and a link back to the
source row when the source workbook sits beside the report.

xlsxwriter writes the workbook (styles, sheets, headers, filters, conditional formats)
in constant-memory mode; the data rows' XML is made here (``_Rows``), as xlsxwriter would
write it, and laid into its sheets (``_Book.close``).  xlsxwriter's call per cell cost
15–20 µs: a 50,000-finding report was 1.2 million cells and 21–26 s (openpyxl, before it,
hashed a style object per cell and took 206 s).  The small workbooks (evaluation) use
openpyxl through ``_header``/``_sheet_title``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Any

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from xlsxwriter.url import Url
from xlsxwriter.utility import _datetime_to_excel_datetime, _utf16_len, _utf16_truncate, xl_col_to_name

from .columns import (
    FINDING_FIELDS,
    HEADERS,
    PENALTY_FIELDS,
    PENALTY_HEADERS,
    UNSAFE_START,
    finding_cells,
    neutralise,
    penalty_cells,
)
from .labels import REGISTER, TEXT

HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(bold=True, color="FFFFFF")
COLOURS = {"breach": "#F8CBAD", "warning": "#FFE699", "waived": "#D9D9D9"}
WIDTH = {
    "message": 70,
    "citation": 28,
    "key": 22,
    "subject": 10,
    "file": 22,
    "id": 36,
    "consequence": 40,
    "findings": 40,
    "rule": 9,
    "status": 9,
    "severity": 7,
    "start": 11,
    "due": 11,
    "done": 11,
    "late_by": 7,
    "late_unit": 6,
    "row": 6,
    "dept": 12,
    "sheet": 16,
}
DATE_FIELDS = ("start", "due", "done")
SUMMARY_ZH = {
    "findings": "问题总数",
    "waived": "已豁免",
    "baselined": "基线中已知",
    "errors": "输入错误",
    "penalties": "处罚档次",
}


def _date(value: str | None):
    if not value:
        return None
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def _sheet_title(text: str, used: set[str]) -> str:
    """A sheet name Excel accepts, unique in the workbook.  A department's name comes from
    the registers: Excel refuses []:*?/\\ in a name, an apostrophe at either end, the name
    History, and two names differing only in case (xlsxwriter raised on each, and the
    report was not written); so do characters XML cannot hold (xlsxwriter wrote them
    into the workbook's XML as they were)."""
    text = "".join(" " if ch in "[]:*?/\\\ufffe\uffff" or ch < " " else ch for ch in text)
    text = text[:31].strip("'") or "Sheet"
    stem, k = text[:28].rstrip("'"), 2
    while text.casefold() in used or text.casefold() == "history":
        text = f"{stem}({k})"
        k += 1
    used.add(text.casefold())
    return text


def _header(ws, headers: list[str], widths: list[int]) -> None:
    """An openpyxl sheet's header row (the evaluation workbook)."""
    ws.append(headers)
    for j, c in enumerate(ws[1], start=1):
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
        ws.column_dimensions[get_column_letter(j)].width = widths[j - 1]
    ws.freeze_panes = "A2"


class _Book:
    """An xlsxwriter workbook with the formats the report uses, made once."""

    def __init__(self, path: Path):
        import xlsxwriter

        self.parts = path
        self.wb = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self.used: set[str] = set()
        self.head = self.wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78"})
        self.fill: dict[tuple[str, str], Any] = {}
        self.link = self.wb.add_format({"font_color": "#0563C1", "underline": 1})
        # The first cell written is the first sheet's header: its format is the first one.
        self.head._get_xf_index()
        self.rows: dict[str, _Rows] = {}  # sheet name → its data rows, made here

    def data_rows(self, ws: Any, width: int, empty_text: bool = False) -> _Rows:
        """Where ``ws``'s data rows go (``_Rows``); its header is xlsxwriter's, written by
        ``sheet``.  ``empty_text``: an empty text is a cell, as ``cell`` writes it (not as
        write_row does: no cell)."""
        self.rows[ws.name] = rows = _Rows(self, width, empty_text)
        return rows

    def close(self, path: Path) -> None:
        """Close the workbook (xlsxwriter's parts, written where the book was made) and
        write it to ``path``, each sheet with its data rows."""
        try:
            for rows in self.rows.values():  # (in the order of the sheets, as xlsxwriter closes them)
                rows.finish()
            self.wb.close()
            _lay_rows(self.parts, path, self.rows)
        finally:
            for rows in self.rows.values():
                rows.out.close()

    def fmt(self, colour: str = "", kind: str = "") -> Any:
        """A cell format: background colour, and a date or date-time number format."""
        key = (colour, kind)
        if key not in self.fill:
            spec: dict[str, Any] = {}
            if colour:
                spec["bg_color"] = COLOURS[colour]
            if kind:
                spec["num_format"] = "yyyy-mm-dd hh:mm" if kind == "datetime" else "yyyy-mm-dd"
            self.fill[key] = self.wb.add_format(spec) if spec else None
        return self.fill[key]

    def colour_rows(self, ws: Any, n: int, width: int, sev_col: int, waived_col: int, lang: str) -> None:
        """Severity colours for rows 2..n+1, as conditional formats on the severity and
        waived columns (Excel and LibreOffice apply them; nothing is stored per cell)."""
        if n == 0:
            return

        from .labels import SEVERITY

        sev, waived = xl_col_to_name(sev_col), xl_col_to_name(waived_col)
        rules = [("waived", f"=${waived}2=TRUE")]
        rules += [(k, f'=${sev}2="{SEVERITY[lang][k]}"') for k in ("warning", "breach")]
        for colour, formula in rules:
            fill = self.wb.add_format({"bg_color": COLOURS[colour]})
            ws.conditional_format(
                1, 0, n, width - 1, {"type": "formula", "criteria": formula, "format": fill, "stop_if_true": True}
            )

    def sheet(self, title: str, headers: list[str], widths: list[int]) -> Any:
        ws = self.wb.add_worksheet(_sheet_title(title, self.used))
        for j, w in enumerate(widths):
            ws.set_column(j, j, w)
        ws.freeze_panes(1, 0)
        for j, h in enumerate(headers):
            ws.write_string(0, j, h, self.head)
        ws.autofilter(0, 0, 0, max(len(headers) - 1, 0))  # widened to the data when the sheet is done
        return ws

    def cell(self, ws: Any, r: int, c: int, v: Any, colour: str = "", date: bool = False) -> None:
        if v is None:
            if colour:
                ws.write_blank(r, c, None, self.fmt(colour))
            return
        if date:
            d = _date(v)
            ws.write_datetime(r, c, d, self.fmt(colour, "datetime" if isinstance(d, dt.datetime) else "date"))
        elif isinstance(v, bool):
            ws.write_boolean(r, c, v, self.fmt(colour))
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, v, self.fmt(colour))
        else:
            ws.write_string(r, c, _text(str(v)), self.fmt(colour))


# What xlsxwriter escapes in a cell's text (xmlwriter: _escape_control_characters,
# _escape_data; utility: _preserve_whitespace), and its limits (worksheet: xls_strmax,
# max_url_length, 65,530 links a sheet).  Its own helpers do the rare cases (a text over
# the limit, a link's URL, a date-time); the common ones are done here, a search each.
_CONTROL = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_CONTROL_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL_CHAR = re.compile(r"([\x00-\x08\x0b-\x1f])")
_XML_TEXT = re.compile(r"[&<>]")
_EDGE_SPACE = re.compile(r"^\s|\s$")
_ANY_ESCAPE = re.compile(_CONTROL.pattern + "|" + _XML_TEXT.pattern + "|" + _EDGE_SPACE.pattern)
_STRMAX = 32767
_URLMAX = 2079
_LINKMAX = 65530
_EPOCH = dt.datetime(1899, 12, 31)
_EPOCH_DAY = _EPOCH.date()
_LEAP_MOMENT = dt.datetime(1900, 3, 1)
_LEAP_DAY = dt.date(1900, 3, 1)  # (from here on, Excel counts the 29 February 1900 it believes in)


class _Rows:
    """One sheet's data rows, as the XML xlsxwriter writes in constant-memory mode (inline
    strings, no spans), made here a row at a time into a temporary file.

    A value is text, a number, a boolean, a date or date-time (a date cell), or None (no
    cell).  Text is written as given: the caller has neutralised it (``_text``)."""

    def __init__(self, book: _Book, width: int, empty_text: bool = False):
        self.book = book
        self.empty_text = empty_text
        self.letters = [xl_col_to_name(j) for j in range(width)]
        # (closed by _Book.close, which lays it into the workbook)
        self.out: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self.last = 0  # the last row holding a cell (0: the header alone)
        self.links: list[tuple[str, str, str]] = []  # each link's cell, target and location
        self._style: dict[int, str] = {}
        self._pending: tuple[int, list[Any], tuple[int, tuple[str, str]] | None] | None = None

    def add(self, r: int, values: list[Any], link: tuple[int, tuple[str, str]] | None = None) -> None:
        """Row ``r`` (0-based; the header is row 0).  ``link``: (column, (file, location))
        makes that column's cell the text of a link to ``location`` (``'sheet'!A5``) in the
        workbook ``file`` beside the report.

        A row is written when the next one comes, and a sheet's last row when the workbook
        closes (``finish``): xlsxwriter numbers cell formats in the order it writes cells,
        which is that order, and the styles then come out as it would make them."""
        if self._pending is not None:
            self._write(*self._pending)
        self._pending = (r, values, link)

    def finish(self) -> None:
        if self._pending is not None:
            self._write(*self._pending)
            self._pending = None

    def _write(self, r: int, values: list[Any], link: tuple[int, tuple[str, str]] | None) -> None:
        n = str(r + 1)
        letters, cells = self.letters, []
        link_col, target = link if link is not None else (-1, None)
        for j, v in enumerate(values):
            kind = type(v)
            if j == link_col:
                cells.append(self._cell(letters[j] + n, v, target))
            elif kind is str:  # (the common cases first, by their exact type)
                if v or self.empty_text:
                    cells.append(f'<c r="{letters[j]}{n}"{_inline(v)}</c>')
            elif v is None:
                pass
            elif kind is int:
                cells.append(f'<c r="{letters[j]}{n}"><v>{v:.16G}</v></c>')
            elif kind is dt.date:
                style = self.style(self.book.fmt("", "date"))
                cells.append(f'<c r="{letters[j]}{n}"{style}><v>{_serial(v):.16G}</v></c>')
            else:
                cells.append(self._cell(letters[j] + n, v, None))
        if any(cells):
            self.out.write(f'<row r="{n}">{"".join(cells)}</row>')
            self.last = r

    def _cell(self, ref: str, v: Any, link: tuple[str, str] | None) -> str:
        """One cell's XML ("" for none): a link's text, or a value as xlsxwriter's write() takes it."""
        if link is not None and self._linked(ref, link):
            return f'<c r="{ref}"{self.style(self.book.link)}{_inline(str(v))}</c>'
        if v is None or (isinstance(v, str) and not v and not self.empty_text):
            return ""
        if isinstance(v, bool):
            return f'<c r="{ref}" t="b"><v>{1 if v else 0}</v></c>'
        if isinstance(v, (int, float)):
            if isinstance(v, float) and not math.isfinite(v):  # (no such number in Excel)
                return f'<c r="{ref}"{_inline(str(v))}</c>'
            return f'<c r="{ref}"><v>{v:.16G}</v></c>'
        if isinstance(v, dt.date):
            kind = "datetime" if isinstance(v, dt.datetime) else "date"
            return f'<c r="{ref}"{self.style(self.book.fmt("", kind))}><v>{_serial(v):.16G}</v></c>'
        return f'<c r="{ref}"{_inline(str(v))}</c>'

    def style(self, fmt: Any) -> str:
        """The ``s`` attribute of a cell in ``fmt``: its index among the workbook's cell
        formats, given in the order formats are first used, as xlsxwriter gives them."""
        key = id(fmt)
        if key not in self._style:
            self._style[key] = f' s="{fmt._get_xf_index()}"'
        return self._style[key]

    def _linked(self, ref: str, link: tuple[str, str]) -> bool:
        """Record a link from cell ``ref`` to the workbook ``link[0]`` at ``link[1]`` (its
        sheet and cell), as xlsxwriter's write_url("external:file#location") records it;
        False where it would not (a part over Excel's length, more links than a sheet
        holds).  xlsxwriter splits the URL at its first ``#``: a workbook named ``台账#2.xlsx``
        linked to a file ``台账`` at ``2.xlsx#…``.  Given apart, its ``#`` is escaped instead."""
        name, location = link
        if _utf16_len("external:" + name) > _URLMAX or _utf16_len(location) > _URLMAX or len(self.links) >= _LINKMAX:
            return False
        path = name.replace("file://", "", 1).replace("/", "\\")
        if path.startswith("\\\\") or (path[:1].isalpha() and path[1:2] == ":"):
            path = "file:///" + path
        if path.startswith(".\\"):
            path = path[2:]
        self.links.append((ref, Url._escape_url(path).replace("#", "%23"), location.replace("/", "\\")))
        return True

    def hyperlinks(self) -> str:
        """The sheet's <hyperlinks> element (empty without links), as xlsxwriter writes it."""
        if not self.links:
            return ""
        out = [
            f'<hyperlink ref="{ref}" r:id="rId{k}"' + (f' location="{_attr(loc)}"/>' if loc else "/>")
            for k, (ref, _, loc) in enumerate(self.links, start=1)
        ]
        return "<hyperlinks>" + "".join(out) + "</hyperlinks>"

    def relationships(self) -> str:
        kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
        rels = [
            f'<Relationship Id="rId{k}" Type="{kind}" Target="{_attr(target)}" TargetMode="External"/>'
            for k, (_, target, _) in enumerate(self.links, start=1)
        ]
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>"
        )


def _inline(v: str) -> str:
    """A text cell's type and value: ``' t="inlineStr"><is><t>…</t></is>'``."""
    if len(v) <= _STRMAX // 2 and not _ANY_ESCAPE.search(v):  # (nearly all text: one search)
        return f' t="inlineStr"><is><t>{v}</t></is>'
    if len(v) > _STRMAX // 2 and _utf16_len(v) > _STRMAX:
        v = _utf16_truncate(v, _STRMAX)
    if _CONTROL.search(v):
        v = _CONTROL_ESCAPED.sub(r"_x005F\1", v)
        v = _CONTROL_CHAR.sub(lambda m: f"_x{ord(m.group(1)):04X}_", v)
        v = v.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    space = ' xml:space="preserve"' if _EDGE_SPACE.search(v) else ""
    if _XML_TEXT.search(v):
        v = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{space}>{v}</t></is>'


def _attr(v: str) -> str:
    return (
        v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&#xA;")
    )


def _serial(d: dt.date) -> float:
    """Excel's serial number of a date or date-time (1900 system, its 29 February 1900 counted)."""
    # A report's dates and times, as xlsxwriter counts them past 1900-02-28 (its helper,
    # below for the rest, cost 10 µs a cell: 2 s of 50,000 findings' dates).
    if type(d) is dt.date and d >= _LEAP_DAY:
        return float((d - _EPOCH_DAY).days + 1)
    if type(d) is dt.datetime and d.tzinfo is None and d >= _LEAP_MOMENT:
        delta = d - _EPOCH
        return delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / (60 * 60 * 24) + 1
    return _datetime_to_excel_datetime(d.replace(tzinfo=None) if isinstance(d, dt.datetime) else d, False, False)


_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')


def _lay_rows(parts: Path, path: Path, sheets: dict[str, _Rows]) -> None:
    """Copy the workbook xlsxwriter wrote at ``parts`` to ``path``, each sheet of ``sheets``
    with its data rows after its header, its extent, and its links."""
    with zipfile.ZipFile(parts) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        where = _sheet_parts(src)
        fill = {where[name]: rows for name, rows in sheets.items()}
        for info in src.infolist():
            rows = fill.get(info.filename)
            if rows is None:
                dst.writestr(_copy_info(info), src.read(info))
                continue
            xml = src.read(info)
            head, tail = xml.split(b"</sheetData>", 1)
            if rows.last:
                last = rows.letters[-1] + str(rows.last + 1)
                head = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), head, count=1)
            if rows.links:
                at = tail.index(b"<pageMargins")
                tail = tail[:at] + rows.hyperlinks().encode() + tail[at:]
            rows.out.flush()
            # (a classic zip entry, as xlsxwriter writes them, unless the rows need ZIP64)
            large = os.fstat(rows.out.fileno()).st_size > 1 << 30
            with dst.open(_copy_info(info), "w", force_zip64=large) as out:
                out.write(head)
                rows.out.seek(0)
                while chunk := rows.out.read(1 << 20):
                    out.write(chunk.encode())
                out.write(b"</sheetData>" + tail)
            if rows.links:
                rels = info.filename.replace("worksheets/", "worksheets/_rels/") + ".rels"
                if rels in src.namelist():  # (xlsxwriter's own relationships for a data sheet: none today)
                    raise RuntimeError(f"{rels} already written: the sheet's links cannot be added")
                dst.writestr(_copy_info(zipfile.ZipInfo(rels, info.date_time)), rows.relationships())


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    out = zipfile.ZipInfo(info.filename, info.date_time)
    out.compress_type = zipfile.ZIP_DEFLATED
    out.external_attr = info.external_attr
    return out


def _sheet_parts(src: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name → its part in the package (xl/workbook.xml and its relationships)."""
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    targets = {
        r.get("Id"): r.get("Target", "")
        for r in ET.fromstring(src.read("xl/_rels/workbook.xml.rels"))
        if r.get("Id") is not None
    }
    return {
        sh.get("name", ""): "xl/" + targets[sh.get(rel + "id", "")].lstrip("/").removeprefix("xl/")
        for sh in ET.fromstring(src.read("xl/workbook.xml")).iter(main + "sheet")
    }


def render_xlsx(
    report: dict, target: Path, lang: str = "zh", source_root: Path | None = None, path: Path | None = None
) -> None:
    """Write the report to ``path`` (default ``target``; the caller's temporary file when
    written atomically).  ``target`` is where it will live: links are relative to it."""
    with tempfile.TemporaryDirectory() as tmp:
        book = _Book(Path(tmp) / "parts.xlsx")
        try:
            _fill(book, report, target, lang, source_root)
        except BaseException:
            for rows in book.rows.values():
                rows.out.close()
            raise
        book.close(path or target)


def _fill(book: _Book, report: dict, target: Path, lang: str, source_root: Path | None) -> None:
    t = TEXT[lang]
    by_register: dict[str, list[dict]] = {}
    for f in report["findings"]:
        by_register.setdefault(f["register"], []).append(f)
    fields = list(FINDING_FIELDS)
    row_col = fields.index("row")
    for reg in sorted(by_register):
        ws = book.sheet(
            REGISTER[lang].get(reg, reg), [HEADERS[lang][k] for k in fields], [WIDTH.get(k, 12) for k in fields]
        )
        rows = book.data_rows(ws, len(fields))
        dates = [j for j, k in enumerate(fields) if k in DATE_FIELDS]
        for r, f in enumerate(by_register[reg], start=1):
            cells = finding_cells(f, lang)
            # Colours come from one conditional format per sheet (below): a cell holds only its value.
            values = [_plain(cells[k]) for k in fields]
            for j in dates:
                values[j] = _date(values[j])
            link = _source_link(f, target, source_root)
            rows.add(r, values, (row_col, link) if link else None)
        book.colour_rows(ws, len(by_register[reg]), len(fields), fields.index("severity"), fields.index("waived"), lang)
        ws.autofilter(0, 0, len(by_register[reg]), len(fields) - 1)
    _rectification(book, report)
    pf = list(PENALTY_FIELDS)
    ws = book.sheet(
        t["penalties"] if lang == "en" else "处罚档次",
        [PENALTY_HEADERS[lang][k] for k in pf],
        [WIDTH.get(k, 12) for k in pf],
    )
    rows = book.data_rows(ws, len(pf), empty_text=True)
    for r, p in enumerate(report["penalties"], start=1):
        cells = penalty_cells(p)
        rows.add(r, [_cell_value(cells[k]) for k in pf])
    ws.autofilter(0, 0, len(report["penalties"]), len(pf) - 1)
    if report["errors"]:
        ef = ["file", "sheet", "cell", "column", "value", "expected", "message"]
        ws = book.sheet("输入错误" if lang == "zh" else "input errors", ef, [24, 14, 8, 14, 20, 24, 70])
        rows = book.data_rows(ws, len(ef), empty_text=True)
        for r, e in enumerate(report["errors"], start=1):
            rows.add(r, [None if e.get(k) is None else _text(str(e.get(k))) for k in ef])
        ws.autofilter(0, 0, len(report["errors"]), len(ef) - 1)
    _summary(book, report, lang)


RECTIFY_DATES = ("due", "first_seen", "rectify_due")


def _plain(v: Any) -> Any:
    """A cell value as xlsxwriter's write() takes it: text neutralised, never a formula,
    never markup."""
    return _text(v) if isinstance(v, str) else v


def _cell_value(v: Any) -> Any:
    """A value as ``_Book.cell`` writes it: booleans and numbers as such, anything else as text."""
    if v is None or isinstance(v, (bool, int, float)):
        return v
    return _text(str(v))


def _text(v: str) -> str:
    """Text as a cell shows it.  Besides a formula in disguise (``neutralise``), xlsxwriter
    writes text that starts with ``<r>`` and ends with ``</r>`` into the sheet's XML
    unescaped, as rich-text runs it made itself: a register cell like ``<r>x<</r>`` made
    the whole workbook unreadable.  Such text gets the same leading apostrophe."""
    if v[:1] not in _RISKY_FIRST:  # (nearly all text: one look at its first character)
        return v
    v = neutralise(v)
    return "'" + v if v.startswith("<r>") and v.endswith("</r>") else v


_RISKY_FIRST = frozenset(s[:1] for s in UNSAFE_START) | {"<"}


def _rectification(book: _Book, report: dict) -> None:
    """整改清单: a sheet per department, each finding with its responsible person and 整改时限,
    and blank 整改措施 / 整改情况 for the office to fill.  Read back by ``--baseline``."""
    from ..waivers import RECTIFY_COLUMNS, RECTIFY_SHEET

    still = (report.get("baseline") or {}).get("still_open") or []
    items = [f for f in [*report["findings"], *still] if not f.get("waived")]
    by_dept: dict[str, list[dict]] = {}
    for f in items:
        by_dept.setdefault(f.get("dept") or "未注明科室", []).append(f)
    keys = list(RECTIFY_COLUMNS)
    widths = {"id": 30, "message": 60, "key": 20, "measures": 30, "progress": 30}
    for dept in sorted(by_dept):
        ws = book.sheet(
            f"{RECTIFY_SHEET}-{dept}", [RECTIFY_COLUMNS[k] for k in keys], [widths.get(k, 12) for k in keys]
        )
        rows = book.data_rows(ws, len(keys))
        for r, f in enumerate(by_dept[dept], start=1):
            row = {
                **{k: f.get(k) for k in ("id", "rule", "subject", "dept", "key", "due", "message")},
                "first_seen": f.get("first_seen") or report["as_of"],
                "rectify_due": f.get("rectify_due") or report.get("rectify_due"),
            }
            rows.add(r, [_date(row.get(k)) if k in RECTIFY_DATES else _plain(row.get(k)) for k in keys])
        ws.autofilter(0, 0, len(by_dept[dept]), len(keys) - 1)


def _summary(book: _Book, report: dict, lang: str) -> None:
    s = report["summary"]
    t = TEXT[lang]
    ws = book.wb.add_worksheet(_sheet_title("汇总" if lang == "zh" else "summary", book.used))
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 40)
    rows = [(t["as_of"], report["as_of"]), (t["range"], f"{report['range']['since']} – {report['range']['until']}")]
    if report.get("office"):
        rows.insert(0, ("单位" if lang == "zh" else "office", report["office"]))
    rows += [
        (SUMMARY_ZH.get(k, k) if lang == "zh" else k, s[k])
        for k in ("findings", "waived", "baselined", "errors", "penalties")
    ]
    for title, key in ((t["by_rule"], "by_rule"), (t["by_severity"], "by_severity"), (t["by_dept"], "by_dept")):
        rows.append((title, None))
        rows += [(f"  {k or '—'}", v) for k, v in s[key].items()]
    prov = report["calendar"].get("provisional_years")
    if prov:
        rows.append((t["provisional"], ", ".join(map(str, prov))))
    for i in report["inputs"]:
        rows.append(("input", f"{i['path']}  sha256 {i['sha256'][:16]}…"))
    for r, (a, b) in enumerate(rows):
        book.cell(ws, r, 0, a)
        book.cell(ws, r, 1, b)


def _source_link(f: dict, target: Path, source_root: Path | None) -> tuple[str, str] | None:
    """The source workbook beside the report and the finding's row in it: (file, location)."""
    if f.get("row") is None or not f.get("file") or not f.get("sheet"):
        return None
    name = _beside(str(f["file"]), str(target), str(source_root) if source_root else "")
    if name is None:
        return None
    sheet = f["sheet"].replace("'", "''")
    return name, f"'{sheet}'!A{f['row']}"


@functools.lru_cache(maxsize=256)
def _beside(file: str, target: str, source_root: str) -> str | None:
    """The source workbook's name when it sits beside the report (asked once per file)."""
    src = Path(file)
    if source_root and not src.is_absolute():
        src = Path(source_root) / src
    try:
        if src.resolve().parent != Path(target).resolve().parent:
            return None
    except OSError:
        return None
    return src.name
