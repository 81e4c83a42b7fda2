"""What a person reads first, shared by the terminal, plain text and HTML renderers.

The summary (the office, the range, totals by severity, by register and by rule with
its title, the penalty tiers per person and unit) and the findings grouped (by
register then rule, or by rule, person or department), one line per finding.  Runs of
consecutive working days with the same attendance finding of one person collapse into
one line ("刘海燕 缺勤 2026-10-09 至 2026-10-15，共 5 个工作日"); the JSON, CSV and xlsx
keep one row per day.  Consecutive is judged on the national calendar (a local holiday
from a calendar file only splits a run in two lines, it never changes a finding).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..calendar import CalendarRangeError, WorkCalendar
from ..rules import LADDERS, RULES
from .labels import REGISTER, SEVERITY

GROUPS = ("register", "rule", "person", "dept")
# Registers whose findings are one person-day each, where runs collapse.
DAILY = ("attendance",)


def rule_title(rid: str, lang: str) -> str:
    r = RULES.get(rid)
    return (r.title_zh if lang == "zh" else r.title_en) if r else rid


def short_title(rid: str, lang: str) -> str:
    """The title up to its parenthesis: 缺勤, Absent."""
    title = rule_title(rid, lang)
    cut = title.find("（" if lang == "zh" else " (")
    return title[:cut] if cut > 0 else title


def glance(text: str, width: int = 14) -> str:
    """``text`` cut to about ``width`` display columns (a CJK character is two), with "…"."""
    out: list[str] = []
    used = 0
    for ch in text:
        w = 2 if ord(ch) > 0x2E80 else 1
        if used + w > width:
            return "".join(out) + "…"
        out.append(ch)
        used += w
    return text


def register_name(key: str, lang: str) -> str:
    return REGISTER[lang].get(key, key)


@dataclass
class Line:
    """One line of the findings: a finding, or a run of them."""

    source: str
    text: str
    severity: str
    waived: bool = False
    count: int = 1
    findings: list[dict[str, Any]] = field(default_factory=list)
    where: str = ""  # the full source (sheet!row), when ``source`` is shortened under its heading

    @property
    def rule(self) -> str:
        return str(self.findings[0]["rule"]) if self.findings else ""


def source_of(f: dict[str, Any]) -> str:
    if f.get("row") is None:
        return f.get("period") or "—"
    return f"{f.get('sheet') or f.get('file')}!{f['row']}"


def _workday_after(days: list[str]) -> list[str]:
    """The next working day after each day, on the national calendar."""
    arr = np.array(days, dtype="datetime64[D]")
    try:
        nxt = _national_calendar().add_workdays(arr, 1)
    except CalendarRangeError:  # a date outside the calendar's range: no run crosses it
        return [""] * len(days)
    return [str(d) for d in np.asarray(nxt, dtype="datetime64[D]")]


@functools.cache
def _national_calendar() -> WorkCalendar:
    return WorkCalendar()


def _one_day(f: dict[str, Any]) -> bool:
    """A person-day finding of a daily register: the kind that runs collapse."""
    return f["register"] in DAILY and bool(f.get("start")) and not f.get("due") and bool(f.get("subject"))


def lines_for(findings: list[dict[str, Any]], lang: str) -> list[Line]:
    """Findings of one rule as lines, runs of consecutive person-days collapsed."""
    out: list[Line] = []
    daily = [f for f in findings if _one_day(f)]
    other = [f for f in findings if not _one_day(f)]
    for f in other:
        out.append(Line(source_of(f), f["message"], f["severity"], bool(f.get("waived")), 1, [f]))
    if daily:
        daily.sort(key=lambda f: (f["subject"], f["status"], bool(f.get("waived")), f["start"][:10], f.get("row") or 0))
        days = [f["start"][:10] for f in daily]
        after = dict(zip(sorted(set(days)), _workday_after(sorted(set(days))), strict=True))
        run: list[dict[str, Any]] = []
        for f in daily:
            if run:
                last = run[-1]
                same = (last["subject"], last["status"], bool(last.get("waived"))) == (
                    f["subject"],
                    f["status"],
                    bool(f.get("waived")),
                )
                d0, d1 = last["start"][:10], f["start"][:10]
                if same and (d1 == d0 or after.get(d0) == d1):
                    run.append(f)
                    continue
                out.append(_run_line(run, lang))
            run = [f]
        if run:
            out.append(_run_line(run, lang))
    return sorted(out, key=lambda ln: (_first_date(ln), ln.source))


def _first_date(line: Line) -> str:
    f = line.findings[0]
    return str(f.get("start") or f.get("due") or f.get("period") or "")


def _run_line(run: list[dict[str, Any]], lang: str) -> Line:
    first = run[0]
    if len(run) == 1:
        return Line(source_of(first), first["message"], first["severity"], bool(first.get("waived")), 1, run)
    days = sorted({f["start"][:10] for f in run})
    what = short_title(first["rule"], lang)
    absent = sum(float(f.get("absent_days") or 0) for f in run)
    if len(days) == 1:  # two sessions of one day
        text = (
            f"{first['subject']} {what} {days[0]}（{len(run)} 次）"
            if lang == "zh"
            else (f"{first['subject']}: {what.lower()} on {days[0]} ({len(run)} times)")
        )
    elif lang == "zh":
        text = f"{first['subject']} {what} {days[0]} 至 {days[-1]}，共 {len(days)} 个工作日"
        if absent:
            text += f"（计缺勤 {absent:g} 天）"
    else:
        text = f"{first['subject']}: {what.lower()} {days[0]} to {days[-1]}, {len(days)} working days"
        if absent:
            text += f" ({absent:g} {'day' if absent == 1 else 'days'} absent)"
    rows = [int(f["row"]) for f in run if f.get("row") is not None]
    sheet = first.get("sheet") or first.get("file")
    source = f"{sheet}!{min(rows)}–{max(rows)}" if rows and min(rows) != max(rows) else (source_of(first) or "—")
    return Line(source, text, first["severity"], bool(first.get("waived")), len(run), run)


def grouped(
    report: dict[str, Any], by: str, lang: str, cap: int | None = None
) -> list[tuple[str, list[tuple[str, list[Line]]]]]:
    """[(group heading, [(rule heading, lines)])]: sections in a stable order.  With ``cap``,
    a section shows its first ``cap`` lines and one more saying how many are left out and
    where they are (the JSON, CSV and xlsx reports hold every finding)."""
    keyf = {
        "register": lambda f: f["register"],
        "rule": lambda f: f["rule"],
        "person": lambda f: f.get("subject") or "",
        "dept": lambda f: f.get("dept") or "",
    }[by]
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for f in report["findings"]:
        groups.setdefault(keyf(f), {}).setdefault(f["rule"], []).append(f)
    out = []
    for g in sorted(groups):
        rules = groups[g]
        n = sum(len(v) for v in rules.values())
        if by == "register":
            head = f"{register_name(g, lang)} ({n})"
        elif by == "rule":
            head = f"{g} {rule_title(g, lang)} ({n})"
        else:
            none = "（未注明）" if lang == "zh" else "(none named)"
            head = f"{g or none} ({n})"
        sections = []
        for rid in sorted(rules):
            lines = lines_for(rules[rid], lang)
            sheets = {f.get("sheet") or f.get("file") for f in rules[rid] if f.get("row") is not None}
            where = ""
            if len(sheets) == 1 and all(f.get("row") is not None for f in rules[rid]):
                # One sheet: name it once in the heading, the lines give the row alone.
                sheet = sheets.pop()
                for ln in lines:
                    ln.where = ln.source
                    ln.source = ln.source.removeprefix(f"{sheet}!")
                where = f" · {sheet}"
            heading = f"{rid} {rule_title(rid, lang)} ({len(rules[rid])}){where}" if by != "rule" else where.strip(" ·")
            if cap is not None and len(lines) > cap:
                rest = lines[cap:]
                n = sum(len(ln.findings) for ln in rest)
                text = (
                    f"……另有 {len(rest)} 行（{n} 个问题）未显示，完整清单见 JSON、CSV 或 xlsx 报告"
                    if lang == "zh"
                    else f"… {len(rest)} more lines ({n} findings) not shown: the JSON, CSV and xlsx list them all"
                )
                lines = [*lines[:cap], Line("", text, "more", False, 0, [])]
            sections.append((heading, lines))
        out.append((head, sections))
    return out


def summary_lines(report: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, text) pairs for the summary, in reading order; texts are never cut."""
    s = report["summary"]
    zh = lang == "zh"
    sev = ("，" if zh else ", ").join(f"{SEVERITY[lang].get(k, k)} {v}" for k, v in s["by_severity"].items())
    basis = report.get("as_of_basis", "")
    zone = (
        f"（{basis.split(' ', 1)[1]} 今日）"
        if zh and basis.startswith("today ")
        else (f" (today in {basis.split(' ', 1)[1]})" if basis.startswith("today ") else "")
    )
    sep = " · "
    out = [
        ("单位" if zh else "office", report.get("office") or ""),
        ("审计日" if zh else "as of", f"{report['as_of']}{zone}"),
        ("审计区间" if zh else "range", f"{report['range']['since']} – {report['range']['until']}"),
        (
            "发现问题" if zh else "findings",
            f"{s['findings']}"
            + (f"（{sev}）" if zh and sev else f" ({sev})" if sev else "")
            + (f"{sep}{'已豁免' if zh else 'waived'} {s['waived']}" if s["waived"] else "")
            + f"{sep}{'输入错误' if zh else 'input errors'} {s['errors']}",
        ),
    ]
    if s["by_register"]:
        out.append(
            (
                "按台账" if zh else "by register",
                sep.join(f"{register_name(k, lang)} {v}" for k, v in s["by_register"].items()),
            )
        )
    if s["by_rule"]:
        out.append(
            (
                "按规则" if zh else "by rule",
                # Titles cut to a glance here; the findings' headings give them whole.
                sep.join(f"{k} {glance(short_title(k, lang))} {v}" for k, v in s["by_rule"].items()),
            )
        )
    if s["by_dept"]:
        none = "未注明" if zh else "none named"
        out.append(("按部门" if zh else "by department", sep.join(f"{k or none} {v}" for k, v in s["by_dept"].items())))
    base = report.get("baseline")
    if base and "new" in base:
        out.append(
            (
                "对照基线" if zh else "against baseline",
                f"{'新增' if zh else 'new'} {base['new']}{sep}{'已整改' if zh else 'resolved'} {len(base['resolved'])}"
                f"{sep}{'仍未整改' if zh else 'still open'} {len(base['still_open'])}"
                + (f"（{'其中逾期' if zh else 'overdue'} {base['overdue']}）" if base.get("overdue") else ""),
            )
        )
    prov = report["calendar"].get("provisional_years")
    if prov:
        out.append(("临时日历" if zh else "provisional calendar", ", ".join(map(str, prov))))
    return [(k, v) for k, v in out if v]


