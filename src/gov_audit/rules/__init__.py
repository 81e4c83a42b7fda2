"""The rule registry: a plain mapping from rule ID to rule class.

One module per rule family; importing this package registers them all.
"""

from __future__ import annotations

from .base import Rule

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


from . import (  # noqa: E402,F401  (registration)
    attendance,
    conduct,
    disclosure,
    finance,
    incidents,
    leave,
    meetings,
    opinions,
    petitions,
    requests,
)
