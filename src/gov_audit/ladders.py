"""ladders: escalation over findings per subject per window.

Each ladder counts one subject's findings (a person, a department, a unit) in a window
(a month, a calendar year, or a rolling 12 months) and names the tier reached and its
consequence.  Ladders read findings only; they never look at registers except the
optional staff register for yuan amounts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

# ladder name → parameter defaults (rulebook [ladders.NAME] overrides them)
LADDER_DEFAULTS: dict[str, dict[str, Any]] = {}


def run_ladders(findings: pd.DataFrame, intake, calendar, book, as_of, since, until) -> list[dict]:
    return []
