"""normalize: typed columns under canonical names, each row keeping its source.

Output per register is one frame with the canonical columns of registers.md (a column
the sheet lacks is present and empty, and listed as absent), plus ``_file``, ``_sheet``
and ``_row`` (the 1-based Excel row or CSV line), plus ``_bad_<column>`` flags for
cells that held something that could not be typed: those rows are kept out only of the
rules that need that column.  Every such cell is an :class:`InputError` naming file,
sheet and cell.

The attendance punch layout (one row per punch, as ZKTeco and DingTalk export it) is
folded here into the daily layout: first punch of the day is the sign-in, last is the
sign-out; with a two-session schedule the punches either side of the midday split give
the four sign-in/sign-out times.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import grouping
from .calendar import FIRST_YEAR, LAST_YEAR
from .classify import Classified
from .errors import InputError, cell_position
from .read import convert_together
from .registers import ATTENDANCE, BY_KEY, Register
from .types import EXPECTED, PARSERS, as_text, is_blank

MAX_CELL_ERRORS_PER_COLUMN = 20
_CALENDAR_START, _CALENDAR_END = pd.Timestamp(FIRST_YEAR, 1, 1), pd.Timestamp(LAST_YEAR + 1, 1, 1)
_START64, _END64 = _CALENDAR_START.to_datetime64(), _CALENDAR_END.to_datetime64()


def _one_value(text: str, n: int) -> pd.Categorical:
    """``text`` on every one of ``n`` rows, as a categorical: one string per sheet, not one per row."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), dtype=_one_category(text))


@functools.lru_cache(maxsize=4096)
def _one_category(text: str) -> pd.CategoricalDtype:
    """The categorical type of the one value ``text``, made once per text: pandas checks a
    type's categories as it makes it (0.25 ms, a str Index), and a county's offices share
    their sheet names (two per sheet: 14 ms of a sample office's intake).  A dtype is
    immutable, so sharing it is safe."""
    return pd.CategoricalDtype([text])


def _filled(n: int, value: object) -> pd.Series:
    """An object column of ``n`` copies of one value (a list of n values is 10× slower to build)."""
    return pd.Series(_filled_values(n, value), dtype=object, copy=False)


def _filled_values(n: int, value: object) -> np.ndarray:
    values = np.empty(n, dtype=object)  # (numpy fills an object array with None already)
    if value is not None:
        values.fill(value)
    return values


# A column the sheet lacks, by its type: its values, and as a column.
_EMPTY_VALUES: dict[str, Callable[[int], np.ndarray]] = {
    "text": lambda n: _filled_values(n, None),
    "date": lambda n: np.full(n, np.datetime64("NaT", "ns")),
    "datetime": lambda n: np.full(n, np.datetime64("NaT", "ns")),
    "datetime_or_time": lambda n: np.full(n, np.datetime64("NaT", "ns")),
    "time": lambda n: np.full(n, np.nan),
    "number": lambda n: np.full(n, np.nan),
    "int": lambda n: np.full(n, np.nan),
    "bool": lambda n: np.zeros(n, dtype=bool),
    "bool_yes": lambda n: np.ones(n, dtype=bool),
    "list": lambda n: _filled_values(n, ()),
    "status": lambda n: _filled_values(n, None),
}


def _empty(kind: str, n: int) -> pd.Series:
    return pd.Series(_EMPTY_VALUES[kind](n), copy=False)


_UNITS = ("s", "ms", "us", "ns")  # the resolutions pandas keeps datetime64 in


def _frame_of_views(columns: dict[Any, Any], n: int, names: pd.Index | None = None) -> pd.DataFrame:
    """``pd.DataFrame(columns, copy=False)`` for arrays of length ``n`` (numpy, or pandas'
    own for an extension dtype), on a RangeIndex: each column its own block, a view of the
    array it was given, through pandas' block constructor.  The dict constructor made a
    Series of every column and checked it again: 50 ms for a sample office's 29 sheets."""
    from pandas.api.internals import create_dataframe_from_blocks
    from pandas.arrays import DatetimeArray

    blocks = []
    for i, v in enumerate(columns.values()):
        if isinstance(v, np.ndarray) and v.dtype.kind == "M" and np.datetime_data(v.dtype)[0] in _UNITS:
            # Wrapped as the block would wrap it, without its check of every value
            # (DatetimeArray._from_sequence, 16 µs a column, 170 date columns an office).
            v = DatetimeArray._simple_new(v, dtype=v.dtype)
        elif isinstance(v.dtype, np.dtype) and not isinstance(v, (np.ndarray, DatetimeArray)):
            v = np.asarray(v)  # numpy's own array (a view), laid out with its kind
        place = np.array([i], dtype=np.intp)
        blocks.append((v.reshape(1, -1) if isinstance(v, np.ndarray) else v, place))
    return create_dataframe_from_blocks(blocks, pd.RangeIndex(n), pd.Index(list(columns)) if names is None else names)


