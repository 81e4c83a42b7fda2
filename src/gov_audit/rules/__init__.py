"""The rule registry: a plain mapping from rule ID to rule class, and the ladders.

One module per rule family; importing this package registers its rules (``@register``)
and collects the ladders it declares (``LADDERS``, see ladder.py).
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import Rule
from .ladder import Ladder

RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.id in RULES:
        raise ValueError(f"duplicate rule id {cls.id}")
    RULES[cls.id] = cls
    return cls


def select(include: list[str] | None = None, exclude: list[str] | None = None) -> list[type[Rule]]:
    """Rules whose ID equals or starts with one of ``include`` (all if none) and none of ``exclude``."""

    def hit(rid: str, pats: list[str]) -> bool:
        return any(rid.upper().startswith(p.upper()) for p in pats)

    out = [r for rid, r in sorted(RULES.items()) if (not include or hit(rid, include))]
    return [r for r in out if not (exclude and hit(r.id, exclude))]


def unknown_patterns(patterns: list[str]) -> list[str]:
    return [p for p in patterns if not any(rid.upper().startswith(p.upper()) for rid in RULES)]


# Every module of this package is a family, except the shared support below: a new
# family is discovered by being here (adding one touches its module and its tests).
_SUPPORT = {"base", "ladder", "periods"}
FAMILIES = tuple(
    importlib.import_module(f"{__name__}.{m.name}")
    for m in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    if m.name not in _SUPPORT
)
LADDERS: dict[str, Ladder] = {lad.name: lad for fam in FAMILIES for lad in getattr(fam, "LADDERS", ())}
# Rulebook keys that moved, declared by the family they left: "RULE-PREFIX:key" → (rule, key).
MOVED_KEYS: dict[str, tuple[str, str]] = {k: v for fam in FAMILIES for k, v in getattr(fam, "MOVED_KEYS", {}).items()}


def feeders(ladder: str) -> dict[str, str]:
    """Rule ID → the role its findings play in ``ladder`` (every rule that feeds it)."""
    return {rid: r.feeds[ladder] for rid, r in sorted(RULES.items()) if ladder in r.feeds}


def _check_feeds() -> None:
    for rid, r in RULES.items():
        unknown = set(r.feeds) - set(LADDERS)
        if unknown:
            raise ValueError(f"{rid} feeds unknown ladder(s) {sorted(unknown)}")


_check_feeds()
