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