@dataclass
class RegisterData:
    """All rows of one register (possibly from several sheets and files)."""

    register: Register
    frame: pd.DataFrame
    present: set[str] = field(default_factory=set)  # canonical columns some source sheet had
    sources: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet)
    # Several offices' rows end to end (engine.judge_offices): the first row label of each
    # office; None for one office's own registers.  See rules.base.office_codes.
    office_starts: np.ndarray | None = None

    @property
    def key(self) -> str:
        return self.register.key

    def valid(self, columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
        """Rows whose ``columns`` and the register's required columns all hold a usable value."""
        wanted = {*columns, *(c.name for c in self.register.required)}
        bad = [f"_bad_{c}" for c in sorted(wanted) if f"_bad_{c}" in self.frame]
        if not bad:
            return self.frame
        return self.frame[~self.frame[bad].any(axis=1)]

    def upto(self, day: pd.Timestamp) -> RegisterData:
        """The rows that exist on ``day``: a row anchored after it is not judged yet.

        The engine hands rules this view, with a unique index, so a rule's masks always
        align with the frame it filters.
        """
        frame = self.frame
        anchor = self.register.anchor
        if anchor and anchor in frame and len(frame):
            # NaT compares False: an unreadable anchor stays (and is flagged).
            later = (frame[anchor] > day).to_numpy()
            if later.any():
                first = int(later.argmax())
                # A register kept in date order has its later rows at the end: the rows
                # before them are a view, not a copy (0.2 s and 130 MB on a million rows).
                frame = frame.iloc[:first] if later[first:].all() else frame[~later]
        if not frame.index.is_unique:
            frame = frame.reset_index(drop=True)
        if frame is self.frame:
            return self
        return RegisterData(self.register, frame, self.present, self.sources, self.office_starts)


@dataclass
class NormalizeOptions:
    # With a two-session schedule, punches before this time of day (seconds) belong to
    # the morning session; None folds to one sign-in and one sign-out per day.
    session_split: float | None = None
    # With one session, a lone punch before this time is a sign-in, after it a sign-out.
    midpoint: float = 13 * 3600
    # Attendance symbols the rulebook adds ([attendance.symbols]), and the month a grid
    # covers when neither its title, sheet nor file name says ([attendance] month).
    symbols: dict[str, str] = field(default_factory=dict)
    month: str = ""


Typed = tuple["RegisterData | None", list[InputError]]


def normalize_sheets(
    sheets: Sequence[Classified], options: NormalizeOptions | None = None
) -> list[Typed | BaseException]:
    """Each sheet's register rows and errors, exactly as typing it alone gives them.

    Sheets of one register with the same columns (the same names, each read as the same
    type, the same attendance symbols) are typed in one pass over their rows laid end to
    end, then cut back into their sheets.  A county's offices fill one template: typing
    its 29 sheets one by one cost 7–9 ms a sheet, nearly all of it pandas' fixed cost per
    call, which this way a worker's share of offices pays once per register.  The parsers
    judge each cell by itself and its column's type, so a cell reads the same either way
    (the type of an object column's result depends on whether it holds only text: that is
    part of what sheets typed together share, ``_read_as``).

    A sheet that could not be typed has its exception in its place (the intake reports it
    as that sheet's error); when sheets typed together fail, each is typed again alone, so
    the failure is the failing sheet's own."""
    options = options or NormalizeOptions()
    results: list[Typed | BaseException | None] = [None] * len(sheets)
    convert_together([(cls.sheet, cls.data_start) for cls in sheets if cls.register.layout != "grid"])
    groups: dict[tuple[Any, ...], list[tuple[int, _Rows]]] = {}
    for i, cls in enumerate(sheets):
        if cls.register.layout == "grid":
            results[i] = _guarded(_normalize_grid, cls, options)
            continue
        rows = _guarded(_rows_of, cls)
        if isinstance(rows, BaseException):
            results[i] = rows
            continue
        groups.setdefault(rows.kind(i), []).append((i, rows))
    for members in groups.values():
        typed: list[Typed] | BaseException | None = None
        if len(members) > 1:
            typed = _guarded(_typed_rows, [r for _, r in members], options)
        if typed is None or isinstance(typed, BaseException):
            for i, rows in members:
                alone = _guarded(_typed_rows, [rows], options)
                results[i] = alone if isinstance(alone, BaseException) else alone[0]
            continue
        for (i, _), result in zip(members, typed, strict=True):
            results[i] = result
    return [r for r in results if r is not None]


def _guarded(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``, or the exception it raised (a fatal one goes on up)."""
    from .read import fatal

    try:
        return fn(*args)
    except BaseException as exc:  # the reading boundary: a sheet's failure is that sheet's
        if fatal(exc):
            raise
        return exc


@dataclass
class _Rows:
    """One sheet's register rows as read, before typing: its recognised columns (named by
    position), each row's Excel row, and the problems met loading it."""

    cls: Classified
    raw: pd.DataFrame
    excel_rows: np.ndarray
    errors: list[InputError]

    def kind(self, i: int) -> tuple[Any, ...]:
        """What sheets typed together must share (a sheet naming one column twice is alone)."""
        names = list(self.cls.columns.values())
        if len(set(names)) < len(names):
            return ("alone", i)
        # (each column's array through the block manager, as _selected reads them: a Series
        # per column cost 15 µs, a third of this for a sample office's 290 columns)
        mgr, at = self.raw._mgr, self.raw.columns.get_loc
        types = sorted((canon, _read_as(mgr.iget_values(at(pos)))) for pos, canon in self.cls.columns.items())
        return (self.cls.register.key, tuple(types), tuple(sorted(self.cls.symbols.items())))


def _read_as(col: Any) -> str:
    """A raw column's type, as far as typing it depends on: its dtype, and for an object
    column whether it holds only text (``types.as_text`` keeps such a column object, and
    makes a str column of one that mixes numbers or dates with text)."""
    if col.dtype != object:
        return str(col.dtype)
    return "object:" + ("text" if pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty") else "mixed")


def _rows_of(cls: Classified) -> _Rows:
    sheet, reg = cls.sheet, cls.register
    raw = sheet.load(cls.data_start)
    raw = _selected(raw, list(cls.columns)) if cls.columns else raw.iloc[:, :0]
    if reg.layout == "punch":
        pos = next(p for p, c in cls.columns.items() if c == "punch_time")
        raw = explode_punch_lists(raw, pos)
    # The Excel row (or CSV line) of each row; the frame itself gets a unique index (a
    # cell of several punches is several rows of one Excel row).
    excel_rows = raw.index.to_numpy(dtype=np.int64)
    raw.index = pd.RangeIndex(len(raw))  # in place: a reset_index would copy a million rows
    return _Rows(cls, raw, excel_rows, list(sheet.load_errors))


def _selected(frame: pd.DataFrame, labels: list[Any], names: pd.Index | None = None) -> pd.DataFrame:
    """``frame[labels]`` (unique labels), each column a view of the frame's, named
    ``names`` if given: pandas' selection took about 1 ms a sheet, a sixth of reading a
    small one."""
    if names is None and labels == list(frame.columns):
        return frame
    mgr = frame._mgr
    at = [frame.columns.get_loc(label) for label in labels]
    # (the labels' index as pandas' selection makes it: a range stays a RangeIndex)
    names = frame.columns.take(at) if names is None else names
    out = _frame_of_views({name: mgr.iget_values(i) for name, i in zip(names, at, strict=True)}, len(frame), names)
    out.index = frame.index
    return out


def _typed_rows(members: list[_Rows], options: NormalizeOptions) -> list[Typed]:
    """The sheets' rows typed in one pass (the first sheet's column positions name the
    columns), then each sheet's part as its own register rows and errors."""
    lead = members[0].cls
    reg = lead.register
    if len(members) == 1:
        raw, excel_rows = members[0].raw, members[0].excel_rows
    else:
        # Each member's columns in the lead's order and under its names, as views, then
        # joined (pandas' selection, renaming and concat were a fifth of the typing).
        names = pd.Index(list(lead.columns))
        frames = []
        for m in members:
            own = {canon: pos for pos, canon in m.cls.columns.items()}
            frames.append(_selected(m.raw, [own[canon] for canon in lead.columns.values()], names))
        raw = _joined(frames)
        excel_rows = np.concatenate([m.excel_rows for m in members])
    member = np.repeat(np.arange(len(members)), [len(m.raw) for m in members])
    # A text column's cells are stripped once: its blanks are where that text is none
    # (what is_blank says of it), and the text is the column's value.
    texts = {p: as_text(raw[p]) for p, canon in lead.columns.items() if reg.column(canon).type == "text"}
    # A row with nothing in any recognised column is not a record (blank spacer, footer).
    blanks = {p: texts[p].isna().to_numpy(dtype=bool) if p in texts else is_blank(raw[p]) for p in raw.columns}
    keep = ~np.logical_and.reduce(list(blanks.values())) if blanks else np.zeros(len(raw), dtype=bool)
    if not keep.all():
        raw = raw[keep]
        excel_rows = excel_rows[keep]
        member = member[keep]
        blanks = {p: b[keep] for p, b in blanks.items()}
        texts = {p: t[keep] for p, t in texts.items()}
    bounds = np.searchsorted(member, np.arange(len(members) + 1))
    cuts = list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))
    n = len(raw)
    typed: dict[str, pd.Series] = {}
    bad_of: dict[str, np.ndarray] = {}
    raw_text: dict[str, pd.Series] = {}
    errors: list[list[InputError]] = [list(m.errors) for m in members]
    # Each sheet's cell errors go in its own column order (as typing it alone would).
    found: list[dict[str, list[InputError]]] = [{} for _ in members]

    def cell_errors(pos: int, canon: str, mask: np.ndarray, message: str, expected: str) -> None:
        for k, (a, b) in enumerate(cuts):
            if mask[a:b].any():
                m = members[k]
                sheet = m.cls.sheet
                own = next(p for p, c in m.cls.columns.items() if c == canon)
                column = raw[pos].iloc[a:b]
                found[k].setdefault(canon, []).extend(
                    _cell_errors(
                        sheet,
                        None if sheet.is_csv else sheet.sheet,
                        own,
                        canon,
                        column,
                        mask[a:b],
                        message,
                        expected,
                        excel_rows[a:b],
                    )
                )

    for pos, canon in lead.columns.items():
        col = reg.column(canon)
        if col.type == "status":
            from .attendance_status import parse_status

            values, bad = parse_status(raw[pos], {**options.symbols, **lead.symbols})
        elif pos in texts:
            values, bad = texts[pos], np.zeros(n, dtype=bool)
        else:
            values, bad = PARSERS[col.type](raw[pos])
        values = values.reset_index(drop=True)
        reported = np.zeros(len(values), dtype=bool)
        if col.type in ("date", "datetime"):  # (a bare punch time sits on 1899-12-31 by design)
            # (NaT compares False: a blank is not outside; on the array, as pandas' four
            # calls per date column were a tenth of typing a small sheet)
            stamps = values.to_numpy()
            outside = (stamps < _START64) | (stamps >= _END64)
            if outside.any():
                reported = outside
                cell_errors(
                    pos,
                    canon,
                    outside,
                    f"日期超出工作日历范围 {FIRST_YEAR}–{LAST_YEAR} (date outside the calendar)",
                    f"{FIRST_YEAR}–{LAST_YEAR} 之间的日期",
                )
                values = values.where(~outside)
                bad = bad | outside
        if (bad & ~reported).any():
            cell_errors(
                pos, canon, bad & ~reported, f"“{col.header}”无法识别 (cannot read {canon})", EXPECTED[col.type]
            )
        if col.required:
            missing = blanks[pos]
            if missing.any():
                cell_errors(
                    pos, canon, missing, f"必填项“{col.header}”为空 (required {canon} is blank)", "必填 required"
                )
                bad = bad | missing
        typed[canon] = values
        bad_of[canon] = bad
        if col.type == "status":  # the words as written, for the finding's evidence
            raw_text[canon] = as_text(raw[pos]).reset_index(drop=True)
    given = {canon: ~blanks[pos] for pos, canon in lead.columns.items() if reg.column(canon).type == "bool"}
    for k, m in enumerate(members):
        for canon in m.cls.columns.values():
            errors[k] += found[k].get(canon, [])
        errors[k].sort(key=lambda e: cell_position(e.cell))
    sheets = {(m.cls.sheet.file, m.cls.sheet.sheet) for m in members}
    cols = _Columns(typed, bad_of, raw_text, given, excel_rows)
    if reg.layout == "punch" and len(members) > 1 and len(sheets) == len(members):
        return _folded_together(members, options, cols, cuts, errors)
    return [
        _sheet_rows(m.cls, options, cols, cut, errors[k]) for k, (m, cut) in enumerate(zip(members, cuts, strict=True))
    ]


