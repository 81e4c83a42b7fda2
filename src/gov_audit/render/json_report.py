"""JSON: the machine contract. Sorted keys, stable order: same inputs → same bytes."""

from __future__ import annotations

import json


def render_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
