"""rules/base.py: the findings frame a rule builds, and the rules' frames stacked into one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gov_audit.engine as engine
from gov_audit.engine import AuditOptions, prepare, run_audit
from gov_audit.rules.base import (
    FIELD_PREFIX,
    FindingsRows,
    _array_of,
    _typed,
    blanks_as_none,
    column_arrays,
    findings_from,
    first_present,
    stack_findings,
    stack_findings_of_offices,
)

SAMPLE = "sample_data/registers.xlsx"

# Every dtype a findings column has been seen to take, with a few values of each.
_KINDS = {
    "object": lambda n, r: pd.Series([r.choice(["甲", None, np.nan, 3, True]) for _ in range(n)], dtype=object),
    "str": lambda n, r: pd.Series([r.choice(["乙", None]) for _ in range(n)], dtype="str"),
    "Int64": lambda n, r: pd.Series([r.choice([1, None]) for _ in range(n)], dtype="Int64"),
    "Float64": lambda n, r: pd.Series([r.choice([1.5, None]) for _ in range(n)], dtype="Float64"),
    "float64": lambda n, r: pd.Series([r.choice([2.5, np.nan]) for _ in range(n)], dtype="float64"),
    "int64": lambda n, r: pd.Series([r.choice([1, 2]) for _ in range(n)], dtype="int64"),
    "bool": lambda n, r: pd.Series([r.choice([True, False]) for _ in range(n)], dtype=bool),
    "datetime64[ns]": lambda n, r: pd.Series(pd.to_datetime([r.choice(["2026-01-05", None]) for _ in range(n)])).astype(
        "datetime64[ns]"
    ),
    "datetime64[s]": lambda n, r: pd.Series(pd.to_datetime([r.choice(["2026-02-03", None]) for _ in range(n)])).astype(
        "datetime64[s]"
    ),
    "category": lambda n, r: pd.Series(pd.Categorical([r.choice(["a.xlsx", "b.xlsx"]) for _ in range(n)])),
    # (integer categories with a blank: meeting int64, pandas makes the common type float)
    "category_int": lambda n, r: pd.Series(pd.Categorical([r.choice([1, 2, None]) for _ in range(n)])),
}


@st.composite
def findings_frames(draw):
    """Frames like the rules': a few columns every frame has, fields only some have,
    each column's dtype drawn per frame (a rule may leave a column None, another type it)."""
    rnd = draw(st.randoms(use_true_random=False))
    names = ["rule", "status", "due", FIELD_PREFIX + "a", FIELD_PREFIX + "b", FIELD_PREFIX + "c"]
    frames = []
    for _ in range(draw(st.integers(1, 6))):
        n = draw(st.integers(1, 4))
        cols = {"rule": pd.Series(["R1"] * n, dtype="str")}
        for name in names[1:]:
            if name in ("status", "due") or draw(st.booleans()):
                cols[name] = _KINDS[draw(st.sampled_from(sorted(_KINDS)))](n, rnd)
        order = list(cols)
        if draw(st.booleans()):
            order = ["rule", *draw(st.permutations(order[1:]))]
        frames.append(pd.DataFrame({c: cols[c] for c in order}))
    return frames