def _folded_together(
    members: list[_Rows],
    options: NormalizeOptions,
    cols: _Columns,
    cuts: list[tuple[int, int]],
    errors: list[list[InputError]],
) -> list[Typed]:
    """Punch sheets typed together, folded into days in one pass too: each person's day is
    keyed by its sheet already, and each sheet's days become its register as they would
    alone (the register's text columns take their type from that sheet's days only).
    Folding a sample office's punch sheet alone cost about 27 ms, nearly all fixed."""
    lead = members[0].cls
    frame = _sheet_frame(lead, cols, (0, len(cols.excel_rows)))
    sizes = [b - a for a, b in cuts]
    names = [(m.cls.sheet.file, m.cls.sheet.sheet) for m in members]
    frame["_file"] = np.repeat(np.array([f for f, _ in names], dtype=object), sizes)
    frame["_sheet"] = np.repeat(np.array([s for _, s in names], dtype=object), sizes)
    days = _fold_days(frame, options.session_split, options.midpoint)
    of_day = pd.MultiIndex.from_tuples(names).get_indexer(pd.MultiIndex.from_arrays([days["_file"], days["_sheet"]]))
    two = options.session_split is not None
    out: list[Typed] = []
    for k, m in enumerate(members):
        register = _daily_register(days[of_day == k].reset_index(drop=True))
        present = _folded_present(set(m.cls.columns.values()), two_sessions=two)
        out.append((RegisterData(BY_KEY[ATTENDANCE.key], register, present, [names[k]]), errors[k]))
    return out


