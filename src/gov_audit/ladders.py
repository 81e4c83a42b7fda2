"""ladders: escalation over findings per subject per window.

The families declare their ladders as data (``rules/ladder.py``: tiers, window,
parameters, which rules feed them and in what role); this stage computes every
declared ladder by its kind.  A ladder counts one subject's findings in a window (a
month; a calendar year, or the 12 months to the as-of day when the rulebook says
``ladder_window = "rolling12"``) and names the tier reached, its consequence, the
efficiency warnings (效能告诫) it gives and the cap it puts on the annual rating.
The ``rating`` ladder then counts the warnings every other person ladder gave the same
person in the same window, across registers.  Ladders read findings only (and the
optional staff register, for amounts in yuan).  The clauses and their readings are
written beside each family's ``LADDERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .rules import LADDERS, feeders
from .rules.base import FIELD_PREFIX, money
from .rules.ladder import CAP_TEXT, CAPS, Ladder, Tier

LADDER_DEFAULTS: dict[str, dict[str, Any]] = {name: dict(lad.params) for name, lad in LADDERS.items()}


def _window(findings: pd.DataFrame, book: Any, as_of: pd.Timestamp) -> pd.DataFrame:
    """Findings with the ``window`` of their ladder (year, or the 12 months to as-of)."""
    f = findings.copy()
    date = pd.to_datetime(f["date"])
    if book.settings.get("ladder_window") == "rolling12":
        start = as_of - pd.DateOffset(months=12) + pd.Timedelta(days=1)
        f = f[(date >= start) & (date <= as_of)]
        f["window"] = f"{start:%Y-%m-%d}..{as_of:%Y-%m-%d}"
        f["w_from"], f["w_to"] = start, as_of
    else:
        year = date.dt.year
        f["window"] = year.astype("Int64").astype(str)
        # The year's first and last day from the year itself, not by parsing "2026-01-01".
        years = year.to_numpy(dtype=float, na_value=np.nan)
        known = ~np.isnan(years)
        first = np.full(len(f), np.datetime64("NaT"), dtype="datetime64[us]")
        last = first.copy()
        offset = years[known].astype(np.int64) - 1970
        first[known] = offset.astype("datetime64[Y]")
        last[known] = (offset + 1).astype("datetime64[Y]").astype("datetime64[D]") - np.timedelta64(1, "D")
        f["w_from"], f["w_to"] = first, last
    return f


def _entry(
    ladder: str,
    subject: Any,
    dept: Any,
    period: str,
    count: int,
    tier: Tier,
    ids: Any,
    w_from: Any,
    w_to: Any,
    **extra: Any,
) -> dict[str, Any]:
    e = {
        "ladder": ladder,
        "subject": subject,
        "dept": dept,
        "period": period,
        "count": int(count),
        "tier": tier.number,
        "consequence_zh": tier.zh,
        "consequence_en": tier.en,
        "efficiency_warnings": tier.warnings,
        "rating_cap": tier.cap or None,
        "findings": list(ids),
        "_from": w_from,
        "_to": w_to,
    }
    e.update(extra)
    return e


def _fed(f: pd.DataFrame, lad: Ladder) -> pd.DataFrame:
    """The findings that feed ``lad``, with their ``role`` there."""
    roles = feeders(lad.name)
    sel = f[f["rule"].isin(list(roles))].copy()
    sel["role"] = sel["rule"].map(roles)
    return sel


def ladders_of_offices(
    findings: list[pd.DataFrame],
    intakes: list[Any],
    calendar: Any,
    book: Any,
    as_of: pd.Timestamp,
    since: Any,
    until: Any,
) -> list[list[dict[str, Any]]]:
    """Each office's ladders (``findings[i]`` are office i's, ``intakes[i]`` its registers),
    computed in one pass: every count is per office (``_o`` leads every grouping), so an
    office's entries are those it gets alone, and pandas' fixed cost per call is paid once
    for a worker's share of offices, not once each."""
    out: list[list[dict[str, Any]]] = [[] for _ in findings]
    # The ladders count findings by who, when and which rule; a rule's own fields (some 60
    # columns across the rules) would only be copied along by every filter and sort here.
    parts = [f[[c for c in f.columns if not str(c).startswith(FIELD_PREFIX)]] for f in findings]
    parts = [f.assign(_o=i) for i, f in enumerate(parts) if not f.empty]
    if not parts:
        return out
    for e in _ladders(pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0], intakes, book, as_of):
        e["reported"] = bool(e.pop("_to") >= since and e.pop("_from") <= until)
        out[e.pop("_o")].append(e)
    return [sorted(es, key=lambda e: (e["subject"], e["period"], e["ladder"])) for es in out]


