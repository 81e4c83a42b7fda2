"""WorkCalendar against a naive day-by-day reference built straight from chinese-calendar's data."""

import datetime as dt

import numpy as np
import pytest
from chinese_calendar import constants
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_audit.calendar import (
    CalendarOverride,
    CalendarOverrides,
    CalendarRangeError,
    WorkCalendar,
    statutory_holidays,
)

D = dt.date


def ref_is_work(d: dt.date) -> bool:
    if d in constants.workdays:
        return True
    return d.weekday() < 5 and d not in constants.holidays


def ref_add_workdays(d, n):
    while n:
        d += dt.timedelta(days=1)
        n -= ref_is_work(d)
    return d


def ref_roll(d):
    while not ref_is_work(d):
        d += dt.timedelta(days=1)
    return d


def ref_add_days(d, n):
    return ref_roll(d + dt.timedelta(days=n))


def ref_add_months(d, n):
    return ref_roll(d + relativedelta(months=n))  # relativedelta clamps to the month's last day


def ref_between(a, b):
    return sum(ref_is_work(a + dt.timedelta(days=k)) for k in range(1, (b - a).days + 1))


starts = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 6, 30))
counts = st.integers(min_value=1, max_value=250)


@settings(max_examples=300, deadline=None)
@given(starts, counts)
def test_add_workdays_matches_reference(cal, start, n):
    # a start whose answer lies beyond the package data is provisional; keep inside it
    expected = ref_add_workdays(start, n)
    if expected.year <= 2026:
        assert cal.add_workdays(start, n) == expected


@settings(max_examples=300, deadline=None)
@given(starts, counts)
def test_add_days_matches_reference(cal, start, n):
    expected = ref_add_days(start, n)
    if expected.year <= 2026:
        assert cal.add_days(start, n) == expected


@settings(max_examples=300, deadline=None)
@given(starts, st.integers(min_value=1, max_value=6))
def test_add_months_matches_reference(cal, start, n):
    assert cal.add_months(start, n) == ref_add_months(start, n)


@settings(max_examples=200, deadline=None)
@given(starts, st.integers(min_value=0, max_value=250))
def test_workdays_between_matches_reference(cal, start, k):
    end = min(start + dt.timedelta(days=k), D(2026, 12, 31))
    assert cal.workdays_between(start, end) == ref_between(start, end)
    assert cal.workdays_between(end, start) == -ref_between(start, end)


@settings(max_examples=50, deadline=None)
@given(st.lists(starts, min_size=1, max_size=40), counts)
def test_vectorized_equals_scalar(cal, dates, n):
    arr = np.array(dates, dtype="datetime64[D]")
    got = cal.add_workdays(arr, n)
    assert [g.astype(dt.date) for g in got] == [cal.add_workdays(d, n) for d in dates]
    assert list(cal.is_workday(arr)) == [ref_is_work(d) for d in dates]


def test_is_workday_every_day_matches_reference(cal):
    days = np.arange(np.datetime64("2004-01-01"), np.datetime64("2027-01-01"))
    got = cal.is_workday(days)
    expected = [ref_is_work(d.astype(dt.date)) for d in days]
    assert got.tolist() == expected


@pytest.mark.parametrize(
    "start,n,unit,expected",
    [
        (D(2026, 9, 25), 15, "days", D(2026, 10, 10)),  # ends on a make-up Saturday: no roll
        (D(2026, 8, 5), 60, "days", D(2026, 10, 8)),  # nominal 10-04 rolls past National Day
        (D(2026, 9, 14), 10, "workdays", D(2026, 9, 28)),
        (D(2026, 2, 13), 20, "workdays", D(2026, 3, 19)),  # across the Spring Festival
        (D(2025, 12, 4), 30, "days", D(2026, 1, 4)),  # a make-up Sunday
        (D(2026, 12, 31), 3, "workdays", D(2027, 1, 6)),  # into provisional 2027
        (D(2026, 1, 31), 1, "months", D(2026, 2, 28)),  # no 31 Feb: last day, a make-up Saturday
        (D(2026, 9, 30), 1, "months", D(2026, 10, 30)),
        (D(2026, 9, 5), 1, "months", D(2026, 10, 8)),  # 10-05 is National Day: roll
    ],
)
def test_classic_vectors(cal, start, n, unit, expected):
    fn = {"days": cal.add_days, "workdays": cal.add_workdays, "months": cal.add_months}[unit]
    assert fn(start, n) == expected