@dataclass
class _Columns:
    """A group of sheets' columns, typed once: each column's values and unreadable cells,
    a status column's words as written, whether a yes/no cell said anything, and each
    row's Excel row."""

    values: dict[str, pd.Series]
    bad: dict[str, np.ndarray]
    raw_text: dict[str, pd.Series]
    given: dict[str, np.ndarray]
    excel_rows: np.ndarray


def _part(values: pd.Series, a: int, b: int) -> Any:
    """Rows ``a:b`` of a column typed for several sheets: a view of its array."""
    return values._values[a:b]


def _sheet_rows(
    cls: Classified,
    options: NormalizeOptions,
    cols: _Columns,
    cut: tuple[int, int],
    errors: list[InputError],
) -> Typed:
    """One sheet's register rows from the columns typed with it (rows ``cut`` are its)."""
    sheet, reg = cls.sheet, cls.register
    frame = _sheet_frame(cls, cols, cut)
    present = set(cls.columns.values())
    if reg.layout == "punch":
        frame = fold_punches(frame, options.session_split, options.midpoint)
        present = _folded_present(present, two_sessions=options.session_split is not None)
        reg = ATTENDANCE
    return RegisterData(BY_KEY[reg.key], frame, present, [(sheet.file, sheet.sheet)]), errors


