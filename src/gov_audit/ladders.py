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

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from . import grouping
from .rules import LADDERS, feeders
from .rules.base import money
from .rules.ladder import CAP_TEXT, CAPS, Ladder, Tier

LADDER_DEFAULTS: dict[str, dict[str, Any]] = {name: dict(lad.params) for name, lad in LADDERS.items()}
# The findings' columns a ladder reads: which rule, its verdict, who, which department,
# when, the days absent, and the finding's id that the entry cites.
LADDER_COLUMNS = ("rule", "status", "severity", "subject", "dept", "date", "absent_days", "id")


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
    codes, rules = pd.factorize(f["rule"].to_numpy(dtype=object))
    role = np.array([roles.get(r) for r in rules] + [None], dtype=object)[codes]  # (code -1: a blank rule)
    kept = np.flatnonzero(role != None)  # noqa: E711  (elementwise)
    sel = f.take(kept)
    sel["role"] = role[kept]
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
    # The ladders count findings by who, when and which rule; any other column (a rule's
    # own fields, some 60 across the rules, and the evidence: file, row, due date...) would
    # only be copied along by every filter and sort here.
    parts = [f[list(LADDER_COLUMNS)] for f in findings]
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


def _column(f: pd.DataFrame, name: str) -> np.ndarray:
    return f[name].to_numpy(dtype=object)


def _dates(f: pd.DataFrame) -> np.ndarray:
    return pd.to_datetime(f["date"], errors="coerce").to_numpy(dtype="datetime64[ns]")


def _sums(values: np.ndarray, starts: np.ndarray) -> list[float]:
    """Each group's sum, correctly rounded (``math.fsum``): the same whatever the order of
    the group's rows, where a running sum of days such as 0.1 is not."""
    return [math.fsum(g) for g in grouping.split(values, starts)]