def test_start_day_is_not_counted_from_a_rest_day(cal):
    # chinese-calendar's find_workday overshoots here; legal counting does not.
    assert cal.add_workdays(D(2026, 10, 3), 1) == D(2026, 10, 8)
    assert cal.add_workdays(D(2026, 9, 26), 1) == D(2026, 9, 28)


def test_make_up_saturday_counts_toward_n(cal):
    assert cal.is_workday(D(2026, 10, 10))
    assert cal.add_workdays(D(2026, 10, 9), 1) == D(2026, 10, 10)


def test_zero_workdays_is_same_day_or_next(cal):
    assert cal.add_workdays(D(2026, 9, 28), 0) == D(2026, 9, 28)
    assert cal.add_workdays(D(2026, 10, 1), 0) == D(2026, 10, 8)


def test_hours_are_elapsed_time(cal):
    assert cal.add_hours(dt.datetime(2026, 9, 30, 22, 0), 5) == dt.datetime(2026, 10, 1, 3, 0)


def test_provisional_flag(cal):
    assert cal.touches_provisional(D(2026, 12, 31), cal.add_workdays(D(2026, 12, 31), 3))
    assert not cal.touches_provisional(D(2026, 9, 14), D(2026, 9, 28))
    assert cal.provisional_years([2026, 2027]) == [2027]


def test_nat_propagates(cal):
    arr = np.array(["2026-09-14", "NaT"], dtype="datetime64[D]")
    out = cal.add_workdays(arr, 10)
    assert out[0] == np.datetime64("2026-09-28") and np.isnat(out[1])
    assert cal.is_workday(arr).tolist() == [True, False]


def test_before_2004_refused(cal):
    with pytest.raises(CalendarRangeError, match="2004"):
        cal.add_workdays(D(2003, 12, 1), 5)


def test_far_future_extends_table(cal):
    # 2040 is beyond the initial table: built on demand, statutory holidays only
    assert cal.add_workdays(D(2040, 9, 28), 1) == D(2040, 10, 4)
    assert not cal.is_workday(D(2040, 10, 1))


def test_statutory_fallback_2027():
    days = dict(statutory_holidays(2027))
    # 2027: 春节 正月初一 = 2027-02-06, so 除夕 02-05 … 初三 02-08
    assert [d for d, n in days.items() if n == "春节"] == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)]
    assert days[D(2027, 1, 1)] == "元旦"
    assert days[D(2027, 4, 5)] == "清明节"
    assert days[D(2027, 6, 9)] == "端午节"
    assert days[D(2027, 9, 15)] == "中秋节"
    assert [d for d, n in days.items() if n == "劳动节"] == [D(2027, 5, 1), D(2027, 5, 2)]
    assert [d for d, n in days.items() if n == "国庆节"] == [D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)]
    assert len(days) == 13


def _lunar_python_holidays(year: int) -> dict[dt.date, str]:
    """放假办法 第二条's days for ``year``, each lunar date and 清明 computed by lunar-python
    (the source the calendar's table was generated from)."""
    from lunar_python import Lunar

    def solar(lunar) -> dt.date:
        s = lunar.getSolar()
        return D(s.getYear(), s.getMonth(), s.getDay())

    new_year = solar(Lunar.fromYmd(year, 1, 1))
    qm = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    days = [(D(year, 1, 1), "元旦")] + [(new_year + dt.timedelta(days=k), "春节") for k in range(-1, 3)]
    days += [(D(qm.getYear(), qm.getMonth(), qm.getDay()), "清明节")]
    days += [(D(year, 5, 1), "劳动节"), (D(year, 5, 2), "劳动节")]
    days += [(solar(Lunar.fromYmd(year, 5, 5)), "端午节"), (solar(Lunar.fromYmd(year, 8, 15)), "中秋节")]
    days += [(D(year, 10, d), "国庆节") for d in (1, 2, 3)]
    out: dict[dt.date, str] = {}
    for d, n in days:
        out[d] = f"{out[d]}、{n}" if d in out else n
    return out


def test_statutory_table_equals_lunar_python_every_year():
    # The table is data: held to the astronomical computation for all 96 years it covers.
    wrong = [y for y in range(2004, 2100) if dict(statutory_holidays(y)) != _lunar_python_holidays(y)]
    assert wrong == []


def test_statutory_shared_day_named_once_and_range_refused():
    days = dict(statutory_holidays(2028))  # 中秋 2028 is 3 October: one holiday, both names
    assert days[D(2028, 10, 3)] == "中秋节、国庆节"
    assert len(days) == 12
    for year in (2003, 2100):
        with pytest.raises(CalendarRangeError):
            statutory_holidays(year)