def _pandas_stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The stack's oracle: ``pd.concat(frames, ignore_index=True)``, but a column mixing
    bool with int or float is pandas' Series concat of its pieces (objects, True kept).
    pandas' frame concat makes such a column numbers or not depending on how each frame
    lays out its blocks; the stack keeps the values."""
    want = pd.concat(frames, ignore_index=True)
    starts = np.cumsum([0, *[len(f) for f in frames[:-1]]])
    for c in want.columns:
        kinds = {f[c].dtype.kind for f in frames if c in f.columns and isinstance(f[c].dtype, np.dtype)}
        if "b" in kinds and kinds & set("iuf"):
            held = [(s, f[c]) for s, f in zip(starts, frames, strict=True) if c in f.columns]
            joined = pd.concat([p for _, p in held], ignore_index=True)
            joined.index = np.concatenate([np.arange(s, s + len(p)) for s, p in held])
            want[c] = joined.reindex(want.index)
    return want


@given(findings_frames())
def test_stacked_findings_are_what_pandas_concat_gives(frames):
    pd.testing.assert_frame_equal(stack_findings(frames), _pandas_stack(frames), check_exact=True)


@given(findings_frames(), st.data())
def test_an_offices_rows_of_a_rule_stack_as_their_frames_do(frames, data):
    """A rule judged for several offices hands each office rows ``a:b`` of its findings
    (``FindingsRows``); stacked, they are exactly those rows cut out as frames and stacked,
    mixed with whole frames or alone."""
    pieces, cut = [], []
    for f in frames:
        a = data.draw(st.integers(0, len(f) - 1))
        b = data.draw(st.integers(a + 1, len(f)))
        if data.draw(st.booleans()):
            pieces.append(FindingsRows(list(f.columns), column_arrays(f), a, b))
        else:
            pieces.append(f.iloc[a:b].reset_index(drop=True))
        cut.append(f.iloc[a:b].reset_index(drop=True))
    pd.testing.assert_frame_equal(stack_findings(pieces), stack_findings(cut), check_exact=True)


@given(findings_frames(), st.lists(st.tuples(st.booleans(), findings_frames()), min_size=1, max_size=5), st.data())
def test_offices_stacked_together_are_each_office_stacked(template, drawn, data):
    """A share's offices stacked together (columns alike across offices stacked once):
    each office's frame is pandas' concat of its own frames.  Offices cut from one
    template have alike columns (a county of one template); others are drawn apart."""
    offices, frames_of = [], []
    for alike, own in drawn:
        frames = own
        if alike:  # the template's frames, other rows of them
            frames = []
            for f in template:  # (all of a frame's rows may go: a rule that found nothing)
                a = data.draw(st.integers(0, len(f)))
                frames.append(f.iloc[a:].reset_index(drop=True))
        pieces = []
        for f in frames:
            if data.draw(st.booleans()):
                pieces.append(FindingsRows(list(f.columns), column_arrays(f), 0, len(f)))
            else:
                pieces.append(f)
        offices.append(pieces)
        frames_of.append(frames)
    stacked = stack_findings_of_offices(offices)
    assert len(stacked) == len(offices)
    for got, frames in zip(stacked, frames_of, strict=True):
        pd.testing.assert_frame_equal(got, stack_findings(frames), check_exact=True)
        if all(len(f) for f in frames):  # (see the test below for a frame with no rows)
            pd.testing.assert_frame_equal(got, _pandas_stack(frames), check_exact=True)


def test_offices_whose_columns_are_decided_apart_are_stacked_apart():
    """Two offices' pieces of one column in the same dtypes, yet their stacked columns'
    types differ: integer categories with a blank in one office only (float with it, int
    without), and an int field missing from a frame with rows in one office only (that
    frame's rows are blanks: float; a frame with no rows fills nothing, where pandas'
    frame concat would make the column float all the same)."""
    rule = pd.Series(["R1"], dtype="str")

    def office(cats, other_rows):
        first = pd.DataFrame({"rule": rule, "x": pd.Categorical(cats), "y": [1]})
        second = pd.DataFrame({"rule": pd.Series(["R2"] * 2, dtype="str"), "x": [3, 4], "y": [2, 3]})
        x = np.full(other_rows, 5, dtype=np.int64)
        lacking = pd.DataFrame({"rule": pd.Series(["R3"] * other_rows, dtype="str"), "x": x})
        return [first, second, lacking]

    offices = [office([1], 0), office([None], 0), office([1], 1)]
    stacked = stack_findings_of_offices(offices)
    for got, frames in zip(stacked, offices, strict=True):
        pd.testing.assert_frame_equal(got, stack_findings(frames), check_exact=True)
    pd.testing.assert_frame_equal(stacked[2], _pandas_stack(offices[2]), check_exact=True)
    assert [f["x"].dtype.kind for f in stacked] == ["i", "f", "i"]
    assert [f["y"].dtype.kind for f in stacked] == ["i", "i", "f"]


def test_an_office_handed_no_rows_of_a_rule_stacks_as_its_empty_frames_do():
    """Pieces with no rows, cut from arrays that have rows: stacked as the empty frames
    they stand for (pandas decides the type of a column of no rows on its own terms)."""
    flags = pd.DataFrame({"rule": pd.Series(["R1"] * 2, dtype="str"), "x": [True, False]})
    counts = pd.DataFrame({"rule": pd.Series(["R2"] * 2, dtype="str"), "x": [3, 4]})
    cut = [FindingsRows(list(f.columns), column_arrays(f), 1, 1) for f in (flags, counts)]
    (got,) = stack_findings_of_offices([cut])
    pd.testing.assert_frame_equal(got, _pandas_stack([flags.iloc[1:1], counts.iloc[1:1]]), check_exact=True)
    assert len(got) == 0


def test_a_bool_field_meeting_a_number_keeps_its_truth():
    numbers = pd.DataFrame({"rule": pd.Series(["R1"] * 2, dtype="str"), "x": [np.nan, 2.5]})
    flags = pd.DataFrame({"rule": pd.Series(["R2"] * 2, dtype="str"), "x": [False, True]})
    stacked = stack_findings([numbers, flags])["x"]
    assert stacked.dtype == object and stacked.tolist()[2:] == [False, True]


@pytest.mark.parametrize("as_of", ["2026-03-15", "2026-11-30"])
def test_sample_findings_stack_as_pandas_concat_does(as_of, monkeypatch):
    seen = []

    def keep(offices):
        seen.extend([f.copy() for f in frames] for frames in offices)
        return stack_findings_of_offices(offices)

    monkeypatch.setattr(engine, "stack_findings_of_offices", keep)
    opts = AuditOptions(as_of=pd.Timestamp(as_of))
    result = run_audit([SAMPLE], opts, prepared=prepare(opts))
    (frames,) = seen
    assert len(frames) >= 10  # many rules say something about the sample
    assert len({c for f in frames for c in f.columns}) > 25  # and their fields differ
    with pd.option_context("mode.string_storage", result.intake.text_storage):  # as the engine stacked them
        pd.testing.assert_frame_equal(stack_findings(frames), pd.concat(frames, ignore_index=True), check_exact=True)


class _Rule:
    id = "T001"
    register = "petitions"
    fields = {"who": "text", "n": "int"}


def test_findings_from_scalar_and_column_arguments():
    rows = pd.DataFrame(
        {"name": ["甲", "乙"], "_file": ["f.xlsx"] * 2, "_sheet": ["s"] * 2, "_row": [4, 9]}, index=[7, 3]
    )
    f = findings_from(
        rows,
        _Rule,
        status="due_soon",
        subject=rows["name"],
        fields={"who": pd.Series([np.nan, "丙"], index=[7, 3], dtype=object), "n": 2},
    )
    assert list(f["severity"]) == ["warning", "warning"]  # due soon is a warning, never a breach
    assert list(f["row"]) == [4, 9]
    assert list(f[FIELD_PREFIX + "who"]) == [None, "丙"]  # a blank text field is None, not NaN
    assert list(f[FIELD_PREFIX + "n"]) == [2, 2]
    assert f["done"].isna().all() and f["period"].isna().all()
    f.loc[0, "done"] = "x"  # the None columns are one array shared at build: writing one leaves the rest
    assert f["period"].isna().all() and f["late_unit"].isna().all()
    mixed = findings_from(rows, _Rule, status=pd.Series(["late", "due_soon"], index=[7, 3]))
    assert list(mixed["severity"]) == ["breach", "warning"]


def test_a_findings_frame_shares_no_memory_with_the_rows_it_describes():
    """frame_of lays the columns out as blocks itself: writing into a finding must never
    write into the register a rule read (pandas' copy-on-write does not see these blocks)."""
    rows = pd.DataFrame(
        {
            "name": pd.Series(["甲", "乙"], dtype="str"),
            "day": pd.to_datetime(["2026-03-02", "2026-03-03"]),
            "n": [1.5, 2.5],
            "_file": pd.Categorical(["f.xlsx"] * 2),
            "_sheet": ["s"] * 2,
            "_row": [4, 9],
        }
    )
    before = rows.copy(deep=True)
    f = findings_from(rows, _Rule, status="late", subject=rows["name"], start=rows["day"], late_by=rows["n"])
    f.loc[0, "subject"] = "丙"
    f.loc[0, "start"] = pd.Timestamp("2030-01-01")
    f.loc[0, "late_by"] = 99.0
    f.loc[0, "row"] = 100
    pd.testing.assert_frame_equal(rows, before)
    stacked = stack_findings([f, f.iloc[:1]])
    stacked.loc[0, "late_by"] = -1.0
    assert f.loc[0, "late_by"] == 99.0


def test_blanks_as_none_for_every_kind_of_blank():
    values = pd.Series(["甲", None, np.nan, pd.NaT, pd.NA, "", 0], dtype=object)
    cells = blanks_as_none(values)
    assert cells.tolist() == ["甲", None, None, None, None, "", 0]  # "" and 0 are values, not blanks
    assert values.iloc[2] is np.nan  # a new array: the column itself is left as it was
    assert blanks_as_none(pd.Series([1, None], dtype="Int64")).tolist() == [1, None]
    assert blanks_as_none(pd.Series(["乙", None], dtype="str")).tolist() == ["乙", None]
    days = pd.Series(pd.to_datetime(["2026-03-02", None]))
    for held in (days, days.array):  # a Series or the array a findings column is built from
        cells = blanks_as_none(held)
        assert cells.tolist() == [pd.Timestamp("2026-03-02"), None] and type(cells[0]) is pd.Timestamp
    assert blanks_as_none(pd.Categorical(["a.xlsx", None])).tolist() == ["a.xlsx", None]


def typed(values: pd.Series, kind: str) -> pd.Series:
    """``_typed`` on a Series, as findings_from hands it a column."""
    got = _typed(_array_of(values), kind)
    return pd.Series(got, index=values.index, dtype=got.dtype, copy=False)


def _typed_by_pandas(values: pd.Series, kind: str) -> pd.Series:
    """The field typing as it was written first, in pandas calls: the oracle for ``_typed``."""
    if kind == "text":
        return values.astype(object).where(values.notna(), None)
    if kind == "bool":
        return values.astype(object).where(values.isna(), values.astype(bool)).astype(object)
    number = pd.to_numeric(values, errors="coerce")
    return number.round().astype("Int64") if kind == "int" else number.astype(float)


_FIELD_VALUES = {
    "object": st.sampled_from(["甲", "12", "2.5", "", None, np.nan, 3, 2.5, -0.5, True, False]),
    "float64": st.sampled_from([0.5, 1.5, 2.5, -2.5, 3.0, np.nan, 1e6, 2.0**62, -(2.0**63), 1e20, np.inf]),
    "int64": st.integers(-(10**6), 10**6),
    "bool": st.booleans(),
    "str": st.sampled_from(["乙", "7", None]),
}


@given(st.sampled_from(sorted(_FIELD_VALUES)).flatmap(lambda d: st.tuples(st.just(d), st.lists(_FIELD_VALUES[d]))))
def test_typed_fields_are_what_the_pandas_calls_give(drawn):
    dtype, cells = drawn
    values = pd.Series(cells, dtype=dtype, index=pd.RangeIndex(len(cells)) + 5)
    for kind in ("text", "int", "number") + (("bool",) if dtype != "str" else ()):
        try:
            want = _typed_by_pandas(values, kind)
        except (TypeError, ValueError, OverflowError) as refused:  # an int past int64: never a wrapped number
            with pytest.raises(type(refused)):
                typed(values, kind)
            continue
        got = typed(values, kind)
        pd.testing.assert_series_equal(got, want, check_exact=True)
        # the same Python types inside (a JSON writer tells True from 1, None from NaN)
        assert [type(v) for v in got.tolist()] == [type(v) for v in want.tolist()]


def test_typed_int_rounds_half_to_even_and_drops_what_is_no_number():
    got = typed(pd.Series(["2.5", "3.5", "-0.5", "七", None, 4], dtype=object), "int")
    assert got.dtype == "Int64"
    assert got.tolist() == [2, 4, 0, pd.NA, pd.NA, 4]
    assert typed(pd.Series([True, None, 0], dtype=object), "bool").tolist() == [True, None, False]
    # a nullable column's blanks stay blank (the pandas calls raised on them)
    assert typed(pd.Series([1, None], dtype="Int64"), "bool").tolist() == [True, pd.NA]


def _first_present_by_text(*cols: pd.Series) -> pd.Series:
    """first_present as it was first written (blank = missing or "" as text): its oracle."""
    out = cols[0].copy()
    for c in cols[1:]:
        out = out.where(out.notna() & (out.astype(str) != ""), c)
    return out


_PRESENT_CELLS = st.sampled_from(["甲", "", " ", None, np.nan, 0, 1.5, "nan", False])


@given(
    st.integers(0, 6).flatmap(
        lambda n: st.lists(st.lists(_PRESENT_CELLS, min_size=n, max_size=n), min_size=1, max_size=3)
    )
)
def test_first_present_is_the_first_cell_neither_missing_nor_empty(columns):
    index = pd.RangeIndex(len(columns[0])) + 3
    cols = [pd.Series(c, index=index, dtype=object) for c in columns]
    got, want = first_present(*cols), _first_present_by_text(*cols)
    pd.testing.assert_series_equal(got, want, check_exact=True)
    assert first_present(pd.Series(["", None, "乙"], dtype=object), pd.Series(["丙", "丁", "戊"])).tolist() == [
        "丙",
        "丁",
        "乙",
    ]


def test_text_columns_of_findings_share_one_dtype_object_per_storage():
    """Equal dtypes that are different objects are hashed and compared wherever pieces are
    grouped by dtype; the findings' text columns are made with one object per storage."""
    import numpy as np
    import pandas as pd

    from gov_audit.rules import base

    for storage in ("python", "pyarrow"):
        with pd.option_context("mode.string_storage", storage):
            a, b = base._text_column("x", 2), base._text_column(np.array(["y", None], dtype=object), 2)
            assert a.dtype is b.dtype
            assert a.dtype == pd.StringDtype(storage, na_value=np.nan)
            assert a.tolist() == ["x", "x"] and b[0] == "y" and pd.isna(b[1])
