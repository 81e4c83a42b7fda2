"""Attendance 考勤: lateness, early leaving, absence, missing punches, the dismissal threshold.

All five rules read one judgement of the attendance register, computed once per audit
(``judge``) and vectorized over every record and every expected person-day: the
working days from the register's first to its last date (never after the as-of day),
for every name in the attendance register and in the staff register.

Clause (003 考勤制度):
 2 “上班時間10分鐘內為簽到時間”;
 3 “上班時間10分鐘以上、15分鐘以內未到位的，視為遲到；提前下班不足15分鐘的，視為早退；
   擅自離崗超過半小時或遲到、早退超過15分鐘的，視為缺勤”;
 6 “因有事、有病不能上班的必須事先請假……否則視為缺勤”.

Interpretations, written once here for the whole family:
* A punch is truncated to its minute first (the time a clerk sees), then compared:
  08:40:59 is 08:40, 10 minutes after 08:30, on time; 08:41 is late; a sign-out at
  17:14:30 is 17:14, 16 minutes early, exactly as 17:14:00 is.
* Leave excuses the hours it covers, not the day: leave covering a whole session
  excuses it; leave covering its start or end moves that bound (morning leave on a
  one-session day starts the afternoon at 13:00); a morning's leave with no record
  leaves the afternoon absent (0.5 day).
* Leaving exactly 15 minutes early is neither “不足15分鐘” nor “超過15分鐘”: the lesser
  reading applies and it is early leaving (ATT002), not absence.
* A lateness, early leaving or off-post time that counts as absence (“視為缺勤”) costs the
  session it happened in: ``absent_session_days`` (0.5 day) by default.
* A day's record with no punch at all is a day's absence; with one punch of a session
  missing, that half is absent (ATT004).
* Leave excuses the sessions it covers when it is official business (出差 公出 学习) or
  was filed in time: by the due date LEV003 computes (its ``days`` after the start,
  counted legally, so a limit ending in a holiday rolls past it); late-filed leave
  excuses nothing.  The old key ``leave_filed_within_days`` of the attendance rules is
  read as ``[rules.LEV003] days``.
* Records on rest days and holidays (overtime) are not judged; a 调休 Saturday is a
  working day and a missing record there is an absence.
* With a two-session schedule and a register holding only one sign-in and one sign-out
  per day, the sign-in is judged against the morning start and the sign-out against the
  afternoon end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import register
from .base import (
    Context,
    Example,
    Rule,
    each_office,
    empty_findings,
    extra_fields,
    findings_from,
    hhmm,
    name_offices,
    office_codes,
)
from .ladder import Ladder, Tier

if TYPE_CHECKING:
    from ..normalize import RegisterData

BUSINESS_KINDS = ("出差", "公出", "学习", "培训", "公务")
SESSION_ZH = {1: "上午", 2: "下午"}
SESSION_EN = {1: "morning", 2: "afternoon"}
ATTENDANCE_CLAUSE = "003 考勤制度 2、3、6"


class SessionTable:
    """Judged record-sessions as columns; a frame is built only for the rows a rule selects.

    A million-row frame with twenty columns costs more to build than the judgement
    itself, and each rule needs only its few hundred findings."""

    def __init__(self, parts: list[dict[str, Any]]):
        self.parts = parts

    def __len__(self) -> int:
        return sum(len(p["_row"]) for p in self.parts)

    @property
    def empty(self) -> bool:
        return len(self) == 0

    def __getitem__(self, key):
        if isinstance(key, str):
            # A part may hold one value for all its rows (a scalar): spread it over them.
            columns = [np.broadcast_to(np.asarray(p[key]), len(p["_row"])) for p in self.parts]
            return np.concatenate(columns) if self.parts else np.zeros(0)
        mask = np.asarray(key, dtype=bool)
        frames, start = [], 0
        for p in self.parts:
            n = len(p["_row"])
            idx = np.flatnonzero(mask[start : start + n])
            start += n
            if len(idx):
                frames.append(
                    pd.DataFrame(
                        {
                            k: (
                                v.take(idx).reset_index(drop=True)
                                if isinstance(v, pd.Series)
                                else (np.asarray(v)[idx] if np.ndim(v) else v)
                            )
                            for k, v in p.items()
                        }
                    )
                )
        if not frames:
            return pd.DataFrame({k: pd.Series(dtype=object) for k in (self.parts[0] if self.parts else {})})
        return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


@dataclass
class AttendanceJudgement:
    sessions: SessionTable  # one entry per judged record-session: minutes late/early, punches, absence
    missing_days: pd.DataFrame  # expected person-days with no record and no excusing leave
    daily_absence: pd.DataFrame  # person, date, absent days (for ATT005)


def _identity(a):
    return a


def _taker(sel):
    return lambda a: a[sel]


def _constant(n: int, value: float) -> np.ndarray:
    """``n`` copies of one float, as a read-only view of a single value."""
    return np.broadcast_to(np.float64(value), n)


def schedule_columns(ctx: Context, dates: pd.Series) -> dict[str, np.ndarray]:
    """Session bounds in force on each date: S1, E1, S2, E2 (seconds; NaN for one session)."""
    default = ctx.schedules[0].sessions if ctx.schedules else [(8.5 * 3600, 17.5 * 3600)]
    n = len(dates)

    def fill(sessions):
        s2 = sessions[1] if len(sessions) > 1 else (np.nan, np.nan)
        return [sessions[0][0], sessions[0][1], s2[0], s2[1]]

    if len(ctx.schedules) <= 1:
        # One schedule all year: each bound one value, seen as a read-only column (a
        # million-row copy each otherwise).  Nothing writes into the bounds; a shift for
        # leave copies them first.
        return {c: _constant(n, v) for c, v in zip(("S1", "E1", "S2", "E2"), fill(default), strict=True)}
    arr = np.tile(np.asarray(fill(default), dtype=float), (n, 1))
    if n:
        md = (dates.dt.month * 100 + dates.dt.day).to_numpy()
        for season in ctx.schedules[1:]:
            assert season.start is not None and season.end is not None, "a seasonal schedule has its dates"
            a = season.start.month * 100 + season.start.day
            b = season.end.month * 100 + season.end.day
            inside = ((md >= a) & (md <= b)) if a <= b else ((md >= a) | (md <= b))
            arr[inside] = fill(season.sessions)
    return {c: arr[:, i] for i, c in enumerate(("S1", "E1", "S2", "E2"))}


def leave_cover(ctx: Context) -> pd.DataFrame:
    """(_o, name, date, cover_from, cover_to): the part of each day excused by leave, in
    seconds; ``_o`` is the office of the leave (``office_codes``; 0 for one office's register).

    Made once per audit (``ctx.cache``): the attendance judgement, the leave family and the
    A/B post rules all read it, and it depends only on the leave register, the calendar
    and LEV003's filing limit.  Readers must not write into it."""
    limit = (ctx.params_of("LEV003") if ctx.params_of else {"days": 7})["days"]
    key = ("leave_cover", id(ctx.registers.get("leave")), limit)
    if key not in ctx.cache:
        ctx.cache[key] = _leave_cover(ctx)
    return ctx.cache[key]


def _leave_cover(ctx: Context) -> pd.DataFrame:
    cols = ["_o", "name", "date", "cover_from", "cover_to"]
    if "leave" not in ctx.registers:
        return pd.DataFrame(columns=cols)
    data = ctx.registers["leave"]
    lv = data.valid(("start", "end", "filed", "kind"))
    lv = lv[lv["start"].notna() & lv["end"].notna() & (lv["end"] >= lv["start"])]
    kind = lv["kind"].fillna("事假").astype(str)
    business = kind.str.contains("|".join(BUSINESS_KINDS))
    from .leave import filing_due

    # One limit, counted one way: the same due date LEV003 judges (rolled past holidays).
    due = filing_due(ctx, lv["start"])
    in_time = lv["filed"].isna() | (lv["filed"].dt.normalize() <= due)
    lv = lv[business | in_time]
    if lv.empty:
        return pd.DataFrame(columns=cols)
    first = lv["start"].dt.normalize()
    last = lv["end"].dt.normalize()
    span = ((last - first).dt.days + 1).clip(upper=400).to_numpy()
    idx = np.repeat(np.arange(len(lv)), span)
    offset = np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
    day = first.to_numpy()[idx] + offset.astype("timedelta64[D]")
    start_t = (lv["start"] - first).dt.total_seconds().to_numpy()[idx]
    end_t = (lv["end"] - last).dt.total_seconds().to_numpy()[idx]
    is_first = offset == 0
    is_last = day == last.to_numpy()[idx]
    cover_from = np.where(is_first, start_t, 0.0)
    # A leave ending on a bare date runs to the end of that day.
    cover_to = np.where(is_last & (end_t > 0), end_t, 86400.0)
    out = pd.DataFrame(
        {
            "_o": each_office(data, lv)[idx],
            "name": lv["name"].to_numpy()[idx],
            "date": day,
            "cover_from": cover_from,
            "cover_to": cover_to,
        }
    )
    return out.groupby(["_o", "name", "date"], as_index=False).agg(
        cover_from=("cover_from", "min"), cover_to=("cover_to", "max")
    )


def _recorded_halves(rec: pd.DataFrame) -> dict[str, pd.Series]:
    """Morning and afternoon codes of each record's status (status2 is the afternoon's)."""
    from ..attendance_status import split_halves

    one = split_halves(rec["status"].reset_index(drop=True))
    two = split_halves(rec["status2"].reset_index(drop=True))
    has2 = two["pm"].notna()
    return {
        "am": one["am"].where(one["am"].notna(), two["am"]),
        "am_min": one["am_min"],
        "pm": two["pm"].where(has2, one["pm"]),
        "pm_min": two["pm_min"].where(has2, one["pm_min"]),
        "text": _recorded_text(rec),
    }


def _recorded_text(rec: pd.DataFrame) -> pd.Series:
    """The verdicts as the office or app wrote them ("迟到12分钟", "旷"), for the evidence."""
    one = rec["_raw_status"] if "_raw_status" in rec else rec["status"]
    two = rec["_raw_status2"] if "_raw_status2" in rec else rec["status2"]
    one, two = one.reset_index(drop=True), two.reset_index(drop=True)
    both = one.notna() & two.notna() & (one != two)
    return one.where(~both, one.astype(str) + "/" + two.astype(str)).where(one.notna(), two)


def _status_cover(halves: dict[str, pd.Series], cf: np.ndarray, ct: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Leave, trips and rest the office recorded count as leave covering that half."""
    from ..attendance_status import EXCUSED

    am = halves["am"].isin(EXCUSED).to_numpy()
    pm = halves["pm"].isin(EXCUSED).to_numpy()
    if not (am.any() or pm.any()):
        return cf, ct
    s_from = np.where(am, 0.0, np.where(pm, NOON, np.nan))
    s_to = np.where(pm, 86400.0, np.where(am, NOON, np.nan))
    has = ~np.isnan(s_from)
    return (np.where(has, np.fmin(cf, s_from), cf), np.where(has, np.fmax(ct, s_to), ct))


def _status_part(
    rec: pd.DataFrame, halves: dict[str, pd.Series], mask: np.ndarray, two: np.ndarray, p: dict
) -> dict[str, object]:
    """Judged sessions for the days known only by a recorded status (a grid's symbol, an
    app's verdict): the minutes a verdict carries are judged against the rulebook's
    thresholds, not the app's; a lateness without minutes is a lateness."""
    idx = np.flatnonzero(mask)
    am, pm = halves["am"].to_numpy()[idx], halves["pm"].to_numpy()[idx]
    am_min = halves["am_min"].to_numpy(dtype=float)[idx]
    pm_min = halves["pm_min"].to_numpy(dtype=float)[idx]
    grace, late_max, half = p["grace_minutes"], p["absent_after_minutes"], p["absent_session_days"]
    with np.errstate(invalid="ignore"):
        flags = {
            "late": (am == "late") & (np.isnan(am_min) | ((am_min > grace) & (am_min <= late_max))),
            "late_absent": (am == "late") & (am_min > late_max),
            "early": (pm == "early") & (np.isnan(pm_min) | ((pm_min > 0) & (pm_min <= late_max))),
            "early_absent": (pm == "early") & (pm_min > late_max),
            "off_absent": np.zeros(len(idx), dtype=bool),
            "missing_punch": (am == "missing_in") | (pm == "missing_out"),
            "session_absent": np.zeros(len(idx), dtype=bool),
            "day_absent": (am == "absent") | (pm == "absent"),
        }
    weight = 0.5 * (am == "absent") + 0.5 * (pm == "absent")
    absent = (
        flags["late_absent"].astype(float)
        + flags["early_absent"]
        + ((am == "missing_in").astype(float))
        + (pm == "missing_out")
    ) * half + weight
    cols = {
        c: rec[c].reset_index(drop=True).take(idx).reset_index(drop=True)
        for c in ("name", "dept", "date", "_file", "_sheet", "_row")
    }
    n = len(idx)
    return {
        **cols,
        "blank_day": np.zeros(n, dtype=bool),
        "two": np.zeros(n, dtype=bool),
        "session": np.ones(n, dtype=int),
        "S": np.full(n, np.nan),
        "E": np.full(n, np.nan),
        "in": np.full(n, np.nan),
        "out": np.full(n, np.nan),
        "late_min": am_min,
        "early_min": pm_min,
        "off_post": np.full(n, np.nan),
        **flags,
        "absent_days": absent,
        "basis": np.full(n, "status"),
        "recorded": halves["text"].take(idx).reset_index(drop=True),
    }


# A one-session day (08:30–17:30) still has a morning and an afternoon: half-day leave
# ends or starts at the midday break.
NOON, AFTERNOON = 12 * 3600.0, 13 * 3600.0


def _covers(cf: np.ndarray, ct: np.ndarray, S: np.ndarray, E: np.ndarray) -> np.ndarray:
    """Leave covering the whole session [S, E]."""
    with np.errstate(invalid="ignore"):
        return ~np.isnan(cf) & ~np.isnan(S) & (cf <= S) & (ct >= E)


def shift_for_leave(cf, ct, S, E, one_session) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Session bounds left to judge once leave [cf, ct] is excused, and whether half a
    one-session day was taken off.

    Leave covering the start moves the start to its end; covering the end moves the end
    to its start.  On a one-session day a leave that ends in the midday break (12:00–13:00)
    starts the afternoon at 13:00, and one that starts in it ends the morning at 12:00:
    morning leave 08:30–12:00 then a sign-in at 13:00 is on time, a sign-out at 15:00 is
    150 minutes early.  Leave inside the session (10:00–11:00) moves nothing.
    """
    with np.errstate(invalid="ignore"):
        has = ~np.isnan(cf) & ~np.isnan(S)
    halved = np.zeros(len(S), dtype=bool)
    at = np.flatnonzero(has)
    if not len(at):  # nobody on leave: nothing moves (and no million-row temporaries)
        return S, E, halved
    # Only the rows with leave are worked on: a few per cent of a register.
    cf, ct, s, e = cf[at], ct[at], S[at], E[at]
    one = np.broadcast_to(one_session, S.shape)[at]
    with np.errstate(invalid="ignore"):
        at_start = (cf <= s) & (ct > s) & (ct < e)
        at_end = (ct >= e) & (cf < e) & (cf > s)
        spans_lunch = one & (s < NOON) & (e > AFTERNOON)
        new_start = np.where(spans_lunch & (ct >= NOON) & (ct <= AFTERNOON), AFTERNOON, ct)
        new_end = np.where(spans_lunch & (cf >= NOON) & (cf <= AFTERNOON), NOON, cf)
        s2 = np.where(at_start, new_start, s)
        e2 = np.where(at_end, new_end, e)
        halved[at] = spans_lunch & ((at_start & (s2 >= AFTERNOON - 1)) | (at_end & (e2 <= NOON + 1)))
    S2, E2 = S.copy(), E.copy()
    S2[at], E2[at] = s2, e2
    return S2, E2, halved


def judge(ctx: Context) -> AttendanceJudgement:
    family = {k: ctx.params[k] for k in _AttendanceRule.params}
    cache_key = ("attendance", id(ctx.registers.get("attendance")), tuple(sorted(family.items())))
    if cache_key in ctx.cache:
        return ctx.cache[cache_key]
    data = ctx.registers["attendance"]
    cover = leave_cover(ctx)
    # The sessions are judged in their own frame: its million-row temporaries (schedule,
    # leave bounds, punches) are gone before the missing-day grid is built (peak memory).
    sessions = _judge_sessions(ctx, data, cover)
    # Every row with a date is a record of that day, even one whose times could not be
    # read (that is an input error, never an absence).
    missing = _missing_days(ctx, data, cover)  # (no copy: a row with no date marks nothing)
    daily = _daily_absence(sessions, missing)
    result = AttendanceJudgement(sessions, missing, daily)
    ctx.cache[cache_key] = result
    return result


def _judge_sessions(ctx: Context, data: RegisterData, cover: pd.DataFrame) -> SessionTable:
    """Each record's sessions judged against the schedule, leave and recorded statuses."""
    p = ctx.params
    f = data.valid(("date", "sign_in", "sign_out", "sign_in2", "sign_out2", "off_post", "status", "status2"))
    judged_cols = [
        "name",
        "dept",
        "date",
        "sign_in",
        "sign_out",
        "sign_in2",
        "sign_out2",
        "off_post",
        "status",
        "status2",
        *(c for c in ("_raw_status", "_raw_status2") if c in f),
        "_file",
        "_sheet",
        "_row",
    ]
    days = f["date"].to_numpy(dtype="datetime64[D]")
    keep = ~np.isnat(days) & (days <= np.datetime64(ctx.as_of.date(), "D"))
    if keep.all():
        keep = ctx.calendar.is_workday(days)
    elif keep.any():
        keep[keep] = ctx.calendar.is_workday(days[keep])
    # Only the judged columns are copied, and only when rows are left out: a register
    # judged whole is read in place (a million-row copy otherwise).
    rec = f.loc[keep, judged_cols] if not keep.all() else f
    # Several offices' records: a person is an office's, and so is a leave (one office's register: no key).
    office = office_codes(data, rec.index)
    sched = schedule_columns(ctx, rec["date"])
    if len(cover):
        cover = cover.assign(date=pd.to_datetime(cover["date"]).astype("datetime64[ns]"))
        if office is None:
            cov = rec[["name", "date"]].merge(cover, on=["name", "date"], how="left")
        else:
            cov = rec[["name", "date"]].assign(_o=office).merge(cover, on=["_o", "name", "date"], how="left")
        cf, ct = cov["cover_from"].to_numpy(dtype=float), cov["cover_to"].to_numpy(dtype=float)
    else:
        cf = ct = _constant(len(rec), np.nan)
    # Recorded statuses (grids, app verdicts): a punch register has none and pays nothing.
    has_status = bool({"status", "status2"} & data.present) and bool(
        rec["status"].notna().any() or rec["status2"].notna().any()
    )
    halves = _recorded_halves(rec) if has_status else None
    if halves is not None:
        cf, ct = _status_cover(halves, cf, ct)
    S1, E1, S2, E2 = (sched[k] for k in ("S1", "E1", "S2", "E2"))
    if not ({"sign_in2", "sign_out2"} & data.present):
        # A register with one sign-in and one sign-out a day, under a two-session
        # schedule: judge the sign-in against the morning start and the sign-out against
        # the afternoon end, as one session.
        E1 = np.where(np.isnan(S2), E1, E2)
        S2 = E2 = _constant(len(rec), np.nan)
    # Plain arrays from here on: a million-row frame copied per step costs more than the logic.
    sin, sout = rec["sign_in"].to_numpy(dtype=float), rec["sign_out"].to_numpy(dtype=float)
    sin2, sout2 = rec["sign_in2"].to_numpy(dtype=float), rec["sign_out2"].to_numpy(dtype=float)
    two = ~np.isnan(S2)
    # Leave excuses the hours it covers, not the whole day (see shift_for_leave).
    whole1 = _covers(cf, ct, S1, E1)
    whole2 = _covers(cf, ct, S2, E2)
    # One-session schedule: the day's first and last punch.
    if {"sign_in2", "sign_out2"} & data.present:
        last_punch = np.fmax(sout, sin2)
        np.fmax(last_punch, sout2, out=last_punch)
    else:  # no afternoon punches in the sheet (fmax with blanks is the sign-out itself)
        last_punch = sout
    no_times = np.isnan(sin) & np.isnan(sout) & np.isnan(sin2) & np.isnan(sout2)
    # Times beat verdicts: a recorded status is judged only where the day has no punch.
    status_only = no_times & halves["am"].notna().to_numpy() if halves is not None else np.zeros(len(rec), dtype=bool)
    blank_day = no_times & ~status_only
    off_post = rec["off_post"].to_numpy(dtype=float)
    grace, late_max = p["grace_minutes"], p["absent_after_minutes"]
    # Each absence reason costs the session it happened in (a one-session day counts as
    # two halves: late over 15 and early over 15 on the same day is a full day).
    half = p["absent_session_days"]
    parts = []
    # Million-row arithmetic below writes into arrays it has just made: every new array is
    # memory touched for the first time, which cost more than the arithmetic itself.
    any_two = bool(two.any())
    for s in (1, 2):
        if s == 2 and not any_two:  # no day has an afternoon session to judge
            continue
        S, E, halved = shift_for_leave(cf, ct, *((S1, E1) if s == 1 else (S2, E2)), one_session=~two)
        whole = whole1 if s == 1 else whole2
        judged = ~np.isnan(S) & ~whole & ~status_only
        if not judged.any():
            continue
        if s == 1:
            si, so = sin, (np.where(two, sout, last_punch) if any_two else last_punch)
        else:
            si, so = np.where(two, sin2, np.nan), np.where(two, sout2, np.nan)
        sel = None if judged.all() else np.flatnonzero(judged)
        pick = _identity if sel is None else _taker(sel)
        si, so, S, E, blank, tw = pick(si), pick(so), pick(S), pick(E), pick(blank_day), pick(two)
        first_judged = pick(np.full(len(rec), s == 1) | (two & whole1))
        # The blank day's weight: a whole day, or the half that leave left to judge.
        partial = pick(halved) | (tw & pick(whole1 | whole2))
        blank_weight = np.where(partial, half, 1.0) if partial.any() else _constant(len(partial), 1.0)
        # Punches count in whole minutes, truncated, before comparing: 17:14:30 is 17:14,
        # the time shown, so one displayed time never gets two verdicts.
        # late = ⌊(⌊in/60⌋·60 − S)/60⌋ and early = ⌊(E − ⌊out/60⌋·60)/60⌋, each in its own array.
        late_min, early_min = si / 60, so / 60
        for minutes in (late_min, early_min):
            np.floor(minutes, out=minutes)
            minutes *= 60
        late_min -= S
        np.subtract(E, early_min, out=early_min)
        for minutes in (late_min, early_min):
            minutes /= 60
            np.floor(minutes, out=minutes)
        off = pick(off_post) if s == 1 else np.full(len(si), np.nan)
        no_in, no_out = np.isnan(si), np.isnan(so)
        flags = {
            "late": (late_min > grace) & (late_min <= late_max),
            "late_absent": late_min > late_max,
            "early": (early_min > 0) & (early_min <= late_max),
            "early_absent": early_min > late_max,
            "off_absent": off > p["off_post_minutes"],
            "missing_punch": (no_in ^ no_out) & ~blank,
            "session_absent": no_in & no_out & ~blank,
            "day_absent": blank & first_judged,
        }
        absent = flags["late_absent"].astype(float)
        for reason in ("early_absent", "off_absent", "missing_punch", "session_absent"):
            absent += flags[reason]
        absent *= half
        day_absent = flags["day_absent"]
        absent[day_absent] += blank_weight[day_absent]
        cols = {}
        for c in ("name", "dept", "date", "_file", "_sheet", "_row"):
            col = rec[c].reset_index(drop=True)
            cols[c] = col if sel is None else col.take(sel).reset_index(drop=True)
        parts.append(
            {
                **cols,
                "_o": 0 if office is None else pick(office),
                "blank_day": blank,
                "two": tw,
                "session": s,  # one value for the part's rows (see SessionTable)
                "S": S,
                "E": E,
                "in": si,
                "out": so,
                "late_min": late_min,
                "early_min": early_min,
                "off_post": off,
                **flags,
                "absent_days": absent,
                "basis": "times",
                "recorded": None,
            }
        )
    if halves is not None and status_only.any():
        part = _status_part(rec, halves, status_only, two, p)
        part["_o"] = 0 if office is None else office[status_only]
        parts.append(part)
    return SessionTable(parts)


def _missing_days(ctx: Context, data: RegisterData, cover: pd.DataFrame) -> pd.DataFrame:
    """Expected person-days with no record and no full-day leave (``_office_missing_days``),
    each with its office ``_o``: several offices' records are judged office by office (a
    handful of calls; each office's span, people, roster and leave are its own)."""
    records = data.frame
    staff = ctx.registers.get("staff")
    roster = staff.frame if staff is not None else None
    left = staff.valid(("name", "left")) if staff is not None and "left" in staff.frame else None
    office = office_codes(data, records.index)
    if office is None:
        return _office_missing_days(ctx, records, cover, roster, left).assign(_o=0)

    def own(rows: pd.DataFrame | None, o: int) -> pd.DataFrame | None:
        # (the roster is combined as every register is: its rows carry their office too)
        return None if rows is None or staff is None else rows[office_codes(staff, rows.index) == o]

    parts = []
    for o in np.unique(office):
        found = _office_missing_days(ctx, records[office == o], cover[cover["_o"] == o], own(roster, o), own(left, o))
        if len(found):  # (an office's empty frame holds objects: it must not make the others' days objects)
            parts.append(found.assign(_o=o))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*MISSING_COLUMNS, "_o"])


MISSING_COLUMNS = ["name", "dept", "date", "absent_days"]


def _office_missing_days(
    ctx: Context, records: pd.DataFrame, cover: pd.DataFrame, staff: pd.DataFrame | None, left: pd.DataFrame | None
) -> pd.DataFrame:
    """One office's expected person-days with no record and no full-day leave; ``staff``
    is its 人员名册, if it keeps one, and ``left`` the roster's rows with a usable 调离日期.

    Each sheet speaks for its own people and its own span (first to last date): a sheet
    of the bureau's September–October and another of a unit's October say nothing about
    each other.  People only in the staff register are expected over the whole span.
    """
    cols = MISSING_COLUMNS
    if records["date"].isna().any():
        records = records.loc[records["date"].notna(), ["name", "dept", "date", "_file", "_sheet", "_row"]]
    if records.empty:
        return pd.DataFrame(columns=cols)
    day = records["date"].to_numpy(dtype="datetime64[D]")
    # Each distinct name hashed once, for every sheet's people and for marking who was there.
    name_code, name_of = pd.factorize(records["name"])
    as_of = np.datetime64(ctx.as_of.date(), "D")
    # Each sheet's rows by position: no frame per sheet (one sheet is a million rows).
    sheets = _rows_by_sheet(records)
    first_all = min(day[pos].min() for pos in sheets.values())
    last_all = min(max(day[pos].max() for pos in sheets.values()), as_of)
    if last_all < first_all:
        return pd.DataFrame(columns=cols)
    span = np.arange(first_all, last_all + 1)
    expected = span[ctx.calendar.is_workday(span)]
    # A day counts as recorded in a sheet when somebody has a row on it: a day nobody
    # was recorded (the grid not filled in, the clock down) makes nobody absent.
    # Leave the office recorded on a day also shows the day was kept (a punch clock has no
    # row for people away, and on some days nobody punched who was not absent or away).
    on_leave = cover["date"].to_numpy(dtype="datetime64[D]") if len(cover) else np.zeros(0, "datetime64[D]")
    leave_days = np.unique(on_leave)
    recorded_days = {key: np.union1d(_distinct_days(day[pos]), leave_days) for key, pos in sheets.items()}
    # A person's department, whatever the row order (the least by name when rows disagree;
    # a sort of a million rows to find the earliest would cost more than the whole judgement).
    people = _least_dept(name_code, name_of, records["dept"])
    if staff is not None:
        roster_dept = staff.dropna(subset=["name"]).groupby("name", sort=True)["dept"].min()
        extra = roster_dept[~roster_dept.index.isin(people.index)]
    else:
        extra = people.iloc[:0]
    everyone = pd.concat([people, extra]).sort_index()
    P, D = len(everyone), len(expected)
    if not P or not D:
        return pd.DataFrame(columns=cols)
    wanted = np.zeros(P * D, dtype=bool)
    # Per sheet: its people × its working days (a handful of sheets, each a vectorized block).
    for key, pos in sheets.items():
        lo, hi = day[pos].min(), min(day[pos].max(), as_of)
        d0, d1 = np.searchsorted(expected, lo), np.searchsorted(expected, hi, side="right")
        in_sheet = name_code[pos]
        codes = np.flatnonzero(np.bincount(in_sheet[in_sheet >= 0], minlength=len(name_of)))
        pi = np.unique(everyone.index.get_indexer(name_of[codes]))
        pi = pi[pi >= 0]
        if d1 > d0 and len(pi):
            days = np.arange(d0, d1)
            days = days[np.isin(expected[d0:d1], recorded_days[key])]
            wanted.reshape(P, D)[np.ix_(pi, days)] = True
    if len(extra):
        every_recorded = np.unique(np.concatenate(list(recorded_days.values())))
        days = np.flatnonzero(np.isin(expected, every_recorded))
        wanted.reshape(P, D)[np.ix_(everyone.index.get_indexer(extra.index), days)] = True
    if left is not None:
        # Nobody is expected from the day they left (人员名册 调离日期) on.
        left_on = left.dropna(subset=["name", "left"]).groupby("name")["left"].min()
        if len(left_on):
            cut = np.full(P, D)
            at = everyone.index.get_indexer(left_on.index)
            ok = at >= 0
            cut[at[ok]] = np.searchsorted(expected, left_on.to_numpy(dtype="datetime64[D]")[ok])
            wanted.reshape(P, D)[:] &= np.arange(D)[None, :] < cut[:, None]
    present = np.zeros(P * D, dtype=bool)

    def mark(codes: np.ndarray, uniques: Any, dates: np.ndarray) -> None:
        # Each distinct name looked up once; a row without a name (code -1) marks nobody.
        # The extra −1 entry is where code −1 lands.
        at = np.append(everyone.index.get_indexer(uniques) if len(uniques) else np.zeros(0, np.int64), -1)
        # In slices: a million rows' index temporaries at once were the run's peak memory.
        for lo in range(0, len(codes), _MARK_SLICE):
            pi = at[codes[lo : lo + _MARK_SLICE]]
            di = np.searchsorted(expected, dates[lo : lo + _MARK_SLICE])
            ok = (pi >= 0) & (di < D)
            ok[ok] &= expected[di[ok]] == dates[lo : lo + _MARK_SLICE][ok]
            present[pi[ok] * D + di[ok]] = True

    mark(name_code, name_of, day)
    halves = cover.iloc[:0]
    if len(cover):
        morning, afternoon = _halves_covered(ctx, cover)
        full = cover[morning & afternoon]
        full_code, full_of = pd.factorize(full["name"])
        mark(full_code, full_of, full["date"].to_numpy(dtype="datetime64[D]"))
        halves = cover[morning ^ afternoon][["name", "date"]]
    gap = np.nonzero(wanted & ~present)[0]
    out = pd.DataFrame(
        {
            "name": everyone.index.to_numpy()[gap // D],
            "dept": everyone.to_numpy()[gap // D],
            "date": pd.to_datetime(expected[gap % D]),
        }
    )
    # Half a day of leave and no record: the other half is the absence.
    half = ctx.params["absent_session_days"]
    if len(halves) and len(out):
        on_leave = out.merge(halves.assign(_half=True), on=["name", "date"], how="left")["_half"].fillna(False)
        out["absent_days"] = np.where(on_leave.to_numpy(dtype=bool), half, 1.0)
    else:
        out["absent_days"] = 1.0
    return out


_MARK_SLICE = 1 << 17


def _least_dept(name_code: np.ndarray, name_of: Any, dept: pd.Series) -> pd.Series:
    """Each named person's department (the least, by text, of their rows'; NaN if none),
    indexed by name in order.  On codes, not text: the departments' sorted codes order
    as their text does, so the least code is the least department."""
    dept_code, dept_of = pd.factorize(dept, sort=True)
    # A row with no department (code −1) must not win: it counts as past the last.
    if (dept_code < 0).any():
        dept_code = np.where(dept_code < 0, len(dept_of), dept_code)
    has_name = name_code >= 0
    if not has_name.all():
        name_code, dept_code = name_code[has_name], dept_code[has_name]
    least = pd.Series(dept_code, copy=False).groupby(name_code, sort=True).min()  # (integer groupby: no text)
    text = np.append(np.asarray(dept_of, dtype=object), np.nan)[least.to_numpy()]
    people = pd.Series(text, index=name_of[least.index.to_numpy()])
    return people.sort_index()


def _distinct_days(days: np.ndarray) -> np.ndarray:
    """The distinct days of a column of days, sorted (a count per day of its span, not a sort)."""
    if not len(days):
        return days[:0]
    first = days.min()
    offsets = (days - first).view(np.int64)
    return first + np.flatnonzero(np.bincount(offsets)).astype("timedelta64[D]")


def _rows_by_sheet(records: pd.DataFrame) -> dict[tuple[Any, Any], np.ndarray | slice]:
    """Row positions of each (file, sheet): one group without grouping when, as in most
    registers, every row comes from one sheet."""
    file, sheet = records["_file"], records["_sheet"]
    if len(records) and (file.iloc[0] == file).all() and (sheet.iloc[0] == sheet).all():
        return {(file.iloc[0], sheet.iloc[0]): slice(None)}  # every row: views, not copies
    return records.groupby(["_file", "_sheet"], sort=True, observed=True).indices


def _halves_covered(ctx: Context, cover: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Whether each day's leave covers its morning and its afternoon, by the schedule."""
    sched = schedule_columns(ctx, pd.to_datetime(cover["date"]))
    cf, ct = cover["cover_from"].to_numpy(dtype=float), cover["cover_to"].to_numpy(dtype=float)
    S1, E1, S2, E2 = (sched[k] for k in ("S1", "E1", "S2", "E2"))
    two = ~np.isnan(S2)
    morning = np.where(two, _covers(cf, ct, S1, E1), (cf <= S1) & (ct >= np.minimum(NOON, E1)))
    last_end = np.where(two, E2, E1)
    afternoon = np.where(two, _covers(cf, ct, S2, E2), (ct >= last_end) & (cf <= np.maximum(AFTERNOON, S1)))
    return morning.astype(bool), afternoon.astype(bool)


def _daily_absence(sessions: SessionTable, missing: pd.DataFrame) -> pd.DataFrame:
    """Absent days per office (``_o``), person and date."""
    columns = ["_o", "name", "dept", "date", "absent_days"]
    parts = []
    if not sessions.empty:
        a = sessions[sessions["absent_days"] > 0]
        if len(a):
            parts.append(a[columns])
    if len(missing):
        parts.append(missing[columns])
    if not parts:
        return pd.DataFrame(columns=columns)
    d = pd.concat(parts, ignore_index=True)
    d["date"] = pd.to_datetime(d["date"])
    d = d.sort_values(["_o", "name", "date", "dept"], kind="stable")  # the same department whatever the row order
    return d.groupby(["_o", "name", "date"], as_index=False, sort=True).agg(
        dept=("dept", "min"), absent_days=("absent_days", "sum")
    )


def _session_key(s: pd.DataFrame) -> pd.Series:
    day = pd.to_datetime(s["date"]).dt.strftime("%Y-%m-%d")
    return s["name"].astype(str) + " " + day + np.where(s["two"], " " + s["session"].map(SESSION_ZH), "")


class _AttendanceRule(Rule):
    register = "attendance"
    citation = ATTENDANCE_CLAUSE
    kind = "row"
    params = {"grace_minutes": 10, "absent_after_minutes": 15, "off_post_minutes": 30, "absent_session_days": 0.5}
    # One judgement serves all five rules: its thresholds are the family's, never one rule's
    # (a 20-minute absence threshold set for ATT003 alone would leave 17 minutes late in
    # neither ATT001 nor ATT003).
    family = "attendance"
    family_params = tuple(params)
    fields = {
        "session": "int",  # 1 morning, 2 afternoon
        "two": "bool",  # the day has two sessions
        "basis": "text",  # "status": judged from the recorded verdict, no times
        "recorded": "text",  # that verdict, as recorded
        "time": "text",  # the punch judged (HH:MM)
        "minutes": "int",  # late, early or off post
        "reason": "text",  # why absent: late | early | off_post | no_punch | blank | no_record[_half]
        "limit": "number",  # absent_after_minutes in force
        "off_limit": "number",  # off_post_minutes in force
        "which": "text",  # the missing punch: in | out
        "kind": "text",  # ATT005: run | year
        "n": "int",  # ATT005: the days counted
        "from": "text",  # ATT005: a run's first day
        "year": "int",  # ATT005: the year counted
    }

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = extra_fields(f)
        two = parts.get("two") == "1"
        session = int(parts.get("session", 1) or 1)
        parts.setdefault("session_zh", SESSION_ZH[session] if two else "")
        parts.setdefault("session_en", f" ({SESSION_EN[session]})" if two else "")
        parts.setdefault("minute_word", "minute" if parts.get("minutes") == "1" else "minutes")
        return parts


def _session_findings(
    rule, s: SessionTable, mask, *, status: str, fields, late_by: str | None = None, late_unit=None, absent=None
) -> pd.DataFrame:
    """Findings for the judged sessions where ``mask`` holds; ``fields(sel)`` builds the
    typed fields for those rows only (string work on a million rows would dominate)."""
    sel = s[mask]
    if sel.empty:
        return empty_findings()
    date = pd.to_datetime(sel["date"])
    if isinstance(absent, str):  # a column of the judged sessions
        absent = sel[absent]
    return findings_from(
        sel,
        rule,
        status=status,
        subject=sel["name"],
        dept=sel["dept"],
        key=_session_key(sel),
        start=date,
        date=date,
        due=None,
        late_by=sel[late_by] if late_by else None,
        late_unit=late_unit,
        fields=fields(sel),
        absent_days=absent,
    )


def _who_when(s: pd.DataFrame) -> dict[str, pd.Series]:
    out = {"session": s["session"], "two": s["two"]}
    if "basis" in s:
        out["basis"] = s["basis"]
    if "recorded" in s:
        out["recorded"] = s["recorded"].fillna("").astype(str)
    return out


def _by_status(parts: dict) -> bool:
    return parts.get("basis") == "status"


def _status_message(f: dict, parts: dict, what_zh: str, what_en: str) -> dict:
    """The whole message of a lateness or early leaving known only by its recorded status."""
    minutes = parts.get("minutes") not in ("", "0", None)
    got_zh = f" {parts['minutes']} 分钟" if minutes else ""
    got_en = f" {parts['minutes']} minutes" if minutes else ""
    recorded = parts.get("recorded", "")
    return {
        "message_zh": f"{f.get('subject')} {f.get('start')} 考勤记为“{recorded}”，{what_zh}{got_zh}（按记录状态）",
        "message_en": f"{f.get('subject')} {f.get('start')}: recorded as “{recorded}”, {what_en}{got_en} "
        "(by the recorded status)",
    }


def _minutes(v: pd.Series) -> pd.Series:
    return v.fillna(0).astype(int)


ATTENDANCE_EXAMPLE = {"姓名": "张三", "部门": "综合股", "日期": "2026-09-01", "签到时间": "08:25", "签退时间": "17:35"}
# A colleague recorded on every working day from 08-31 to 09-22 (09-20 is a make-up Sunday).
_COLLEAGUE_SEPTEMBER = tuple(
    {"姓名": "李四", "日期": f"2026-{d}"}
    for d in (
        "08-31",
        "09-01",
        "09-02",
        "09-03",
        "09-04",
        "09-07",
        "09-08",
        "09-09",
        "09-10",
        "09-11",
        "09-14",
        "09-15",
        "09-16",
        "09-17",
        "09-18",
        "09-20",
        "09-21",
        "09-22",
    )
)
_AttendanceRule.example_base = ATTENDANCE_EXAMPLE  # the whole family's examples start from it


@register
class ATT001(_AttendanceRule):
    """Late: arrived more than 10 and at most 15 minutes after the start. 迟到。

    Checks every record on a working day, per session: the sign-in time, in whole
    minutes after the session start, is late when above ``grace_minutes`` and at most
    ``absent_after_minutes`` (above that it is absence, ATT003).

    Clause: 003 考勤制度 2 “上班時間10分鐘內為簽到時間”; 3 “上班時間10分鐘以上、15分鐘以內
    未到位的，視為遲到”.

    Interpretation: see the family notes (module docstring): whole minutes, sessions,
    leave.  Defaults: grace_minutes = 10, absent_after_minutes = 15, off_post_minutes = 30,
    absent_session_days = 0.5.
    """

    id = "ATT001"
    batched = True
    obligations = ("O056",)
    feeds = {"attendance_month": "late", "attendance_year": "late"}
    example_base = ATTENDANCE_EXAMPLE
    examples = (
        Example("pass", ({"签到时间": "08:40:59"},), "seconds dropped from the punch: 08:40, 10 minutes"),
        Example("fail", ({"签到时间": "08:41"},), expect=({"status": "late", "late_by": "11 min"},)),
        Example("fail", ({"签到时间": "08:45:59"},), expect=({"late_by": "15 min"},)),
        Example("pass", ({"签到时间": "08:46"},), "16 minutes is absence (ATT003), not lateness"),
    )
    title_zh = "迟到（10分钟以上、15分钟以内）"
    title_en = "Late arrival (over 10, up to 15 minutes)"
    message_zh = "{subject} {start} {session_zh}签到 {time}，迟到 {minutes} 分钟"
    message_en = "{subject} {start}: signed in at {time}{session_en}, {minutes} {minute_word} late"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = super().message_fields(f, lang)
        return _status_message(f, parts, "迟到", "late") if _by_status(parts) else parts

    def check(self, ctx: Context) -> pd.DataFrame:
        s = judge(ctx).sessions
        if s.empty:
            return empty_findings()
        return _session_findings(
            self,
            s,
            s["late"],
            status="late",
            late_by="late_min",
            late_unit="min",
            fields=lambda x: {**_who_when(x), "time": hhmm(x["in"]), "minutes": _minutes(x["late_min"])},
        )


@register
class ATT002(_AttendanceRule):
    """Left early: less than 15 minutes before the end. 早退。

    Checks every record on a working day, per session: the sign-out time, in whole
    minutes before the session end, is early leaving when above zero and at most
    ``absent_after_minutes`` (above that it is absence, ATT003).

    Clause: 003 考勤制度 3 “提前下班不足15分鐘的，視為早退”.

    Interpretation: leaving exactly 15 minutes early is counted as early leaving.  The
    clause leaves 15 itself in neither class (“不足15分鐘” is under 15, “超過15分鐘” over it);
    the person did leave early, and absence needs “超過”, so the lesser reading applies.
    (rules.md's “under 15” describes the same class without the gap; the seed decides.)
    Punches are truncated to the minute before comparing: 17:14:30 is 17:14, 16 minutes
    early, whatever its seconds.
    Defaults: grace_minutes = 10, absent_after_minutes = 15, off_post_minutes = 30,
    absent_session_days = 0.5.
    """

    id = "ATT002"
    batched = True
    obligations = ("O056",)
    feeds = {"attendance_month": "late", "attendance_year": "late"}
    example_base = ATTENDANCE_EXAMPLE
    examples = (
        Example("pass", ({"签退时间": "17:30"},)),
        Example("fail", ({"签退时间": "17:20"},), expect=({"late_by": "10 min"},)),
        Example(
            "fail",
            ({"签退时间": "17:15"},),
            "exactly 15 minutes early is still early leaving",
            expect=({"late_by": "15 min"},),
        ),
        Example("pass", ({"签退时间": "17:14:30"},), "17:14 is 16 minutes early: absence (ATT003)"),
    )
    title_zh = "早退（不足15分钟）"
    title_en = "Left early (up to 15 minutes)"
    message_zh = "{subject} {start} {session_zh}签退 {time}，早退 {minutes} 分钟"
    message_en = "{subject} {start}: signed out at {time}{session_en}, {minutes} {minute_word} early"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = super().message_fields(f, lang)
        return _status_message(f, parts, "早退", "left early") if _by_status(parts) else parts

    def check(self, ctx: Context) -> pd.DataFrame:
        s = judge(ctx).sessions
        if s.empty:
            return empty_findings()
        return _session_findings(
            self,
            s,
            s["early"],
            status="violation",
            late_by="early_min",
            late_unit="min",
            fields=lambda x: {**_who_when(x), "time": hhmm(x["out"]), "minutes": _minutes(x["early_min"])},
        )


@register
class ATT003(_AttendanceRule):
    """Absent: over 15 minutes late or early, off post over 30 minutes, or no record without leave. 缺勤。

    Checks every record on a working day, per session, and every expected person-day:
    absence is a lateness or early leaving above ``absent_after_minutes`` (the session
    counts ``absent_session_days``), off-post time above ``off_post_minutes`` (likewise),
    a record with no punch at all (a day), or no record at all on a working day that no
    excusing leave covers (a day; the finding has no source row and names the person
    and the date).

    Clause: 003 考勤制度 3 “擅自離崗超過半小時或遲到、早退超過15分鐘的，視為缺勤”; 6 “因有事、
    有病不能上班的必須事先請假……否則視為缺勤”.

    Interpretation: see the family notes.  A 调休 Saturday with no record is an absence;
    a weekday holiday needs no record.
    Defaults: grace_minutes = 10, absent_after_minutes = 15, off_post_minutes = 30,
    absent_session_days = 0.5.
    """

    id = "ATT003"
    batched = True
    obligations = ("O056", "O058", "O059", "O065")
    feeds = {"attendance_month": "absence", "attendance_year": "absence"}
    example_base = ATTENDANCE_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"日期": "2026-10-09"}, {"日期": "2026-10-10"}, {"日期": "2026-10-12"}),
            "10-10 is a make-up Saturday, worked",
        ),
        Example(
            "fail",
            (
                {"日期": "2026-10-09"},
                {"日期": "2026-10-12"},
                *({"姓名": "李四", "日期": d} for d in ("2026-10-09", "2026-10-10", "2026-10-12")),
            ),
            "no record on the make-up Saturday, on which 李四 was recorded",
            expect=({"status": "missing", "start": "2026-10-10", "absent_days": 1},),
        ),
        Example(
            "pass", ({"日期": "2026-10-09"}, {"日期": "2026-10-12"}), "nobody was recorded on 10-10: nobody is absent"
        ),
        Example(
            "fail",
            ({"签退时间": "17:14:30"},),
            "17:14 is 16 minutes early",
            expect=({"status": "violation", "absent_days": 0.5},),
        ),
        Example(
            "pass",
            ({"日期": "2026-09-01"}, {"日期": "2026-09-03"}),
            "a day of leave with clock times, and no record",
            other={
                "请假登记": (
                    {
                        "姓名": "张三",
                        "职务类别": "一般工作人员",
                        "开始时间": "2026-09-02 08:30",
                        "结束时间": "2026-09-02 17:30",
                        "审批人": "股长",
                    },
                )
            },
        ),
        Example(
            "fail",
            (
                {"日期": "2026-09-01"},
                {"日期": "2026-09-03"},
                *({"姓名": "李四", "日期": d} for d in ("2026-09-01", "2026-09-02", "2026-09-03")),
            ),
            "a morning's leave and no record: the afternoon is absent",
            other={
                "请假登记": (
                    {
                        "姓名": "张三",
                        "职务类别": "一般工作人员",
                        "开始时间": "2026-09-02 08:30",
                        "结束时间": "2026-09-02 12:00",
                        "审批人": "股长",
                    },
                )
            },
            expect=({"start": "2026-09-02", "absent_days": 0.5},),
        ),
        Example(
            "fail",
            ({"日期": "2026-09-02", "签到时间": "13:00", "签退时间": "15:00"},),
            "a morning's leave, then in at 13:00 and out at 15:00: 150 minutes early",
            other={
                "请假登记": (
                    {
                        "姓名": "张三",
                        "职务类别": "一般工作人员",
                        "开始时间": "2026-09-02 08:30",
                        "结束时间": "2026-09-02 12:00",
                        "审批人": "股长",
                    },
                )
            },
            expect=({"status": "violation", "absent_days": 0.5, "says": "早退 150 分钟"},),
        ),
    )
    title_zh = "缺勤（迟到早退超15分钟、擅离岗超半小时、无故未到）"
    title_en = "Absent (over 15 minutes late/early, off post, or no record)"
    message_zh = "{subject} {start} {what_zh}"
    message_en = "{subject} {start}: {what_en}"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = super().message_fields(f, lang)
        reason = parts.get("reason", "")
        days = f.get("absent_days")
        sz = SESSION_ZH.get(int(parts.get("session", 1)), "") if parts.get("two") == "1" else ""
        se = f" ({SESSION_EN.get(int(parts.get('session', 1)), '')})" if parts.get("two") == "1" else ""
        m = parts.get("minutes", "")
        lim, off = parts.get("limit", "15"), parts.get("off_limit", "30")  # the thresholds in force
        zh = {
            "late": f"{sz}签到 {parts.get('time')}，迟到 {m} 分钟（超过{lim}分钟），按缺勤 {days} 天",
            "early": f"{sz}签退 {parts.get('time')}，早退 {m} 分钟（超过{lim}分钟），按缺勤 {days} 天",
            "off_post": f"擅自离岗 {m} 分钟（超过{off}分钟），按缺勤 {days} 天",
            "no_punch": f"{sz}两次打卡均缺失，按缺勤 {days} 天",
            "blank": f"当天记录无任何打卡，缺勤 {days} 天",
            "no_record": f"工作日无考勤记录且无请假，缺勤 {days} 天",
            "no_record_half": f"工作日仅有半天请假且无考勤记录，缺勤 {days} 天",
        }
        en = {
            "late": f"signed in at {parts.get('time')}{se}, {m} minutes late (over {lim}): absent {days} day",
            "early": f"signed out at {parts.get('time')}{se}, {m} minutes early (over {lim}): absent {days} day",
            "off_post": f"off post {m} minutes (over {off}): absent {days} day",
            "no_punch": f"both punches missing{se}: absent {days} day",
            "blank": f"the day's record has no punch: absent {days} day",
            "no_record": f"no record on a working day and no leave: absent {days} day",
            "no_record_half": f"half a day's leave and no record on a working day: absent {days} day",
        }
        if _by_status(parts):
            rec = parts.get("recorded", "")
            return {
                "what_zh": f"考勤记为“{rec}”，按缺勤 {days} 天（按记录状态）",
                "what_en": f"recorded as “{rec}”: absent {days} day (by the recorded status)",
            }
        return {"what_zh": zh.get(reason, ""), "what_en": en.get(reason, "")}

    def check(self, ctx: Context) -> pd.DataFrame:
        j = judge(ctx)
        s = j.sessions
        out = []
        if not s.empty:
            half = ctx.params["absent_session_days"]
            for mask, reason, minutes, time in (
                (s["late_absent"], "late", "late_min", "in"),
                (s["early_absent"], "early", "early_min", "out"),
                (s["off_absent"], "off_post", "off_post", "in"),
                (s["session_absent"], "no_punch", "late_min", "in"),
                (s["day_absent"], "blank", "late_min", "in"),
            ):
                limits = {"limit": ctx.params["absent_after_minutes"], "off_limit": ctx.params["off_post_minutes"]}

                def fields(x, reason=reason, minutes=minutes, time=time, limits=limits):
                    return {
                        **_who_when(x),
                        "reason": reason,
                        "time": hhmm(x[time]),
                        "minutes": _minutes(x[minutes]),
                        **limits,
                    }

                out.append(
                    _session_findings(
                        self,
                        s,
                        mask,
                        status="missing" if reason in ("blank", "no_punch") else "violation",
                        fields=fields,
                        absent="absent_days" if reason == "blank" else half,
                    )
                )
        m = j.missing_days
        if len(m):
            rows = m.reset_index(drop=True)
            day = pd.to_datetime(rows["date"])
            out.append(
                name_offices(
                    findings_from(
                        rows,
                        self,
                        status="missing",
                        subject=rows["name"],
                        dept=rows["dept"],
                        key=rows["name"].astype(str) + " " + day.dt.strftime("%Y-%m-%d"),
                        start=day,
                        date=day,
                        due=None,
                        absent_days=rows["absent_days"],
                        fields={"reason": np.where(rows["absent_days"] < 1, "no_record_half", "no_record")},
                    ),
                    ctx.registers["attendance"],
                    rows["_o"],
                )
            )
        out = [o for o in out if len(o)]
        return pd.concat(out, ignore_index=True) if out else empty_findings()


