"""Cell typing: every accepted form of a date, time and yes/no, and the refusals."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_audit.types import parse_bool, parse_date, parse_datetime, parse_number, parse_time

FORMS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: d.strftime("%Y%m%d"),
    lambda d: d.strftime("%y-%m-%d") + " 星期" + "一二三四五六日"[d.weekday()],
    lambda d: f"{d.isoformat()} 00:00:00",
]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(range(len(FORMS))))
def test_every_date_form_parses_to_the_same_day(day, form):
    text = FORMS[form](day)
    if form == 5 and day.year >= 2100:
        return
    values, bad = parse_date(pd.Series([text], dtype=object))
    assert not bad[0], text
    assert values.iloc[0] == pd.Timestamp(day)


def test_impossible_and_month_first_dates_are_refused():
    values, bad = parse_date(pd.Series(["2026-02-30", "05/06/2026", "2026-13-01", "昨天", None, ""], dtype=object))
    assert bad.tolist() == [True, True, True, True, False, False]
    assert values.isna().all()


def test_excel_serials_and_date_cells():
    values, bad = parse_date(pd.Series([46293.0, np.nan]))
    assert values.iloc[0] == pd.Timestamp("2026-09-28") and not bad.any()
    cells = pd.Series(pd.to_datetime(["2026-09-28 13:45", None]))
    assert parse_date(cells)[0].iloc[0] == pd.Timestamp("2026-09-28")


def test_datetimes_and_times():
    values, bad = parse_datetime(pd.Series(["2026/9/28 8:53:12", "2026-09-28T08:05"], dtype=object))
    assert values.tolist() == [pd.Timestamp("2026-09-28 08:53:12"), pd.Timestamp("2026-09-28 08:05")]
    secs, bad = parse_time(pd.Series(["8:12", "08:12:30", "1899-12-31 08:12:00", "0.5", "24:00"], dtype=object))
    assert secs.tolist()[:4] == [29520.0, 29550.0, 29520.0, 43200.0] and bad.tolist() == [False] * 4 + [True]


def test_yes_no_and_numbers():
    yes, bad = parse_bool(
        pd.Series(["是", "否", "有", "无", "Y", "n", "√", "×", "1", "0", "TRUE", "也许", None], dtype=object)
    )
    assert yes.tolist() == [True, False, True, False, True, False, True, False, True, False, True, False, False]
    assert bad.tolist() == [False] * 11 + [True, False]
    amounts, bad = parse_number(pd.Series(["1,200元", "￥300", "12.5", "三百", None], dtype=object))
    assert amounts.tolist()[:3] == [1200.0, 300.0, 12.5] and bad.tolist() == [False, False, False, True, False]
