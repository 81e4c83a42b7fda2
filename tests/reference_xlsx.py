"""The xlsx report written a cell at a time through xlsxwriter, as `gov_audit.render.
xlsx_report` did before it made the data rows' XML itself: the reference the fast path
must match, part for part (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gov_audit.render import xlsx_report as X
from gov_audit.render.columns import (
    FINDING_FIELDS,
    HEADERS,
    PENALTY_FIELDS,
    PENALTY_HEADERS,
    finding_cells,
    penalty_cells,
)
from gov_audit.render.labels import REGISTER, TEXT


class _Book(X._Book):
    def cell(self, ws, r, c, v, colour="", date=False):
        if v is None:
            if colour:
                ws.write_blank(r, c, None, self.fmt(colour))
            return
        if date:
            d = X._date(v)
            ws.write_datetime(r, c, d, self.fmt(colour, "datetime" if isinstance(d, dt.datetime) else "date"))
        elif isinstance(v, bool):
            ws.write_boolean(r, c, v, self.fmt(colour))
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, v, self.fmt(colour))
        else:
            ws.write_string(r, c, X._text(str(v)), self.fmt(colour))


def render_xlsx_cellwise(report: dict, target: Path, lang: str = "zh", source_root: Path | None = None) -> None:
    book = _Book(target)
    t = TEXT[lang]
    by_register: dict[str, list[dict]] = {}
    for f in report["findings"]:
        by_register.setdefault(f["register"], []).append(f)
    fields = list(FINDING_FIELDS)
    row_col = fields.index("row")
    for reg in sorted(by_register):
        ws = book.sheet(
            REGISTER[lang].get(reg, reg), [HEADERS[lang][k] for k in fields], [X.WIDTH.get(k, 12) for k in fields]
        )
        dates = [j for j, k in enumerate(fields) if k in X.DATE_FIELDS]
        for r, f in enumerate(by_register[reg], start=1):
            cells = finding_cells(f, lang)
            values = [X._plain(cells[k]) for k in fields]
            when = [(j, X._date(values[j])) for j in dates]
            for j, _ in when:
                values[j] = None
            ws.write_row(r, 0, values)
            for j, d in when:
                if d is not None:
                    ws.write_datetime(r, j, d, book.fmt("", "datetime" if isinstance(d, dt.datetime) else "date"))
            link = X._source_link(f, target, source_root)
            if link:
                ws.write_url(r, row_col, f"external:{link[0]}#{link[1]}", book.link, string=str(f["row"]))
        book.colour_rows(ws, len(by_register[reg]), len(fields), fields.index("severity"), fields.index("waived"), lang)
        ws.autofilter(0, 0, len(by_register[reg]), len(fields) - 1)
    _rectification(book, report)
    pf = list(PENALTY_FIELDS)
    ws = book.sheet(
        t["penalties"] if lang == "en" else "处罚档次",
        [PENALTY_HEADERS[lang][k] for k in pf],
        [X.WIDTH.get(k, 12) for k in pf],
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
    X._summary(book, report, lang)
    book.wb.close()


def _rectification(book, report: dict) -> None:
    from gov_audit.waivers import RECTIFY_COLUMNS, RECTIFY_SHEET

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
            ws.write_row(r, 0, [None if k in X.RECTIFY_DATES else X._plain(row.get(k)) for k in keys])
            for j, k in enumerate(keys):
                d = X._date(row.get(k)) if k in X.RECTIFY_DATES else None
                if d is not None:
                    ws.write_datetime(r, j, d, book.fmt("", "datetime" if isinstance(d, dt.datetime) else "date"))
        ws.autofilter(0, 0, len(by_dept[dept]), len(keys) - 1)