def _sheet_frame(
    cls: Classified,
    cols: _Columns,
    cut: tuple[int, int],
) -> pd.DataFrame:
    """One sheet's rows as a frame, before a punch sheet is folded."""
    sheet, reg = cls.sheet, cls.register
    a, b = cut
    n = b - a
    out: dict[str, Any] = {}
    for canon in cls.columns.values():
        col = reg.column(canon)
        out[canon] = _part(cols.values[canon], a, b)
        if col.type == "status":
            out[f"_raw_{canon}"] = _part(cols.raw_text[canon], a, b)
        if col.type == "bool":
            # Whether the cell said anything: "否" and blank are both False, and some rules
            # must tell an explicit no from a silence (MTG004: 重大事项 否 on a 决议会).
            out[f"_given_{canon}"] = cols.given[canon][a:b]
        bad = cols.bad[canon][a:b]
        if bad.any():
            out[f"_bad_{canon}"] = bad
    for col in reg.columns:
        if col.name not in out:
            out[col.name] = _EMPTY_VALUES[col.type](n)
            if col.type == "bool":
                out[f"_given_{col.name}"] = np.zeros(n, dtype=bool)
            if col.type == "status":
                out[f"_raw_{col.name}"] = _filled_values(n, None)
    # The typed columns as they are, not consolidated into 2-D blocks: that copy (and its
    # first-touched pages) cost 0.2 s of a million-row sheet, more than it saves the rules.
    # Categorical: one string per sheet, not one per row.
    out["_file"] = _one_value(sheet.file, n)
    out["_sheet"] = _one_value(sheet.sheet, n)
    out["_row"] = cols.excel_rows[a:b]
    return _frame_of_views(out, n)


