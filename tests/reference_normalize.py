"""Punches folded into days as they were before the grouping went onto arrays (pandas'
sorted groupby, named aggregations and a join per session): the reference
tests/test_normalize_punches.py holds gov_audit.normalize's folding to (issue 14)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _fold_days(frame: pd.DataFrame, session_split: float | None, midpoint: float) -> pd.DataFrame:
    """Each person's day on each sheet (``_file``, ``_sheet`` are part of the key): first
    and last punch, the sign-in and sign-out times, and whether a punch was unreadable."""
    punch = frame["punch_time"]
    has_date = frame["date"].notna()
    # A punch column holding only a time ("8:53") pairs with the 考勤日期 column.
    only_time = has_date & punch.notna() & (punch.dt.normalize() == pd.Timestamp("1899-12-31"))
    punch = punch.where(~only_time, frame["date"] + (punch - punch.dt.normalize()))
    day = punch.dt.normalize().where(punch.notna(), frame["date"])
    bad_cols = [c for c in frame.columns if c.startswith("_bad_")]
    usable = punch.notna()
    unread = pd.Series(False, index=frame.index)
    if bad_cols:
        unread = frame[bad_cols].any(axis=1)
        usable &= ~unread
    who = frame["staff_id"].where(frame["staff_id"].notna(), frame["name"]).fillna("")
    df = pd.DataFrame(
        {
            "who": who,
            "name": frame["name"],
            "staff_id": frame["staff_id"],
            "dept": frame["dept"],
            "date": day,
            "secs": (punch - punch.dt.normalize()).dt.total_seconds(),
            "_file": frame["_file"],
            "_sheet": frame["_sheet"],
            "_row": frame["_row"],
        }
    )[usable.to_numpy()]
    keys = ["who", "date", "_file", "_sheet"]
    grouped = df.groupby(keys, sort=True, dropna=False)
    daily = grouped.agg(
        name=("name", "first"),
        staff_id=("staff_id", "first"),
        dept=("dept", "first"),
        _row=("_row", "min"),
        first=("secs", "min"),
        last=("secs", "max"),
        count=("secs", "size"),
    ).reset_index()
    if session_split is None:
        lone = daily["count"] == 1
        daily["sign_in"] = daily["first"].where(~lone | (daily["first"] < midpoint))
        daily["sign_out"] = daily["last"].where(~lone | (daily["last"] >= midpoint))
        daily["sign_in2"] = np.nan
        daily["sign_out2"] = np.nan
    else:
        am = df[df["secs"] < session_split].groupby(keys, dropna=False)["secs"].agg(["min", "max", "size"])
        pm = df[df["secs"] >= session_split].groupby(keys, dropna=False)["secs"].agg(["min", "max", "size"])
        daily = daily.join(am.add_prefix("am_"), on=keys).join(pm.add_prefix("pm_"), on=keys)
        daily["sign_in"] = daily["am_min"]
        daily["sign_out"] = daily["am_max"].where(daily["am_size"] > 1)
        daily["sign_in2"] = daily["pm_min"].where(daily["pm_size"] > 1)
        daily["sign_out2"] = daily["pm_max"]
    # A day with a punch we could not read is still a day on record, but not one to
    # judge: its remaining punches could make a false lateness (the error says why).
    bad_days = pd.DataFrame(
        {
            "who": who,
            "date": frame["date"].where(frame["date"].notna(), day),
            "_file": frame["_file"],
            "_sheet": frame["_sheet"],
            "_row": frame["_row"],
            "name": frame["name"],
            "staff_id": frame["staff_id"],
            "dept": frame["dept"],
        }
    )[unread.to_numpy()]
    bad_days = bad_days[bad_days["date"].notna()]
    if len(bad_days):
        hit = daily.set_index(keys).index.isin(bad_days.set_index(keys).index)
        daily = daily[~hit]
        extra = (
            bad_days.groupby(keys, sort=True, dropna=False)
            .agg(name=("name", "first"), staff_id=("staff_id", "first"), dept=("dept", "first"), _row=("_row", "min"))
            .reset_index()
        )
        for c in ("sign_in", "sign_out", "sign_in2", "sign_out2"):
            extra[c] = np.nan
        extra["_unread"] = True
        daily = pd.concat([daily.assign(_unread=False), extra], ignore_index=True)
    else:
        daily = daily.assign(_unread=False)
    return daily
