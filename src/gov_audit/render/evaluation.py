"""The county evaluation in every format: terminal, JSON, xlsx (排名, one sheet per office,
信息报送排名) and a printable HTML page (A4, the ranking first, charts labelled in Chinese)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from .html_report import bar_chart

FAMILY_ZH = {
    "attendance": "考勤",
    "conduct": "效能",
    "disclosure": "政务公开",
    "finance": "财务",
    "incidents": "舆情回应",
    "inspections": "双随机",
    "leave": "请销假",
    "meetings": "会议",
    "opinions": "群众意见",
    "petitions": "信访",
    "requests": "依申请公开",
    "submissions": "信息报送",
}


def family_name(key: str, lang: str) -> str:
    return FAMILY_ZH.get(key, key) if lang == "zh" else key


def render_json(ev: dict[str, Any]) -> str:
    """Sorted keys, one office per line: the C encoder's speed (10,000 offices) and a stable diff."""
    from .json_report import render_json as lines

    return lines(ev)


def _rank_text(o: dict[str, Any], lang: str) -> str:
    return f"{o['rank']}{'（并列）' if lang == 'zh' else ' (tie)'}" if o["tied"] else str(o["rank"])


def _change(o: dict[str, Any]) -> str:
    return "" if o["change"] is None else f"{o['change']:+g}"


def render_table(ev: dict[str, Any], console: Console, lang: str = "zh") -> None:
    zh = lang == "zh"
    t = Table(title=f"{'政务公开年度评估排名' if zh else 'Disclosure evaluation ranking'} {ev['as_of']}")
    cols = (
        ("名次", "单位", "得分", "等次", "扣分", "问题", "较上年", "主要扣分")
        if zh
        else ("rank", "office", "score", "grade", "deducted", "findings", "change", "main deductions")
    )
    for c in cols:
        t.add_column(c, overflow="fold")
    for o in ev["offices"]:
        worst = sorted(o["families"].items(), key=lambda kv: (-kv[1]["deducted"], kv[0]))[:3]
        main = "、".join(
            f"{family_name(k, lang)} {v['deducted']:g}" + ("（封顶）" if v["capped"] and zh else "")
            for k, v in worst
            if v["deducted"]
        )
        t.add_row(
            _rank_text(o, lang),
            o["office"],
            f"{o['score']:g}",
            o["grade"] if zh else _grade_en(o["grade"]),
            f"{o['deducted']:g}",
            str(o["findings"]),
            _change(o),
            main,
        )
    console.print(t)
    if any(o["tied"] for o in ev["offices"]):
        console.print(
            "并列：得分相同的单位名次相同，不以其他因素区分。"
            if zh
            else "Ties: offices with equal scores share a rank; nothing else breaks a tie."
        )
    if ev["submissions"]:
        s = Table(title="信息报送排名" if zh else "Submissions ranking")
        for c in ("名次", "单位", "报送", "采用", "得分") if zh else ("rank", "unit", "submitted", "adopted", "points"):
            s.add_column(c)
        for r in ev["submissions"]:
            s.add_row(str(r["rank"]), r["unit"], str(r["submitted"]), str(r["adopted"]), f"{r['points']:g}")
        console.print(s)


def _grade_en(zh: str) -> str:
    return {"优秀": "excellent", "良好": "good", "合格": "pass", "不合格": "fail"}.get(zh, zh)


CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;
  margin:24px;color:#222}