_TIME_TOKEN = r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?"


def explode_punch_lists(raw: pd.DataFrame, pos: int) -> pd.DataFrame:
    """All of a day's punches in one cell ("08:21 12:01 13:58 17:41", also on separate
    lines or comma-separated, as ZKTeco's 考勤记录 writes them): one row per punch, each
    keeping its Excel row.  A cell with one date-time ("2026/9/1 8:01:55") is left whole."""
    from .types import as_text

    text = as_text(raw[pos])
    many = text.str.count(_TIME_TOKEN).fillna(0) >= 2
    # Only a clean list splits: times, separators and a leading date, nothing else (a
    # typo like "08:2l 17:41" stays whole and becomes an error at its cell).
    leftover = (
        text.str.replace(_TIME_TOKEN, "", regex=True)
        .str.replace(r"^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?", "", regex=True)
        .str.replace(r"[\s,，;；、|]+", "", regex=True)
    )
    many &= leftover.fillna("") == ""
    if not many.any():
        return raw
    lists = text[many].str.findall(_TIME_TOKEN)
    # A leading date, if the cell carries one, stays with every time.
    date = text[many].str.extract(r"^\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)")[0]
    exploded = lists.explode()
    pieces = (date.reindex(exploded.index).fillna("") + " " + exploded).str.strip()
    rest = raw[~many.to_numpy()]
    many_rows = raw[many.to_numpy()].loc[exploded.index].copy()
    many_rows[pos] = pieces.to_numpy()
    out = pd.concat([rest, many_rows]).sort_index(kind="stable")
    return out


def _normalize_grid(cls: Classified, options: NormalizeOptions) -> tuple[RegisterData | None, list[InputError]]:
    """A monthly grid (attendance_grid.py) as the daily register with a status per day."""
    from .attendance_grid import normalize_grid

    sheet = cls.sheet
    long, errors = normalize_grid(sheet, cls.grid, options.month, options.symbols)  # type: ignore[arg-type]
    if long is None:
        return None, errors
    n = len(long)
    # The daily register's columns, the grid's where it has them, in one frame (setting
    # five columns into a built frame split and copied its blocks each time).
    out = {c.name: _empty(c.type, n) for c in ATTENDANCE.columns}
    if n:
        # (name, staff_id, dept and the raw text are text columns already: taken as they
        # are, not turned into Python strings and back; the parsed status is typed as text here)
        for c in ("name", "staff_id", "dept"):
            out[c] = long[c]
        out["status"] = pd.Series(long["status"].to_numpy(), copy=False)
        out["date"] = pd.Series(pd.to_datetime(long["date"].to_numpy()), copy=False)
        out["_bad_status"] = pd.Series(long["_bad_status"].to_numpy(dtype=bool), copy=False)
        out["_raw_status"] = long["raw_status"]
    out["_file"] = pd.Series(_one_value(sheet.file, n), copy=False)
    out["_sheet"] = pd.Series(_one_value(sheet.sheet, n), copy=False)
    out["_row"] = pd.Series(long["_row"].to_numpy(dtype=np.int64) if n else np.zeros(0, dtype=np.int64), copy=False)
    frame = pd.DataFrame(out, copy=False)
    present = {"name", "date", "status"} | {v for v in cls.columns.values()}
    return RegisterData(ATTENDANCE, frame, present, [(sheet.file, sheet.sheet)]), errors


def _cell_errors(sheet, where, pos, canon, raw_col, mask, message, expected, excel_rows=None) -> list[InputError]:
    rows = (raw_col.index.to_numpy() if excel_rows is None else excel_rows)[mask]
    values = as_text(raw_col[mask])
    errs = [
        InputError(
            sheet.file,
            "bad_value",
            message,
            sheet=where,
            cell=sheet.cell_ref(pos, int(r)),
            column=canon,
            value=v if isinstance(v, str) else "",
            expected=expected,
        )
        for r, v in zip(rows[:MAX_CELL_ERRORS_PER_COLUMN], values[:MAX_CELL_ERRORS_PER_COLUMN], strict=True)
    ]
    if len(rows) > MAX_CELL_ERRORS_PER_COLUMN:
        errs.append(
            InputError(
                sheet.file,
                "bad_value",
                f"同一列另有 {len(rows) - MAX_CELL_ERRORS_PER_COLUMN} 个单元格无法识别 "
                f"({len(rows) - MAX_CELL_ERRORS_PER_COLUMN} more cells in this column cannot be read)",
                sheet=where,
                cell=sheet.cell_ref(pos, int(rows[MAX_CELL_ERRORS_PER_COLUMN])),
                column=canon,
                expected=expected,
            )
        )
    return errs


