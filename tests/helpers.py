"""Build workbooks in code and audit them, for the tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from gov_audit.cli import app

D = dt.date
T = dt.datetime
runner = CliRunner()


def workbook(path: Path, sheets: dict[str, list[list]], title_rows: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for t in (title_rows or {}).get(name, []):
            ws.append([t])
        for r in rows:
            ws.append(list(r))
    wb.save(path)
    return path


def check(*args) -> tuple[int, dict | None, str]:
    """Run `gov-audit check … --format json`; (exit code, report, stderr)."""
    r = runner.invoke(app, ["check", *map(str, args), "--format", "json"])
    try:
        report = json.loads(r.stdout)
    except json.JSONDecodeError:
        report = None
    return r.exit_code, report, r.stderr


def findings(report: dict, rule: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if rule is None or f["rule"] == rule]


def brief(report: dict, rule: str) -> list[tuple]:
    """(row, status, due, done, late_by value) of each finding of ``rule``."""
    return [
        (f["row"], f["status"], f["due"], f["done"], (f["late_by"] or {}).get("value")) for f in findings(report, rule)
    ]


def cell_text(v) -> str:
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M") if (v.hour or v.minute) else v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.isoformat()
    return "" if v is None else str(v)


def audit_family(prefix: str, sheets: dict[str, list[list]], as_of: str, rulebook: str = "", tmp: Path | None = None):
    """The in-memory family harness: registers built in code (no workbook on disk), one
    family's rules (``prefix``: "FIN", "MTG", "CON" …) and the ladders they feed.
    Returns (findings, penalties, errors) as the JSON report has them."""
    import csv
    import io

    import pandas as pd

    from gov_audit.engine import AuditOptions, normalize_options, prepare, run_audit
    from gov_audit.intake import intake_of
    from gov_audit.read import sheet_from_text
    from gov_audit.report import build_report

    raw = []
    for name, rows in sheets.items():
        buf = io.StringIO()
        csv.writer(buf).writerows([[cell_text(v) for v in r] for r in rows])
        raw.append(sheet_from_text("内存", name, buf.getvalue()))
    book_path = None
    if rulebook:
        assert tmp is not None, "a rulebook needs tmp to be written to"
        book_path = tmp / "rulebook.toml"
        book_path.write_text(rulebook, encoding="utf-8")
    options = AuditOptions(as_of=pd.Timestamp(as_of), include=[prefix], rulebook=book_path)
    prepared = prepare(options)
    intake = intake_of(raw, normalize_options(prepared.rulebook))
    report = build_report(run_audit([], options, prepared=prepared, intake=intake))
    return report["findings"], report["penalties"], report["errors"]