def penalty_lines(report: dict[str, Any], lang: str) -> list[str]:
    """One line per person (allowance, discipline, rating) and per unit or section."""
    from .table import person_summary

    zh = lang == "zh"
    out = []
    for row in person_summary(report):
        parts = list(dict.fromkeys(p for p in (row["allowance"], *row["discipline"].split("；"), row["rating"]) if p))
        who = (
            f"{row['subject']}（{row['dept']}）"
            if zh and row["dept"]
            else (f"{row['subject']} ({row['dept']})" if row["dept"] else row["subject"])
        )
        out.append(f"{who}：" + "；".join(parts) if zh else f"{who}: " + "; ".join(parts))
    # Unit and section ladders: one line per ladder and period, the subjects side by side.
    grouped_entries: dict[tuple[str, str], list[str]] = {}
    for p in report["penalties"]:
        lad = LADDERS.get(p["ladder"])
        if lad is None or lad.subject == "person" or p.get("period") is None:
            continue
        title = lad.title_zh if zh else lad.title_en
        if p.get("points") is not None:  # a section's score: the points say it all
            what = f"{p['subject']} {p['points']:g} 分" if zh else f"{p['subject']} {p['points']:g} points"
        else:
            what = f"{p['subject']}：{p['consequence']}" if zh else f"{p['subject']}: {p['consequence']}"
        grouped_entries.setdefault((title, p["period"]), []).append(what)
    for (title, period), items in grouped_entries.items():
        out.append(f"{title} {period}：" + "；".join(items) if zh else f"{title} {period}: " + "; ".join(items))
    return out
