"""CSV: the findings, one per line, UTF-8 with a BOM so Excel shows Chinese correctly."""

from __future__ import annotations

import csv
import io

from .columns import FINDING_FIELDS, HEADERS, finding_cells, neutralise


def render_csv(report: dict, lang: str = "zh") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([HEADERS[lang][k] for k in FINDING_FIELDS])
    for f in report["findings"]:
        cells = finding_cells(f, lang)
        w.writerow([neutralise("" if cells[k] is None else cells[k]) for k in FINDING_FIELDS])
    return "\ufeff" + buf.getvalue()
