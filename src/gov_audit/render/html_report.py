"""HTML: one self-contained file (no network): summary, charts as inline SVG (findings by
rule, by department, by month), a sortable findings table, penalties and errors."""

from __future__ import annotations

from html import escape

from .columns import PENALTY_FIELDS, PENALTY_HEADERS, finding_cells, penalty_cells
from .labels import REGISTER, SEVERITY, TEXT

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

COLUMNS = (
    "rule",
    "status",
    "severity",
    "register",
    "subject",
    "dept",
    "key",
    "due",
    "done",
    "late_by",
    "source",
    "message",
)


def bar_chart(title: str, counts: dict[str, int], width: int = 420) -> str:
    """A horizontal bar chart as inline SVG."""
    items = list(counts.items())[:60]
    if not items:
        return ""
    bar_h, label_w, gap = 18, 130, 4
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
        f"<h1>{escape(t['title'])}</h1>",
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
    h.append('<div class="charts">')
    for title, data in ((labels[0], s["by_rule"]), (labels[1], s["by_dept"]), (labels[2], months)):
        chart = bar_chart(title, data)
        if chart:
            h.append(f'<div class="chart">{chart}</div>')
    h.append("</div>")
    h.append(f"<h2>{escape(t['findings'])} ({len(report['findings'])})</h2>")
    if report["findings"]:
        h.append('<table class="sortable" id="findings"><thead><tr>')
        h += [f"<th>{escape(t[c])}</th>" for c in COLUMNS]
        h.append("</tr></thead><tbody>")
        for f in report["findings"]:
            cells = finding_cells(f, lang)
            cls = "waived" if f.get("waived") else f["severity"]
            source = f"{f.get('sheet')}!{f['row']}" if f.get("row") is not None else (f.get("period") or "")
            late = "" if cells["late_by"] is None else f"{cells['late_by']} {cells['late_unit']}"
            values = {
                **cells,
                "source": source,
                "late_by": late,
                "register": REGISTER[lang].get(f["register"], f["register"]),
            }
            h.append(f'<tr class="{cls}" data-id="{escape(f["id"])}">')
            for c in COLUMNS:
                v = values.get(c)
                sort = (
                    f' data-v="{escape(str(cells["late_by"]))}"'
                    if c == "late_by" and cells["late_by"] is not None
                    else ""
                )
                h.append(f"<td{sort}>{escape('' if v is None else str(v))}</td>")
            h.append("</tr>")
        h.append("</tbody></table>")
    else:
        h.append(f"<p>{escape(t['none'])}</p>")
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
    h.append(f"<script>{SORT_JS}</script></body></html>\n")
    return "".join(h)
