"""XLSX: one sheet per register's findings, then 处罚档次 (penalties), 输入错误 (errors) and
汇总 (summary).  Frozen header, autofilter, real date cells, column widths, severity
colours, and a link back to the source row when the source workbook sits beside the
report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .columns import FINDING_FIELDS, HEADERS, PENALTY_FIELDS, PENALTY_HEADERS, finding_cells, neutralise, penalty_cells
from .labels import REGISTER, TEXT

FILL = {
    "breach": PatternFill("solid", fgColor="F8CBAD"),
    "warning": PatternFill("solid", fgColor="FFE699"),
    "waived": PatternFill("solid", fgColor="D9D9D9"),
}
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(bold=True, color="FFFFFF")
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
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    text = text[:31] or "Sheet"
    base, k = text, 2
    while text in used:
        text = f"{base[:28]}({k})"
        k += 1
    used.add(text)
    return text


def _header(ws, headers: list[str], widths: list[int]) -> None:
    ws.append(headers)
    for j, c in enumerate(ws[1], start=1):
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
        ws.column_dimensions[get_column_letter(j)].width = widths[j - 1]
    ws.freeze_panes = "A2"


def _text_cell(cell, value) -> None:
    """Text from the registers stays text: neutralised and stored as a string, never a formula."""
    cell.value = neutralise(value)
    if isinstance(value, str):
        cell.data_type = "s"


def render_xlsx(report: dict, target: Path, lang: str = "zh", source_root: Path | None = None) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    t = TEXT[lang]
    by_register: dict[str, list[dict]] = {}
    for f in report["findings"]:
        by_register.setdefault(f["register"], []).append(f)
    fields = list(FINDING_FIELDS)
    for reg in sorted(by_register):
        ws = wb.create_sheet(_sheet_title(REGISTER[lang].get(reg, reg), used))
        _header(ws, [HEADERS[lang][k] for k in fields], [WIDTH.get(k, 12) for k in fields])
        r = 1  # the header's row; counted here because ws.max_row scans every cell
        for f in by_register[reg]:
            cells = finding_cells(f, lang)
            ws.append([None] * len(fields))
            r += 1
            for j, k in enumerate(fields, start=1):
                cell = ws.cell(row=r, column=j)
                v = cells[k]
                if k in DATE_FIELDS:
                    cell.value = _date(v)
                    if cell.value is not None:
                        cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(cell.value, dt.datetime) else "yyyy-mm-dd"
                elif isinstance(v, str):
                    _text_cell(cell, v)
                else:
                    cell.value = v
                cell.fill = FILL["waived"] if f.get("waived") else FILL[f["severity"]]
            link = _source_link(f, target, source_root)
            if link:
                src = ws.cell(row=r, column=fields.index("row") + 1)
                src.hyperlink = link
                src.font = Font(color="0563C1", underline="single")
        ws.auto_filter.ref = ws.dimensions
    _rectification(wb, report, used)
    ws = wb.create_sheet(_sheet_title(t["penalties"] if lang == "en" else "处罚档次", used))
    pf = list(PENALTY_FIELDS)
    _header(ws, [PENALTY_HEADERS[lang][k] for k in pf], [WIDTH.get(k, 12) for k in pf])
    r = 1
    for p in report["penalties"]:
        cells = penalty_cells(p)
        ws.append([None] * len(pf))
        r += 1
        for j, k in enumerate(pf, start=1):
            cell = ws.cell(row=r, column=j)
            v = cells[k]
            _text_cell(cell, v) if isinstance(v, str) else setattr(cell, "value", v)
    ws.auto_filter.ref = ws.dimensions
    if report["errors"]:
        ws = wb.create_sheet(_sheet_title("输入错误" if lang == "zh" else "input errors", used))
        ef = ["file", "sheet", "cell", "column", "value", "expected", "message"]
        _header(ws, ef, [24, 14, 8, 14, 20, 24, 70])
        for r, e in enumerate(report["errors"], start=2):
            ws.append([None] * len(ef))
            for j, k in enumerate(ef, start=1):
                _text_cell(ws.cell(row=r, column=j), e.get(k))
        ws.auto_filter.ref = ws.dimensions
    _summary(wb.create_sheet(_sheet_title("汇总" if lang == "zh" else "summary", used)), report, lang)
    return wb


def _rectification(wb: Workbook, report: dict, used: set[str]) -> None:
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
        ws = wb.create_sheet(_sheet_title(f"{RECTIFY_SHEET}-{dept}", used))
        _header(ws, [RECTIFY_COLUMNS[k] for k in keys], [widths.get(k, 12) for k in keys])
        r = 1
        for f in by_dept[dept]:
            row = {
                **{k: f.get(k) for k in ("id", "rule", "subject", "dept", "key", "due", "message")},
                "first_seen": f.get("first_seen") or report["as_of"],
                "rectify_due": f.get("rectify_due") or report.get("rectify_due"),
            }
            ws.append([None] * len(keys))
            r += 1
            for j, k in enumerate(keys, start=1):
                cell = ws.cell(row=r, column=j)
                v = row.get(k)
                if k in ("due", "first_seen", "rectify_due"):
                    cell.value = _date(v)
                    if cell.value is not None:
                        cell.number_format = "yyyy-mm-dd"
                elif isinstance(v, str):
                    _text_cell(cell, v)
                else:
                    cell.value = v
        ws.auto_filter.ref = ws.dimensions


def _summary(ws, report: dict, lang: str) -> None:
    s = report["summary"]
    t = TEXT[lang]
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 40
    rows = [(t["as_of"], report["as_of"]), (t["range"], f"{report['range']['since']} – {report['range']['until']}")]
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
    for a, b in rows:
        ws.append([neutralise(a), neutralise(b)])


def _source_link(f: dict, target: Path, source_root: Path | None) -> str | None:
    if f.get("row") is None or not f.get("file") or not f.get("sheet"):
        return None
    src = Path(f["file"])
    if source_root is not None and not src.is_absolute():
        src = source_root / src
    try:
        if src.resolve().parent != target.resolve().parent:
            return None
    except OSError:
        return None
    sheet = f["sheet"].replace("'", "''")
    return f"{src.name}#'{sheet}'!A{f['row']}"
