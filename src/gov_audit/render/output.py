"""Writing a report in any format, atomically; the same report dict whatever the format."""

from __future__ import annotations

from pathlib import Path

from .files import atomic_path, write_text_atomic

FORMATS = ("table", "json", "csv", "xlsx", "html")
EXTENSION = {"table": "txt", "json": "json", "csv": "csv", "xlsx": "xlsx", "html": "html"}


def report_text(report: dict, fmt: str, lang: str, group_by: str = "register") -> str:
    if fmt == "json":
        from .json_report import render_json

        return render_json(report)
    if fmt == "csv":
        from .csv_report import render_csv

        return render_csv(report, lang)
    if fmt == "html":
        from .html_report import render_html

        return render_html(report, lang, group_by)
    from .table import table_text

    return table_text(report, lang, group_by)


def write_report(
    report: dict, fmt: str, target: Path, lang: str, source_root: Path | None = None, group_by: str = "register"
) -> None:
    """Write to ``target`` through a temporary file renamed into place: never half a report."""
    target = Path(target)
    if fmt == "xlsx":
        from .xlsx_report import render_xlsx

        with atomic_path(target) as tmp:
            render_xlsx(report, target, lang, source_root, path=tmp)
        return
    # utf-8-sig is not used: the csv renderer writes its own BOM.
    write_text_atomic(target, report_text(report, fmt, lang, group_by))
