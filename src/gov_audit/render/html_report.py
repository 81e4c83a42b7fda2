"""HTML: one self-contained file (no network): the summary, charts as inline SVG (findings
by rule with its title, by department, by month), the findings grouped as the terminal
groups them in collapsible sections, the rectification list, penalties and errors.  It
prints on A4: a page break per section, table headers repeated on every page, sections
open."""

from __future__ import annotations

import json
from html import escape

from .columns import PENALTY_FIELDS, PENALTY_HEADERS, penalty_cells
from .labels import SEVERITY, TEXT
from .present import grouped, penalty_lines, short_title, summary_lines

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
  margin:24px;color:#222}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #1f4e78;padding-bottom:4px}
.meta{color:#555;font-size:13px} .cards{display:flex;gap:12px;flex-wrap:wrap;margin:14px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px}
.card b{display:block;font-size:24px} .breach b{color:#c00000} .warning b{color:#b8860b}
.charts{display:flex;gap:24px;flex-wrap:wrap} .chart{border:1px solid #eee;padding:8px}
table{border-collapse:collapse;font-size:12.5px;width:100%}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top}
th{background:#1f4e78;color:#fff;cursor:pointer;position:sticky;top:0} th:after{content:" ⇅";opacity:.5}
tr.breach td:first-child{border-left:4px solid #c00000} tr.warning td:first-child{border-left:4px solid #e6b800}
tr.waived{color:#888} .err{color:#c00000} .small{font-size:12px;color:#666}
details.group{margin:10px 0} details.group>summary{font-size:16px;font-weight:bold;cursor:pointer;padding:4px 0}
h3{font-size:14px;margin:12px 0 4px} dl.summary dt{font-weight:bold;float:left;clear:left;width:7em}
dl.summary dd{margin:0 0 4px 7.5em}
thead{display:table-header-group} tr{page-break-inside:avoid}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{margin:0} th{position:static;background:#ddd;color:#000} th:after{content:""}
  details.group{page-break-before:always} details.group>summary{list-style:none}
  .charts{page-break-inside:avoid}
}
"""

HTML_CAP = 200  # lines per rule: a page that opens and prints at 50,000 findings

OPEN_FOR_PRINT_JS = """
window.addEventListener("beforeprint", function(){
  document.querySelectorAll("details").forEach(function(d){ d.open = true; });
});
// The findings each row stands for (a collapsed run is several): counted once loaded, so
// a browser test can see that every finding made it onto the page.
document.body.setAttribute("data-findings", String(Array.prototype.reduce.call(
  document.querySelectorAll("tr[data-ids]"), function(n, tr){
    return n + JSON.parse(tr.getAttribute("data-ids")).length; }, 0)));
"""

SORT_JS = """
document.querySelectorAll("table.sortable th").forEach(function(th, i){
  th.addEventListener("click", function(){
    var table = th.closest("table"), body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute("data-dir") === "asc" ? -1 : 1;
    th.setAttribute("data-dir", dir === 1 ? "asc" : "desc");
    rows.sort(function(a, b){
      var x = a.cells[i].getAttribute("data-v") || a.cells[i].textContent;
      var y = b.cells[i].getAttribute("data-v") || b.cells[i].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      if (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) return (nx - ny) * dir;
      return x.localeCompare(y, "zh") * dir;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""


def bar_chart(title: str, counts: dict[str, int], width: int = 640) -> str:
    """A horizontal bar chart as inline SVG."""
    items = list(counts.items())[:60]
    if not items:
        return ""
    bar_h, gap = 18, 4
    label_w = min(360, 20 + 13 * max(len(str(k)) for k, _ in items))
    top = max(v for _, v in items) or 1
    height = 28 + len(items) * (bar_h + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
    ]
    for k, (label, v) in enumerate(items):
        y = 26 + k * (bar_h + gap)
        w = max(2, int((width - label_w - 40) * v / top))
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" font-size="12" text-anchor="end">'
            f'{escape(label or "（未注明）")}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#2e75b6"/>'
            f'<text x="{label_w + w + 4}" y="{y + 13}" font-size="12">{v}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: dict, lang: str = "zh", group_by: str = "register") -> str:
    t = TEXT[lang]
    s = report["summary"]
    counted = [f for f in report["findings"] if not f.get("waived")]
    months: dict[str, int] = {}
    for f in counted:
        m = (f.get("due") or f.get("start") or f.get("period") or "")[:7]
        if m:
            months[m] = months.get(m, 0) + 1
    months = dict(sorted(months.items()))
    labels = {"zh": ("按规则", "按部门", "按月份"), "en": ("by rule", "by department", "by month")}[lang]
    h = [
        '<!DOCTYPE html><html lang="',
        "zh-CN" if lang == "zh" else "en",
        '"><head><meta charset="utf-8">',
        f"<title>{escape(t['title'])} {escape(report['as_of'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(t['title'])}{escape(' — ' + report['office'] if report.get('office') else '')}</h1>",
        f'<div class="meta">{escape(t["as_of"])} {escape(report["as_of"])} · {escape(t["range"])} '
        f'{escape(report["range"]["since"])} – {escape(report["range"]["until"])} · '
        + escape(", ".join(i["path"] for i in report["inputs"]))
        + "</div>",
        '<div class="cards">',
    ]
    h.append(f'<div class="card"><b>{s["findings"]}</b>{escape(t["findings"])}</div>')
    for sev, n in s["by_severity"].items():
        h.append(f'<div class="card {escape(sev)}"><b>{n}</b>{escape(SEVERITY[lang].get(sev, sev))}</div>')
    h.append(f'<div class="card"><b>{s["waived"]}</b>{escape(t["waived"])}</div>')
    h.append(f'<div class="card"><b>{s["penalties"]}</b>{escape(t["penalties"])}</div>')
    h.append(
        f'<div class="card{" breach" if s["errors"] else ""}"><b>{s["errors"]}</b>{escape(t["errors"])}</div></div>'
    )
    prov = report["calendar"].get("provisional_years")
    if prov:
        h.append(f'<p class="small">⚠ {escape(t["provisional"])}: {escape(", ".join(map(str, prov)))}</p>')
    h.append("<dl class='summary'>")
    for label, text in summary_lines(report, lang):
        h.append(f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>")
    h.append("</dl>")
    penalties = penalty_lines(report, lang)
    if penalties:
        h.append(
            f"<h2>{escape(t['penalties'])}</h2><ul>" + "".join(f"<li>{escape(x)}</li>" for x in penalties) + "</ul>"
        )
    h.append('<div class="charts">')
    by_rule = {f"{k} {short_title(k, lang)}": v for k, v in s["by_rule"].items()}  # charts speak titles, not codes
    for title, data in ((labels[0], by_rule), (labels[1], s["by_dept"]), (labels[2], months)):
        chart = bar_chart(title, data)
        if chart:
            h.append(f'<div class="chart">{chart}</div>')
    h.append("</div>")
    h.append(f"<h2>{escape(t['findings'])} ({len(report['findings'])})</h2>")
    if not report["findings"]:
        h.append(f"<p>{escape(t['none'])}</p>")
    cols = ("来源", "说明", "性质") if lang == "zh" else ("source", "finding", "severity")
    for head, sections in grouped(report, group_by, lang, cap=HTML_CAP):
        h.append(f'<details class="group" open><summary>{escape(head)}</summary>')
        for sub, lines in sections:
            if sub:
                h.append(f"<h3>{escape(sub)}</h3>")
            h.append('<table class="sortable"><thead><tr>' + "".join(f"<th>{escape(c)}</th>" for c in cols))
            h.append("</tr></thead><tbody>")
            for ln in lines:
                if ln.severity == "more":
                    h.append(f'<tr class="more"><td></td><td colspan="2">{escape(ln.text)}</td></tr>')
                    continue
                cls = "waived" if ln.waived else ln.severity
                ids = escape(json.dumps([f["id"] for f in ln.findings], ensure_ascii=False))
                sev = SEVERITY[lang].get(ln.severity, ln.severity) + (f" · {t['waived']}" if ln.waived else "")
                h.append(
                    f'<tr class="{cls}" data-ids="{ids}"><td>{escape(ln.source)}</td>'
                    f"<td>{escape(ln.text)}</td><td>{escape(sev)}</td></tr>"
                )
            h.append("</tbody></table>")
        h.append("</details>")
    _rectification(h, report, lang)
    if report["penalties"]:
        h.append(f"<h2>{escape(t['penalties'])} ({len(report['penalties'])})</h2>")
        pf = [k for k in PENALTY_FIELDS if k != "findings"]
        h.append('<table class="sortable" id="penalties"><thead><tr>')
        h += [f"<th>{escape(PENALTY_HEADERS[lang][k])}</th>" for k in pf]
        h.append("</tr></thead><tbody>")
        for p in report["penalties"]:
            cells = penalty_cells(p)
            h.append(
                "<tr>" + "".join(f"<td>{escape('' if cells[k] is None else str(cells[k]))}</td>" for k in pf) + "</tr>"
            )
        h.append("</tbody></table>")
    if report["errors"]:
        h.append(f"<h2 class='err'>{escape(t['errors'])} ({len(report['errors'])})</h2><ul>")
        from ..errors import InputError

        for e in report["errors"]:
            h.append(f"<li class='err'>{escape(InputError.from_json(e).render())}</li>")
        h.append("</ul>")
    h.append(f"<script>{SORT_JS}{OPEN_FOR_PRINT_JS}</script></body></html>\n")
    return "".join(h)


def _rectification(h: list[str], report: dict, lang: str) -> None:
    """整改清单: every finding still to put right, by department, with its 整改时限."""
    still = (report.get("baseline") or {}).get("still_open") or []
    items = [f for f in [*report["findings"], *still] if not f.get("waived")]
    if not items:
        return
    zh = lang == "zh"
    h.append(
        f'<details class="group" open><summary>{"整改清单" if zh else "Rectification list"} ({len(items)})</summary>'
    )
    cols = (
        ("部门", "责任人", "规则", "事项", "说明", "首次发现", "整改时限", "整改措施", "整改情况")
        if zh
        else (
            "department",
            "responsible",
            "rule",
            "item",
            "finding",
            "first seen",
            "rectify by",
            "measures",
            "progress",
        )
    )
    h.append(
        '<table class="sortable"><thead><tr>' + "".join(f"<th>{escape(c)}</th>" for c in cols) + "</tr></thead><tbody>"
    )
    for f in sorted(items, key=lambda f: (f.get("dept") or "", f["rule"], f["id"])):
        cells = (
            f.get("dept") or ("未注明科室" if zh else "none named"),
            f.get("subject") or "",
            f["rule"],
            f.get("key") or "",
            f["message"],
            f.get("first_seen") or report["as_of"],
            f.get("rectify_due") or report.get("rectify_due") or "",
            "",
            "",
        )
        h.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
    h.append("</tbody></table></details>")
