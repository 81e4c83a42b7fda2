"""ladders: escalation over findings per subject per window.

A ladder counts one subject's findings in a window (a month; a calendar year, or the
12 months to the as-of day when the rulebook says ``ladder_window = "rolling12"``) and
names the tier reached, its consequence, the efficiency warnings (效能告诫) it gives and
the cap it puts on the annual rating.  ``annual_rating`` then counts the warnings every
other ladder gave the same person in the same window, across registers.  Ladders read
findings only (and the optional staff register, for amounts in yuan).

Interpretations (each quoted clause is from seed 003):

* “一年內” is the calendar year by default (``ladder_window = "year"``); ``"rolling12"``
  counts the 12 months ending on the as-of day instead.
* attendance_month — 考勤制度 8 “遲到、早退2次視為缺勤半天，扣除當月出勤津貼一半；每月無故
  遲到、早退3-4次或缺勤1天的，取消其本人當月出勤津貼；每月無故遲到、早退超過4次或缺勤超過1天
  的，除取消其本人當月出勤津貼外，還扣除縣當月福利補貼”.  n = lates + early leavings, a =
  absent days (absence from lateness over 15 minutes, missing punches, missing days);
  the highest tier that either n or a reaches applies.
* attendance_year — 考勤制度 9 “一次的給予批評教育；二次（缺勤半天）責令在股（站、隊）作書面
  檢查；三次（缺勤1天）在全局干部職工大會上作檢查，並給予行政效能告誡一次；超過四次（缺勤1天
  以上），給予行政警告以上處分、年度考核定為基本稱職、不稱職；連續缺勤超過15天或一年內累計缺勤
  超過30天的，給予開除公職（或辭退）”.  Every unexcused lateness, early leaving, off-post
  time, absent session and missing day is one incident; the parenthesised absences are a
  second way to reach a tier (½ day → 2, 1 day → 3, over 1 day → 4).  Exactly four
  incidents stay at the third tier (“超過四次” is five or more).  The efficiency warning
  is given once, on reaching the third tier.
* first_inquiry — 首問負責制 6; one_time_notice — 一次性告知制度 3: as rules.md.
* efficiency_rules — 效能告誡制度 一 “一年內第一次給予誡勉教育，第二次給予效能告誡”: each
  violation from the second on earns one warning (二 speaks of “多次被效能告誡”).
* annual_rating — 效能告誡制度 二 “一年內被效能告誡一次的，年度考核不能評定為優秀；…兩次的，
  …不能評定為稱職；…累計被效能告誡三次的，年度考核評為不稱職；經教育無效多次被效能告誡的給予
  行政警告以上紀律處分”.  More than three warnings is “多次”.  A ladder that fixes the rating
  itself (基本稱職, 不稱職) caps it too; the stricter cap wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .rules.base import money

# Rating caps, from lenient to strict.
CAPS = ["", "not_excellent", "not_competent", "incompetent"]
CAP_ZH = {
    "": "",
    "not_excellent": "年度考核不得评为优秀",
    "not_competent": "年度考核不得评为称职（最高基本称职）",
    "incompetent": "年度考核评为不称职",
}
CAP_EN = {
    "": "",
    "not_excellent": "annual rating cannot be 'excellent'",
    "not_competent": "annual rating cannot be 'competent' (at most 'basically competent')",
    "incompetent": "annual rating: 'incompetent'",
}

LADDER_DEFAULTS: dict[str, dict[str, Any]] = {
    "attendance_month": {
        "half_allowance_n": 2,
        "cancel_n": 3,
        "welfare_n": 5,
        "half_allowance_days": 0.5,
        "cancel_days": 1.0,
    },
    "attendance_year": {},
    "first_inquiry": {},
    "one_time_notice": {},
    "efficiency_rules": {},
    "annual_rating": {},
    "unit_accountability": {},
    "dept_score": {"points": 1},
}
UNIT_LADDERS = ("unit_accountability", "dept_score")
DEPT_SCORE_RULES = ("DIS006", "RSP001", "RSP002", "RSP003", "MTG008")


@dataclass(frozen=True)
class Tier:
    number: int
    zh: str
    en: str
    warnings: int = 0
    cap: str = ""


COUNT_LADDERS: dict[str, tuple[str, tuple[tuple[int, Tier], ...]]] = {
    # ladder: (rule it counts, ((at least n findings, tier), …) highest first)
    "first_inquiry": (
        "CON001",
        (
            (3, Tier(3, "行政警告以上纪律处分", "administrative warning or heavier sanction", 1, "incompetent")),
            (2, Tier(2, "效能告诫", "efficiency warning", 1, "not_competent")),
            (1, Tier(1, "书面检讨，诫勉教育", "written self-criticism, admonishment")),
        ),
    ),
    "one_time_notice": (
        "CON002",
        (
            (2, Tier(2, "行政警告以上纪律处分", "administrative warning or heavier sanction", 1, "incompetent")),
            (1, Tier(1, "效能告诫", "efficiency warning", 1, "not_competent")),
        ),
    ),
    "efficiency_rules": (
        "CON003",
        (
            (2, Tier(2, "效能告诫", "efficiency warning", 1)),
            (1, Tier(1, "诫勉教育", "admonishment")),
        ),
    ),
}

YEAR_TIERS = {
    1: Tier(1, "批评教育", "criticism and education"),
    2: Tier(2, "责令在股室作书面检查", "written self-criticism within the section"),
    3: Tier(
        3,
        "在全局干部职工大会上作检查，给予行政效能告诫一次",
        "self-criticism before the whole bureau, one efficiency warning",
        1,
    ),
    4: Tier(
        4,
        "行政警告以上处分，年度考核定为基本称职或不称职",
        "administrative warning or heavier; rated 'basically competent' or lower",
        1,
        "not_competent",
    ),
    5: Tier(5, "开除公职（辞退）", "dismissal from public employment", 1, "incompetent"),
}
MONTH_TIERS = {
    1: ("扣除当月出勤津贴一半", "half of the month's attendance allowance deducted"),
    2: ("取消当月出勤津贴", "the month's attendance allowance cancelled"),
    3: ("取消当月出勤津贴，并扣除当月福利补贴", "allowance cancelled and the month's welfare subsidy deducted"),
}
RATING_TIERS = {
    1: Tier(1, "年度考核不得评为优秀", "annual rating cannot be 'excellent'", 0, "not_excellent"),
    2: Tier(2, "年度考核不得评为称职", "annual rating cannot be 'competent'", 0, "not_competent"),
    3: Tier(3, "年度考核评为不称职", "annual rating 'incompetent'", 0, "incompetent"),
    4: Tier(
        4,
        "年度考核评为不称职，给予行政警告以上纪律处分",
        "rated 'incompetent'; administrative warning or heavier",
        0,
        "incompetent",
    ),
}
LATE_RULES = ("ATT001", "ATT002")
ABSENCE_RULES = ("ATT003", "ATT004")


def _window(findings: pd.DataFrame, book, as_of: pd.Timestamp) -> pd.DataFrame:
    """Findings with the ``period`` of their ladder window (year, or the 12 months to as-of)."""
    f = findings.copy()
    date = pd.to_datetime(f["date"])
    if book.settings.get("ladder_window") == "rolling12":
        start = as_of - pd.DateOffset(months=12) + pd.Timedelta(days=1)
        f = f[(date >= start) & (date <= as_of)]
        f["window"] = f"{start:%Y-%m-%d}..{as_of:%Y-%m-%d}"
        f["w_from"], f["w_to"] = start, as_of
    else:
        f["window"] = date.dt.year.astype("Int64").astype(str)
        f["w_from"] = pd.to_datetime(f["window"] + "-01-01", errors="coerce")
        f["w_to"] = pd.to_datetime(f["window"] + "-12-31", errors="coerce")
    return f


def _entry(ladder: str, subject, dept, period, count, tier: Tier, ids, w_from, w_to, **extra) -> dict:
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


def run_ladders(findings: pd.DataFrame, intake, calendar, book, as_of, since, until) -> list[dict]:
    if findings.empty:
        return []
    f = findings[findings["subject"].notna()]
    entries: list[dict] = []
    entries += _attendance_month(f, intake, book)
    yearly = _window(f, book, as_of)
    entries += _attendance_year(yearly)
    for ladder, (rule, steps) in COUNT_LADDERS.items():
        g = yearly[yearly["rule"] == rule]
        for (subject, window), grp in g.groupby(["subject", "window"], sort=True):
            n = len(grp)
            tier = next(t for k, t in steps if n >= k)
            warnings = max(n - 1, 0) if ladder == "efficiency_rules" else tier.warnings
            entries.append(
                _entry(
                    ladder,
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
    entries += _annual_rating(entries)
    # The unit is accountable for every disclosure finding, named section or not.
    entries += _unit_accountability(_window(findings, book, as_of), book, intake)
    entries += _dept_score(yearly, book)
    for e in entries:
        e["reported"] = bool(e.pop("_to") >= since and e.pop("_from") <= until)
    return sorted(entries, key=lambda e: (e["subject"], e["period"], e["ladder"]))


def _ids_by(frame: pd.DataFrame, keys: list[str]) -> dict[tuple, list[str]]:
    """Finding ids grouped by ``keys``, as plain lists (a split of one sorted array, not a Python agg)."""
    if frame.empty:
        return {}
    f = frame.sort_values(keys + ["id"], kind="stable")
    k = f[keys]
    starts = np.flatnonzero((k.ne(k.shift())).any(axis=1).to_numpy())
    ids = np.split(f["id"].to_numpy(dtype=object), starts[1:])
    firsts = k.iloc[starts].itertuples(index=False, name=None)
    return {key: list(chunk) for key, chunk in zip(firsts, ids, strict=True)}


def _dept(grp: pd.DataFrame):
    d = grp["dept"].dropna()
    return None if d.empty else str(d.iloc[0])


def _by_date(att: pd.DataFrame) -> pd.DataFrame:
    """Findings in date order (then department): a person's department and a window's bounds
    come out the same whatever order the register's rows were in."""
    return (
        att.assign(_d=pd.to_datetime(att["date"]), _dept=att["dept"].fillna("").astype(str))
        .sort_values(["subject", "_d", "_dept"], kind="stable")
        .drop(columns=["_d", "_dept"])
    )