def _folded_present(present: set[str], two_sessions: bool) -> set[str]:
    out = {c for c in present if c in ("name", "staff_id", "dept")} | {"date", "sign_in", "sign_out"}
    return out | ({"sign_in2", "sign_out2"} if two_sessions else set())


def fold_punches(frame: pd.DataFrame, session_split: float | None, midpoint: float = 13 * 3600) -> pd.DataFrame:
    """One row per person per day from one row per punch (vectorized groupby)."""
    return _daily_register(_fold_days(frame, session_split, midpoint))


def _fold_days(frame: pd.DataFrame, session_split: float | None, midpoint: float) -> pd.DataFrame:
    """Each person's day on each sheet (``_file``, ``_sheet`` are part of the key): first
    and last punch, the sign-in and sign-out times, and whether a punch was unreadable."""
    punch = frame["punch_time"].to_numpy(dtype="datetime64[ns]")
    date = frame["date"].to_numpy(dtype="datetime64[ns]")
    midnight = punch.astype("datetime64[D]").astype("datetime64[ns]")  # (NaT stays NaT)
    # A punch column holding only a time ("8:53") pairs with the 考勤日期 column.
    only_time = ~np.isnat(date) & (midnight == np.datetime64("1899-12-31", "ns"))
    punch = np.where(only_time, date + (punch - midnight), punch)
    midnight = punch.astype("datetime64[D]").astype("datetime64[ns]")
    day = np.where(np.isnat(punch), date, midnight)
    bad_cols = [c for c in frame.columns if c.startswith("_bad_")]
    usable = ~np.isnat(punch)
    unread = frame[bad_cols].to_numpy(dtype=bool).any(axis=1) if bad_cols else np.zeros(len(frame), dtype=bool)
    usable &= ~unread
    staff_id, name = frame["staff_id"].to_numpy(dtype=object), frame["name"].to_numpy(dtype=object)
    who = np.where(pd.notna(staff_id), staff_id, name)
    who[pd.isna(who)] = ""
    keys = ["who", "date", "_file", "_sheet"]

    def punches_at(rows: np.ndarray, days: np.ndarray) -> dict[str, Any]:
        columns = ("_file", "_sheet", "_row", "name", "staff_id", "dept")
        return {"who": who[rows], "date": days[rows]} | {c: frame[c].array[rows] for c in columns}

    read = np.flatnonzero(usable)
    secs = (punch[read] - midnight[read]) / np.timedelta64(1, "s")
    daily = _punch_days(punches_at(read, day), secs, keys, session_split, midpoint)
    # A day with a punch we could not read is still a day on record, but not one to
    # judge: its remaining punches could make a false lateness (the error says why).
    bad_date = np.where(np.isnat(date), day, date)
    bad = np.flatnonzero(unread & ~np.isnat(bad_date))
    if not len(bad):
        return daily.assign(_unread=False)
    extra, _, _ = _days_of(punches_at(bad, bad_date), keys)
    hit = daily.set_index(keys).index.isin(extra.set_index(keys).index)
    for c in ("sign_in", "sign_out", "sign_in2", "sign_out2"):
        extra[c] = np.nan
    extra["_unread"] = True
    return pd.concat([daily[~hit].assign(_unread=False), extra], ignore_index=True)


def _days_of(punches: dict[str, Any], keys: list[str]) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """One row per distinct ``keys`` among ``punches`` (in key order, a blank key last, as
    pandas' sorted groupby with ``dropna=False``): the keys, the first name, staff number
    and department given, and the first row; and the grouping (``grouping.sorted_groups``).

    On arrays: pandas' groupby and named aggregations were most of folding a sample
    office's punch sheet, nearly all of it their fixed cost per call."""
    order, starts = grouping.sorted_groups([np.asarray(punches[k]) for k in keys], blank_keys=True)
    first_rows = order[starts]
    # (object columns as they are: pandas would look through them for a text type)
    firsts = {k: np.asarray(punches[k])[first_rows] for k in keys}
    days = pd.DataFrame({k: pd.Series(v, dtype=v.dtype, copy=False) for k, v in firsts.items()})
    for c in ("name", "staff_id", "dept"):
        days[c] = grouping.first_present(punches[c], order, starts)
    rows = np.asarray(punches["_row"], dtype=np.int64)
    days["_row"] = np.minimum.reduceat(rows[order], starts) if len(order) else np.zeros(0, dtype=np.int64)
    return days, order, starts


