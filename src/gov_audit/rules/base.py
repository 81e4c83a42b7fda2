"""What a rule is, what it is given, and what it returns.

A rule is a small class: its ID, bilingual title, the clause it enforces, its
parameters with defaults, the register it reads and the columns it needs, and a
vectorized ``check(ctx)`` returning a findings frame (``FINDING_COLUMNS``).  The class
docstring is the rule's documentation: ``gov-audit rules`` and ``docs/rules/`` are
generated from it.  Rules never print, read files or know about output formats.
"""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pandas.api.internals import create_dataframe_from_blocks
from pandas.core.dtypes.concat import concat_compat

from ..calendar import WorkCalendar
from ..normalize import RegisterData

# A rule's own facts about a finding (the minutes late, the amount, the threshold in
# force …) are typed columns named FIELD_PREFIX + name, declared in the rule's ``fields``
# (name → "text" | "int" | "number" | "bool"); messages and renderers read them there.
FIELD_PREFIX = "x_"
FIELD_TYPES = ("text", "int", "number", "bool")
FINDING_COLUMNS = [
    "rule",
    "status",
    "severity",
    "register",
    "file",
    "sheet",
    "row",
    "subject",
    "dept",
    "key",
    "start",
    "due",
    "done",
    "late_by",
    "late_unit",
    "provisional",
    "period",
    "date",
    "absent_days",
]
# "violation" extends the contract for breaches that are not about time (a rule broken
# outright: an extension over the limit, a receipt instead of an invoice).
STATUSES = ("late", "overdue", "due_soon", "missing", "violation")


class ParameterError(ValueError):
    """A rulebook parameter a rule cannot use (found only when the rule reads it): the
    engine reports it as a rulebook error, exit 2, naming the key."""


@dataclass
class Schedule:
    """Work hours for one date range: one or two sessions of (start, end) seconds after midnight."""

    sessions: list[tuple[float, float]]
    start: dt.date | None = None  # seasonal schedule: first day it applies (month-day in the rulebook)
    end: dt.date | None = None


@dataclass
class Context:
    """Everything a rule may look at."""

    registers: dict[str, RegisterData]
    calendar: WorkCalendar
    as_of: pd.Timestamp
    since: pd.Timestamp
    until: pd.Timestamp
    params: dict[str, Any] = field(default_factory=dict)  # this rule's parameters in force
    schedules: list[Schedule] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)  # rulebook-wide settings (warn_wd …)
    cache: dict = field(default_factory=dict)  # shared by the rules of one audit (e.g. the attendance judgement)
    # Another rule's parameters in force (DIS006 judges by the deadlines DIS001–DIS003 set).
    params_of: Any = None


@dataclass(frozen=True)
class Example:
    """A worked case of a rule, shown in its documentation and run by the tests.

    ``rows`` are rows of the rule's register, each a mapping header → value laid over
    the rule's ``example_base`` row; ``expect`` lists the findings the rule makes, each
    the fields that must hold (``status``, ``due``, ``late_by`` as "1 wd", ``row``,
    ``absent_days`` …); a "pass" example expects none.  ``other`` holds rows of other
    registers by sheet name (with their own headers), ``params`` rulebook parameters.
    """

    verdict: str  # "pass" | "fail"
    rows: tuple[dict[str, Any], ...]
    note: str = ""
    expect: tuple[dict[str, Any], ...] = ()
    as_of: str = "2026-11-30"
    other: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self, base: dict[str, Any]) -> str:
        """One line for the docs: the cells that differ from the base row, and the verdict."""
        rows = []
        for r in self.rows:
            cells = [f"{k} {_cell_text(v)}" for k, v in r.items() if base.get(k) != v]
            if not cells:  # the row as the examples start from: show its first cells
                cells = [f"{k} {_cell_text(v)}" for k, v in {**base, **r}.items() if v not in (None, "")][:4]
            rows.append(", ".join(cells))
        text = "; ".join(rows) if len(rows) <= 3 else f"{'; '.join(rows[:2])}; … ({len(rows)} rows)"
        for sheet, extra in self.other.items():
            text += f"; {sheet}: " + "; ".join(", ".join(f"{k} {_cell_text(v)}" for k, v in r.items()) for r in extra)
        if self.params:
            text += " [" + ", ".join(f"{k} = {v}" for k, v in self.params.items()) + "]"
        found = ""
        if self.expect:
            found = " → " + "; ".join(", ".join(f"{k} {v}" for k, v in e.items() if k != "row") for e in self.expect)
        note = f" ({self.note})" if self.note else ""
        return f"{'Pass' if self.verdict == 'pass' else 'Fail'}: {text}{found}{note}."


def _cell_text(v: Any) -> str:
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, dt.date):
        return v.isoformat()
    return "blank" if v is None or v == "" else str(v)