def _attendance_month(f: pd.DataFrame, intake, book) -> list[dict]:
    p = book.ladder_params("attendance_month", LADDER_DEFAULTS["attendance_month"])
    att = f[f["rule"].isin(LATE_RULES + ABSENCE_RULES)].copy()
    if att.empty:
        return []
    att["month"] = pd.to_datetime(att["date"]).dt.strftime("%Y-%m")
    att["n"] = att["rule"].isin(LATE_RULES).astype(int)
    att["a"] = pd.to_numeric(att["absent_days"], errors="coerce").fillna(0).where(att["rule"].isin(ABSENCE_RULES), 0)
    att = _by_date(att)
    g = att.groupby(["subject", "month"], sort=True).agg(n=("n", "sum"), a=("a", "sum"), dept=("dept", "min"))
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
    staff = _staff_money(intake)
    ids = _ids_by(att, ["subject", "month"])
    months = g.index.get_level_values("month")
    starts = pd.to_datetime(months + "-01")
    ends = starts + pd.offsets.MonthEnd(0)
    out = []
    for (subject, month), n_, a_, dept, t_, start, end in zip(
        g.index, g["n"], g["a"], g["dept"], g["tier"], starts, ends, strict=True
    ):
        allowance, welfare = staff.get(subject, (None, None))
        amount = None
        if allowance is not None:
            amount = {1: allowance / 2, 2: allowance, 3: allowance + (welfare or 0)}[int(t_)]
        zh, en = MONTH_TIERS[int(t_)]
        if amount is not None:
            zh += f"（合计 {money(amount)} 元）"
            en += f" (¥{money(amount)} in all)"
        out.append(
            _entry(
                "attendance_month",
                subject,
                None if pd.isna(dept) else dept,
                month,
                int(n_),
                Tier(int(t_), zh, en),
                ids[(subject, month)],
                start,
                end,
                absent_days=float(a_),
                amount_yuan=None if amount is None else round(float(amount), 2),
            )
        )
    return out


