"""双随机一公开: a reproducible random draw of inspection targets and inspectors.

Seed 002 (三)2 “严格执行‘双随机一公开’监管模式”: targets drawn at random, inspectors drawn
at random, and the draw made public.  The same pool, the same seed → the same draw, so
anyone can re-run it from the published record (which carries the seed and digests of
both pools).  An inspector is never sent to the unit they belong to (when the list
says which unit that is).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

from .classify import find_header
from .errors import InputError
from .read import read_sheets
from .types import as_text, fold

NAME_HEADERS = {"姓名", "name", "检查人员", "执法人员", "inspector"}
UNIT_HEADERS = {"单位", "unit", "所在单位", "工作单位", "office"}


@dataclass
class Inspector:
    name: str
    unit: str = ""


def load_inspectors(path: Path) -> tuple[list[Inspector], list[InputError]]:
    name = str(path)
    if not path.is_file():
        return [], [InputError(name, "usage", "检查人员名单不存在 (inspector list not found)")]
    if path.suffix.lower() in (".txt", ""):
        from .read import decode_text

        names = [ln.strip() for ln in decode_text(path.read_bytes()).splitlines() if ln.strip()]
        return [Inspector(n) for n in names], ([] if names else [InputError(name, "usage", "名单为空 (empty list)")])
    sheets, errors = read_sheets(path, name)
    if errors or not sheets:
        return [], errors or [InputError(name, "usage", "名单为空 (empty list)")]
    sheet = sheets[0]
    at, pos = find_header(sheet, {"name": NAME_HEADERS, "unit": UNIT_HEADERS}, ("name",))
    if at is None:
        return [], [InputError(name, "missing_column", "找不到“姓名”列 (no 姓名/name column)")]
    frame = sheet.load(at + 1)
    names = as_text(frame[pos["name"]])
    units = as_text(frame[pos["unit"]]) if "unit" in pos else names.map(lambda _: "")
    out = [Inspector(n, u or "") for n, u in zip(names, units, strict=True) if isinstance(n, str) and n]
    return out, ([] if out else [InputError(name, "usage", "名单为空 (empty list)")])


def _digest(items: list[str]) -> str:
    return hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()


def draw(offices: list[str], inspectors: list[Inspector], n_offices: int, per_office: int, seed: int, on: str) -> dict:
    """The draw as a publishable record."""
    pool = sorted(offices)
    people = sorted(inspectors, key=lambda i: (i.name, i.unit))
    rng = random.Random(seed)
    chosen = sorted(rng.sample(pool, min(n_offices, len(pool))))
    assignments = []
    for office in chosen:
        eligible = [p for p in people if not p.unit or fold(p.unit) not in fold(office)]
        team = rng.sample(eligible, min(per_office, len(eligible)))
        assignments.append({"office": office, "inspectors": sorted(p.name for p in team)})
    return {
        "schema": "gov-audit/draw@1",
        "date": on,
        "method": (
            "双随机一公开: random.Random(seed).sample over the sorted pools; inspectors never drawn for their own unit"
        ),
        "seed": seed,
        "offices_pool": len(pool),
        "offices_pool_sha256": _digest(pool),
        "inspectors_pool": len(people),
        "inspectors_pool_sha256": _digest([f"{p.name}\t{p.unit}" for p in people]),
        "drawn": assignments,
    }
