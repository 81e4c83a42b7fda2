"""The Chinese working-day calendar, vectorized.

Every deadline gov-audit judges is computed here.  The calendar is built once into
day-indexed numpy arrays (one entry per day from 2004-01-01) and every question is
answered for whole arrays of dates by indexing and ``numpy.searchsorted``; a scalar is
just an array of length one.

Legal counting (民法典 第二百零一条、第二百零三条; 行政许可法 第八十二条):

* the start day is not counted;
* an N-working-day period ends on the Nth working day after the start;
* an N-day (calendar) period ends N days after the start, and if that day is a rest
  day or a holiday the period ends on the next working day;
* a month period (民法典 第二百零二条) ends on the corresponding day of the due month,
  or that month's last day if it has none, then rolls forward as above;
* an hour period is elapsed time and does not roll.

A 调休 make-up weekend day marked 上班 is a working day: it counts toward N working days
and a period ending on it does not roll.

Sources: chinese-calendar's data tables (``constants.holidays`` / ``constants.workdays``;
never its per-day helpers: ``find_workday`` overshoots from a non-working start and
``get_workdays(include_weekends=False)`` drops make-up days), then an agency overrides
file (local holidays, extra working days, or a whole year's official arrangement).
Years beyond the data fall back to the statutory holidays fixed by 全国年节及纪念日放假办法
(2024 revision) on Monday–Friday, without 调休, and every result touching such a day is
``provisional``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

# A date (date, Timestamp, datetime64, ISO text) or a column of them (array, Series,
# Index, list).  Answers come back in kind: a scalar for a scalar, an array for a column.
Dates: TypeAlias = Any
# A whole number of days or working days, or one per date.
Counts: TypeAlias = Any

FIRST_YEAR = 2004
LAST_YEAR = 2099

# Day kinds stored per day.
WORKDAY, WEEKEND, HOLIDAY, MAKEUP = 0, 1, 2, 3
KIND_NAMES = {WORKDAY: "workday", WEEKEND: "weekend", HOLIDAY: "holiday", MAKEUP: "makeup"}

HOLIDAY_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

_MONDAY = np.datetime64("1970-01-05", "D")
_NAT = np.datetime64("NaT", "D")


class CalendarRangeError(ValueError):
    """A date the calendar refuses to judge (before 2004 or after 2099)."""


@dataclass(frozen=True)
class CalendarOverride:
    date: dt.date
    kind: str  # "holiday" | "workday"
    name: str = ""


@dataclass
class CalendarOverrides:
    """Agency additions to the national calendar.

    ``complete_years`` are the years the file declares it states *in full* (the
    official 放假安排 for that year): for those, the file's holidays and working days
    replace both chinese-calendar's data and the statutory fallback, and results in that
    year are no longer provisional.  A file that only adds a local festival says nothing
    about the rest of the year and leaves it as it was.
    """

    entries: list[CalendarOverride] = field(default_factory=list)
    complete_years: set[int] = field(default_factory=set)
    source: str = ""


# The lunar and solar-term days 放假办法 第二条 fixes, for 2004–2099 (FIRST_YEAR–LAST_YEAR):
# per year the month and day (MMDD) of 正月初一, 清明, 五月初五 and 八月十五, in that order.  Generated
# from lunar-python's astronomical computation (Beijing time), and held equal to it for
# every year by tests/test_calendar.py: computing them took 10 ms a year, 0.06–0.08 s of
# every check reaching years past chinese-calendar's data (2027, then up to 2032 when
# review dates reach that far), for dates that never change.
# fmt: off
_LUNAR_DAYS = (
    "0122040406220928", "0209040506110918", "0129040505311006", "0218040506190925", "0207040406080914",
    "0126040405281003", "0214040506160922", "0203040506060912", "0123040406230930", "0210040406120919",
    "0131040506020908", "0219040506200927", "0208040406090915", "0128040405301004", "0216040506180924",
    "0205040506070913", "0125040406251001", "0212040406140921", "0201040506030910", "0122040506220929",
    "0210040406100917", "0129040405311006", "0217040506190925", "0206040506090915", "0126040405281003",
    "0213040406160922", "0203040506050912", "0123040506241001", "0211040406120919", "0131040406010908",
    "0219040506200927", "0208040506100916", "0128040405301004", "0215040406180924", "0204040506070913",
    "0124040505271002", "0212040406140920", "0201040406030910", "0122040406220928", "0210040506110917",
    "0130040405311005", "0217040406190925", "0206040406080915", "0126040505291004", "0214040406150922",
    "0202040406040911", "0123040406230930", "0211040506130919", "0201040406010907", "0219040406200926",
    "0208040406100916", "0128040505301005", "0215040406170924", "0204040406060913", "0124040406251002",
    "0212040506140921", "0202040406030909", "0121040406220928", "0209040406110917", "0129040506011006",
    "0217040406190925", "0205040406080915", "0126040405281003", "0214040506160923", "0203040406040911",
    "0123040406230929", "0211040406130919", "0131040506020908", "0219040406200926", "0207040406100916",
    "0127040405301005", "0215040406170924", "0205040406060912", "0124040406241001", "0212040406140920",
    "0202040406040910", "0122040406220928", "0209040406110917", "0129040406011006", "0217040406190926",
    "0206040406070914", "0126040405271003", "0214040406150922", "0203040406050911", "0124040406230929",
    "0210040406130918", "0130040406020908", "0218040406210927", "0207040406090916", "0127040405291005",
    "0215040406170924", "0205040406060913", "0125040406240930", "0212040406140920", "0201040406040909",
    "0121040406230929",
)
# fmt: on


@cache
def statutory_holidays(year: int) -> tuple[tuple[dt.date, str], ...]:
    """The holidays 全国年节及纪念日放假办法 (2024 revision, in force 2025-01-01) fixes.

    第二条: 元旦 1 day (1 January); 春节 4 days (除夕 to 正月初三); 清明节 1 day (the day of
    the solar term); 劳动节 2 days (1–2 May); 端午节 1 day (五月初五); 中秋节 1 day (八月十五);
    国庆节 3 days (1–3 October).  No 调休 — that is only known from the State Council's
    annual notice.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarRangeError(f"{year} 年不在工作日历范围内 (year {year} is outside {FIRST_YEAR}–{LAST_YEAR})")
    code = _LUNAR_DAYS[year - FIRST_YEAR]
    new_year, qingming, dragon_boat, mid_autumn = (
        dt.date(year, int(code[i : i + 2]), int(code[i + 2 : i + 4])) for i in range(0, 16, 4)
    )
    days: list[tuple[dt.date, str]] = [(dt.date(year, 1, 1), "元旦")]
    days += [(new_year + dt.timedelta(days=k), "春节") for k in range(-1, 3)]
    days.append((qingming, "清明节"))
    days += [(dt.date(year, 5, 1), "劳动节"), (dt.date(year, 5, 2), "劳动节")]
    days.append((dragon_boat, "端午节"))
    days.append((mid_autumn, "中秋节"))
    days += [(dt.date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    # 正月初一 falls between 21 January and 20 February, so 除夕–初三 stay in this year.
    # When two festivals share a day (中秋 on 1 October) the day is one holiday, not two.
    out: dict[dt.date, str] = {}
    for d, n in days:
        out[d] = f"{out[d]}、{n}" if d in out else n
    return tuple(sorted(out.items()))


def to_days(values: Dates) -> tuple[np.ndarray, bool]:
    """Any date-like input as a datetime64[D] array, and whether it was a scalar."""
    scalar = np.ndim(values) == 0 and not isinstance(values, (list, tuple))
    if isinstance(values, (pd.Series, pd.Index)):
        arr = pd.to_datetime(values).to_numpy(dtype="datetime64[D]")
    elif isinstance(values, np.ndarray) and np.issubdtype(values.dtype, np.datetime64):
        arr = values.astype("datetime64[D]", copy=False)  # (read, never written: no copy)
    else:
        if scalar:
            values = [values]
        arr = pd.to_datetime(pd.Series(list(values), dtype=object)).to_numpy(dtype="datetime64[D]")
    return np.asarray(arr, dtype="datetime64[D]").reshape(-1), scalar


def _out(arr: np.ndarray, scalar: bool) -> Any:
    if not scalar:
        return arr
    v = arr[0]
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else v.astype(dt.date)
    return v.item() if hasattr(v, "item") else v


class WorkCalendar:
    """Working days of the People's Republic of China, with agency overrides.

    >>> cal = WorkCalendar()
    >>> cal.add_workdays("2026-09-14", 10)
    datetime.date(2026, 9, 28)
    """

    def __init__(self, overrides: CalendarOverrides | None = None):
        import chinese_calendar
        from chinese_calendar import constants

        self.overrides = overrides or CalendarOverrides()
        self.source = f"chinese-calendar {getattr(chinese_calendar, '__version__', '?')}"
        self._pkg_holidays: dict[dt.date, str] = {d: HOLIDAY_ZH.get(n, n) for d, n in constants.holidays.items()}
        self._pkg_workdays: dict[dt.date, str] = {d: HOLIDAY_ZH.get(n, n) for d, n in constants.workdays.items()}
        pkg_years = sorted({d.year for d in self._pkg_holidays})
        self.package_years = (pkg_years[0], pkg_years[-1])
        self.covered_years = set(range(pkg_years[0], pkg_years[-1] + 1)) | {
            y for y in self.overrides.complete_years if FIRST_YEAR <= y <= LAST_YEAR
        }
        # One year past the data is built now (an audit near year end reaches into it);
        # later years are built on demand (each year's days cost about 0.15 ms to lay out:
        # all of them up to 2099 would cost 22 ms a check, against 10 for these).
        last_needed = max(
            [pkg_years[-1] + 1] + [e.date.year for e in self.overrides.entries] + list(self.overrides.complete_years)
        )
        # The package's days (but the years an override file lays out completely), marked
        # a column at a time by each build: a Python call per day cost 6–7 ms a build, and
        # a check reaching past the built years builds again.  The names are the same for
        # every build: the package's holidays, then its working days (a day in both is a
        # working day, as marking them in this order left it).
        complete = self.overrides.complete_years
        holidays = [(d, n) for d, n in self._pkg_holidays.items() if d.year not in complete and d.year >= FIRST_YEAR]
        workdays = [(d, n) for d, n in self._pkg_workdays.items() if d.year not in complete and d.year >= FIRST_YEAR]
        self._pkg_holiday_days = np.array([d for d, _ in holidays], dtype="datetime64[D]")
        self._pkg_workday_days = np.array([d for d, _ in workdays], dtype="datetime64[D]")
        self._pkg_names: dict[np.datetime64, str] = {}
        for entries, working in ((holidays, False), (workdays, True)):
            for d, n in entries:
                if n:
                    self._pkg_names[np.datetime64(d, "D")] = n
                elif working:  # (an unnamed working day clears a holiday's name)
                    self._pkg_names.pop(np.datetime64(d, "D"), None)
        self._build(min(last_needed, LAST_YEAR))

    # ---------------------------------------------------------------- construction
    def _build(self, last_year: int) -> None:
        self.first = np.datetime64(f"{FIRST_YEAR}-01-01", "D")
        self.end = np.datetime64(f"{last_year + 1}-01-01", "D")  # exclusive
        self.last_year = last_year
        days = np.arange(self.first, self.end, dtype="datetime64[D]")
        weekday = (days - _MONDAY).astype(np.int64) % 7
        kind = np.where(weekday >= 5, WEEKEND, WORKDAY).astype(np.int8)
        years = days.astype("datetime64[Y]").astype(np.int64) + 1970
        provisional = ~np.isin(years, np.fromiter(self.covered_years, dtype=np.int64))
        names: dict[np.datetime64, str] = {}

        def mark(d: dt.date, k: int, name: str) -> None:
            i = (np.datetime64(d, "D") - self.first).astype(np.int64)
            if 0 <= i < len(kind):
                if k == WORKDAY:
                    k = MAKEUP if weekday[i] >= 5 else WORKDAY
                kind[i] = k
                if name:
                    names[np.datetime64(d, "D")] = name
                elif k in (WORKDAY, MAKEUP):
                    names.pop(np.datetime64(d, "D"), None)

        complete = self.overrides.complete_years
        pkg_last = self.package_years[1]
        for pkg_days, k in ((self._pkg_holiday_days, HOLIDAY), (self._pkg_workday_days, WORKDAY)):
            i = (pkg_days - self.first).astype(np.int64)
            i = i[(i >= 0) & (i < len(kind))]
            kind[i] = np.where(weekday[i] >= 5, MAKEUP, WORKDAY) if k == WORKDAY else k
        names.update(self._pkg_names)  # (every build reaches past the package's last year)
        for y in range(pkg_last + 1, last_year + 1):
            if y not in complete:
                for d, n in statutory_holidays(y):
                    mark(d, HOLIDAY, n)
        for e in self.overrides.entries:
            mark(e.date, HOLIDAY if e.kind == "holiday" else WORKDAY, e.name)

        self.kind = kind
        self.names = names
        self.is_work = (kind == WORKDAY) | (kind == MAKEUP)
        # cum[i] = number of working days on or before day i.
        self.cum = np.cumsum(self.is_work, dtype=np.int64)
        self.workdays = days[self.is_work]
        self.prov_cum = np.concatenate([[0], np.cumsum(provisional, dtype=np.int64)])
        self.provisional_day = provisional

    def _ensure(self, days: np.ndarray, nat: np.ndarray | None = None) -> None:
        """The table covers ``days`` (``nat``: where they are NaT, if any are)."""
        valid = days if nat is None else days[~nat]
        if not len(valid):
            return
        lo, hi = valid.min(), valid.max()
        if lo < self.first:
            raise CalendarRangeError(
                f"{lo} 早于 {FIRST_YEAR} 年，工作日历不支持 (dates before {FIRST_YEAR} are not supported)"
            )
        if hi >= self.end:
            year = int(hi.astype("datetime64[Y]").astype(np.int64)) + 1970
            if year > LAST_YEAR:
                raise CalendarRangeError(
                    f"{hi} 晚于 {LAST_YEAR} 年，工作日历不支持 (dates after {LAST_YEAR} are not supported)"
                )
            self._build(min(LAST_YEAR, year + 5))

    def _index(self, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Day indices (NaT → 0) and the NaT mask."""
        nat = np.isnat(days)
        has_nat = bool(nat.any())
        self._ensure(days, nat if has_nat else None)
        # Days since the table's first day, in place: a million dates are four fewer
        # million-entry temporaries (each a page-faulting allocation).
        idx = (days - self.first).view(np.int64)
        if has_nat:
            idx[nat] = 0
        return idx, nat

    # ---------------------------------------------------------------- questions
    def is_workday(self, dates: Dates) -> Any:
        """True for working days, including 调休 make-up weekend days."""
        days, scalar = to_days(dates)
        idx, nat = self._index(days)
        out = self.is_work[idx] & ~nat
        return _out(out, scalar)

    def roll_forward(self, dates: Dates) -> Any:
        """The day itself if it is a working day, else the next working day."""
        days, scalar = to_days(dates)
        idx, nat = self._index(days)
        before = self.cum[idx] - self.is_work[idx]  # working days strictly before
        return _out(self._workday_at(before, nat), scalar)

    def next_workday(self, dates: Dates) -> Any:
        """The first working day strictly after each date."""
        return self.add_workdays(dates, 1)

    def add_workdays(self, start: Dates, n: Counts) -> Any:
        """The Nth working day after ``start`` (the start day is not counted)."""
        days, scalar = to_days(start)
        idx, nat = self._index(days)
        n = np.broadcast_to(np.asarray(n, dtype=np.int64), days.shape)
        # n = 0 means "the same day, if it is a working day" (e.g. publish on the day issued).
        pos = np.where(n > 0, self.cum[idx] + n - 1, self.cum[idx] - self.is_work[idx])
        return _out(self._workday_at(pos, nat), scalar)

    def add_days(self, start: Dates, n: Counts) -> Any:
        """N calendar days after ``start``, the last day rolling past rest days and holidays."""
        days, scalar = to_days(start)
        n = np.broadcast_to(np.asarray(n, dtype=np.int64), days.shape)
        nominal = days + n.astype("timedelta64[D]")
        return _out(self.roll_forward(nominal), scalar)

    def add_months(self, start: Dates, n: Counts) -> Any:
        """民法典 第二百零二条: the corresponding day of the due month (else its last day), rolled."""
        days, scalar = to_days(start)
        return _out(self.roll_forward(self.months_nominal(days, n)), scalar)

    @staticmethod
    def months_nominal(start: Dates, n: Counts) -> np.ndarray:
        days, _ = to_days(start)
        nat = np.isnat(days)
        safe = np.where(nat, np.datetime64("2000-01-01", "D"), days)
        month = safe.astype("datetime64[M]")
        dom = (safe - month.astype("datetime64[D]")).astype(np.int64)
        n = np.broadcast_to(np.asarray(n, dtype=np.int64), days.shape)
        target = month + n.astype("timedelta64[M]")
        length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
        out = target.astype("datetime64[D]") + np.minimum(dom, length - 1).astype("timedelta64[D]")
        return np.where(nat, _NAT, out)

    @staticmethod
    def add_hours(start: Dates, n: Counts) -> Any:
        """Elapsed hours: no rolling (an hour period runs through nights and holidays)."""
        ts = pd.to_datetime(pd.Series(np.atleast_1d(start)))
        out = ts + pd.to_timedelta(np.broadcast_to(np.asarray(n, dtype=float), ts.shape), unit="h")
        return out.iloc[0].to_pydatetime() if np.ndim(start) == 0 else out.to_numpy()

    def workdays_between(self, a: Dates, b: Dates) -> Any:
        """Working days in (a, b]: how many working days ``b`` lies after ``a`` (negative if before)."""
        da, sa = to_days(a)
        db, sb = to_days(b)
        da, db = np.broadcast_arrays(da, db)
        ia, na = self._index(da)
        ib, nb = self._index(db)
        out = (self.cum[ib] - self.cum[ia]).astype(float)
        out[na | nb] = np.nan
        return _out(out, sa and sb)

    def touches_provisional(self, a: Dates, b: Dates) -> Any:
        """True where any day in [min(a,b), max(a,b)] falls in a year the calendar only guesses."""
        da, sa = to_days(a)
        db, sb = to_days(b)
        da, db = np.broadcast_arrays(da, db)
        ia, na = self._index(da)
        ib, nb = self._index(db)
        lo, hi = np.minimum(ia, ib), np.maximum(ia, ib)
        out = (self.prov_cum[hi + 1] - self.prov_cum[lo]) > 0
        out &= ~(na & nb)
        # With one side missing, the other alone decides.
        out = np.where(na & ~nb, self.provisional_day[ib], out)
        out = np.where(nb & ~na, self.provisional_day[ia], out)
        return _out(out, sa and sb)

    def _workday_at(self, pos: np.ndarray, nat: np.ndarray) -> np.ndarray:
        pos = np.asarray(pos, dtype=np.int64)
        need = pos >= len(self.workdays)
        if np.any(need & ~nat):
            # Extend the table far enough to hold the answer, then retry.
            extra_years = int((pos[need & ~nat].max() - len(self.workdays)) // 240) + 2
            self._build(min(LAST_YEAR, self.last_year + extra_years))
            if np.any((pos >= len(self.workdays)) & ~nat):
                raise CalendarRangeError(f"结果晚于 {LAST_YEAR} 年 (result after {LAST_YEAR})")
        bad = nat | (pos < 0)
        out = self.workdays[np.where(bad, 0, pos)]
        return np.where(bad, _NAT, out)

    # ---------------------------------------------------------------- description
    def day_info(self, dates: Dates) -> pd.DataFrame:
        """Kind, holiday name and provisional flag for each date (for display)."""
        days, _ = to_days(dates)
        idx, nat = self._index(days)
        return pd.DataFrame(
            {
                "date": days,
                "kind": [KIND_NAMES[int(k)] for k in self.kind[idx]],
                "name": [self.names.get(d, "") for d in days],
                "provisional": self.provisional_day[idx] & ~nat,
            }
        )

    def non_workdays_in(self, a: Dates, b: Dates) -> list[dt.date]:
        """Non-working days strictly after ``a`` and strictly before ``b``."""
        days = np.arange(np.datetime64(a, "D") + 1, np.datetime64(b, "D"), dtype="datetime64[D]")
        if not len(days):
            return []
        idx, _ = self._index(days)
        return [d.astype(dt.date) for d in days[~self.is_work[idx]]]

    def provisional_years(self, years: Iterable[int] | None = None) -> list[int]:
        years = years if years is not None else range(self.package_years[1] + 1, self.last_year + 1)
        return sorted(y for y in years if y not in self.covered_years)

    def coverage(self) -> dict[str, Any]:
        """The `calendar` block of the JSON report."""
        return {
            "source": self.source,
            "covered": [min(self.covered_years), max(self.covered_years)],
            "overrides": [self.overrides.source] if self.overrides.source else [],
            "complete_years_from_overrides": sorted(self.overrides.complete_years),
        }