h1{font-size:22px} h2{font-size:17px;border-bottom:2px solid #1f4e78;margin-top:28px}
table{border-collapse:collapse;font-size:13px;width:100%} th,td{border:1px solid #ccc;padding:4px 6px}
th{background:#1f4e78;color:#fff} thead{display:table-header-group} tr{page-break-inside:avoid}
.small{font-size:12px;color:#555}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0} th{background:#ddd;color:#000} .office{page-break-before:always}}
"""


def render_html(ev: dict[str, Any], lang: str = "zh") -> str:
    zh = lang == "zh"
    title = "政务公开年度评估报告" if zh else "Disclosure evaluation"
    h = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
        f"<title>{escape(title)} {escape(ev['as_of'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1><p class='small'>{'评估日' if zh else 'as of'} {escape(ev['as_of'])} · "
        + escape(", ".join(f"{k} = {v:g}" for k, v in ev["scheme"].items()))
        + "</p>",
    ]
    cols = (
        ("名次", "单位", "得分", "等次", "扣分", "问题数", "较上年")
        if zh
        else ("rank", "office", "score", "grade", "deducted", "findings", "change")
    )
    h.append(
        f"<h2>{'排名' if zh else 'Ranking'}</h2><table id='ranking'><thead><tr>"
        + "".join(f"<th>{escape(c)}</th>" for c in cols)
        + "</tr></thead><tbody>"
    )
    for o in ev["offices"]:
        cells = (
            _rank_text(o, lang),
            o["office"],
            f"{o['score']:g}",
            o["grade"] if zh else _grade_en(o["grade"]),
            f"{o['deducted']:g}",
            o["findings"],
            _change(o),
        )
        h.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
    h.append("</tbody></table>")
    if any(o["tied"] for o in ev["offices"]):
        h.append(
            "<p class='small'>"
            + escape(
                "并列：得分相同的单位名次相同，不以其他因素区分。"
                if zh
                else "Ties share a rank; nothing but the score orders them."
            )
            + "</p>"
        )
    scores = {o["office"]: o["score"] for o in ev["offices"][:40]}
    grades = ev["grades"]
    h.append(bar_chart("得分（前40名）" if zh else "score (top 40)", scores))
    h.append(bar_chart("等次分布" if zh else "grades", grades))
    if ev["submissions"]:
        h.append(f"<h2>{'信息报送排名' if zh else 'Submissions ranking'}</h2><table><thead><tr>")
        h += [
            f"<th>{escape(c)}</th>"
            for c in (
                ("名次", "单位", "报送", "采用", "得分") if zh else ("rank", "unit", "submitted", "adopted", "points")
            )
        ]
        h.append("</tr></thead><tbody>")
        for r in ev["submissions"]:
            h.append(
                "<tr>"
                + "".join(
                    f"<td>{escape(str(c))}</td>"
                    for c in (r["rank"], r["unit"], r["submitted"], r["adopted"], f"{r['points']:g}")
                )
                + "</tr>"
            )
        h.append("</tbody></table>")
    h.append(f"<h2>{'各单位扣分明细' if zh else 'Deductions by office'}</h2>")
    for o in ev["offices"]:
        h.append(
            f"<section class='office'><h3>{escape(_rank_text(o, lang))}. {escape(o['office'])} "
            f"{o['score']:g}（{escape(o['grade'])}）</h3><table><thead><tr>"
        )
        h += [
            f"<th>{escape(c)}</th>"
            for c in (
                ("类别", "问题", "处罚档次", "应扣", "实扣")
                if zh
                else ("family", "findings", "tiers", "raw", "deducted")
            )
        ]
        h.append("</tr></thead><tbody>")
        for k, d in o["families"].items():
            family_row = (
                family_name(k, lang),
                len(d["findings"]),
                len(d["penalties"]),
                f"{d['raw']:g}",
                f"{d['deducted']:g}" + (("（封顶）" if zh else " (cap)") if d["capped"] else ""),
            )
            h.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in family_row) + "</tr>")
        h.append("</tbody></table></section>")
    h.append("</body></html>\n")
    return "".join(h)


def render_xlsx(ev: dict[str, Any], target: Path, lang: str = "zh") -> Any:
    from openpyxl import Workbook

    from .columns import neutralise
    from .xlsx_report import _header, _sheet_title

    zh = lang == "zh"
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    ws = wb.create_sheet(_sheet_title("排名" if zh else "ranking", used))
    cols = (
        ("名次", "并列", "单位", "来源文件", "得分", "等次", "扣分", "问题数", "上年得分", "较上年")
        if zh
        else ("rank", "tied", "office", "source", "score", "grade", "deducted", "findings", "previous", "change")
    )
    _header(ws, list(cols), [6, 6, 28, 28, 8, 8, 8, 8, 10, 8])
    # Whole rows appended, text neutralised first: ws.max_row is a scan of every cell.
    for o in ev["offices"]:
        ws.append(
            [
                o["rank"],
                "是" if o["tied"] else "",
                neutralise(o["office"]),
                neutralise(o["source"]),
                o["score"],
                o["grade"],
                o["deducted"],
                o["findings"],
                o["previous"],
                o["change"],
            ]
        )
    ws.auto_filter.ref = ws.dimensions
    if ev["submissions"]:
        ws = wb.create_sheet(_sheet_title("信息报送排名" if zh else "submissions", used))
        _header(
            ws,
            ["名次", "单位", "报送", "采用", "得分"] if zh else ["rank", "unit", "submitted", "adopted", "points"],
            [6, 28, 8, 8, 8],
        )
        for r in ev["submissions"]:
            ws.append([r["rank"], neutralise(r["unit"]), r["submitted"], r["adopted"], r["points"]])
    # One sheet per office, at most 200 (a province's 10,000 are in the ranking and the JSON).
    for o in ev["offices"][:200]:
        ws = wb.create_sheet(_sheet_title(f"{o['rank']}-{o['office']}", used))
        _header(
            ws,
            ["类别", "规则/阶梯", "编号/对象", "扣分"] if zh else ["family", "rule/ladder", "item", "points"],
            [12, 18, 48, 8],
        )
        for k, d in o["families"].items():
            for f in d["findings"]:
                ws.append([family_name(k, lang), f["rule"], neutralise(f["id"]), f["points"]])
            for p in d["penalties"]:
                ws.append(
                    [
                        family_name(k, lang),
                        p["ladder"],
                        neutralise(f"{p['subject']} {p['period']} 档次{p['tier']}"),
                        p["points"],
                    ]
                )
            if d["capped"]:
                ws.append([family_name(k, lang), "封顶" if zh else "cap", None, round(d["deducted"] - d["raw"], 2)])
    return wb