class Rule:
    """Base class; subclasses set the class attributes and implement ``check``."""

    id: ClassVar[str]
    title_zh: ClassVar[str]
    title_en: ClassVar[str]
    citation: ClassVar[str]
    register: ClassVar[str]
    needs: ClassVar[tuple[str, ...]] = ()  # columns whose bad cells keep a row out of this rule
    requires_columns: ClassVar[tuple[str, ...]] = ()  # without these in the sheet the rule cannot judge
    also_needs: ClassVar[tuple[str, ...]] = ()  # other registers, all required
    params: ClassVar[dict[str, Any]] = {}
    kind: ClassVar[str] = "deadline"  # deadline | row | periodic
    message_zh: ClassVar[str] = ""
    message_en: ClassVar[str] = ""
    # A family shares parameters among its rules: set once, in ``[families.NAME]`` (an old
    # ``[rules.ID] key`` for one of them is read there, with a notice).
    family: ClassVar[str] = ""
    family_params: ClassVar[tuple[str, ...]] = ()
    # Penalty ladders this rule's findings feed, with the role they play there (see
    # rules/ladder.py): {"attendance_year": "late"}.
    feeds: ClassVar[dict[str, str]] = {}
    # The typed facts this rule's findings carry (see FIELD_PREFIX).
    fields: ClassVar[dict[str, str]] = {}
    # The obligations of the source regulations this rule judges (gov_audit/obligations.py):
    # docs/coverage.md is generated from them.
    obligations: ClassVar[tuple[str, ...]] = ()
    # Worked cases (see Example): the docs list them, tests/test_examples.py runs them.
    examples: ClassVar[tuple[Example, ...]] = ()
    example_base: ClassVar[dict[str, Any]] = {}
    example_sheet: ClassVar[str] = ""  # default: the register's canonical sheet name
    # The rule judges several offices' registers laid end to end as each office's own
    # (engine.judge_offices): its groupings, bounds and lookups keep to one office
    # (office_codes), and each finding cites its source file, which names its office, or
    # names its office in an "_office" column (a period or a day with no row); a finding
    # naming neither makes the engine run the rule office by office.  A rule without the
    # mark is run office by office.  Every rule has it today.
    batched: ClassVar[bool] = False

    def check(self, ctx: Context) -> pd.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        text = inspect.cleandoc(cls.__doc__ or "")
        if cls.examples:
            text += "\n\nExamples (each one is run by the tests):\n\n" + "\n".join(
                f"- {e.describe(cls.example_base)}" for e in cls.examples
            )
        return text

    @classmethod
    def title(cls, lang: str = "zh") -> str:
        return cls.title_zh if lang == "zh" else cls.title_en

    @classmethod
    def message(cls, lang: str = "zh") -> str:
        return cls.message_zh if lang == "zh" else cls.message_en

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        """Fields for this rule's message template beyond the common ones (rules with special wording override)."""
        return {}


_EMPTY_FINDINGS = pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS})


def office_codes(data: RegisterData, index: pd.Index) -> np.ndarray | None:
    """For rows of ``data`` (by their labels) the office each belongs to, 0, 1, …, when
    ``data`` holds several offices' rows; None for one office's own register."""
    starts = data.office_starts
    if starts is None:
        return None
    return np.searchsorted(starts, index.to_numpy(dtype=np.int64), side="right") - 1


def each_office(data: RegisterData, rows: pd.DataFrame | pd.Series) -> np.ndarray:
    """Each of ``rows``' office (``office_codes``), 0 throughout for one office's register."""
    codes = office_codes(data, rows.index)
    return np.zeros(len(rows), dtype=np.int64) if codes is None else codes


def name_offices(found: pd.DataFrame, data: RegisterData, offices: Any) -> pd.DataFrame:
    """``found`` naming each finding's office (``offices``, one per finding) in ``_office``
    when ``data`` holds several offices: a finding with no row behind it (a period, a day)
    cites no file to tell it by (``engine._split``).  One office's findings are left as they are."""
    if data.office_starts is not None and len(found):
        found["_office"] = np.asarray(offices)
    return found


def by_office(data: RegisterData, rows: pd.DataFrame | pd.Series, *keys: Any) -> list[Any]:
    """Grouping keys for ``rows`` of ``data`` that keep to one office: ``keys`` after the
    rows' office codes when ``data`` holds several offices, else ``keys`` alone (one office's
    groupings are what they always were)."""
    codes = office_codes(data, rows.index)
    return list(keys) if codes is None else [codes, *keys]