def _punch_days(
    punches: dict[str, Any], secs: np.ndarray, keys: list[str], session_split: float | None, midpoint: float
) -> pd.DataFrame:
    """One row per person per day (``_days_of``) from readable punches at ``secs`` seconds
    into their day, with the first and last punch, how many, and the sign-in and sign-out
    times they make."""
    daily, order, starts = _days_of(punches, keys)
    s = secs[order]
    count = grouping.sizes(order, starts)
    daily["first"] = np.minimum.reduceat(s, starts) if len(order) else np.zeros(0)
    daily["last"] = np.maximum.reduceat(s, starts) if len(order) else np.zeros(0)
    daily["count"] = count
    first, last = daily["first"].to_numpy(), daily["last"].to_numpy()
    if session_split is None:
        lone = count == 1
        daily["sign_in"] = np.where(~lone | (first < midpoint), first, np.nan)
        daily["sign_out"] = np.where(~lone | (last >= midpoint), last, np.nan)
        daily["sign_in2"] = np.nan
        daily["sign_out2"] = np.nan
        return daily
    blank = np.full(len(s), np.nan)
    morning = s < session_split

    def session(held: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not len(order):
            return np.zeros(0), np.zeros(0), np.zeros(0)
        own = np.where(held, s, blank)
        n = np.add.reduceat(held.astype(np.int64), starts)
        return np.fmin.reduceat(own, starts), np.fmax.reduceat(own, starts), n

    am_min, am_max, am_n = session(morning)
    pm_min, pm_max, pm_n = session(~morning)
    daily["sign_in"] = am_min
    daily["sign_out"] = np.where(am_n > 1, am_max, np.nan)
    daily["sign_in2"] = np.where(pm_n > 1, pm_min, np.nan)
    daily["sign_out2"] = pm_max
    return daily


def _daily_register(daily: pd.DataFrame) -> pd.DataFrame:
    """The daily attendance register of one sheet's folded days."""
    out = pd.DataFrame({c.name: _empty(c.type, len(daily)) for c in ATTENDANCE.columns})
    for c in ("name", "staff_id", "dept", "date", "sign_in", "sign_out", "sign_in2", "sign_out2"):
        out[c] = daily[c].to_numpy()
    out["_bad_sign_in"] = daily["_unread"].to_numpy(dtype=bool)
    out["date"] = pd.to_datetime(out["date"])
    out["_file"] = daily["_file"].to_numpy()
    out["_sheet"] = daily["_sheet"].to_numpy()
    out["_row"] = daily["_row"].to_numpy(dtype=np.int64)
    return out.sort_values(["_file", "_sheet", "_row"], kind="stable").reset_index(drop=True)


def combine_offices(parts: list[RegisterData]) -> RegisterData:
    """One register of several offices, each office's rows after the one before (in a
    frame labelled 0, 1, 2 … across them), and where each office's rows start."""
    joined = combine(parts)
    sizes = [len(p.frame) for p in parts]
    starts = np.cumsum([0, *sizes[:-1]]).astype(np.int64)
    return RegisterData(joined.register, joined.frame, joined.present, joined.sources, starts)


def _joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """``pd.concat(frames, ignore_index=True)``.  Frames with the same columns (a county's
    offices, one template) are joined a column at a time, each column's arrays as pandas'
    concat joins them (``concat_compat``: their common dtype), and the frame built once
    from the joined arrays: pandas' concat of 16 offices' frames of 30-odd columns cost
    10 ms an office."""
    from pandas.core.dtypes.concat import concat_compat

    names = frames[0].columns
    if any(not f.columns.equals(names) for f in frames[1:]) or not names.is_unique:
        return pd.concat(frames, ignore_index=True)
    managers = [f._mgr for f in frames]
    arrays = {c: concat_compat([m.iget_values(i) for m in managers]) for i, c in enumerate(names)}
    return _frame_of_views(arrays, sum(len(f) for f in frames), names)


def combine(parts: list[RegisterData]) -> RegisterData:
    """Several sheets of one register as one frame (bad-cell flags default to False)."""
    if len(parts) == 1:
        return parts[0]
    frame = _joined([p.frame for p in parts])
    for c in frame.columns:
        if c.startswith("_bad_"):
            frame[c] = frame[c].fillna(False).astype(bool)
    return RegisterData(
        parts[0].register, frame, set().union(*(p.present for p in parts)), [s for p in parts for s in p.sources]
    )
