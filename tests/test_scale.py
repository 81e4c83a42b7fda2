"""Human formats stay usable at tens of thousands of findings: capped per rule, saying where the rest are."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from gov_audit.render.html_report import HTML_CAP, render_html
from gov_audit.render.table import TERMINAL_CAP, render_table

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"


def big_report(tmp_path, n=3000):
    from helpers import runner

    from gov_audit.cli import app

    out = tmp_path / "s.json"
    runner.invoke(app, ["check", str(SAMPLE), "--as-of", "2026-11-30", "--format", "json", "-o", str(out)])
    rep = json.loads(out.read_text(encoding="utf-8"))
    base = next(f for f in rep["findings"] if f["rule"] == "PET002")
    extra = [dict(base, id=f"PET002:x!{i}", row=1000 + i, key=f"X-{i}") for i in range(n)]
    rep["findings"] = rep["findings"] + extra
    rep["summary"]["findings"] += n
    return rep, len([f for f in rep["findings"] if f["rule"] == "PET002"])


def test_terminal_caps_a_rule_and_says_how_many_more(tmp_path):
    rep, n = big_report(tmp_path)
    buf = io.StringIO()
    render_table(rep, Console(file=buf, width=120, force_terminal=True, color_system=None), "zh")
    lines = buf.getvalue().splitlines()
    pet = [ln for ln in lines if "X-" in ln]
    assert len(pet) <= TERMINAL_CAP
    more = [ln for ln in lines if "未显示" in ln]
    assert len(more) == 1 and f"{n - TERMINAL_CAP} 个问题" in more[0] and "JSON、CSV 或 xlsx" in more[0]
    # A log (not a terminal) keeps every line.
    buf = io.StringIO()
    render_table(rep, Console(file=buf, width=120, force_terminal=False), "zh")
    log = buf.getvalue().splitlines()
    assert sum(ln.startswith("  PET002 ") for ln in log) == n and not any("未显示" in ln for ln in log)


def test_html_caps_a_rule_at_its_limit(tmp_path):
    rep, n = big_report(tmp_path)
    page = render_html(rep, "zh")
    assert page.count('class="more"') == 1
    assert f"（{n - HTML_CAP} 个问题）未显示" in page
