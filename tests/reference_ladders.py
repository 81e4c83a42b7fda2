"""The ladders as they were computed before they went columnar: the count, unit and
department-points ladders a DataFrame per group, the attendance ladders by pandas' sort
and named aggregations.  tests/test_ladders.py holds the array computation in
gov_audit.ladders to these, on generated findings (issue 14)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from gov_audit.ladders import _entry, _staff_money, unit_name
from gov_audit.rules.base import money
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


def _ids_by(frame: pd.DataFrame, keys: list[str]) -> dict[tuple[Any, ...], list[str]]:
    """Finding ids grouped by ``keys``: slices of one sorted list, not a Python agg."""
    if frame.empty:
        return {}
    f = frame.sort_values([*keys, "id"], kind="stable")
    k = f[keys]
    starts = np.flatnonzero((k.ne(k.shift())).any(axis=1).to_numpy())
    ids = f["id"].to_numpy(dtype=object).tolist()
    bounds = [*starts.tolist(), len(ids)]
    firsts = zip(*(k[c].iloc[starts].tolist() for c in keys), strict=True)
    return {key: ids[a:b] for key, a, b in zip(firsts, bounds[:-1], bounds[1:], strict=True)}


def _by_date(att: pd.DataFrame) -> pd.DataFrame:
    """Findings in date order (then department): a person's department and a window's bounds
    come out the same whatever order the register's rows were in."""
    return (
        att.assign(_d=pd.to_datetime(att["date"]), _dept=att["dept"].fillna("").astype(str))
        .sort_values(["_o", "subject", "_d", "_dept"], kind="stable")
        .drop(columns=["_d", "_dept"])
    )


def _absent_days(att: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(att["absent_days"], errors="coerce").fillna(0).where(att["role"] == "absence", 0)


def _attendance_month(
    lad: Ladder, att: pd.DataFrame, p: dict[str, Any], book: Any, intakes: Any
) -> list[dict[str, Any]]:
    if att.empty:
        return []
    att["month"] = pd.to_datetime(att["date"]).dt.strftime("%Y-%m")
    att["n"] = (att["role"] == "late").astype(int)
    att["a"] = _absent_days(att)
    att = _by_date(att)
    g = att.groupby(["_o", "subject", "month"], sort=True).agg(n=("n", "sum"), a=("a", "sum"), dept=("dept", "min"))
    n, a = g["n"].to_numpy(), g["a"].to_numpy()
    tier = np.select(
        [
            (n >= p["welfare_n"]) | (a > p["cancel_days"]),
            (n >= p["cancel_n"]) | (a >= p["cancel_days"]),
            (n >= p["half_allowance_n"]) | (a >= p["half_allowance_days"]),
        ],
        [3, 2, 1],
        0,
    )
    g["tier"] = tier
    g = g[g["tier"] > 0]
    staff = {o: _staff_money(intakes[o]) for o in np.unique(g.index.get_level_values("_o"))}
    ids = _ids_by(att, ["_o", "subject", "month"])
    months = g.index.get_level_values("month")
    starts = pd.to_datetime(months + "-01")
    ends = starts + pd.offsets.MonthEnd(0)
    out = []
    rows = zip(g.index, g["n"], g["a"], g["dept"], g["tier"], starts, ends, strict=True)
    for (o, subject, month), n_, a_, dept, t_, start, end in rows:
        allowance, welfare = staff[o].get(subject, (None, None))
        amount = None
        if allowance is not None:
            amount = {1: allowance / 2, 2: allowance, 3: allowance + (welfare or 0)}[int(t_)]
        declared = lad.tier(int(t_))
        zh, en = declared.zh, declared.en
        if amount is not None:
            zh += f"（合计 {money(amount)} 元）"
            en += f" (¥{money(amount)} in all)"
        out.append(
            _entry(
                lad.name,
                subject,
                None if pd.isna(dept) else dept,
                month,
                int(n_),
                Tier(int(t_), zh, en),
                ids[(o, subject, month)],
                start,
                end,
                absent_days=float(a_),
                amount_yuan=None if amount is None else round(float(amount), 2),
                _o=o,
            )
        )
    return out


def _attendance_year(
    lad: Ladder, att: pd.DataFrame, p: dict[str, Any], book: Any, intakes: Any
) -> list[dict[str, Any]]:
    if att.empty:
        return []
    att["incident"] = att["role"].isin(["late", "absence"]).astype(int)
    att["a"] = _absent_days(att)
    att["dismiss"] = (att["role"] == "dismissal").astype(int)
    att = _by_date(att)
    g = att.groupby(["_o", "subject", "window"], sort=True).agg(
        c=("incident", "sum"),
        a=("a", "sum"),
        dismiss=("dismiss", "max"),
        dept=("dept", "min"),
        w_from=("w_from", "first"),
        w_to=("w_to", "first"),
    )
    c, a = g["c"].to_numpy(), g["a"].to_numpy()
    g["tier"] = np.select(
        [g["dismiss"].to_numpy() > 0, (c > 4) | (a > 1), (c >= 3) | (a >= 1), (c >= 2) | (a >= 0.5), c >= 1],
        [5, 4, 3, 2, 1],
        0,
    )
    ids = _ids_by(att, ["_o", "subject", "window"])
    g = g[g["tier"] > 0]
    rows = zip(g.index, g["c"], g["tier"], g["dept"], g["w_from"], g["w_to"], g["a"], strict=True)
    return [
        _entry(
            lad.name,
            subject,
            None if pd.isna(dept) else dept,
            window,
            int(c_),
            lad.tier(int(t_)),
            ids[(o, subject, window)],
            w_from,
            w_to,
            absent_days=float(a_),
            _o=o,
        )
        for (o, subject, window), c_, t_, dept, w_from, w_to, a_ in rows
    ]