def test_fallback_has_no_tiaoxiu_and_weekday_holiday(cal):
    assert not cal.is_workday(D(2027, 2, 5))  # Friday, 除夕
    assert not cal.is_workday(D(2027, 2, 13))  # a Saturday: no make-up days are guessed
    assert cal.is_workday(D(2027, 2, 9))


def test_local_holiday_override_stays_provisional_without_complete_year():
    ov = CalendarOverrides(
        [CalendarOverride(D(2026, 7, 15), "holiday", "火把节"), CalendarOverride(D(2027, 7, 15), "holiday", "火把节")]
    )
    c = WorkCalendar(ov)
    assert not c.is_workday(D(2026, 7, 15))
    assert c.add_workdays(D(2026, 7, 14), 1) == D(2026, 7, 16)
    assert c.touches_provisional(D(2027, 7, 14), D(2027, 7, 16))


def test_complete_year_replaces_fallback():
    ov = CalendarOverrides(
        [
            CalendarOverride(D(2027, 1, 1), "holiday", "元旦"),
            CalendarOverride(D(2027, 2, 13), "workday", "春节"),
            CalendarOverride(D(2027, 2, 8), "holiday", "春节"),
        ],
        complete_years={2027},
    )
    c = WorkCalendar(ov)
    assert c.is_workday(D(2027, 2, 13))  # make-up Saturday from the notice
    assert c.is_workday(D(2027, 2, 5))  # not in the file: the file states the year in full
    assert not c.touches_provisional(D(2027, 1, 4), D(2027, 3, 1))
    assert c.coverage()["covered"] == [2004, 2027]


@settings(max_examples=100, deadline=None)
@given(st.datetimes(min_value=dt.datetime(2004, 1, 1), max_value=dt.datetime(2026, 12, 1)), st.integers(0, 500))
def test_add_hours_is_elapsed_time(cal, start, n):
    start = start.replace(second=0, microsecond=0)
    assert cal.add_hours(start, n) == start + dt.timedelta(hours=n)


def _marked_day_by_day(c: WorkCalendar, last_year: int) -> tuple[np.ndarray, dict]:
    """The table a build lays out, marked a day at a time as the calendar once did it:
    the package's holidays, its working days, the statutory holidays of later years, then
    the overrides, each day's mark replacing the one before."""
    from gov_audit.calendar import HOLIDAY, MAKEUP, WORKDAY

    first = np.datetime64("2004-01-01", "D")
    days = np.arange(first, np.datetime64(f"{last_year + 1}-01-01", "D"))
    weekday = (days - np.datetime64("2024-01-01", "D")).astype(np.int64) % 7  # (2024-01-01: a Monday)
    kind = np.where(weekday >= 5, 1, WORKDAY).astype(np.int8)
    names: dict = {}

    def mark(d, k, name):
        i = int((np.datetime64(d, "D") - first).astype(np.int64))
        if 0 <= i < len(kind):
            if k == WORKDAY:
                k = MAKEUP if weekday[i] >= 5 else WORKDAY
            kind[i] = k
            if name:
                names[np.datetime64(d, "D")] = name
            elif k in (WORKDAY, MAKEUP):
                names.pop(np.datetime64(d, "D"), None)

    complete = c.overrides.complete_years
    for d, n in c._pkg_holidays.items():
        if d.year not in complete:
            mark(d, HOLIDAY, n)
    for d, n in c._pkg_workdays.items():
        if d.year not in complete:
            mark(d, WORKDAY, n)
    for y in range(c.package_years[1] + 1, last_year + 1):
        if y not in complete:
            for d, n in statutory_holidays(y):
                mark(d, HOLIDAY, n)
    for e in c.overrides.entries:
        mark(e.date, HOLIDAY if e.kind == "holiday" else WORKDAY, e.name)
    return kind, names


_OVERRIDE = st.builds(
    CalendarOverride,
    st.dates(min_value=D(2003, 12, 1), max_value=D(2035, 12, 31)),
    st.sampled_from(["holiday", "workday"]),
    st.sampled_from(["", "火把节", "春节"]),
)


@settings(max_examples=25, deadline=None)
@given(
    entries=st.lists(_OVERRIDE, max_size=12),
    complete=st.sets(st.integers(2004, 2035), max_size=3),
    reach=st.integers(2026, 2040),
)
def test_build_marks_the_days_as_marking_them_one_by_one(entries, complete, reach):
    c = WorkCalendar(CalendarOverrides(entries, complete_years=complete))
    c._ensure(np.array([np.datetime64(f"{reach}-06-30", "D")]))  # (a build past the first)
    kind, names = _marked_day_by_day(c, c.last_year)
    assert np.array_equal(c.kind, kind)
    assert c.names == names
