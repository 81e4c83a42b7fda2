"""What a penalty ladder is, as data a family declares.

A family module lists its ladders in ``LADDERS``: the escalation its clause sets (the
tiers with their consequence texts, efficiency warnings and rating caps), the window,
the parameters an office may change in ``[ladders.NAME]``, and which rules feed it.
A rule says which ladders it feeds in its own ``feeds`` (ladder → role), so no rule ID
is written outside its family.  The ladder stage (``gov_audit.ladders``) computes every
ladder from these declarations by its ``kind``; renderers read ``shown_as`` to put a
ladder's consequence in the per-person summary.

Kinds:

* ``count`` — a subject's findings in the window; the tier is the highest step reached.
  ``repeat_warnings``: each finding from the second on is one efficiency warning.
* ``attendance_month`` / ``attendance_year`` — lates and absences per person (roles
  ``late``, ``absence``, ``dismissal``), thresholds from the parameters.
* ``unit`` — the audited unit, for every breach its feeders make (role ``severe``
  raises the tier).
* ``dept_points`` — points per finding off a section's score (role ``overdue``: only
  overdue findings count).
* ``rating`` — the annual rating: the efficiency warnings every other person ladder
  gave in the window, and the caps they set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# Rating caps, from lenient to strict.
CAPS = ("", "not_excellent", "not_competent", "incompetent")
CAP_TEXT = {
    "": ("", ""),
    "not_excellent": ("年度考核不得评为优秀", "annual rating cannot be 'excellent'"),
    "not_competent": (
        "年度考核不得评为称职（最高基本称职）",
        "annual rating cannot be 'competent' (at most 'basically competent')",
    ),
    "incompetent": ("年度考核评为不称职", "annual rating: 'incompetent'"),
}


@dataclass(frozen=True)
class Tier:
    number: int
    zh: str
    en: str
    warnings: int = 0  # efficiency warnings (效能告诫) the tier gives
    cap: str = ""  # the annual rating it caps (CAPS)


@dataclass(frozen=True)
class Ladder:
    name: str
    kind: str  # count | attendance_month | attendance_year | unit | dept_points | rating
    title_zh: str
    title_en: str
    clause: str
    # count: ((at least n, tier), …) highest first; other kinds: tiers by number.
    steps: tuple[tuple[int, Tier], ...] = ()
    params: dict[str, Any] = field(default_factory=dict)  # defaults; [ladders.NAME] overrides
    subject: str = "person"  # person | unit | dept
    window: str = "year"  # year (or rolling12 by setting) | month
    repeat_warnings: bool = False
    shown_as: str = ""  # per-person summary column: allowance | discipline | rating | ""
    obligations: tuple[str, ...] = ()  # the obligations it judges (gov_audit/obligations.py)

    def tier(self, number: int) -> Tier:
        return self._tiers[number]

    @cached_property
    def _tiers(self) -> dict[int, Tier]:
        # The first step of each number, as the scan it replaces found (one lookup per penalty).
        tiers: dict[int, Tier] = {}
        for _, t in self.steps:
            tiers.setdefault(t.number, t)
        return tiers
