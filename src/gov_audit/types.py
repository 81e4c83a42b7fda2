"""Cell typing, vectorized over whole columns.

Each parser takes a raw column (whatever the reader handed over: datetime64 for a
clean date column, float for numbers, text for mixed columns) and returns the typed
column plus a boolean mask of cells that held something but could not be typed.
Blank cells are never errors here; whether a value is required is the rules' business.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .textfold import fold  # noqa: F401  (re-exported)

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Nanosecond timestamps end in 2262: a later date (9999-12-31) must become a located
# error, not an OutOfBoundsDatetime halfway through a column.
_NS_MIN = np.datetime64("1678-01-01", "D")
_NS_MAX = np.datetime64("2262-01-01", "D")
_SERIAL_MAX = int((_NS_MAX - np.datetime64("1899-12-30", "D")).astype(int))


_EXCEL_DAY_ZERO = np.array([np.datetime64("1899-12-30", "D"), np.datetime64("1899-12-31", "D")]).astype(np.int64)


def _to_ns(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """A datetime column in any unit as datetime64[ns]; values outside its range → NaT, flagged."""
    arr = col.to_numpy()
    if arr.dtype == np.dtype("datetime64[ns]"):
        return pd.Series(arr, index=col.index), np.zeros(len(arr), dtype=bool)
    if arr.dtype == object:  # tz-aware or mixed: let pandas decide, out-of-range → NaT
        out = pd.to_datetime(col, errors="coerce")
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        out = out.astype("datetime64[ns]")
        return out, (col.notna() & out.isna()).to_numpy()
    days = arr.astype("datetime64[D]")
    outside = ~np.isnat(days) & ((days < _NS_MIN) | (days >= _NS_MAX))
    if outside.any():
        arr = arr.copy()
        arr[outside] = np.datetime64("NaT")
    return pd.Series(arr.astype("datetime64[ns]"), index=col.index, copy=False), outside


_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*[（(]?(?:星期|周)[一二三四五六日天][)）]?)?"
    r"(?:[\sT]+(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:\.\d+)?)?\s*秒?)?\s*$"
)
_COMPACT_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
# DingTalk writes dates as "26-09-28 星期一".
_DINGTALK_RE = re.compile(
    r"^(?P<y>\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\s*(?:星期|周)[一二三四五六日天]"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)
_TIME_RE = re.compile(
    # A time, alone or after a date ("2026/9/28 8:53:12", DingTalk's "26-09-28 星期一 08:21"); nothing else before it.
    r"^(?:(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{2}-\d{2}-\d{2})"
    r"(?:\s*[（(]?(?:星期|周)[一二三四五六日天][)）]?)?[\sT]+)?"
    r"(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?:\s*[:：]\s*(?P<S>\d{2})(?:\.\d+)?)?$"
)
_NUMBER_RE = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")

# A cell holding only dashes is how exports write "nothing" (WeCom's "--" for no punch).
DASHES = ["-", "--", "---", "—", "——", "–", "－", "－－", "/"]

TRUE_WORDS = {"是", "有", "y", "yes", "true", "√", "✓", "✔", "1", "1.0", "对", "已", "同意"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "×", "✗", "x", "0", "0.0", "没有", "未"}


def as_text(col: pd.Series) -> pd.Series:
    """Cells as stripped text (object dtype, None for blank); integral floats lose their ``.0``."""
    if pd.api.types.is_float_dtype(col.dtype):
        ints = col.notna() & (col == np.floor(col.fillna(0))) & (col.abs() < 1e15)
        out = col.astype(object)
        out[ints] = col[ints].astype("int64").astype(str)
        out[col.notna() & ~ints] = col[col.notna() & ~ints].astype(str)
        return out.where(col.notna(), None)
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        return col.dt.strftime("%Y-%m-%d").where(col.notna(), None).astype(object)
    if isinstance(col.array, pd.arrays.ArrowStringArray):
        # Arrow-backed text from the reader: strip and blank-out in Arrow compute directly
        # (the same kernels pandas' .str would call, without its per-call overhead, which
        # on a register of a few dozen rows was most of the cost).
        if _arrow_clean(col):  # nothing to strip or blank out: the column is its own text
            return col.copy(deep=False)
        stripped, blank = _arrow_strip(col)
        text = pc.if_else(blank, pa.scalar(None, stripped.type), stripped)
        return pd.Series(type(col.array)(text, dtype=col.dtype), index=col.index, name=col.name, copy=False)
    if isinstance(col.array, pd.arrays.StringArray):
        stripped, blank, clean = _python_strip(col)
        if clean:
            return col.copy(deep=False)
        stripped[blank] = None
        return pd.Series(pd.array(stripped, dtype=col.dtype), index=col.index, name=col.name, copy=False)
    if col.dtype != object and pd.api.types.is_string_dtype(col.dtype):
        s = col.str.strip()
        return s.mask((s == "") | s.isin(DASHES))
    s = col.where(col.notna(), None)
    if pd.api.types.infer_dtype(s, skipna=True) not in ("string", "empty"):
        # python-calamine hands over date/time objects beside text: only then, one by one.
        s = s.map(lambda v: v if v is None or isinstance(v, str) else _object_to_text(v))
    s = s.str.strip()
    return s.where(s.notna() & (s != "") & ~s.isin(DASHES), None)


def _arrow_strip(col: pd.Series) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
    """An Arrow text column stripped, and where it is blank (null, empty or dashes)."""
    stripped = pc.utf8_trim_whitespace(col.array._pa_array)
    dashes = _DASH_SETS.get(stripped.type)
    if dashes is None:
        dashes = _DASH_SETS[stripped.type] = pa.array(DASHES, type=stripped.type)
    blank = pc.or_(pc.equal(pc.utf8_length(stripped), 0), pc.is_in(stripped, value_set=dashes))
    return stripped, pc.fill_null(blank, True)


_DASH_SETS: dict[pa.DataType, pa.Array] = {}
_DASH_SET = frozenset(DASHES)


def _python_strip(col: pd.Series) -> tuple[np.ndarray, np.ndarray, bool]:
    """A text column held as Python strings (a small office's: intake.text_storage)
    stripped, where it is blank (missing, empty or dashes), and whether it was already
    its own text (nothing to strip or blank out).

    The ``str.strip`` that pandas' ``.str.strip()`` calls, in one pass: pandas' three calls
    per column (strip, compare, isin) cost 0.5–0.8 ms on a column of a few dozen cells,
    most of typing a small sheet."""
    values = col.to_numpy(dtype=object, na_value=None)
    stripped = np.array([v if v is None else v.strip() for v in values.tolist()], dtype=object)
    blank = np.fromiter((v is None or v == "" or v in _DASH_SET for v in stripped.tolist()), bool, len(stripped))
    clean = not (blank & (values != None)).any() and bool((stripped == values)[~blank].all())  # noqa: E711
    return stripped, blank, clean


def _arrow_clean(col: pd.Series) -> bool:
    """Whether no cell of an Arrow text column has space to strip, or is empty or dashes.

    Judged on the distinct values: a million cells of a few thousand names cost one hash
    pass and no new column (stripping them all allocated, and first-touched, 40 MB)."""
    distinct = pc.drop_null(pc.unique(col.array._pa_array))
    stripped, blank = _arrow_strip(pd.Series(type(col.array)(distinct, dtype=col.dtype), copy=False))
    return not pc.any(blank).as_py() and pc.all(pc.equal(stripped, distinct)).as_py() is not False


def _is_blank(col: pd.Series) -> np.ndarray:
    if isinstance(col.array, pd.arrays.ArrowStringArray):
        if _arrow_clean(col):
            return col.isna().to_numpy(dtype=bool)
        return np.asarray(_arrow_strip(col)[1], dtype=bool)
    if isinstance(col.array, pd.arrays.StringArray):
        return _python_strip(col)[1]
    if col.dtype != object and pd.api.types.is_string_dtype(col.dtype):
        s = col.str.strip()
        return (col.isna() | (s == "") | s.isin(DASHES)).to_numpy(dtype=bool, na_value=True)
    if col.dtype == object:
        s = col.astype(str).str.strip()
        return (col.isna() | (s == "") | s.isin(DASHES)).to_numpy(dtype=bool)
    return col.isna().to_numpy()


is_blank = _is_blank


def _from_parts(parts: pd.DataFrame) -> pd.Series:
    """Validated timestamps from year/month/day[/hour/minute/second] text columns (bad → NaT)."""
    num = parts.apply(pd.to_numeric, errors="coerce")
    for c in ("H", "M", "S"):
        if c not in num:
            num[c] = 0
    num[["H", "M", "S"]] = num[["H", "M", "S"]].fillna(0)
    frame = pd.DataFrame(
        {
            "year": num["y"],
            "month": num["m"],
            "day": num["d"],
            "hour": num["H"],
            "minute": num["M"],
            "second": num["S"],
        }
    )
    ok = frame.notna().all(axis=1) & frame["month"].between(1, 12) & frame["day"].between(1, 31)
    ok &= frame["hour"].between(0, 23) & frame["minute"].between(0, 59) & frame["second"].between(0, 59)
    out = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[ns]")
    if ok.any():
        # errors="coerce" turns impossible days (2026-02-30) into NaT rather than raising.
        out[ok] = pd.to_datetime(frame[ok].astype("int64"), errors="coerce")
    return out


def _serials(values: pd.Series) -> pd.Series:
    """Excel serial day numbers (with fraction for time) → timestamps; 8-digit numbers are yyyymmdd."""
    v = pd.to_numeric(values, errors="coerce")
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    compact = v.between(19000101, 29991231) & (v == np.floor(v))
    serial = v.between(1, _SERIAL_MAX) & ~compact
    if serial.any():
        out[serial] = EXCEL_EPOCH + pd.to_timedelta(v[serial] * 86400, unit="s").dt.round("s")
    if compact.any():
        out[compact] = pd.to_datetime(v[compact].astype("int64").astype(str), format="%Y%m%d", errors="coerce")
    return out


def parse_datetime(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Dates or date-times in every form registers.md accepts → datetime64[ns], bad mask."""
    blank = _is_blank(col)
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        return _to_ns(col)
    if pd.api.types.is_numeric_dtype(col.dtype):
        out = _serials(col)
        return out, (~blank & out.isna().to_numpy())
    if pd.api.types.is_timedelta64_dtype(col.dtype):
        return pd.Series(pd.NaT, index=col.index, dtype="datetime64[ns]"), ~blank
    text = as_text(col)
    # Fast path: ISO text, which is also how the reader renders real date cells in a mixed column.
    out = pd.to_datetime(text, format="%Y-%m-%d %H:%M:%S", errors="coerce").astype("datetime64[ns]")
    rest = out.isna() & ~blank
    if rest.any():
        out[rest] = pd.to_datetime(text[rest], format="%Y-%m-%d", errors="coerce")
    rest = out.isna() & ~blank
    if rest.any():
        r = text[rest]
        got = pd.Series(pd.NaT, index=r.index, dtype="datetime64[ns]")
        for rx in (_DATE_RE, _COMPACT_RE, _DINGTALK_RE):
            todo = got.isna()
            if not todo.any():
                break
            parts = r[todo].str.extract(rx)
            matched = parts["y"].notna()
            if not matched.any():
                continue
            parts = parts[matched]
            if rx is _DINGTALK_RE:
                parts["y"] = "20" + parts["y"]
            got[parts.index] = _from_parts(parts)
        todo = got.isna()
        numeric = r[todo].str.match(_NUMBER_RE)
        if numeric.any():
            idx = numeric[numeric].index
            got[idx] = _serials(r[idx])
        out[rest] = got
    return out, (~blank & out.isna().to_numpy())


def parse_datetime_or_time(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Date-times, or bare times (DingTalk's 打卡时间 beside a 考勤日期 column) as a time on
    1899-12-31, the way Excel stores a time cell, for the caller to pair with a date."""
    out, bad = parse_datetime(col)
    if bad.any():
        idx = col.index[bad]
        secs, tbad = parse_time(col[idx])
        ok = ~tbad & secs.notna().to_numpy()
        fixed = pd.Timestamp("1899-12-31") + pd.to_timedelta(secs[ok], unit="s")
        out.loc[idx[ok]] = fixed.to_numpy()
        bad = bad.copy()
        bad[np.flatnonzero(bad)[ok]] = False
    return out, bad


def _object_to_text(v) -> str:
    import datetime as dt

    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.time):
        return v.isoformat()
    return str(v)


def parse_date(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Dates (a time part, if any, is dropped) → datetime64[ns] at midnight, bad mask."""
    out, bad = parse_datetime(col)
    days = out.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype("datetime64[ns]")
    return pd.Series(days, index=out.index, copy=False), bad


def parse_time(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Times of day → float seconds after midnight (NaN blank), bad mask.

    Accepts Excel time cells (handed over as 1899-12-31 date-times, or durations from
    .ods), day fractions, ``8:12``, ``08:12:30`` and date-times (``2026/9/28 8:53:12``).
    """
    blank = _is_blank(col)
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        # Time of day straight from the integer timestamps (no per-element normalising).
        typed, outside = _to_ns(col)
        ns = typed.to_numpy().view(np.int64)
        secs = (ns % (86_400 * 10**9)) / 1e9
        # A date at midnight in a time column is a date typed in the wrong place, not a
        # punch at 00:00 (a time cell sits on Excel's day zero, 1899-12-30/31).
        day = ns // (86_400 * 10**9)
        dated = typed.notna().to_numpy() & (secs == 0) & (day != _EXCEL_DAY_ZERO[0]) & (day != _EXCEL_DAY_ZERO[1])
        bad = outside | dated
        secs[typed.isna().to_numpy() | bad] = np.nan  # (secs is this function's own array)
        return pd.Series(secs, index=col.index, copy=False), bad
    if pd.api.types.is_timedelta64_dtype(col.dtype):
        return col.dt.total_seconds() % 86400, np.zeros(len(col), dtype=bool)
    if pd.api.types.is_bool_dtype(col.dtype):  # TRUE/FALSE is no time of day
        return pd.Series(np.nan, index=col.index), col.notna().to_numpy()
    if pd.api.types.is_numeric_dtype(col.dtype):
        v = col.astype(float)
        # ±inf, a negative number, or a whole number ≥ 1 (a date, or "8" meaning eight
        # o'clock) is no time of day: an error, never a blank (absence) or a midnight.
        bad = (np.isinf(v) | (v < 0) | ((v >= 1) & (v == np.floor(v)))).to_numpy()
        v = v.where(~bad)
        out = (v - np.floor(v)) * 86400
        return out.round(), bad
    text = as_text(col)
    parts = text.str.extract(_TIME_RE)
    num = parts.apply(pd.to_numeric, errors="coerce")
    num["S"] = num["S"].fillna(0)
    ok = num["H"].between(0, 23) & num["M"].between(0, 59) & num["S"].between(0, 59)
    out = (num["H"] * 3600 + num["M"] * 60 + num["S"]).where(ok)
    rest = out.isna() & ~blank
    if rest.any():
        # A day fraction written as text ("0.3541", "46060.3541"); never a bare integer or a sign.
        frac = pd.to_numeric(text[rest].where(text[rest].str.match(r"^\d*\.\d+$")), errors="coerce")
        fr_ok = frac.notna() & (frac >= 0)
        out[frac[fr_ok].index] = ((frac[fr_ok] - np.floor(frac[fr_ok])) * 86400).round()
    return out.astype(float), (~blank & out.isna().to_numpy())


def _distinct(col: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Each row's code (−1 for a missing cell) and the column's distinct values, in its dtype.

    A column of a few words (是/否) is judged once per word and spread back by code."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    return codes, pd.Series(uniques, dtype=col.dtype)


def _yes_no_blank(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which of a few distinct cells say yes, which no, which nothing (words folded as headers are)."""
    words = [fold(t) if isinstance(t, str) else "" for t in as_text(values).tolist()]
    yes = np.array([w in TRUE_WORDS for w in words], dtype=bool)
    no = np.array([w in FALSE_WORDS for w in words], dtype=bool)
    return yes, no, _is_blank(values)


def _bool_cells(col: pd.Series, blank_is: bool) -> tuple[pd.Series, np.ndarray]:
    codes, values = _distinct(col)
    yes, no, blank = _yes_no_blank(values)
    # A missing cell (code −1) reads the appended last entry: blank, not bad.
    value = np.append(yes | (blank & blank_is), blank_is)[codes]
    bad = np.append(~blank & ~yes & ~no, False)[codes]
    return pd.Series(value, index=col.index, copy=False), bad


def parse_bool(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Yes/no cells (是/否, 有/无, Y/N, √/×, 1/0, true/false); blank → False."""
    return _bool_cells(col, blank_is=False)


def parse_bool_default_yes(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Yes/no where a blank cell means yes (查实: the register records outcomes)."""
    return _bool_cells(col, blank_is=True)


def parse_number(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Numbers, including yuan written ``1,200元`` or ``￥300``; blank → NaN."""
    blank = _is_blank(col)
    if pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype):
        v = col.astype(float)
        inf = np.isinf(v).to_numpy()
        return v.where(~inf), inf
    text = as_text(col)
    cleaned = text.str.replace(r"[,，\s元￥¥]|人民币|RMB|天|日|人", "", regex=True)
    out = pd.to_numeric(cleaned, errors="coerce").astype(float)
    out = out.where(~np.isinf(out))  # "inf" is text pandas reads as a number; no amount is infinite
    return out, (~blank & out.isna().to_numpy())


def parse_list(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Lists separated by 、 , ， ; ； / → tuple of stripped items (empty tuple for blank)."""
    text = as_text(col).fillna("")
    parts = text.str.split(r"\s*[、,，;；/]\s*", regex=True)
    out = parts.map(lambda xs: tuple(x for x in xs if x))
    return out, np.zeros(len(col), dtype=bool)


def parse_text(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    return as_text(col), np.zeros(len(col), dtype=bool)


def _parse_status(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    from .attendance_status import parse_status

    return parse_status(col)


PARSERS = {
    "status": _parse_status,
    "text": parse_text,
    "date": parse_date,
    "datetime": parse_datetime,
    "datetime_or_time": parse_datetime_or_time,
    "time": parse_time,
    "bool": parse_bool,
    "bool_yes": parse_bool_default_yes,
    "number": parse_number,
    "int": parse_number,
    "list": parse_list,
}

EXPECTED = {
    "status": "考勤状态 status (正常, 迟到12分钟, 旷工, 事假, 出差, √ 迟 早 旷 假 差 休 …)",
    "date": "日期 date (2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日)",
    "datetime": "日期时间 date-time (2026-09-28 08:30)",
    "datetime_or_time": "日期时间或时间 date-time or time (2026-09-28 08:30, 08:30)",
    "time": "时间 time (8:30, 08:30:00)",
    "bool": "是/否 yes/no",
    "bool_yes": "是/否 yes/no",
    "number": "数字 number",
    "int": "整数 whole number",
    "list": "列表 list",
    "text": "文本 text",
}