@register
class ATT004(_AttendanceRule):
    """One punch of a session missing. 漏打卡。

    Checks every record on a working day, per session: a sign-in without a sign-out, or
    a sign-out without a sign-in.  The half is counted absent (``absent_session_days``).
    A record with no punch at all is ATT003 (a day's absence), not this.

    Clause: 003 考勤制度 2 “所有工作人員必須自覺、如實地簽到”; rules.md ATT004 “counts as
    absent for that half”.

    Defaults: grace_minutes = 10, absent_after_minutes = 15, off_post_minutes = 30,
    absent_session_days = 0.5.
    """

    id = "ATT004"
    batched = True
    obligations = ("O056",)
    feeds = {"attendance_month": "absence", "attendance_year": "absence"}
    examples = (
        Example("pass", ({"签到时间": "08:20", "签退时间": "17:40"},)),
        Example(
            "fail", ({"签到时间": "08:20", "签退时间": None},), expect=({"status": "missing", "absent_days": 0.5},)
        ),
    )
    title_zh = "漏打卡（缺签到或签退）"
    title_en = "A punch missing (no sign-in or no sign-out)"
    message_zh = "{subject} {start} {session_zh}缺少{which_zh}，按该半天缺勤"
    message_en = "{subject} {start}: no {which_en}{session_en}, that half counted absent"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = super().message_fields(f, lang)
        two = parts.get("two") == "1"
        s = int(parts.get("session", 1) or 1)
        which = parts.get("which", "out")
        if _by_status(parts):
            rec = parts.get("recorded", "")
            return {
                "message_zh": f"{f.get('subject')} {f.get('start')} 考勤记为“{rec}”，按该半天缺勤（按记录状态）",
                "message_en": f"{f.get('subject')} {f.get('start')}: recorded as “{rec}”, that half counted absent "
                "(by the recorded status)",
            }
        return {
            "which_zh": "签到" if which == "in" else "签退",
            "which_en": "sign-in" if which == "in" else "sign-out",
            "session_zh": SESSION_ZH[s] if two else "",
            "session_en": f" ({SESSION_EN[s]})" if two else "",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        s = judge(ctx).sessions
        if s.empty:
            return empty_findings()
        return _session_findings(
            self,
            s,
            s["missing_punch"],
            status="missing",
            absent=ctx.params["absent_session_days"],
            fields=lambda x: {
                **_who_when(x),
                "which": pd.Series(np.where(x["in"].isna() & x["out"].notna(), "in", "out"), index=x.index),
            },
        )


@register
class ATT005(_AttendanceRule):
    """Dismissal threshold: absent over 15 consecutive working days, or over 30 days in a year. 旷工达到辞退标准。

    Checks each person's absences (ATT003/ATT004, in days): a run of full-day absences
    on more than ``consecutive_days`` consecutive working days, or more than
    ``year_days`` days absent in one calendar year.  The finding is dated the day the
    threshold was crossed.

    Clause: 003 考勤制度 9 “連續缺勤超過15天或一年內累計缺勤超過30天的，給予開除公職（或辭退）”.

    Interpretation: “天” here counts working days.  缺勤 can only happen on a day one is
    due at work, so the days counted are working days (a 调休 Sunday included): a run
    is not broken by a weekend or holiday in between, and a day off is never an absence.
    Counting calendar days instead would reach “over 15” after about eleven working
    days and make a holiday absent.  “超過15天” excludes 15: the 16th working day crosses it.
    Defaults: consecutive_days = 15, year_days = 30, grace_minutes = 10, absent_after_minutes = 15,
    off_post_minutes = 30, absent_session_days = 0.5.
    """

    id = "ATT005"
    batched = True
    obligations = ("O062",)
    feeds = {"attendance_year": "dismissal"}
    example_base = ATTENDANCE_EXAMPLE
    examples = (
        Example(
            "pass",
            ({"日期": "2026-08-31"}, {"日期": "2026-09-21"}, *_COLLEAGUE_SEPTEMBER),
            "absent 09-01 … 09-20: 15 working days, counting the make-up Sunday 09-20",
        ),
        Example(
            "fail",
            ({"日期": "2026-08-31"}, {"日期": "2026-09-22"}, *_COLLEAGUE_SEPTEMBER),
            "absent 09-01 … 09-21: the 16th working day is 09-21",
            expect=({"status": "violation", "start": "2026-09-21"},),
        ),
    )
    title_zh = "连续缺勤超过15天或全年累计超过30天"
    title_en = "Absent over 15 consecutive working days or over 30 days a year"
    citation = "003 考勤制度 9"
    params = {**_AttendanceRule.params, "consecutive_days": 15, "year_days": 30}
    message_zh = "{subject}{what_zh}，达到开除公职（辞退）标准"
    message_en = "{subject}: {what_en} — the dismissal threshold"

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        parts = super().message_fields(f, lang)
        if parts.get("kind") == "run":
            return {
                "what_zh": f" {parts.get('from')} 起连续缺勤 {parts.get('n')} 个工作日",
                "what_en": f"absent {parts.get('n')} consecutive working days from {parts.get('from')}",
            }
        return {
            "what_zh": f" {parts.get('year')} 年累计缺勤超过 {parts.get('n')} 天（至 {f.get('start')}）",
            "what_en": f"absent over {parts.get('n')} days in {parts.get('year')} (by {f.get('start')})",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        d = judge(ctx).daily_absence
        if d.empty:
            return empty_findings()
        out = []
        full = d[d["absent_days"] >= 1].copy()
        if len(full):
            # Consecutive in working days: index each date among all working days.
            wd = ctx.calendar.workdays_between(
                np.datetime64("2004-01-01"), full["date"].to_numpy(dtype="datetime64[D]")
            )
            full["wd"] = wd
            full = full.sort_values(["_o", "name", "wd"])
            brk = (
                (full["_o"] != full["_o"].shift())
                | (full["name"] != full["name"].shift())
                | (full["wd"] != full["wd"].shift() + 1)
            )
            full["run"] = brk.cumsum()
            full["pos"] = full.groupby("run").cumcount() + 1
            full["run_start"] = full.groupby("run")["date"].transform("first")
            hit = full[full["pos"] == ctx.params["consecutive_days"] + 1]
            if len(hit):
                fields = {
                    "kind": "run",
                    "n": ctx.params["consecutive_days"] + 1,
                    "from": hit["run_start"].dt.strftime("%Y-%m-%d").to_numpy(),
                }
                hit = hit.reset_index(drop=True)
                out.append(
                    name_offices(
                        findings_from(
                            hit,
                            self,
                            status="violation",
                            subject=hit["name"].to_numpy(),
                            dept=hit["dept"].to_numpy(),
                            key=(hit["name"] + " " + hit["date"].dt.strftime("%Y-%m-%d")).to_numpy(),
                            start=hit["date"].to_numpy(),
                            date=hit["date"].to_numpy(),
                            due=None,
                            fields=fields,
                        ),
                        ctx.registers["attendance"],
                        hit["_o"],
                    )
                )
        y = d.sort_values(["_o", "name", "date"]).copy()
        y["year"] = y["date"].dt.year
        y["total"] = y.groupby(["_o", "name", "year"])["absent_days"].cumsum()
        over = y[y["total"] > ctx.params["year_days"]]
        first = over.groupby(["_o", "name", "year"], as_index=False).first()
        if len(first):
            year_fields = {"kind": "year", "n": ctx.params["year_days"], "year": first["year"]}
            out.append(
                name_offices(
                    findings_from(
                        first,
                        self,
                        status="violation",
                        subject=first["name"],
                        dept=first["dept"],
                        key=first["name"] + " " + first["year"].astype(str),
                        start=first["date"],
                        date=first["date"],
                        due=None,
                        fields=year_fields,
                    ),
                    ctx.registers["attendance"],
                    first["_o"],
                )
            )
        out = [o for o in out if len(o)]
        return pd.concat(out, ignore_index=True) if out else empty_findings()


# Leave filed late excuses no absence: one limit, LEV003's (see shift_for_leave).
MOVED_KEYS = {"ATT:leave_filed_within_days": ("LEV003", "days")}

LADDERS_READING = """\
考勤制度 8 “遲到、早退2次視為缺勤半天，扣除當月出勤津貼一半；每月無故遲到、早退3-4次或缺勤1天的，
取消其本人當月出勤津貼；每月無故遲到、早退超過4次或缺勤超過1天的，除取消其本人當月出勤津貼外，
還扣除縣當月福利補貼”.  n = lates + early leavings, a = absent days; the highest tier
that either reaches applies.
考勤制度 9 “一次的給予批評教育；二次（缺勤半天）責令在股（站、隊）作書面檢查；三次（缺勤1天）在全局
干部職工大會上作檢查，並給予行政效能告誡一次；超過四次（缺勤1天以上），給予行政警告以上處分、年度考核
定為基本稱職、不稱職；連續缺勤超過15天或一年內累計缺勤超過30天的，給予開除公職（或辭退）”.  Every
unexcused lateness, early leaving, off-post time, absent session and missing day is one
incident; the parenthesised absences are a second way to reach a tier (½ day → 2, 1 day
→ 3, over 1 day → 4).  Exactly four incidents stay at the third tier (“超過四次” is five or
more).  The efficiency warning is given once, on reaching the third tier.
"""

LADDERS = (
    Ladder(
        "attendance_month",
        "attendance_month",
        "考勤月度扣减",
        "Monthly attendance deductions",
        "003 考勤制度 8",
        steps=(
            (
                3,
                Tier(
                    3,
                    "取消当月出勤津贴，并扣除当月福利补贴",
                    "allowance cancelled and the month's welfare subsidy deducted",
                ),
            ),
            (2, Tier(2, "取消当月出勤津贴", "the month's attendance allowance cancelled")),
            (1, Tier(1, "扣除当月出勤津贴一半", "half of the month's attendance allowance deducted")),
        ),
        params={"half_allowance_n": 2, "cancel_n": 3, "welfare_n": 5, "half_allowance_days": 0.5, "cancel_days": 1.0},
        window="month",
        shown_as="allowance",
        obligations=("O061",),
    ),
    Ladder(
        "attendance_year",
        "attendance_year",
        "考勤年度处理",
        "Yearly attendance discipline",
        "003 考勤制度 9",
        steps=(
            (5, Tier(5, "开除公职（辞退）", "dismissal from public employment", 1, "incompetent")),
            (
                4,
                Tier(
                    4,
                    "行政警告以上处分，年度考核定为基本称职或不称职",
                    "administrative warning or heavier; rated 'basically competent' or lower",
                    1,
                    "not_competent",
                ),
            ),
            (
                3,
                Tier(
                    3,
                    "在全局干部职工大会上作检查，给予行政效能告诫一次",
                    "self-criticism before the whole bureau, one efficiency warning",
                    1,
                ),
            ),
            (2, Tier(2, "责令在股室作书面检查", "written self-criticism within the section")),
            (1, Tier(1, "批评教育", "criticism and education")),
        ),
        shown_as="discipline",
        obligations=("O062",),
    ),
)