def _ladders(findings: pd.DataFrame, intakes: list[Any], book: Any, as_of: pd.Timestamp) -> list[dict[str, Any]]:
    person = findings[findings["subject"].notna()]
    yearly = _window(person, book, as_of)
    every = _window(findings, book, as_of)  # the unit ladder rests on findings with no named person too
    entries: list[dict[str, Any]] = []
    rating = []
    for lad in LADDERS.values():
        params = book.ladder_params(lad.name, LADDER_DEFAULTS[lad.name])
        if lad.kind == "rating":
            rating.append(lad)
            continue
        source = person if lad.window == "month" else (every if lad.subject == "unit" else yearly)
        entries += KINDS[lad.kind](lad, _fed(source, lad), params, book, intakes)
    for lad in rating:
        entries += _rating(lad, entries)
    return entries


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


def _groups(f: pd.DataFrame, keys: list[str], flag: pd.Series | None = None) -> tuple[pd.DataFrame, list[list[str]]]:
    """One row per group of ``keys``, in key order: its size ``n``, the first non-blank
    ``dept`` (by date, see below), its first row's window bounds, whether ``flag`` holds on any of its rows;
    and each group's finding ids in the findings' own order.  One stable sort and a
    split, not a frame per group (rows with a blank key belong to no group, as in groupby)."""
    f = f.dropna(subset=keys)
    s = f.sort_values(keys, kind="stable")  # stable: a group keeps the findings' order
    k = s[keys]
    starts = np.flatnonzero(k.ne(k.shift()).any(axis=1).to_numpy())
    ids = [list(chunk) for chunk in np.split(s["id"].to_numpy(dtype=object), starts[1:])]
    first = s.iloc[starts]
    out = first[keys].reset_index(drop=True)
    out["n"] = np.diff(np.append(starts, len(s)))
    out["dept"] = _first_dept(s, starts)
    out["w_from"], out["w_to"] = first["w_from"].to_numpy(), first["w_to"].to_numpy()
    if flag is not None and len(s):
        out["flag"] = np.logical_or.reduceat(flag.loc[s.index].to_numpy(dtype=bool), starts)
    return out, ids


def _first_dept(s: pd.DataFrame, starts: np.ndarray) -> pd.Series:
    """Each group's department (``s`` sorted by group, groups starting at ``starts``): that
    of its earliest finding with one (undated last, then the least name), whatever order
    the register's rows were in (the row order once decided it).  None if no finding has one.

    On codes: a sort of the group's rows by date and name, then each group's first."""
    group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(s))))
    named = s["dept"].notna().to_numpy()
    text = s["dept"].astype(str).to_numpy(dtype=object)
    date = pd.to_datetime(s["date"], errors="coerce").to_numpy(dtype="datetime64[ns]").view(np.int64)
    date = np.where(date == np.iinfo(np.int64).min, np.iinfo(np.int64).max, date)  # NaT sorts last
    rows = np.flatnonzero(named)
    name_code, _ = pd.factorize(text[rows], sort=True)
    order = rows[np.lexsort((name_code, date[rows], group[rows]))]
    dept = np.full(len(starts), None, dtype=object)
    groups, at = np.unique(group[order], return_index=True)
    dept[groups] = text[order[at]]
    return pd.Series(dept, dtype=object)


def _count(lad: Ladder, f: pd.DataFrame, params: dict[str, Any], book: Any, intakes: Any) -> list[dict[str, Any]]:
    if f.empty:
        return []
    g, ids = _groups(f, ["_o", "subject", "window"])
    # Steps are declared highest first: the tier is the highest step the count reaches.
    at_least = np.array([k for k, _ in lad.steps][::-1])
    step = np.searchsorted(at_least, g["n"].to_numpy(), side="right") - 1
    if (step < 0).any():
        raise ValueError(f"ladder {lad.name}: a count below its lowest step")
    tiers = [t for _, t in lad.steps][::-1]
    rows = zip(g["_o"], g["subject"], g["dept"], g["window"], g["n"], step, ids, g["w_from"], g["w_to"], strict=True)
    out = []
    for o, subject, dept, window, n, at, group_ids, w_from, w_to in rows:
        tier = tiers[at]
        warnings = max(int(n) - 1, 0) if lad.repeat_warnings else tier.warnings
        out.append(
            _entry(
                lad.name,
                subject,
                dept,
                window,
                int(n),
                Tier(tier.number, tier.zh, tier.en, warnings, tier.cap),
                group_ids,
                *_bounds(w_from, w_to),
                _o=o,
            )
        )
    return out


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


