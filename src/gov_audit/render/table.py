"""Terminal output: a summary panel, findings by register, penalties, errors.

Rich tables and colours on a terminal; one plain line per item otherwise (cron logs,
pipes), so the same findings can be grepped.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..rules import LADDERS
from .labels import REGISTER, SEVERITY, STATUS, TEXT, UNIT


def _source(f: dict, lang: str = "zh") -> str:
    if f.get("row") is None:
        return f.get("period") or ""
    if lang == "zh":
        return f"{f.get('sheet') or f.get('file')} 第{f['row']}行"
    return f"{f.get('sheet') or f.get('file')} row {f['row']}"


def _late(f: dict, lang: str) -> str:
    lb = f.get("late_by")
    return "" if not lb else f"{lb['value']} {UNIT[lang][lb['unit']]}"


def render_table(report: dict, console: Console, lang: str = "zh") -> None:
    t = TEXT[lang]
    if not console.is_terminal:
        _render_plain(report, console, lang)
        return
    s = report["summary"]
    head = Text()
    basis = report.get("as_of_basis", "")
    zone = f" ({basis.split(' ', 1)[1]} {'今日' if lang == 'zh' else 'today'})" if basis.startswith("today ") else ""
    head.append(
        f"{t['as_of']} {report['as_of']}{zone}   {t['range']} {report['range']['since']} – {report['range']['until']}\n"
    )
    head.append(f"{t['findings']}: {s['findings']}   ", style="bold")
    for sev, n in s["by_severity"].items():
        head.append(f"{SEVERITY[lang].get(sev, sev)} {n}  ", style="red" if sev == "breach" else "yellow")
    head.append(f"  {t['errors']}: {s['errors']}", style="bold red" if s["errors"] else "")
    if s["by_rule"]:
        head.append(f"\n{t['by_rule']}: " + "  ".join(f"{k} {v}" for k, v in s["by_rule"].items()))
    if s["by_dept"]:
        head.append(f"\n{t['by_dept']}: " + "  ".join(f"{k or '—'} {v}" for k, v in s["by_dept"].items()))
    prov = report["calendar"].get("provisional_years")
    if prov:
        head.append(f"\n{t['provisional']}: {', '.join(map(str, prov))}", style="yellow")
    console.print(Panel(head, title=t["title"], expand=False))
    findings = sorted(report["findings"], key=lambda f: f["register"])
    if not findings:
        console.print(t["none"])
    for reg, grouped in groupby(findings, key=lambda f: f["register"]):
        group = list(grouped)
        table = Table(title=f"{REGISTER[lang].get(reg, reg)} ({len(group)})", show_lines=False, title_justify="left")
        for col in ("rule", "status", "subject", "key", "due", "done", "late_by", "source", "message"):
            table.add_column(t[col], overflow="fold")
        for f in group:
            style = "yellow" if f["severity"] == "warning" else ("dim" if f.get("waived") else "")
            table.add_row(
                f["rule"],
                STATUS[lang][f["status"]],
                f.get("subject") or "",
                f.get("key") or "",
                f.get("due") or "",
                f.get("done") or "",
                _late(f, lang),
                _source(f, lang),
                f["message"],
                style=style,
            )
        console.print(table)
    people = person_summary(report)
    if people:
        table = Table(title=t["people"], title_justify="left")
        for col in ("subject", "dept", "allowance", "discipline", "rating"):
            table.add_column(t[col], overflow="fold")
        for row in people:
            table.add_row(
                row["subject"],
                row["dept"] or "",
                row["allowance"],
                row["discipline"],
                row["rating"],
                style="bold red" if row["rating"] else "",
            )
        console.print(table)
    if report["penalties"]:
        table = Table(title=t["penalties"], title_justify="left")
        for col in ("ladder", "subject", "period", "count", "tier", "consequence"):
            table.add_column(t[col], overflow="fold")
        for p in report["penalties"]:
            table.add_row(p["ladder"], p["subject"], p["period"], str(p["count"]), str(p["tier"]), p["consequence"])
        console.print(table)
    for line in _notes(report, lang):
        console.print(Text(line, style="dim"))
    for e in report["errors"]:
        console.print(Text(_error_line(e), style="red"))


def _notes(report: dict, lang: str) -> list[str]:
    """Rules that could not judge (a column missing) and sheets passed over: never silent."""
    t = TEXT[lang]
    out = []
    for n in report.get("not_judged", []):
        reason = n["reason"]
        if reason.startswith("column_absent:"):
            col = reason.split(":", 1)[1]
            from ..registers import BY_KEY

            header = BY_KEY[n["register"]].column(col).header if n["register"] in BY_KEY else col
            reason = f"缺少“{header}”列" if lang == "zh" else f"no {col} column ({header})"
        elif reason == "register_absent":
            reason = "没有该台账" if lang == "zh" else "register not supplied"
        out.append(f"{t['not_judged']}: {n['rule']} ({n['register']}): {reason}")
    for sk in report.get("skipped_sheets", []):
        out.append(f"{t['skipped']}: {sk['file']}: {sk['sheet']} — {sk['reason']}")
    absent = report.get("registers_absent", [])
    if absent:
        names = "、".join(REGISTER[lang].get(r, r) for r in absent) if lang == "zh" else ", ".join(absent)
        out.append(
            (
                "未提供的台账（相关规则未审查）: "
                if lang == "zh"
                else "registers not supplied (their rules not judged): "
            )
            + names
        )
    return out


def person_summary(report: dict) -> list[dict]:
    """Per person: the latest month's allowance consequence (up to the as-of month), the
    year's discipline, the rating cap."""
    month = report["as_of"][:7]
    year = report["as_of"][:4]
    by: dict[str, dict] = {}
    for p in report["penalties"]:
        row = by.setdefault(
            p["subject"],
            {"subject": p["subject"], "dept": p.get("dept"), "allowance": "", "discipline": [], "rating": ""},
        )
        shown = LADDERS[p["ladder"]].shown_as if p["ladder"] in LADDERS else ""
        if shown == "allowance" and p["period"] <= month and p["period"] >= row.get("_month", ""):
            row["allowance"] = f"{p['period']} {p['consequence']}"
            row["_month"] = p["period"]
        elif shown == "discipline" and (p["period"] == year or ".." in p["period"]):
            row["discipline"].append(p["consequence"])
        elif shown == "rating" and (p["period"] == year or ".." in p["period"]):
            row["rating"] = p["consequence"]
    out = []
    for row in by.values():
        row.pop("_month", None)
        row["discipline"] = "；".join(row["discipline"])
        if row["allowance"] or row["discipline"] or row["rating"]:
            out.append(row)
    return sorted(out, key=lambda r: (r["rating"] == "", r["subject"]))