def _first_dept(dept: np.ndarray, date: np.ndarray, order: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each group's department (rows ``order``, groups starting at ``starts``): that of its
    earliest finding with one (undated last, then the least name), whatever order the
    register's rows were in (the row order once decided it).  None if no finding has one."""
    text = dept.astype(str).astype(object)
    text[pd.isna(dept)] = None
    day = date.view(np.int64)
    day = np.where(day == np.iinfo(np.int64).min, np.iinfo(np.int64).max, day)  # NaT sorts last
    return grouping.least(text, order, starts, first_by=day)


def _count(lad: Ladder, f: pd.DataFrame, params: dict[str, Any], book: Any, intakes: Any) -> list[dict[str, Any]]:
    if f.empty:
        return []
    o, subject, window = f["_o"].to_numpy(), _column(f, "subject"), _column(f, "window")
    order, starts = grouping.sorted_groups([o, subject, window])
    if not len(order):
        return []
    first = order[starts]
    n = grouping.sizes(order, starts)
    # Steps are declared highest first: the tier is the highest step the count reaches.
    at_least = np.array([k for k, _ in lad.steps][::-1])
    step = np.searchsorted(at_least, n, side="right") - 1
    if (step < 0).any():
        raise ValueError(f"ladder {lad.name}: a count below its lowest step")
    tiers = [t for _, t in lad.steps][::-1]
    dept = _first_dept(_column(f, "dept"), _dates(f), order, starts)
    ids = grouping.split(_column(f, "id")[order], starts)
    w_from, w_to = f["w_from"].to_numpy()[first], f["w_to"].to_numpy()[first]
    rows = zip(o[first], subject[first], dept, window[first], n, step, ids, w_from, w_to, strict=True)
    out = []
    for o_, subject_, dept_, window_, n_, at, group_ids, a, b in rows:
        tier = tiers[at]
        warnings = max(int(n_) - 1, 0) if lad.repeat_warnings else tier.warnings
        out.append(
            _entry(
                lad.name,
                subject_,
                dept_,
                window_,
                int(n_),
                Tier(tier.number, tier.zh, tier.en, warnings, tier.cap),
                group_ids,
                *_bounds(a, b),
                _o=o_,
            )
        )
    return out


def _absent_days(f: pd.DataFrame, role: np.ndarray) -> np.ndarray:
    days = pd.to_numeric(f["absent_days"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.where((role == "absence") & ~np.isnan(days), days, 0.0)


def _attendance_month(
    lad: Ladder, att: pd.DataFrame, p: dict[str, Any], book: Any, intakes: Any
) -> list[dict[str, Any]]:
    if att.empty:
        return []
    role = _column(att, "role")
    month = _dates(att).astype("datetime64[M]")
    label = np.datetime_as_string(month, unit="M").astype(object)
    label[np.isnat(month)] = None  # (an undated finding is in no month)
    o, subject = att["_o"].to_numpy(), _column(att, "subject")
    # (then by id: an entry of these ladders lists its findings in id order)
    order, starts = grouping.sorted_groups([o, subject, label], then=_column(att, "id"))
    if not len(order):
        return []
    first = order[starts]
    n = np.add.reduceat((role == "late").astype(int)[order], starts)
    a = np.array(_sums(_absent_days(att, role)[order], starts))
    tier = np.select(
        [
            (n >= p["welfare_n"]) | (a > p["cancel_days"]),
            (n >= p["cancel_n"]) | (a >= p["cancel_days"]),
            (n >= p["half_allowance_n"]) | (a >= p["half_allowance_days"]),
        ],
        [3, 2, 1],
        0,
    )
    dept = grouping.least(_column(att, "dept"), order, starts)
    ids = grouping.split(_column(att, "id")[order], starts)
    begins = month[first]
    ends = (begins + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    staff = {o_: _staff_money(intakes[o_]) for o_ in np.unique(o[first][tier > 0])}
    out = []
    rows = zip(o[first], subject[first], label[first], n, a, dept, tier, ids, begins, ends, strict=True)
    for o_, subject_, month_, n_, a_, dept_, t_, group_ids, begin, end in rows:
        if not t_:
            continue
        allowance, welfare = staff[o_].get(subject_, (None, None))
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
                subject_,
                dept_,
                month_,
                int(n_),
                Tier(int(t_), zh, en),
                group_ids,
                *_bounds(begin, end),
                absent_days=float(a_),
                amount_yuan=None if amount is None else round(float(amount), 2),
                _o=o_,
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
    role = _column(att, "role")
    o, subject, window = att["_o"].to_numpy(), _column(att, "subject"), _column(att, "window")
    order, starts = grouping.sorted_groups([o, subject, window], then=_column(att, "id"))
    if not len(order):
        return []
    first = order[starts]
    c = np.add.reduceat(np.isin(role, ["late", "absence"]).astype(int)[order], starts)
    a = np.array(_sums(_absent_days(att, role)[order], starts))
    dismiss = np.logical_or.reduceat((role == "dismissal")[order], starts)
    tier = np.select(
        [dismiss, (c > 4) | (a > 1), (c >= 3) | (a >= 1), (c >= 2) | (a >= 0.5), c >= 1], [5, 4, 3, 2, 1], 0
    )
    dept = grouping.least(_column(att, "dept"), order, starts)
    ids = grouping.split(_column(att, "id")[order], starts)
    w_from, w_to = att["w_from"].to_numpy()[first], att["w_to"].to_numpy()[first]
    rows = zip(o[first], subject[first], window[first], c, tier, dept, w_from, w_to, a, ids, strict=True)
    return [
        _entry(
            lad.name,
            subject_,
            dept_,
            window_,
            int(c_),
            lad.tier(int(t_)),
            group_ids,
            *_bounds(w_from_, w_to_),
            absent_days=float(a_),
            _o=o_,
        )
        for o_, subject_, window_, c_, t_, dept_, w_from_, w_to_, a_, group_ids in rows
        if t_
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
    breach = np.flatnonzero(_column(d, "severity") == "breach")
    if not len(breach):
        return []
    o, window = d["_o"].to_numpy()[breach], _column(d, "window")[breach]
    order, starts = grouping.sorted_groups([o, window])
    if not len(order):
        return []
    first = order[starts]
    severe = np.logical_or.reduceat((_column(d, "role")[breach] == "severe")[order], starts)
    ids = grouping.split(_column(d, "id")[breach][order], starts)
    w_from, w_to = d["w_from"].to_numpy()[breach][first], d["w_to"].to_numpy()[breach][first]
    units = {o_: unit_name(book, intakes[o_]) for o_ in np.unique(o[first])}
    rows = zip(o[first], window[first], grouping.sizes(order, starts), severe, ids, w_from, w_to, strict=True)
    return [
        _entry(lad.name, units[o_], None, w, int(n), lad.tier(2 if s else 1), group_ids, *_bounds(a, b), _o=o_)
        for o_, w, n, s, group_ids, a, b in rows
    ]


def _bounds(w_from: Any, w_to: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(w_from), pd.Timestamp(w_to)


def _dept_points(lad: Ladder, d: pd.DataFrame, p: dict[str, Any], book: Any, intakes: Any) -> list[dict[str, Any]]:
    role, status = _column(d, "role"), _column(d, "status")
    kept = np.flatnonzero((role != "overdue") | (status == "overdue"))
    if not len(kept):
        return []
    role, dept = role[kept], _column(d, "dept")[kept]
    named = pd.notna(dept) & (dept.astype(str) != "")
    dept = np.where(named, dept, np.where(role == "leaders", "局领导", "未注明科室").astype(object))
    o, window = d["_o"].to_numpy()[kept], _column(d, "window")[kept]
    order, starts = grouping.sorted_groups([o, dept, window])
    if not len(order):
        return []
    first = order[starts]
    base = lad.tier(1)
    ids = grouping.split(_column(d, "id")[kept][order], starts)
    w_from, w_to = d["w_from"].to_numpy()[kept][first], d["w_to"].to_numpy()[kept][first]
    out = []
    rows = zip(o[first], dept[first], window[first], grouping.sizes(order, starts), ids, w_from, w_to, strict=True)
    for o_, dept_, window_, n, group_ids, a, b in rows:
        pts = int(n) * p["points"]
        tier = Tier(1, base.zh.format(points=f"{pts:g}"), base.en.format(points=f"{pts:g}"))
        out.append(_entry(lad.name, dept_, dept_, window_, int(n), tier, group_ids, *_bounds(a, b), points=pts, _o=o_))
    return out


KINDS: dict[str, Callable[..., list[dict[str, Any]]]] = {
    "count": _count,
    "attendance_month": _attendance_month,
    "attendance_year": _attendance_year,
    "unit": _unit,
    "dept_points": _dept_points,
}