def _staff_money(intake: Any) -> dict[str, tuple[float, float | None]]:
    if "staff" not in intake.registers:
        return {}
    s = intake.registers["staff"].frame.dropna(subset=["name"])
    s = s[s["allowance"].notna()]
    # A name on the roster twice (同名, or a stale row): the smaller amounts, whatever the row
    # order — a deduction is never larger than the roster supports.
    s = s.sort_values(["name", "allowance", "welfare"], ascending=[True, False, False], kind="stable")
    rows = zip(s["name"], s["allowance"], s["welfare"], strict=True)
    return {n: (float(a), None if pd.isna(w) else float(w)) for n, a, w in rows}


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


def _rating(lad: Ladder, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by: dict[tuple[int, str, str], list[dict[str, Any]]] = {}
    for e in entries:
        src = LADDERS[e["ladder"]]
        if src.window == "month" or src.subject != "person":
            continue
        by.setdefault((e["_o"], e["subject"], e["period"]), []).append(e)
    top = max(n for n, _ in lad.steps)
    out = []
    for (o, subject, period), es in sorted(by.items()):
        warnings = sum(e["efficiency_warnings"] for e in es)
        direct = max((CAPS.index(e["rating_cap"] or "") for e in es), default=0)
        if warnings == 0 and direct == 0:
            continue
        tier = lad.tier(min(warnings, top)) if warnings else None
        cap = max(CAPS.index(tier.cap) if tier else 0, direct)
        own = tier is not None and CAPS.index(tier.cap) >= direct
        zh = tier.zh if own and tier else CAP_TEXT[CAPS[cap]][0]
        en = tier.en if own and tier else CAP_TEXT[CAPS[cap]][1]
        if tier and warnings > 3:  # “多次被效能告誡”: the top tier's sanction whatever the cap source
            zh, en = lad.tier(top).zh, lad.tier(top).en
        ids = sorted({i for e in es for i in e["findings"]})
        out.append(
            _entry(
                lad.name,
                subject,
                es[0]["dept"],
                period,
                warnings,
                Tier(tier.number if tier else 0, zh, en, 0, CAPS[cap]),
                ids,
                es[0]["_from"],
                es[0]["_to"],
                from_ladders=sorted({e["ladder"] for e in es if e["efficiency_warnings"] or e["rating_cap"]}),
                _o=o,
            )
        )
    return out


def unit_name(book: Any, intake: Any) -> str:
    """The audited unit: the rulebook's ``unit_name`` (or ``office``), else the office the
    registers' title rows name, else the input's name (see Intake.office)."""
    for key in ("office", "unit_name"):
        if book.settings.get(key):
            return str(book.settings[key])
    return str(intake.office)


def _unit(lad: Ladder, d: pd.DataFrame, p: dict[str, Any], book: Any, intakes: Any) -> list[dict[str, Any]]:
    d = d[d["severity"] == "breach"]
    if d.empty:
        return []
    g, ids = _groups(d, ["_o", "window"], flag=d["role"] == "severe")
    rows = zip(g["_o"], g["window"], g["n"], g["flag"], ids, g["w_from"], g["w_to"], strict=True)
    units = {o: unit_name(book, intakes[o]) for o in np.unique(g["_o"])}
    return [
        _entry(lad.name, units[o], None, window, int(n), lad.tier(2 if severe else 1), group_ids, *_bounds(a, b), _o=o)
        for o, window, n, severe, group_ids, a, b in rows
    ]


def _bounds(w_from: Any, w_to: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(w_from), pd.Timestamp(w_to)


def _dept_points(lad: Ladder, d: pd.DataFrame, p: dict[str, Any], book: Any, intakes: Any) -> list[dict[str, Any]]:
    d = d[(d["role"] != "overdue") | (d["status"] == "overdue")].copy()
    if d.empty:
        return []
    named = d["dept"].notna() & (d["dept"].astype(str) != "")
    d["dept"] = d["dept"].where(named, np.where(d["role"] == "leaders", "局领导", "未注明科室"))
    base = lad.tier(1)
    g, ids = _groups(d, ["_o", "dept", "window"])
    out = []
    for o, dept, window, n, group_ids, w_from, w_to in zip(
        g["_o"], g["dept"], g["window"], g["n"], ids, g["w_from"], g["w_to"], strict=True
    ):
        pts = int(n) * p["points"]
        tier = Tier(1, base.zh.format(points=f"{pts:g}"), base.en.format(points=f"{pts:g}"))
        out.append(
            _entry(lad.name, dept, dept, window, int(n), tier, group_ids, *_bounds(w_from, w_to), points=pts, _o=o)
        )
    return out


KINDS: dict[str, Callable[..., list[dict[str, Any]]]] = {
    "count": _count,
    "attendance_month": _attendance_month,
    "attendance_year": _attendance_year,
    "unit": _unit,
    "dept_points": _dept_points,
}
