"""Terminal and plain-text output: the summary first, then findings grouped, one line each.

Colours on a terminal; the same lines without them otherwise (cron logs, pipes), so the
findings can be grepped.  What goes on each line is decided in present.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rules import LADDERS
from .labels import REGISTER, SEVERITY, TEXT
from .present import grouped, penalty_lines, source_of, summary_lines

if TYPE_CHECKING:
    from rich.console import Console

TERMINAL_CAP = 50  # lines per rule on a terminal


def render_table(report: dict, console: Console, lang: str = "zh", group_by: str = "register") -> None:
    """The summary first, never cut; then the findings grouped, one line each; then notes
    and errors.  Colour on a terminal, the same lines without it elsewhere."""
    from rich.text import Text

    for parts in table_lines(report, lang, group_by, colour=console.is_terminal):
        text = Text(parts[0][0], style=parts[0][1]) if len(parts) == 1 else Text.assemble(*parts)
        console.print(text, highlight=False)


def table_text(report: dict, lang: str = "zh", group_by: str = "register") -> str:
    """The table as ``render_table`` prints it anywhere but a terminal (a file, a pipe, a
    cron log: every finding's line, no colour), made without rich.  rich's print costs
    about 0.1 ms a line, 5–7 s of a 50,000-finding table; this is the same text."""
    lines = table_lines(report, lang, group_by, colour=False)
    return "".join(printed_plain("".join(text for text, _ in parts)) for parts in lines)


def printed_plain(text: str) -> str:
    """What rich prints of ``Text(text)`` on a console that is not a terminal, with soft
    wrap (no line is wrapped): its control codes gone, tabs expanded, a newline after."""
    text = text.translate(_STRIPPED)
    if "\t" in text:
        text = "\n".join(_tabs_expanded(line) if "\t" in line else line for line in text.split("\n"))
    return text + "\n"


# The control codes rich's Text drops (rich.control.STRIP_CONTROL_CODES): bell, backspace,
# vertical tab, form feed, carriage return.  (rich is imported only for a terminal's table.)
_STRIPPED: dict[int, None] = dict.fromkeys((7, 8, 11, 12, 13))


def _tabs_expanded(line: str) -> str:
    from rich.text import Text

    t = Text(line)
    t.expand_tabs(8)
    return t.plain


def table_lines(report: dict, lang: str, group_by: str, colour: bool) -> list[tuple[tuple[str, str], ...]]:
    """The table's lines, each as its parts of text and style (no style unless ``colour``)."""
    t = TEXT[lang]
    out: list[tuple[tuple[str, str], ...]] = []

    def line(text: str, style: str = "") -> None:
        out.append(((text, style),))

    title = t["title"] + (f" — {report['office']}" if report.get("office") else "")
    line(title, "bold" if colour else "")
    for label, text in summary_lines(report, lang):
        if label in ("单位", "office"):
            continue
        out.append(((f"{label}：" if lang == "zh" else f"{label}: ", "bold" if colour else ""), (text, "")))
    penalties = penalty_lines(report, lang)
    if penalties:
        line(t["penalties"] + ("：" if lang == "zh" else ":"), "bold" if colour else "")
        for p in penalties:
            line("  " + p, "red" if colour else "")
    if not report["findings"]:
        line(t["none"])
    # A terminal shows a screenful per rule; a log (not a terminal) keeps every line to grep.
    for head, sections in grouped(report, group_by, lang, cap=TERMINAL_CAP if colour else None):
        single = len(sections) == 1 and sections[0][0]
        # A register with findings of one rule: one heading line names both.
        heading = f"== {head} -- {sections[0][0]}" if single else f"== {head} =="
        line(heading, "bold cyan" if colour else "")
        for sub, lines in sections:
            # A rule with one finding needs no heading of its own: its line names the rule
            # (the summary above gives every rule's title).
            alone = len(lines) == 1 and not single
            if sub and not single and not alone:
                line(f"-- {sub}", "bold" if colour else "")
            for ln in lines:
                style = ""
                if colour:
                    style = "dim" if ln.waived else ("yellow" if ln.severity == "warning" else "")
                if ln.severity == "more":
                    line(f"  {ln.text}", "dim")
                    continue
                mark = f" [{t['waived']}]" if ln.waived else ""
                warn = f" [{SEVERITY[lang]['warning']}]" if ln.severity == "warning" and not ln.waived else ""
                # A log line stands alone (grep PET001): the rule and the full source on it.
                lead = ln.source if colour and not alone else f"{ln.rule} {ln.where or ln.source}"
                line(f"  {lead}  {ln.text}{warn}{mark}", style)
    base = report.get("baseline") or {}
    for key, label in (
        ("still_open", "仍未整改" if lang == "zh" else "still open"),
        ("resolved", "已整改" if lang == "zh" else "resolved"),
    ):
        items = base.get(key) or []
        if items:
            line("")
            line(f"== {label} ({len(items)}) ==", "bold cyan" if colour else "")
            for f in items:
                line("  " + baseline_line(f, key, lang))
    for note in _notes(report, lang):
        line(note, "dim" if colour else "")
    for e in report["errors"]:
        line(_error_line(e), "red" if colour else "")
    return out


def baseline_line(f: dict, key: str, lang: str) -> str:
    zh = lang == "zh"
    text = f"{source_of(f)}  {f.get('message') or ''}"
    if key == "still_open":
        days = f.get("days_open")
        text += (
            f"（首次发现 {f.get('first_seen')}，已 {days} 天"
            if zh
            else f" (first seen {f.get('first_seen')}, {days} days"
        )
        if f.get("rectify_due"):
            late = f.get("rectify_overdue")
            if zh:
                text += f"，整改时限 {f['rectify_due']}" + ("，已逾期" if late else "")
            else:
                text += f", rectify by {f['rectify_due']}" + (", overdue" if late else "")
        text += "）" if zh else ")"
    return text


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
