"""rules/periods.py: period labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_audit.rules.periods import labels_of, period_label

KINDS = ("month", "quarter", "half", "year", "week")


@pytest.mark.parametrize(
    ("kind", "labels"),
    [
        ("month", ["2026-01", "2026-12", "2026-01"]),
        ("quarter", ["2026Q1", "2026Q4", "2026Q1"]),
        ("half", ["2026H1", "2026H2", "2026H1"]),
        ("year", ["2026", "2026", "2026"]),
        # 2026-01-01 is a Thursday: ISO week 1 of 2026; 2026-12-31 is in week 53.
        ("week", ["2026-W01", "2026-W53", "2026-W01"]),
    ],
)
def test_each_kind_labels_repeated_dates(kind: str, labels: list[str]) -> None:
    dates = pd.Series(pd.to_datetime(["2026-01-01", "2026-12-31", "2026-01-01"]), index=[7, 3, 9])
    got = period_label(dates, kind)
    assert got.tolist() == labels
    assert got.index.tolist() == [7, 3, 9]


@given(
    days=st.lists(st.one_of(st.none(), st.integers(-800, 800)), min_size=1, max_size=60),
    kind=st.sampled_from(KINDS),
    shuffle=st.randoms(use_true_random=False),
)
def test_labelling_distinct_dates_once_is_labelling_each(days: list[int | None], kind: str, shuffle) -> None:
    """The labels of repeated dates, made once per distinct date, are each date's own: the
    same values, type, name and index, NaT included (it changes the labels' type)."""
    stamps = [pd.NaT if d is None else pd.Timestamp("2026-06-15") + pd.Timedelta(days=d) for d in days]
    index = list(range(len(stamps)))
    shuffle.shuffle(index)
    dates = pd.Series(pd.to_datetime(stamps), index=np.array(index) * 3, name="date")
    pd.testing.assert_series_equal(period_label(dates, kind), labels_of(pd.to_datetime(dates), kind))
