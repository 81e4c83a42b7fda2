"""Periods for periodic duties: which months, quarters, half-years, years or ISO weeks
lie wholly inside the audited range, and their labels (``2026-09``, ``2026Q3``,
``2026H2``, ``2026``, ``2026-W38``).

A register says nothing about the time before its first entry: the window judged
starts at the later of ``--since`` and the start of the period holding the register's
first date, and ends at the earlier of ``--until`` and the as-of day.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .base import Context


def period_label(dates: pd.Series, kind: str) -> pd.Series:
    """The label of the period of ``kind`` each of ``dates`` falls in, on ``dates``' index.

    Each distinct date is labelled once and the labels spread back: a register repeats its
    dates (a county's 19,280 meetings fall on a few hundred days), and pandas' date
    formatting runs a Python call per value."""
    d = pd.to_datetime(dates)
    # (a NaT is one of the distinct values: whether there is one sets the labels' type)
    codes, distinct = pd.factorize(d, use_na_sentinel=False)
    if len(distinct) == len(d):
        return labels_of(d, kind)
    out = labels_of(pd.Series(distinct, name=d.name), kind).take(codes)
    out.index = d.index
    return out


def labels_of(d: pd.Series, kind: str) -> pd.Series:
    """``period_label`` value by value (dates already as datetimes)."""
    if kind == "month":
        return d.dt.strftime("%Y-%m")
    if kind == "quarter":
        return d.dt.year.astype(str) + "Q" + d.dt.quarter.astype(str)
    if kind == "half":
        return d.dt.year.astype(str) + "H" + np.where(d.dt.month <= 6, "1", "2")
    if kind == "year":
        return d.dt.year.astype(str)
    if kind == "week":
        iso = d.dt.isocalendar()
        return iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    raise ValueError(kind)


def _period_start(day: pd.Timestamp, kind: str) -> pd.Timestamp:
    if kind == "month":
        return day.replace(day=1)
    if kind == "quarter":
        return pd.Timestamp(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if kind == "half":
        return pd.Timestamp(day.year, 1 if day.month <= 6 else 7, 1)
    if kind == "year":
        return pd.Timestamp(day.year, 1, 1)
    if kind == "week":
        return day - pd.Timedelta(days=day.weekday())
    raise ValueError(kind)


def window_start(ctx: Context, kind: str, first_date: pd.Timestamp | None = None) -> pd.Timestamp:
    """The first day judged for periods of ``kind`` of a register whose first date is
    ``first_date``: the later of ``--since`` and the start of that date's period."""
    if first_date is None or pd.isna(first_date):
        return ctx.since
    return max(ctx.since, _period_start(pd.Timestamp(first_date).normalize(), kind))


def whole_periods(ctx: Context, kind: str, first_date: pd.Timestamp | None = None) -> pd.DataFrame:
    """Periods of ``kind`` wholly inside the judged window: label, start, end."""
    lo = window_start(ctx, kind, first_date)
    hi = min(ctx.until, ctx.as_of)
    if hi < lo:
        return pd.DataFrame(columns=["label", "start", "end"])
    # The same few windows come back for every duty of an office (and every office of a
    # county): built once, handed out as copies.  Keyed by how text is held too: a
    # county's worker audits small offices (Python strings) and large ones (Arrow), and
    # the labels must be held as the office's other text is (intake.text_storage).
    return _periods_between(kind, lo, hi, pd.get_option("mode.string_storage")).copy()


def office_periods(ctx: Context, kind: str, firsts: pd.Series) -> pd.DataFrame:
    """Each office's whole periods of ``kind`` (``whole_periods`` from the office's own first
    date, ``firsts`` indexed by office): _o, label, start, end, office by office, each
    office's periods in order."""
    periods = whole_periods(ctx, kind, firsts.min())
    starts = np.array([window_start(ctx, kind, d) for d in firsts], dtype="datetime64[ns]")
    at_office, at_period = np.nonzero(periods["start"].to_numpy(dtype="datetime64[ns]")[None, :] >= starts[:, None])
    out = periods.iloc[at_period].reset_index(drop=True)
    out.insert(0, "_o", firsts.index.to_numpy()[at_office])
    return out


@lru_cache(maxsize=1024)
def _periods_between(kind: str, lo: pd.Timestamp, hi: pd.Timestamp, storage: str) -> pd.DataFrame:
    if kind == "week":
        starts = pd.date_range(lo + pd.Timedelta(days=(7 - lo.weekday()) % 7), hi, freq="7D")
        ends = starts + pd.Timedelta(days=6)
    else:
        step = {"month": 1, "quarter": 3, "half": 6, "year": 12}[kind]
        first = _period_start(lo, kind)
        if first < lo:
            first = first + pd.DateOffset(months=step)
        starts = pd.date_range(first, hi, freq=f"{step}MS")
        ends = starts + pd.DateOffset(months=step) - pd.Timedelta(days=1)
    keep = ends <= hi
    starts, ends = starts[keep], ends[keep]
    return pd.DataFrame({"label": period_label(pd.Series(starts), kind).to_numpy(), "start": starts, "end": ends})


_PERIOD_RE = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.年]?\s*(?:(\d{1,2})\s*月?|[Qq第]\s*(\d)\s*季?度?|[Hh]\s*(\d)|(上|下)半年))?\s*$"
)


def parse_period(text: pd.Series, kind: str) -> pd.Series:
    """A 所属期 cell (2026-09, 2026年9月, 2026Q3, 2026年第3季度, 2026H2, 2026下半年, 2026) as the
    label of ``kind``; None where it does not name such a period."""
    parts = text.fillna("").astype(str).str.extract(_PERIOD_RE)
    year, month, quarter, half, half_zh = (parts[i] for i in range(5))
    half = half.where(half.notna(), half_zh.map({"上": "1", "下": "2"}))
    out = pd.Series(None, index=text.index, dtype=object)
    has_year = year.notna()
    if kind == "year":
        out[has_year] = year[has_year]
    elif kind == "month":
        ok = has_year & month.notna()
        out[ok] = year[ok] + "-" + month[ok].str.zfill(2)
    elif kind == "quarter":
        q = quarter.where(
            quarter.notna(), ((pd.to_numeric(month, errors="coerce") - 1) // 3 + 1).astype("Int64").astype(str)
        )
        ok = has_year & q.notna() & (q != "<NA>")
        out[ok] = year[ok] + "Q" + q[ok]
    elif kind == "half":
        ok = has_year & half.notna()
        out[ok] = year[ok] + "H" + half[ok]
    return out
