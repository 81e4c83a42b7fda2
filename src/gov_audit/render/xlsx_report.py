"""XLSX: one sheet per register's findings, then the 整改清单 (rectification list, a sheet
per department), 处罚档次 (penalties), 输入错误 (errors) and 汇总 (summary).  Frozen header,
autofilter, real date cells, column widths, severity colours, and a link back to the
source row when the source workbook sits beside the report.

Written with xlsxwriter in constant-memory mode, a row at a time: 50,000 findings in a
few seconds (openpyxl hashed a style object per cell and took 30 s).  The small
workbooks (evaluation) use openpyxl through ``_header``/``_sheet_title``.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .columns import FINDING_FIELDS, HEADERS, PENALTY_FIELDS, PENALTY_HEADERS, finding_cells, neutralise, penalty_cells
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
    report was not written); control characters go too."""
    text = "".join(" " if ch in "[]:*?/\\" or ch < " " else ch for ch in text)
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
        from xlsxwriter.utility import xl_col_to_name

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


def render_xlsx(
    report: dict, target: Path, lang: str = "zh", source_root: Path | None = None, path: Path | None = None
) -> None:
    """Write the report to ``path`` (default ``target``; the caller's temporary file when
    written atomically).  ``target`` is where it will live: links are relative to it."""
    book = _Book(path or target)
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
        dates = [j for j, k in enumerate(fields) if k in DATE_FIELDS]
        for r, f in enumerate(by_register[reg], start=1):
            cells = finding_cells(f, lang)
            # A whole row in one call; blanks are not written and colours come from one
            # conditional format per sheet (below), so a cell costs only its value.
            values = [_plain(cells[k]) for k in fields]
            when = [(j, _date(values[j])) for j in dates]
            for j, _ in when:
                values[j] = None
            ws.write_row(r, 0, values)
            for j, d in when:
                if d is not None:
                    ws.write_datetime(r, j, d, book.fmt("", "datetime" if isinstance(d, dt.datetime) else "date"))
            link = _source_link(f, target, source_root)
            if link:
                ws.write_url(r, row_col, f"external:{link}", book.link, string=str(f["row"]))
        book.colour_rows(ws, len(by_register[reg]), len(fields), fields.index("severity"), fields.index("waived"), lang)
        ws.autofilter(0, 0, len(by_register[reg]), len(fields) - 1)
    _rectification(book, report)
    pf = list(PENALTY_FIELDS)
    ws = book.sheet(
        t["penalties"] if lang == "en" else "处罚档次",
        [PENALTY_HEADERS[lang][k] for k in pf],
        [WIDTH.get(k, 12) for k in pf],
    )
    for r, p in enumerate(report["penalties"], start=1):
        cells = penalty_cells(p)
        for j, k in enumerate(pf):
            book.cell(ws, r, j, cells[k])
    ws.autofilter(0, 0, len(report["penalties"]), len(pf) - 1)
    if report["errors"]:
        ef = ["file", "sheet", "cell", "column", "value", "expected", "message"]
        ws = book.sheet("输入错误" if lang == "zh" else "input errors", ef, [24, 14, 8, 14, 20, 24, 70])
        for r, e in enumerate(report["errors"], start=1):
            for j, k in enumerate(ef):
                v = e.get(k)
                book.cell(ws, r, j, None if v is None else str(v))
        ws.autofilter(0, 0, len(report["errors"]), len(ef) - 1)
    _summary(book, report, lang)
    book.wb.close()


RECTIFY_DATES = ("due", "first_seen", "rectify_due")


def _plain(v: Any) -> Any:
    """A cell value as xlsxwriter's write() takes it: text neutralised, never a formula,
    never markup."""
    return _text(v) if isinstance(v, str) else v


def _text(v: str) -> str:
    """Text as a cell shows it.  Besides a formula in disguise (``neutralise``), xlsxwriter
    writes text that starts with ``<r>`` and ends with ``</r>`` into the sheet's XML
    unescaped, as rich-text runs it made itself: a register cell like ``<r>x<</r>`` made
    the whole workbook unreadable.  Such text gets the same leading apostrophe."""
    v = neutralise(v)
    return "'" + v if v.startswith("<r>") and v.endswith("</r>") else v


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
        for r, f in enumerate(by_dept[dept], start=1):
            row = {
                **{k: f.get(k) for k in ("id", "rule", "subject", "dept", "key", "due", "message")},
                "first_seen": f.get("first_seen") or report["as_of"],
                "rectify_due": f.get("rectify_due") or report.get("rectify_due"),
            }
            ws.write_row(r, 0, [None if k in RECTIFY_DATES else _plain(row.get(k)) for k in keys])
            for j, k in enumerate(keys):
                d = _date(row.get(k)) if k in RECTIFY_DATES else None
                if d is not None:
                    ws.write_datetime(r, j, d, book.fmt("", "datetime" if isinstance(d, dt.datetime) else "date"))
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


def _source_link(f: dict, target: Path, source_root: Path | None) -> str | None:
    if f.get("row") is None or not f.get("file") or not f.get("sheet"):
        return None
    name = _beside(str(f["file"]), str(target), str(source_root) if source_root else "")
    if name is None:
        return None
    sheet = f["sheet"].replace("'", "''")
    return f"{name}#'{sheet}'!A{f['row']}"


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
