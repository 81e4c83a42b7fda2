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


_CELL_TEXT = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from(["a", "是", " ", "\u3000", "\t", "-", "—", "/", "x"]), max_size=4),
    st.sampled_from(["", "--", "－－", " 张三 ", "是", "否", "√"]),
)


def _full_arrow_text(col: pd.Series) -> tuple[list, list]:
    """Every cell stripped and blanked, no shortcut: what the clean-column fast path must equal."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from gov_audit.types import _arrow_strip

    stripped, blank = _arrow_strip(col)
    text = pc.if_else(blank, pa.scalar(None, stripped.type), stripped).to_pylist()
    return text, np.asarray(blank, dtype=bool).tolist()


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(st.one_of(_CELL_TEXT, st.text(st.characters(exclude_categories=("Cs",)), max_size=5)), max_size=12),
    yes_no=st.booleans(),
)
def test_python_text_one_pass_equals_pandas_str_calls(cells, yes_no):
    # A small office's text is held as Python strings (intake.text_storage) and stripped in
    # one pass; it must equal pandas' own .str calls, and the Arrow path's text, cell by cell.
    from gov_audit.types import DASHES, _yes_no_blank, as_text, is_blank

    with pd.option_context("mode.string_storage", "python"):
        col = pd.Series(cells, dtype="str", index=range(3, 3 + len(cells)))
        assert isinstance(col.array, pd.arrays.StringArray)
        s = col.str.strip()
        want = s.mask((s == "") | s.isin(DASHES))
        got = as_text(col)
        pd.testing.assert_series_equal(got, want)
        assert is_blank(col).tolist() == (col.isna() | (s == "") | s.isin(DASHES)).tolist()
        if yes_no:
            values, bad = parse_bool(col)
            yes, no, blank_words = _yes_no_blank(col)
            assert values.tolist() == yes.tolist()
            assert bad.tolist() == (~blank_words & ~yes & ~no).tolist()
    arrow = pd.Series(cells, dtype=pd.StringDtype("pyarrow", na_value=np.nan))
    assert [None if v != v else v for v in got.tolist()] == _full_arrow_text(arrow)[0]
    assert is_blank(col).tolist() == is_blank(arrow).tolist()


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(_CELL_TEXT, max_size=12), yes_no=st.booleans())
def test_arrow_text_fast_path_equals_stripping_every_cell(cells, yes_no):
    # A column with nothing to strip or blank is handed back as it is; any other is stripped
    # cell by cell.  Both must give the text, blanks and yes/no verdicts of the full path.
    from gov_audit.types import _yes_no_blank, as_text, is_blank

    col = pd.Series(cells, dtype="str")
    text, blank = _full_arrow_text(col)
    got = as_text(col)
    assert got.dtype == col.dtype
    assert [None if v is None or v != v else v for v in got.tolist()] == text
    assert is_blank(col).tolist() == blank
    if yes_no:
        values, bad = parse_bool(col)
        yes, no, blank_words = _yes_no_blank(col)  # every cell judged, no distinct-value shortcut
        assert values.tolist() == yes.tolist()
        assert bad.tolist() == (~blank_words & ~yes & ~no).tolist()