def _error_line(e: dict) -> str:
    from ..errors import InputError

    return InputError.from_json(e).render()  # the one template every error is shown with


def _render_plain(report: dict, console: Console, lang: str) -> None:
    t = TEXT[lang]
    s = report["summary"]
    out = console.out
    sev = ", ".join(f"{SEVERITY[lang].get(k, k)} {v}" for k, v in s["by_severity"].items())
    basis = report.get("as_of_basis", "")
    zone = f" ({basis.split(' ', 1)[1]} {'今日' if lang == 'zh' else 'today'})" if basis.startswith("today ") else ""
    out(
        f"{t['title']}  {t['as_of']} {report['as_of']}{zone}  "
        f"{t['range']} {report['range']['since']}..{report['range']['until']}",
        highlight=False,
    )
    out(
        f"{t['findings']}: {s['findings']}" + (f" ({sev})" if sev else "") + f"  {t['errors']}: {s['errors']}",
        highlight=False,
    )
    for f in report["findings"]:
        src = f"{f['file']}:{f['sheet']}!{f['row']}" if f.get("row") is not None else (f.get("period") or "")
        parts = [
            f["rule"],
            STATUS[lang][f["status"]],
            SEVERITY[lang][f["severity"]],
            src,
            f"{t['due']} {f['due']}" if f.get("due") else "",
            f["message"],
        ]
        if f.get("waived"):
            parts.insert(3, t["waived"])
        out("  ".join(p for p in parts if p), highlight=False)
    for p in report["penalties"]:
        out(
            f"{t['penalties']}: {p['ladder']}  {p['subject']}  {p['period']}  "
            f"{t['tier']} {p['tier']}  {p['consequence']}",
            highlight=False,
        )
    for line in _notes(report, lang):
        out(line, highlight=False)
    for e in report["errors"]:
        out(f"{t['errors']}: {_error_line(e)}", highlight=False)
