"""JSON: the machine contract. Sorted keys, stable order: same inputs → same bytes.

Written one list item per line: readable in a text editor and encoded by the json
module's C encoder (an indented dump falls back to pure Python, about ten times slower
on a report with tens of thousands of findings).
"""

from __future__ import annotations

import json

# allow_nan=False: a NaN that slipped through is a bug to see, not invalid JSON to ship.
_enc = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": "), allow_nan=False)


def render_json(report: dict) -> str:
    lines = ["{"]
    keys = sorted(report)
    for i, key in enumerate(keys):
        value = report[key]
        end = "," if i < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {_enc.encode(key)}: [")
            lines.extend(f"    {_enc.encode(v)}," for v in value[:-1])
            lines.append(f"    {_enc.encode(value[-1])}")
            lines.append(f"  ]{end}")
        else:
            lines.append(f"  {_enc.encode(key)}: {_enc.encode(value)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"