def _staff_money(intake) -> dict[str, tuple[float | None, float | None]]:
    if "staff" not in intake.registers:
        return {}
    s = intake.registers["staff"].frame.dropna(subset=["name"])
    s = s[s["allowance"].notna()]
    # A name on the roster twice (同名, or a stale row): the smaller amounts, whatever the row
    # order — a deduction is never larger than the roster supports.
    s = s.sort_values(["name", "allowance", "welfare"], ascending=[True, False, False], kind="stable")
    rows = zip(s["name"], s["allowance"], s["welfare"], strict=True)
    return {n: (float(a), None if pd.isna(w) else float(w)) for n, a, w in rows}


def _attendance_year(y: pd.DataFrame) -> list[dict]:
    att = y[y["rule"].isin(LATE_RULES + ABSENCE_RULES + ("ATT005",))].copy()
    if att.empty:
        return []
    att["incident"] = att["rule"].isin(LATE_RULES + ABSENCE_RULES).astype(int)
    att["a"] = pd.to_numeric(att["absent_days"], errors="coerce").fillna(0).where(att["rule"].isin(ABSENCE_RULES), 0)
    att["dismiss"] = (att["rule"] == "ATT005").astype(int)
    att = _by_date(att)
    g = att.groupby(["subject", "window"], sort=True).agg(
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
    ids = _ids_by(att, ["subject", "window"])
    g = g[g["tier"] > 0]
    return [
        _entry(
            "attendance_year",
            subject,
            None if pd.isna(dept) else dept,
            window,
            int(c_),
            YEAR_TIERS[int(t_)],
            ids[(subject, window)],
            w_from,
            w_to,
            absent_days=float(a_),
        )
        for (subject, window), c_, t_, dept, w_from, w_to, a_ in zip(
            g.index, g["c"], g["tier"], g["dept"], g["w_from"], g["w_to"], g["a"], strict=True
        )
    ]


def _annual_rating(entries: list[dict]) -> list[dict]:
    by: dict[tuple[str, str], list[dict]] = {}
    for e in entries:
        if e["ladder"] == "attendance_month" or e["ladder"] in UNIT_LADDERS:
            continue
        by.setdefault((e["subject"], e["period"]), []).append(e)
    out = []
    for (subject, period), es in sorted(by.items()):
        warnings = sum(e["efficiency_warnings"] for e in es)
        direct = max((CAPS.index(e["rating_cap"] or "") for e in es), default=0)
        if warnings == 0 and direct == 0:
            continue
        tier = RATING_TIERS[min(warnings, 4)] if warnings else None
        cap = max(CAPS.index(tier.cap) if tier else 0, direct)
        zh = tier.zh if tier and CAPS.index(tier.cap) >= direct else CAP_ZH[CAPS[cap]]
        en = tier.en if tier and CAPS.index(tier.cap) >= direct else CAP_EN[CAPS[cap]]
        if tier and warnings > 3:
            zh, en = RATING_TIERS[4].zh, RATING_TIERS[4].en
        ids = sorted({i for e in es for i in e["findings"]})
        out.append(
            _entry(
                "annual_rating",
                subject,
                es[0]["dept"],
                period,
                warnings,
                Tier(tier.number if tier else 0, zh, en, 0, CAPS[cap]),
                ids,
                es[0]["_from"],
                es[0]["_to"],
                from_ladders=sorted({e["ladder"] for e in es if e["efficiency_warnings"] or e["rating_cap"]}),
            )
        )
    return out


def unit_name(book, intake) -> str:
    """The audited unit: the rulebook's ``unit_name``, else the office the registers' title
    rows name, else the input's name (see Intake.office)."""
    if book.settings.get("unit_name"):
        return book.settings["unit_name"]
    return intake.office


def _unit_accountability(y: pd.DataFrame, book, intake) -> list[dict]:
    """000 (十) 问责制度: late or incomplete disclosure → 通报批评 (1); none, or stale content →
    追究负责人责任 (2).  One entry per unit and window, resting on every disclosure finding."""
    d = y[y["rule"].isin(["DIS001", "DIS002", "DIS003", "DIS004", "DIS005", "DIS006"]) & (y["severity"] == "breach")]
    out = []
    unit = unit_name(book, intake)
    for window, grp in d.groupby("window", sort=True):
        severe = grp["rule"].isin(["DIS005", "DIS006"]).any()
        tier = (
            Tier(2, "追究政务公开单位负责人的责任", "the unit head is held accountable")
            if severe
            else Tier(1, "对政务公开单位给予通报批评", "the unit is publicly criticised")
        )
        out.append(
            _entry(
                "unit_accountability",
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


def _dept_score(y: pd.DataFrame, book) -> list[dict]:
    """002 (十三): 重要信息不发布、重大政策不解读、热点回应不及时、依申请公开不回复 → 公开通报并扣除科室
    相应分值.  ``points`` per finding; REQ001 counts only unanswered (overdue) requests."""
    p = book.ladder_params("dept_score", LADDER_DEFAULTS["dept_score"])
    d = y[y["rule"].isin(DEPT_SCORE_RULES) | ((y["rule"] == "REQ001") & (y["status"] == "overdue"))].copy()
    if d.empty:
        return []
    d["dept"] = d["dept"].where(
        d["dept"].notna() & (d["dept"].astype(str) != ""), np.where(d["rule"] == "MTG008", "局领导", "未注明科室")
    )
    out = []
    for (dept, window), grp in d.groupby(["dept", "window"], sort=True):
        pts = len(grp) * p["points"]
        tier = Tier(
            1, f"公开通报，扣除科室考核分值 {pts:g} 分", f"public notice; {pts:g} points deducted from the section"
        )
        out.append(
            _entry(
                "dept_score",
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
