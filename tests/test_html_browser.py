"""The HTML report in a real browser (Debian's chromium, headless): it loads without a
console error, every finding is on the page, and a screenshot is kept as an artifact."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import runner

from gov_audit.cli import app

SAMPLE = Path(__file__).parents[1] / "sample_data" / "registers.xlsx"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def _chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sample_html_in_chromium_has_every_finding_and_no_console_error(tmp_path):
    page, data = tmp_path / "report.html", tmp_path / "report.json"
    args = ["check", str(SAMPLE), "--as-of", "2026-11-30"]
    assert runner.invoke(app, [*args, "--format", "html", "-o", str(page)]).exit_code == 1
    runner.invoke(app, [*args, "--format", "json", "-o", str(data)])
    ids = sorted(f["id"] for f in json.loads(data.read_text(encoding="utf-8"))["findings"])

    dom = _chromium("--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    console = [ln for ln in dom.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert console == []
    # The page's own script counted the findings behind its rows once it had loaded.
    assert re.search(r'data-findings="(\d+)"', dom.stdout).group(1) == str(len(ids))
    shown = sorted(i for m in re.findall(r'data-ids="([^"]*)"', dom.stdout) for i in json.loads(html.unescape(m)))
    assert shown == ids
    assert "整改清单" in dom.stdout and "@page" in dom.stdout and "<details" in dom.stdout

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "sample-report.png"
    r = _chromium(f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri())
    assert r.returncode == 0 and shot.stat().st_size > 10_000
    pdf = ARTIFACTS / "sample-report.pdf"
    r = _chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert r.returncode == 0 and pdf.read_bytes().startswith(b"%PDF")