def office_sorted(data: RegisterData, rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``rows.sort_values(columns)``, each office's rows together when ``data`` holds several
    (in each office the order is the one it has alone)."""
    codes = office_codes(data, rows.index)
    if codes is None:
        return rows.sort_values(columns)
    return rows.assign(_office=codes).sort_values(["_office", *columns]).drop(columns="_office")


def office_factorize(data: RegisterData, rows: pd.DataFrame, column: str) -> np.ndarray:
    """``pd.factorize(rows[column])``'s codes, a value in two offices two codes."""
    codes = office_codes(data, rows.index)
    if codes is None:
        return pd.factorize(rows[column])[0]
    return pd.MultiIndex.from_arrays([codes, rows[column]]).factorize()[0]


def office_lookup(table: pd.Series, data: RegisterData, keys: pd.Series) -> pd.Series:
    """``keys.map(table)`` for keys on rows of ``data``, ``table`` grouped ``by_office``
    (indexed by office and key when ``data`` holds several offices): a key finds its own
    office's entry only."""
    codes = office_codes(data, keys.index)
    if codes is None:
        return keys.map(table)
    found = table.reindex(pd.MultiIndex.from_arrays([codes, keys.to_numpy()]))
    return pd.Series(found.to_numpy(), index=keys.index, name=table.name)


def empty_findings() -> pd.DataFrame:
    # A copy of one frame built once: a rule with nothing to say costs no frame construction.
    return _EMPTY_FINDINGS.copy()


@dataclass(frozen=True)
class FindingsRows:
    """Rows ``start:stop`` of a findings frame, as its columns' arrays: one office's share
    of a rule that judged several offices together.  Slicing the arrays costs nothing;
    a frame per office per rule (``iloc`` and a new index) cost a fifth of a sample
    office's time after the rules."""

    columns: list[Any]
    arrays: list[Any]
    start: int
    stop: int

    def __len__(self) -> int:
        return self.stop - self.start


def stack_findings(frames: list[pd.DataFrame | FindingsRows]) -> pd.DataFrame:
    """The rules' findings frames as one: ``pd.concat(frames, ignore_index=True)`` (the
    same columns in the same order, the same dtypes and values), but for the one case
    named at the end.  A ``FindingsRows`` stands for the frame of those rows.

    Every frame has the finding columns and each rule adds its own typed fields, so
    pandas' outer join reindexes some 80 columns of every frame and takes each column of
    each frame as a Series: 0.1 s for a sample office's 180 findings, a tenth of its
    audit.  Here each column is its pieces' arrays put end to end (``_stacked_column``),
    the frames that lack it filled with the dtype's missing value as pandas fills them,
    and the frame is built once from those arrays.  A column whose pieces differ in
    dtype goes through pandas, which finds their common dtype as its Series concat does.

    One deliberate difference: a bool column meeting an int or float one stays objects
    (True stays True).  pandas' frame concat makes numbers of it (True → 1.0) or not,
    depending on how each frame happens to lay out its blocks.
    """
    return stack_findings_of_offices([frames])[0]


def stack_findings_of_offices(offices: list[list[pd.DataFrame | FindingsRows]]) -> list[pd.DataFrame]:
    """``[stack_findings(frames) for frames in offices]``: each office's findings stacked
    on their own, each column stacked once for all the offices whose pieces of it are
    alike, then cut back into the offices.

    A county's offices are judged by the same rules and their findings come in the same
    columns and dtypes: stacking each office alone paid pandas' fixed costs per piece
    (84 columns, 101 pieces each, each sliced out of its rule's array and converted to
    the column's common type one by one: 25 ms of a sample office).  Pieces are alike
    when the stacked column's type and its missing rows are decided alike (``_alike``):
    then the offices' pieces stacked end to end are each office's stacked column, end to
    end.  A column every frame has is taken from its rules' arrays joined once
    (``_joined_pieces``), without slicing a piece."""
    out: list[pd.DataFrame | None] = [None] * len(offices)
    layouts: dict[int, tuple[list[int], int, dict[Any, list[_Piece]]]] = {}
    groups: dict[tuple[Any, ...], list[tuple[int, list[_Piece]]]] = {}
    for k, frames in enumerate(offices):
        if len(frames) < 2 and all(isinstance(f, pd.DataFrame) for f in frames):
            out[k] = pd.concat(frames, ignore_index=True)
            continue
        sizes = [len(f) for f in frames]
        held: dict[Any, list[_Piece]] = {}  # column → its pieces, in the union's order
        for i, f in enumerate(frames):
            rows = f if isinstance(f, FindingsRows) else FindingsRows(list(f.columns), column_arrays(f), 0, len(f))
            for c, values in zip(rows.columns, rows.arrays, strict=True):
                held.setdefault(c, []).append((i, values, rows.start, rows.stop))
        layouts[k] = (sizes, sum(sizes), held)
        for c, pieces in held.items():
            groups.setdefault(_alike(c, pieces, sizes, k), []).append((k, pieces))
    columns: dict[int, dict[Any, Any]] = {k: {} for k in layouts}
    for key, members in groups.items():
        c = key[0]
        bounds = np.cumsum([0, *(layouts[k][1] for k, _ in members)])
        if key[1] == "whole":
            stacked = _joined_pieces([p for _, pieces in members for p in pieces])
        else:
            # The members' frames laid end to end, office after office.
            all_pieces: list[tuple[int, Any]] = []
            all_sizes: list[int] = []
            for k, pieces in members:
                all_pieces += [(len(all_sizes) + i, values[a:b]) for i, values, a, b in pieces]
                all_sizes += layouts[k][0]
            stacked = _stacked_column(all_pieces, all_sizes, np.cumsum([0, *all_sizes[:-1]]), int(bounds[-1]))
        for (k, _), a, b in zip(members, bounds[:-1], bounds[1:], strict=True):
            columns[k][c] = stacked if len(members) == 1 else stacked[a:b]
    for k, (_, total, held) in layouts.items():
        out[k] = frame_of({c: columns[k][c] for c in held}, total)
    return [f for f in out if f is not None]


_Piece = tuple[int, Any, int, int]  # a column's rows of one frame: (frame, its array, start, stop)


def _alike(c: Any, pieces: list[_Piece], sizes: list[int], k: int) -> tuple[Any, ...]:
    """What decides a stacked column (``_stacked_column``): whether every frame has it,
    whether rows of frames lacking it are filled, and its pieces' distinct dtypes in order
    of appearance (pandas asks the first of them for the common type) and whether any
    holds a row.  A categorical meeting another dtype also depends on its values (a
    missing category can make integers float), so such a column is stacked alone (``k``)."""
    seen: dict[int, Any] = {}  # (by identity first: hashing a pandas dtype costs 5 µs)
    for _, values, _, _ in pieces:
        seen.setdefault(id(values.dtype), values.dtype)
    dtypes = tuple(dict.fromkeys(seen.values()))
    if len(dtypes) > 1 and any(isinstance(d, pd.CategoricalDtype) for d in dtypes):
        return (c, "alone", k)
    rows = any(b > a for _, _, a, b in pieces)
    if len(pieces) == len(sizes) and rows:
        return (c, "whole", dtypes)
    have = {i for i, _, _, _ in pieces}
    filled = any(n for i, n in enumerate(sizes) if i not in have)
    return (c, len(pieces) == len(sizes), filled, dtypes, rows)


def _joined_pieces(pieces: list[_Piece]) -> Any:
    """``concat_compat`` of the pieces' rows, in order, from their arrays joined once.

    Converting whole arrays to the common type is converting their rows: the same
    distinct dtypes appear in the same order, and some piece, so some array, holds a row
    (``_alike``: a column where a categorical meets another dtype never comes here)."""
    at: dict[int, int] = {}
    sources: list[Any] = []
    for _, values, _, _ in pieces:
        if id(values) not in at:
            at[id(values)] = len(sources)
            sources.append(values)
    lengths = np.array([len(v) for v in sources])
    src = np.fromiter((at[id(values)] for _, values, _, _ in pieces), dtype=np.int64, count=len(pieces))
    lo = np.fromiter((a for _, _, a, _ in pieces), dtype=np.int64, count=len(pieces))
    hi = np.fromiter((b for _, _, _, b in pieces), dtype=np.int64, count=len(pieces))
    joined = _concat_by_dtype(sources)
    if len(sources) == len(pieces) and not lo.any() and (hi == lengths).all():
        return joined  # (each array whole, once, in order)
    first = np.cumsum(lengths) - lengths
    return joined.take(_ranges(first[src] + lo, hi - lo))


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``arange(start, start + length)`` for each pair, end to end, without a Python loop."""
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())


def column_arrays(frame: pd.DataFrame) -> list[Any]:
    """Each column's array (numpy, or pandas' own for an extension dtype), in order.

    Through the frame's block manager: ``frame[c]`` makes a Series per column (≈ 50 µs
    against 1.5), and the stack reads some 2,500 columns per office.  Internal to pandas;
    the properties in tests/test_rules_base.py hold the stack to ``pd.concat``."""
    mgr = frame._mgr
    return [mgr.iget_values(i) for i in range(frame.shape[1])]


def _stacked_column(pieces: list[tuple[int, Any]], sizes: list[int], starts: np.ndarray, total: int) -> Any:
    """One column of the stacked frame, from the (frame, array) pieces that hold it, as
    the outer concat makes it."""
    arrays = [a for _, a in pieces]
    if len(pieces) == len(sizes):
        return _concat_by_dtype(arrays)  # what pandas' concat does with a column every piece has
    dtype = arrays[0].dtype
    same = all(a.dtype == dtype for a in arrays)
    if same and isinstance(dtype, np.dtype) and dtype.kind in "OfcMm":
        # (pandas fills the missing rows of an object or float column with NaN, of a date with NaT)
        values = np.full(total, np.datetime64("NaT") if dtype.kind in "Mm" else np.nan, dtype=dtype)
        for i, a in pieces:
            values[starts[i] : starts[i] + sizes[i]] = np.asarray(a)
        return values
    if same and not isinstance(dtype, np.dtype):
        gap = arrays[0].take(np.full(total, -1), allow_fill=True)  # the dtype's own missing value
        parts, at = [], 0
        for i, a in pieces:
            if starts[i] > at:
                parts.append(gap[: starts[i] - at])
            parts.append(a)
            at = starts[i] + sizes[i]
        if at < total:
            parts.append(gap[: total - at])
        return type(arrays[0])._concat_same_type(parts)
    # Pieces of different dtypes (an int field one rule declares and another leaves as
    # text), or an int or bool field: their common dtype, found as pandas' concat finds
    # it, and the rows of the frames without the column missing as a reindex fills them
    # (an int becomes float).
    joined = _concat_by_dtype(arrays)
    held = np.array([i for i, _ in pieces])
    owners = _ranges(starts[held], np.asarray(sizes)[held])
    return _array_of(pd.Series(joined, index=owners, dtype=joined.dtype, copy=False).reindex(pd.RangeIndex(total)))


def _concat_by_dtype(arrays: list[Any]) -> Any:
    """``concat_compat(arrays)``, each dtype's pieces joined first and converted to the
    common type together, then put back in their order.

    pandas converts every piece on its own (some 1,600 small conversions for a column
    of a county's findings).  The common type is the same either way: the same distinct
    dtypes in the same order of appearance, the same pieces holding rows, and a
    categorical holds a missing value after the join exactly when one of its pieces did."""
    if len(arrays) < 3:
        return concat_compat(arrays)
    places: dict[Any, list[int]] = {}
    for i, a in enumerate(arrays):
        places.setdefault(a.dtype, []).append(i)
    if len(places) == 1 or len(places) == len(arrays):
        return concat_compat(arrays)
    joined = concat_compat([concat_compat([arrays[i] for i in at]) for at in places.values()])
    # Where each piece's rows landed: its dtype's block, then its place in that block.
    lengths = np.array([len(a) for a in arrays])
    joined_order = np.concatenate([np.array(at) for at in places.values()])
    landed = np.empty(len(arrays), dtype=np.int64)
    landed[joined_order] = np.cumsum(lengths[joined_order]) - lengths[joined_order]
    return joined.take(_ranges(landed, lengths))


def findings_from(
    rows: pd.DataFrame,
    rule: type[Rule] | Rule,
    *,
    status,
    register: str | None = None,
    subject=None,
    dept=None,
    key=None,
    start=None,
    due=None,
    done=None,
    late_by=None,
    late_unit=None,
    provisional=None,
    period=None,
    date=None,
    fields: dict[str, Any] | None = None,
    severity=None,
    absent_days=None,
) -> pd.DataFrame:
    """A findings frame for ``rows`` (one finding per row); every argument a scalar or a column.

    ``fields`` are the rule's own typed facts, each declared in its ``fields``."""
    n = len(rows)
    if n == 0:
        return empty_findings()
    index = rows.index

    # Each column as an array on the findings' own rows, in their order, then one frame
    # built from those arrays laid out as pandas' blocks (``frame_of``): no Series per
    # column and no per-column sanitizing, 20 columns for each of a hundred rules.  The
    # dtypes are those the columns always had.
    blank: list[np.ndarray] = []  # the column of None, made once: most columns of most rules

    def col(v, default=None):
        if v is None:
            v = default
        if isinstance(v, pd.Series):
            # By label, never by position: a column computed on a larger frame than
            # ``rows`` (before a filter) still lands on the right rows.
            return _array_of(aligned(v, index))
        if isinstance(v, (np.ndarray, list)):
            if len(v) != n:
                raise ValueError(f"{rule.id}: a column of {len(v)} values for {n} findings")
            # (pandas' own inference: text per row becomes its string dtype, as it always did)
            return _array_of(pd.Series(np.asarray(v, dtype=object)))
        if v is None and blank:
            return blank[0]  # (frame_of copies what it lays out: sharing one here is safe)
        filled = np.empty(n, dtype=object)
        filled.fill(v)
        if v is None:
            blank.append(filled)
        return filled

    has_src = "_row" in rows.columns
    status_col = col(status)
    if severity is not None:
        severity_col: Any = col(severity)
    elif isinstance(status, str):
        severity_col = _text_column("warning" if status == "due_soon" else "breach", n)
    else:
        due_soon = np.asarray(status_col, dtype=object) == "due_soon"
        severity_col = _text_column(np.where(due_soon, "warning", "breach"), n)
    columns = {
        "rule": _text_column(rule.id, n),  # pandas' string dtype, as a scalar made it
        "status": status_col,
        "severity": severity_col,
        "register": _text_column(register or rule.register, n),
        "file": col(rows["_file"] if has_src else None),
        "sheet": col(rows["_sheet"] if has_src else None),
        "row": col(rows["_row"] if has_src else None),
        "subject": col(subject),
        "dept": col(dept),
        "key": col(key),
        "start": col(start),
        "due": col(due),
        "done": col(done),
        "late_by": col(late_by),
        "late_unit": col(late_unit),
        "provisional": col(provisional, False),
        "period": col(period),
        "date": col(date, None),
        "absent_days": col(absent_days),
    }
    if date is None:
        columns["date"] = columns["due"]
    for name, value in (fields or {}).items():
        kind = rule.fields.get(name)
        if kind is None:
            raise ValueError(f"{rule.id}: field {name!r} is not declared in its fields")
        columns[FIELD_PREFIX + name] = _typed(col(value), kind)
    return frame_of(columns, n)


def _array_of(values: pd.Series) -> Any:
    """A column's values as an array: numpy for a plain numpy dtype, else pandas' array
    (dates too: their cells are Timestamps, as the Series' were)."""
    dtype = values.dtype
    return values.to_numpy() if isinstance(dtype, np.dtype) and dtype.kind not in "Mm" else values.array


def _text_column(value: Any, n: int) -> Any:
    """``value`` (one text, or numpy text per row) as pandas' string column, as the frame
    constructor makes a scalar text or a numpy text array (held as intake chose)."""
    cells = np.empty(n, dtype=object)
    cells[:] = value
    return pd.array(cells, dtype=_text_dtype())


# One string dtype object per storage: pandas makes a new one for each column, and equal
# dtypes that are different objects are hashed and compared (7.5 and 2.5 µs) wherever the
# stack groups pieces by dtype and pandas concatenates them — 386 of them in a sample
# office's findings, half of its stacking time.  A dict finds the same object at once.
_TEXT_DTYPES: dict[str, pd.StringDtype] = {}


def _text_dtype() -> pd.StringDtype:
    """pandas' string dtype (missing as NaN) in the text storage in force (see
    intake.text_storage), always the same object for the same storage."""
    made = pd.StringDtype(na_value=np.nan)
    return _TEXT_DTYPES.setdefault(made.storage, made)


_COLUMN_INDEXES: dict[tuple[Any, ...], pd.Index] = {}


def frame_of(columns: dict[Any, Any], n: int) -> pd.DataFrame:
    """``pd.DataFrame(columns)`` for columns that are already arrays of length ``n``
    (numpy arrays or pandas extension arrays, each kept in its dtype), on a RangeIndex.

    Built through pandas' block constructor (``pandas.api.internals``): the numpy columns
    of one dtype become one block, as pandas lays out a frame it consolidates, and each
    extension array its own.  The dict constructor checks and wraps every column again
    (≈ 0.4 ms per frame of 20 columns); a findings frame per rule per office pays it.
    Every array is copied (numpy columns by stacking them): a frame never shares memory
    with the register a rule read, so writing into one cannot change the other."""
    names = tuple(columns)
    by_dtype: dict[Any, list[int]] = {}
    blocks: list[tuple[Any, np.ndarray]] = []
    values = list(columns.values())
    for i, v in enumerate(values):
        if isinstance(v.dtype, np.dtype) and not isinstance(v, np.ndarray):
            values[i] = v = np.asarray(v)  # dates: numpy's own array, laid out with their kind
        if isinstance(v, np.ndarray):
            by_dtype.setdefault(v.dtype, []).append(i)
        else:
            blocks.append((v.copy(), np.array([i], dtype=np.intp)))
    for places in by_dtype.values():
        stacked = np.empty((len(places), n), dtype=values[places[0]].dtype)
        for row, i in enumerate(places):
            stacked[row] = values[i]
        blocks.append((stacked, np.array(places, dtype=np.intp)))
    # (the names are pandas' string dtype, held as intake chose, as the dict constructor
    # makes them; a rule's few shapes of frame are named once, not once per office)
    key = (pd.get_option("mode.string_storage"), names)
    index = _COLUMN_INDEXES.get(key)
    if index is None:
        if len(_COLUMN_INDEXES) >= 1024:  # a stacked office's shape is its own: stay bounded
            _COLUMN_INDEXES.clear()
        index = _COLUMN_INDEXES.setdefault(key, pd.Index(list(names)))
    return create_dataframe_from_blocks(blocks, pd.RangeIndex(n), index)


def person_findings(
    rows: pd.DataFrame, rule: type[Rule] | Rule, day: pd.Series, *, status: Any = "violation", fields=None
) -> pd.DataFrame:
    """One finding per row about the person it names (``name``, ``dept``) on ``day``: keyed
    "name YYYY-MM-DD", as the leave and conduct registers' findings are."""
    day = day.dt.normalize()
    return findings_from(
        rows,
        rule,
        status=status,
        subject=rows["name"],
        dept=rows["dept"],
        key=rows["name"].astype(str) + " " + day.dt.strftime("%Y-%m-%d"),
        start=day,
        date=day,
        fields=fields,
    )


def blanks_as_none(values: Any) -> np.ndarray:
    """A column's values (a Series, or a numpy or pandas array) as a new object array, its
    blanks (None, NaN, NaT, NA) as None; dates as Timestamps, as a Series gives them.

    In numpy, not through ``Series.where``: it runs for every text field of every rule's
    findings and for every column a report reads."""
    cells = np.array(values, dtype=object)
    cells[pd.isna(cells)] = None
    return cells


def _typed(values: Any, kind: str) -> Any:
    """A field's column (a numpy or extension array) in its declared type: text (blanks
    None), bool (blanks kept), or a number (what is not one is missing; an int rounded,
    half to even, as an Int64).  A new array, never ``values`` itself.

    On the arrays, not through three or four pandas calls: every field of every rule's
    findings comes here."""
    if kind == "text":
        return blanks_as_none(values)
    if kind == "bool":
        cells = np.array(values, dtype=object)
        known = ~pd.isna(cells)
        cells[known] = np.asarray(values)[known].astype(bool)
        return cells
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        number = values.astype(float)
    else:
        coerced = pd.to_numeric(values, errors="coerce")
        number = (
            coerced.astype(float) if isinstance(coerced, np.ndarray) else coerced.to_numpy(dtype=float, na_value=np.nan)
        )
    if kind != "int":
        return number
    missing = np.isnan(number)
    if not (np.abs(number[~missing]) < 2.0**63).all():
        # Past int64 (or infinite): pandas refuses it, and so do we; numpy would wrap it
        # round to a wrong number without a word.
        return pd.Series(number).round().astype("Int64").array
    whole = np.where(missing, 0, np.round(number)).astype(np.int64)
    return pd.arrays.IntegerArray(whole, missing)


def finding_fields(f: dict[str, Any]) -> dict[str, Any]:
    """A finding's typed fields (name → value), blanks left out."""
    n = len(FIELD_PREFIX)
    return {k[n:]: v for k, v in f.items() if k.startswith(FIELD_PREFIX) and not _blank(v)}


def _blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, str):  # most values are text: no pandas call for them
        return False
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def aligned(values: pd.Series, index: pd.Index) -> pd.Series:
    """``values`` for exactly the rows of ``index``, matched by label."""
    if values.index.equals(index):
        return values
    if not index.isin(values.index).all():
        raise ValueError("a finding column does not cover the rows it describes")
    return values.reindex(index)


