"""grouping: rows grouped by equal keys on numpy arrays, as pandas' sorted groupby groups
them, for the small frames where pandas' fixed cost per call is most of the work (a
sample office's punches folded into days, its penalty ladders).

A grouping is one stable lexsort of integer codes: ``order`` lists the grouped rows in
key order (equal keys in their own order) and ``starts`` says where each group begins in
it; the helpers reduce a column over the groups in that order.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import take


def codes(values: np.ndarray) -> np.ndarray:
    """Each value's rank among the distinct values, -1 for a blank: ordering rows by these
    orders them as sorting by the values does."""
    return pd.factorize(values, sort=True)[0]


def sorted_groups(
    keys: list[np.ndarray], then: np.ndarray | None = None, blank_keys: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The rows in key order (then in ``then``'s order, then in their own: the sort is
    stable), and where each group of equal keys starts in it.

    A row with a blank key belongs to no group, as in pandas' groupby; with
    ``blank_keys`` (``dropna=False``) blank is a key of its own, sorted after the others."""
    key_codes = [codes(k) for k in keys]
    if blank_keys:
        key_codes = [np.where(c < 0, len(c), c) for c in key_codes]
        rows = np.arange(len(keys[0]) if keys else 0)
    else:
        rows = np.flatnonzero(np.logical_and.reduce([c >= 0 for c in key_codes]))
    if not len(rows):
        return rows, rows
    by = [c[rows] for c in key_codes]
    order = rows[np.lexsort(([codes(then)[rows]] if then is not None else []) + by[::-1])]
    k = np.stack([c[order] for c in key_codes])
    starts = np.flatnonzero(np.r_[True, (k[:, 1:] != k[:, :-1]).any(axis=0)])
    return order, starts


def sizes(order: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each group's number of rows."""
    return np.diff(np.append(starts, len(order)))


def split(values: np.ndarray, starts: np.ndarray) -> list[list[Any]]:
    """``values`` (in group order) cut into the groups starting at ``starts``."""
    items = values.tolist()
    bounds = [*starts.tolist(), len(items)]
    return [items[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def least(values: np.ndarray, order: np.ndarray, starts: np.ndarray, first_by: np.ndarray | None = None) -> np.ndarray:
    """Each group's least value (None if all of its values are blank), as pandas' groupby
    ``min`` of text gives it; with ``first_by`` (a number per row), the value of the
    group's row least by it that has one, the least value among ties."""
    group = np.repeat(np.arange(len(starts)), sizes(order, starts))
    v = values[order]
    named = np.flatnonzero(pd.notna(v))
    out = np.full(len(starts), None, dtype=object)
    if len(named):
        before = () if first_by is None else (first_by[order][named],)
        by = named[np.lexsort((codes(v[named]), *before, group[named]))]
        groups, at = np.unique(group[by], return_index=True)
        out[groups] = v[by[at]]
    return out


def first_present(values: Any, order: np.ndarray, starts: np.ndarray) -> Any:
    """Each group's first value that is not blank, in the group's row order, as pandas'
    groupby ``first`` gives it: in the column's own type (a pandas array stays one), and
    blank where the group has none (None in a column of objects, as pandas has it)."""
    if type(values) is pd.arrays.NumpyExtensionArray:  # (a numpy column's pandas wrapper, not its subclasses)
        values = values.to_numpy()
    n = len(order)
    present = ~np.asarray(pd.isna(values), dtype=bool)[order]
    at = np.where(present, np.arange(n), n)
    following = np.minimum.accumulate(at[::-1])[::-1] if n else at  # each place's next present row
    ends = np.append(starts[1:], n)
    first = following[starts] if n else starts
    found = first < ends
    rows = np.where(found, order[np.minimum(first, max(n - 1, 0))] if n else first, -1)
    if not isinstance(values, np.ndarray):  # a pandas array: its own missing value
        return values.take(rows, allow_fill=True)
    if values.dtype == object:
        out = np.full(len(rows), None, dtype=object)
        out[found] = values[rows[found]]
        return out
    return take(values, rows, allow_fill=True)
