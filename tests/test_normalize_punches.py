"""Folding punches into days (normalize._fold_days) against the pandas groupby it
replaced, on generated punch sheets: times with and without their date, a bare time
beside a 考勤日期 column, unreadable punches, blank names and staff numbers, two sheets
folded together, one session or two."""

import datetime as dt

import numpy as np
import pandas as pd
import reference_normalize as ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_audit import normalize

_TEXT = pd.StringDtype("python", na_value=np.nan)
_DAYS = [None, dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 3), dt.datetime(2026, 3, 7)]
_PUNCH = st.one_of(
    st.none(),
    st.builds(
        lambda d, h, m: d + dt.timedelta(hours=h, minutes=m),
        st.sampled_from([dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 3), dt.datetime(1899, 12, 31)]),
        st.integers(5, 21),
        st.integers(0, 59),
    ),
)
_ROW = st.fixed_dictionaries(
    {
        "name": st.sampled_from([None, "张三", "李四", "王五"]),
        "staff_id": st.sampled_from([None, "A01", "A02"]),
        "dept": st.sampled_from([None, "办公室", "财务科"]),
        "punch_time": _PUNCH,
        "date": st.sampled_from(_DAYS),
        "sheet": st.sampled_from(["一月", "二月"]),
        "row": st.integers(2, 30),
        "unread": st.booleans(),
    }
)


def _frame(rows, with_bad):
    f = pd.DataFrame(
        {
            "dept": pd.array([r["dept"] for r in rows], dtype=_TEXT),
            "name": pd.array([r["name"] for r in rows], dtype=_TEXT),
            "staff_id": pd.array([r["staff_id"] for r in rows], dtype=_TEXT),
            "punch_time": pd.to_datetime(pd.Series([r["punch_time"] for r in rows], dtype=object)),
            "date": pd.to_datetime(pd.Series([r["date"] for r in rows], dtype=object)),
            "_file": np.array(["台账.xlsx"] * len(rows), dtype=object),
            "_sheet": np.array([r["sheet"] for r in rows], dtype=object),
            "_row": np.array([r["row"] for r in rows], dtype=np.int64),
        }
    )
    f["punch_time"] = f["punch_time"].astype("datetime64[ns]")
    f["date"] = f["date"].astype("datetime64[ns]")
    if with_bad:
        f["_bad_punch_time"] = np.array([r["unread"] for r in rows], dtype=bool)
    return f


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(_ROW, min_size=0, max_size=40),
    with_bad=st.booleans(),
    split=st.sampled_from([None, 12 * 3600.0, 13.5 * 3600]),
)
def test_punches_fold_into_the_days_pandas_groupby_made(rows, with_bad, split):
    frame = _frame(rows, with_bad)
    got = normalize._fold_days(frame.copy(), split, 13 * 3600)
    want = ref._fold_days(frame.copy(), split, 13 * 3600)
    used = ["who", "date", "_file", "_sheet", "name", "staff_id", "dept", "_row"]
    used += ["sign_in", "sign_out", "sign_in2", "sign_out2", "_unread"]
    for c in used:
        assert [None if pd.isna(v) else v for v in got[c].tolist()] == [
            None if pd.isna(v) else v for v in want[c].tolist()
        ], c
    # The register they make: the same frame, column for column.
    pd.testing.assert_frame_equal(normalize._daily_register(got), normalize._daily_register(want))


def test_a_day_takes_the_first_name_and_department_given_even_after_a_blank_one():
    rows = [
        {"name": "张三", "staff_id": "A01", "dept": None, "punch_time": dt.datetime(2026, 3, 2, 8, 31)},
        {"name": None, "staff_id": "A01", "dept": "办公室", "punch_time": dt.datetime(2026, 3, 2, 17, 40)},
        {"name": None, "staff_id": "A01", "dept": "财务科", "punch_time": dt.datetime(2026, 3, 2, 12, 5)},
        {"name": "李四", "staff_id": None, "dept": None, "punch_time": dt.datetime(2026, 3, 2, 9, 2)},
    ]
    rows = [dict(r, date=None, sheet="一月", row=i + 2, unread=False) for i, r in enumerate(rows)]
    got = normalize._fold_days(_frame(rows, False), None, 13 * 3600)
    cells = got[["who", "name", "dept", "_row", "sign_in", "sign_out"]].to_numpy(dtype=object).tolist()
    assert [[None if pd.isna(v) else v for v in row] for row in cells] == [
        ["A01", "张三", "办公室", 2, 8 * 3600 + 31 * 60, 17 * 3600 + 40 * 60],
        ["李四", "李四", None, 5, 9 * 3600 + 2 * 60, None],
    ]


def test_a_day_with_an_unreadable_punch_is_one_day_on_record_and_not_judged():
    rows = [
        {"punch_time": dt.datetime(2026, 3, 2, 8, 31), "date": None, "unread": False},
        {"punch_time": None, "date": dt.datetime(2026, 3, 2), "unread": True},
        {"punch_time": dt.datetime(2026, 3, 2, 17, 40), "date": None, "unread": False},
        {"punch_time": dt.datetime(2026, 3, 3, 8, 55), "date": None, "unread": False},
        {"punch_time": dt.datetime(2026, 3, 3, 17, 35), "date": None, "unread": False},
    ]
    rows = [dict(r, name="张三", staff_id=None, dept="办公室", sheet="一月", row=i + 2) for i, r in enumerate(rows)]
    register = normalize._daily_register(normalize._fold_days(_frame(rows, True), None, 13 * 3600))
    cells = register[["date", "sign_in", "sign_out", "_bad_sign_in", "_row"]].to_numpy(dtype=object).tolist()
    assert [[None if pd.isna(v) else v for v in row] for row in cells] == [
        [pd.Timestamp("2026-03-02"), None, None, True, 3],
        [pd.Timestamp("2026-03-03"), 8 * 3600 + 55 * 60, 17 * 3600 + 35 * 60, False, 5],
    ]
