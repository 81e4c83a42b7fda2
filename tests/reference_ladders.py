"""The count, unit and department-points ladders as they were computed before they went
columnar (a DataFrame per group): the reference tests/test_ladders.py holds the grouped
computation in gov_audit.ladders to, on generated findings (issue 14)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from gov_audit.ladders import _entry, unit_name
from gov_audit.rules.ladder import Ladder, Tier


def _dept(grp: pd.DataFrame) -> str | None:
    # The earliest finding's department (then the least name): not the first row's, which
    # made a penalty's department depend on the register's row order.
    d = grp[grp["dept"].notna()]
    if d.empty:
        return None
    order = d.assign(_d=pd.to_datetime(d["date"], errors="coerce"), _k=d["dept"].astype(str))
    return str(order.sort_values(["_d", "_k"], kind="stable")["dept"].iloc[0])


def _count(lad: Ladder, f: pd.DataFrame, params: dict[str, Any], book: Any, intake: Any) -> list[dict[str, Any]]:
    out = []
    for (subject, window), grp in f.groupby(["subject", "window"], sort=True):
        n = len(grp)
        tier = next(t for k, t in lad.steps if n >= k)
        warnings = max(n - 1, 0) if lad.repeat_warnings else tier.warnings
        out.append(
            _entry(
                lad.name,
                subject,
                _dept(grp),
                window,
                n,
                Tier(tier.number, tier.zh, tier.en, warnings, tier.cap),
                grp["id"],
                grp["w_from"].iloc[0],
                grp["w_to"].iloc[0],
            )
        )
    return out


def _unit(lad: Ladder, d: pd.DataFrame, p: dict[str, Any], book: Any, intake: Any) -> list[dict[str, Any]]:
    d = d[d["severity"] == "breach"]
    out = []
    unit = unit_name(book, intake)
    for window, grp in d.groupby("window", sort=True):
        tier = lad.tier(2 if (grp["role"] == "severe").any() else 1)
        out.append(
            _entry(
                lad.name,
                unit,
                None,
                window,
                len(grp),
                tier,
                list(grp["id"]),
                grp["w_from"].iloc[0],
                grp["w_to"].iloc[0],
            )
        )
    return out


def _dept_points(lad: Ladder, d: pd.DataFrame, p: dict[str, Any], book: Any, intake: Any) -> list[dict[str, Any]]:
    d = d[(d["role"] != "overdue") | (d["status"] == "overdue")].copy()
    if d.empty:
        return []
    named = d["dept"].notna() & (d["dept"].astype(str) != "")
    d["dept"] = d["dept"].where(named, np.where(d["role"] == "leaders", "局领导", "未注明科室"))
    out = []
    base = lad.tier(1)
    for (dept, window), grp in d.groupby(["dept", "window"], sort=True):
        pts = len(grp) * p["points"]
        tier = Tier(1, base.zh.format(points=f"{pts:g}"), base.en.format(points=f"{pts:g}"))
        out.append(
            _entry(
                lad.name,
                dept,
                dept,
                window,
                len(grp),
                tier,
                list(grp["id"]),
                grp["w_from"].iloc[0],
                grp["w_to"].iloc[0],
                points=pts,
            )
        )
    return out