def first_present(*cols: pd.Series) -> pd.Series:
    """Element-wise first non-blank value (e.g. handler, else dept)."""
    out = cols[0].copy()
    for c in cols[1:]:
        values = out.to_numpy(dtype=object)
        # (compared on the objects: the column as text would be a string per row to no purpose)
        given = ~pd.isna(values) & (values != "")
        out = out.where(pd.Series(given, index=out.index, copy=False), c)
    return out


def extra_fields(f: dict) -> dict[str, str]:
    """A finding's typed fields as message text: 1 for true, whole numbers without ".0"."""
    known = f.get(_TYPED_TEXT)
    if known is not None:  # worded once already by describe, which handed them on
        return dict(known)
    return {k: _field_text(v) for k, v in finding_fields(f).items()}


# The key under which describe hands a rule's message_fields the typed fields it has
# already put into words (not a field: it has no FIELD_PREFIX, and no template names it).
_TYPED_TEXT = "\x00typed_text"


def _field_text(v: Any) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return str(int(v)) if float(v).is_integer() else f"{float(v):g}"
    return str(v)


def hhmm(seconds: pd.Series) -> pd.Series:
    """Seconds after midnight as HH:MM text, a column at a time ("" where blank)."""
    s = seconds.fillna(0).astype(int)
    text = (s // 3600).astype(str).str.zfill(2) + ":" + ((s % 3600) // 60).astype(str).str.zfill(2)
    return text.where(seconds.notna(), "")


def money(value: float) -> str:
    """An amount of yuan to the fen: 10000.01 → "10,000.01", 8000 → "8,000.00"."""
    return f"{float(value):,.2f}"


def money_text(values: pd.Series) -> pd.Series:
    """Amounts to the fen, as a text column (for building messages)."""
    return pd.Series([money(v) for v in values.astype(float)], index=values.index, dtype=object)


def num_text(values: pd.Series) -> pd.Series:
    """Numbers as short text (2, 1.5), as a text column even when empty (for building messages)."""
    return pd.Series([f"{v:g}" for v in values.astype(float)], index=values.index, dtype=object)


_DAY = np.timedelta64(1, "D")
_HOUR_NS = 3600 * 10**9


def deadline_status(
    ctx: Context,
    due: pd.Series,
    done: pd.Series,
    *,
    unit: str,
    start: pd.Series | None = None,
    warn_wd: int | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Status (late / overdue / due_soon / None) and how late, for whole columns.

    ``as_of`` is a day: something done after it was still open on it.  For hour periods
    a due time before the as-of day is overdue and one on the as-of day is due soon.
    """
    status, late_by = _deadline_arrays(
        ctx, due.to_numpy(dtype="datetime64[ns]"), done.to_numpy(dtype="datetime64[ns]"), unit, warn_wd
    )
    return pd.Series(status, index=due.index, dtype=object), pd.Series(late_by, index=due.index)


def _deadline_arrays(
    ctx: Context, due: np.ndarray, done: np.ndarray, unit: str, warn_wd: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``deadline_status`` on plain datetime64[ns] arrays (a rule's columns, judged without
    building a Series per step): the status as objects, how late as floats (NaN if not)."""
    as_of = np.datetime64(ctx.as_of.normalize().to_datetime64(), "ns")
    warn = int(ctx.settings.get("warn_wd", 3) if warn_wd is None else warn_wd)
    # Done after the as-of day: still open on it.
    with np.errstate(invalid="ignore"):
        done = np.where(done.astype("datetime64[D]") <= as_of, done, np.datetime64("NaT", "ns"))
    is_done = ~np.isnat(done)
    has_due = ~np.isnat(due)
    late = is_done & (done > due)
    overdue = ~is_done & has_due & (due < as_of)
    if unit == "h":
        soon = ~is_done & has_due & (due >= as_of) & (due < as_of + _DAY)
        late_by = np.where(late, (done - due).astype(np.int64) / _HOUR_NS, np.nan)
        late_by = np.where(overdue, np.asarray(as_of - due).astype(np.int64) / _HOUR_NS, late_by)
        late_by = np.ceil(late_by)
    else:
        wd_left = ctx.calendar.workdays_between(as_of, due) if len(due) else np.zeros(0)
        soon = ~is_done & has_due & (due >= as_of) & (wd_left <= warn)
        end = np.where(late, done, as_of)
        end = np.where(late | overdue, end, np.datetime64("NaT", "ns"))
        if unit == "wd":
            late_by = ctx.calendar.workdays_between(due, end) if len(due) else np.zeros(0)
        else:
            gap = end - due
            nat = np.isnat(gap)
            whole_days = np.floor_divide(np.where(nat, 0, gap.astype(np.int64)), 24 * _HOUR_NS)  # floor, as .dt.days
            late_by = np.where(nat, np.nan, whole_days.astype(float))
    status = np.full(len(due), None, dtype=object)
    status[late] = "late"
    status[overdue] = "overdue"
    status[soon] = "due_soon"
    return status, np.where(late | overdue, np.asarray(late_by, dtype=float), np.nan)


def deadline_findings(
    ctx: Context,
    rule: type[Rule] | Rule,
    frame: pd.DataFrame,
    *,
    start: pd.Series,
    due: pd.Series,
    done: pd.Series,
    unit: str,
    key,
    subject,
    dept,
    fields: dict[str, Any] | None = None,
    register: str | None = None,
) -> pd.DataFrame:
    """Findings for a deadline rule: judge every row, keep the breaches and warnings."""
    if frame.empty:
        return empty_findings()
    # Plain arrays from here to the findings: one frame filter, not one per column and step.
    start, due, done = (aligned(c, frame.index) for c in (start, due, done))
    start_a, due_a, done_a = (c.to_numpy(dtype="datetime64[ns]") for c in (start, due, done))
    # Records that start after the as-of day are in the future of the audit.
    as_of_day = np.datetime64(ctx.as_of.date(), "D")
    live = ~np.isnat(start_a) & (start_a.astype("datetime64[D]") <= as_of_day) & ~np.isnat(due_a)
    status, late_by = _deadline_arrays(ctx, due_a[live], done_a[live], unit)
    hit = status != None  # noqa: E711 - element-wise on an object array
    if not hit.any():
        return empty_findings()
    pos = np.flatnonzero(live)[hit]
    # The findings take only the rows' source (file, sheet, row) and labels from them: the
    # register's other columns are not copied along.
    source = [frame.columns.get_loc(c) for c in ("_file", "_sheet", "_row") if c in frame.columns]
    sel = frame.iloc[pos, source]  # one take of the rows and columns, not a selection of each
    prov = ctx.calendar.touches_provisional(start_a[pos].astype("datetime64[D]"), due_a[pos].astype("datetime64[D]"))

    def pick(v):
        return aligned(v, sel.index) if isinstance(v, pd.Series) else v

    # Done after the as-of day: not done yet on it.
    done_k = done.iloc[pos]
    done_k = done_k.where(np.isnat(done_a[pos]) | (done_a[pos].astype("datetime64[D]") <= as_of_day))
    return findings_from(
        sel,
        rule,
        status=pd.Series(status[hit], index=sel.index, dtype=object),
        register=register,
        subject=pick(subject),
        dept=pick(dept),
        key=pick(key),
        start=start.iloc[pos],
        due=due.iloc[pos],
        done=done_k,
        late_by=pd.Series(late_by[hit], index=sel.index),
        late_unit=unit,
        provisional=pd.Series(prov, index=sel.index),
        fields={k: pick(v) for k, v in (fields or {}).items()},
    )


UNIT_ZH = {"d": "日", "wd": "个工作日", "h": "小时", "day": "天", "min": "分钟"}
UNIT_EN = {"d": "days", "wd": "working days", "h": "hours", "day": "days", "min": "minutes"}
UNIT_EN_ONE = {"d": "day", "wd": "working day", "h": "hour", "day": "day", "min": "minute"}


def unit_en(unit: str, value) -> str:
    """The English unit for a count: "1 working day", "3 working days"."""
    try:
        one = float(value) == 1
    except (TypeError, ValueError):
        one = False
    return (UNIT_EN_ONE if one else UNIT_EN)[unit]


REASONS = {
    "too_long": ("超过允许的最长期限", "longer than allowed"),
    "unapproved": ("未经批准", "not approved"),
    "not_notified": ("未告知申请人", "applicant not told"),
}


def describe(rule: type[Rule], f: dict, lang: str = "zh", as_of: str = "", typed: dict[str, Any] | None = None) -> str:
    """The finding's message, from the rule's template and the finding's fields.

    Fields: key, subject, dept, start, due, done, late_by, unit, period, the rule's typed fields by name, plus
    ``done_zh``/``done_en`` (what happened and how late) and rule-specific ones a rule
    adds by overriding ``message_fields``.  ``typed``: the finding's typed fields when the
    caller has them already (else they are read from ``f``).
    """
    fields = {k: ("" if v is None else v) for k, v in f.items()}
    unit = f.get("late_unit") or "d"
    late = f.get("late_by")
    late_txt = "" if late is None else (str(int(late)) if float(late).is_integer() else f"{late:g}")
    status = f.get("status")
    if status == "late":
        fields["done_zh"] = f"，实际 {f.get('done')} 完成，逾期 {late_txt} {UNIT_ZH[unit]}"
        fields["done_en"] = f"; done {f.get('done')}, {late_txt} {unit_en(unit, late)} late"
    elif status == "overdue":
        fields["done_zh"] = f"，截至 {as_of} 仍未完成，已逾期 {late_txt} {UNIT_ZH[unit]}"
        fields["done_en"] = f"; still open on {as_of}, {late_txt} {unit_en(unit, late)} overdue"
    elif status == "due_soon":
        fields["done_zh"] = "，尚未完成，即将到期（预警）"
        fields["done_en"] = "; still open and due soon (warning)"
    else:
        fields["done_zh"] = fields["done_en"] = ""
    typed_text = extra_fields(f) if typed is None else {k: _field_text(v) for k, v in typed.items() if not _blank(v)}
    fields.update(typed_text)
    if "reasons" in fields:  # an extension's faults (PET002, REQ002): codes of REASONS
        codes = str(fields["reasons"]).split(",")
        zh = "、".join(REASONS[c][0] for c in codes if c in REASONS)
        en = ", ".join(REASONS[c][1] for c in codes if c in REASONS)
        number = fields.get("extension_days", "")
        fields.update(
            reason_zh=zh,
            reason_en=en,
            extra_zh=f" {number} 个工作日：{zh}",
            extra_en=f"of {number} working days: {en}",
        )
    fields.update(rule.message_fields({**f, _TYPED_TEXT: typed_text}, lang))
    whole = fields.get(f"message_{lang}")
    if isinstance(whole, str) and whole:  # a rule worded this finding itself (attendance by status)
        return whole
    template = rule.message(lang)
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return template
