"""gov_audit.grouping against pandas' sorted groupby it stands in for, on generated
columns with blanks: the groups and their order, their sizes, and the least and first
value of a text column (blanks skipped; all-blank groups blank)."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_audit import grouping

_KEY = st.sampled_from([None, "甲", "乙", "丙", ""])
_TEXT = st.sampled_from([None, "办公室", "财务科", "a", ""])


@settings(deadline=None)
@given(
    rows=st.lists(st.tuples(_KEY, st.integers(0, 2), _TEXT), max_size=30),
    blank_keys=st.booleans(),
    storage=st.sampled_from(["object", "python"]),
)
def test_groups_are_pandas_sorted_groups(rows, blank_keys, storage):
    frame = pd.DataFrame(rows, columns=["k", "n", "v"], dtype=object)
    frame["n"] = frame["n"].astype(np.int64)
    if storage == "python":
        frame["v"] = frame["v"].astype(pd.StringDtype("python", na_value=np.nan))
    keys = [frame["k"].to_numpy(), frame["n"].to_numpy()]
    order, starts = grouping.sorted_groups(keys, blank_keys=blank_keys)
    grouped = frame.groupby(["k", "n"], sort=True, dropna=not blank_keys)
    # The same groups, in the same order, each holding the same rows in their own order.
    want = [list(rows) for rows in grouped.indices.values()]
    assert [list(g) for g in grouping.split(order, starts)] == want
    assert grouping.sizes(order, starts).tolist() == grouped.size().tolist()
    values = frame["v"].array
    first = grouping.first_present(values, order, starts)
    assert [None if pd.isna(x) else x for x in first] == [
        None if pd.isna(x) else x for x in grouped["v"].first().tolist()
    ]
    least = grouping.least(frame["v"].to_numpy(dtype=object), order, starts)
    assert [None if pd.isna(x) else x for x in least] == [
        None if pd.isna(x) else x for x in grouped["v"].min().tolist()
    ]


def test_a_column_of_objects_keeps_none_where_a_group_has_no_value():
    order, starts = grouping.sorted_groups([np.array(["b", "a", "b"], dtype=object)])
    first = grouping.first_present(np.array([None, None, "x"], dtype=object), order, starts)
    assert first.dtype == object and first.tolist() == [None, "x"]


def test_then_orders_rows_within_a_group():
    order, starts = grouping.sorted_groups(
        [np.array(["a", "a", "a"], dtype=object)], then=np.array(["F3", "F1", "F2"], dtype=object)
    )
    assert order.tolist() == [1, 2, 0] and starts.tolist() == [0]


def test_least_by_takes_the_earliest_row_with_a_value_then_the_least_value():
    # (by code point 丙 < 乙 < 甲.)  Group "a": rows at days 3 (丙), 0 (blank), 1 (甲), 1 (乙)
    # → day 1's least name, 乙, where the least of all is 丙; group "b": only a blank → None.
    keys = np.array(["a", "a", "a", "a", "b"], dtype=object)
    names = np.array(["丙", None, "甲", "乙", None], dtype=object)
    days = np.array([3, 0, 1, 1, 0])
    order, starts = grouping.sorted_groups([keys])
    assert grouping.least(names, order, starts, first_by=days).tolist() == ["乙", None]
    assert grouping.least(names, order, starts).tolist() == ["丙", None]
