"""read: open any supported file and yield its raw sheets.

Spreadsheets (.xlsx .xlsm .xls .ods) are read through Rust calamine by fastexcel, which
hands whole Arrow columns to pandas (measured on a 1,000,000-row attendance workbook:
openpyxl 60.6 s, pandas' calamine engine 9.2 s, python-calamine 5.9 s, fastexcel 2.6 s;
see benchmarks/).  Two traps are avoided on purpose:

* fastexcel infers a column's type from its first 1,000 rows by default and silently
  turns a later text date into null; we ask it to look at every row
  (``schema_sample_rows=None``) so a mixed column arrives as text we parse ourselves;
* calamine skips leading empty rows unless told not to; we read from the sheet's first
  row (``skip_rows=0``) so row numbers are the Excel row numbers a clerk sees.

CSV files are decoded as UTF-8 (with or without BOM), else GB18030 (a superset of GBK,
which is what Chinese Excel exports), and read as text.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import os
import re
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import InputError, column_index, column_letter

if TYPE_CHECKING:
    import pandas as pd

# fastexcel logs a WARNING for every column whose type it cannot settle ("Could not
# determine dtype for column 4, falling back to string"): what we do with such a column
# is our business, and the report says it; the user's stderr is for input errors.
logging.getLogger("fastexcel").setLevel(logging.ERROR if not os.environ.get("GOV_AUDIT_DEBUG") else logging.DEBUG)

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}
HEADER_SCAN_ROWS = 40


@dataclass(frozen=True)
class ReadLimits:
    """How much of a sheet we are willing to hold (``[settings] max_cells / max_columns``).

    calamine allocates the whole rectangle from A1 to the last cell: one stray cell at
    XFD1048576 in a 5 KB file asks for 549 GB and aborts the process.  The rectangle is
    measured before loading; columns past ``max_columns`` are ignored with a located
    error, and a sheet whose rectangle is still over ``max_cells`` is refused.
    """

    max_cells: int = 60_000_000  # ≈ 2 GB of calamine cells; a 1,000,000 × 14 register is 14 M
    max_columns: int = 1_000


DEFAULT_LIMITS = ReadLimits()
# An .xlsx sheet part this small is scanned for its real extent (milliseconds); a larger
# one is trusted to its <dimension>, unless that is missing or over the limits.
_SCAN_BYTES = 8 << 20


def fatal(exc: BaseException) -> bool:
    """Exceptions that must pass through a reading boundary: the user's Ctrl-C, an exit."""
    return isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit))


class SheetUnreadable(Exception):
    """Every reader gave up on this sheet (the message says why, in plain words)."""


class _NativeStderr:
    """Quiets what the Rust readers print straight to file descriptor 2.

    A panic inside calamine (a time cell of -10^15 days, say) is caught as a Python
    exception, but Rust's panic hook has already written "thread panicked at …" and a
    backtrace to fd 2.  While a reader runs, fd 2 goes to a temporary file; afterwards
    everything in it except those panic lines is written to the real stderr.
    """

    _PANIC = re.compile(r"^(thread '.*' (\(\d+\) )?panicked at|note: |stack backtrace:|\s+\d+: |\s+at |\s*$)")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.saved: int | None = None
        self.tmp: IO[bytes] | None = None

    @contextmanager
    def quiet(self) -> Iterator[None]:
        if os.environ.get("GOV_AUDIT_DEBUG"):
            yield
            return
        with self.lock:
            if self.depth == 0:
                self._start()
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0:
                    self.stop()

    def _start(self) -> None:
        try:
            sys.stderr.flush()
            # One file for the process, emptied after each read: making one cost 0.2 ms,
            # and an office's 29 sheets are 29 reads.
            if self.tmp is None:
                self.tmp = tempfile.TemporaryFile()  # noqa: SIM115 (kept open for the next read)
            self.saved = os.dup(2)
            os.dup2(self.tmp.fileno(), 2)
        except (OSError, ValueError, AttributeError):
            self.saved = None

    def stop(self) -> None:
        if self.saved is None or self.tmp is None:
            return
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.saved = None
        self.tmp.seek(0)
        lines = self.tmp.read().decode("utf-8", "replace").splitlines(keepends=True)
        self.tmp.seek(0)
        self.tmp.truncate()
        kept, after_panic = [], False
        for line in lines:
            if " panicked at" in line:
                after_panic = True  # the next line is the panic's message
                continue
            if after_panic:
                after_panic = False
                continue
            if not self._PANIC.match(line):
                kept.append(line)
        if kept:
            os.write(2, "".join(kept).encode("utf-8"))


native_stderr = _NativeStderr()
_pools: dict[str, ThreadPoolExecutor] = {}


def background(name: str) -> ThreadPoolExecutor:
    """A one-thread pool for work beside the parse (the hidden-cell scan, the file's hash):
    each job that lets go of the GIL runs on the other core while calamine parses."""
    if name not in _pools:
        _pools[name] = ThreadPoolExecutor(1, thread_name_prefix=f"gov-audit-{name}")
    return _pools[name]


def _after_fork_in_child() -> None:
    # A forked batch worker has none of the parent's threads: a pool that believes its
    # worker exists would never run a job, and a lock held at the fork stays held.
    _pools.clear()
    _readers.__dict__.clear()  # (a workbook the parent held open is the parent's)
    native_stderr.lock = threading.Lock()
    native_stderr.depth = 0
    native_stderr.tmp = None  # (the parent's file: a worker of its own writes its own)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@dataclass(frozen=True)
class Extent:
    """The rectangle a reader would allocate: rows and columns from A1 (1-based counts)."""

    rows: int
    cols: int
    far_cell: str = ""  # the first cell found past the column limit, for the error


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


@dataclass
class RawSheet:
    """One sheet as read: its first rows as text (for finding the header) and a loader."""

    file: str
    sheet: str
    preview: list[list[str]]  # first HEADER_SCAN_ROWS rows, cells as text ("" for empty)
    columns: list[int]  # absolute 0-based column index of each preview/data column
    is_csv: bool = False
    _path: Path | None = None
    _csv_text: str | None = field(default=None, repr=False)
    # Located problems met while loading (columns past the limit): normalize reports them.
    load_errors: list[InputError] = field(default_factory=list)
    # .xlsx only: the used rectangle, when it is over the limits (see ReadLimits).
    oversize: Extent | None = None
    # .xlsx only: cells the readers blank although they hold something (scan_hidden_cells),
    # scanned in a thread while the sheet is read.
    hidden: Future[list[tuple[int, int, str]]] | None = field(default=None, repr=False)
    # The sheet's cells converted with other sheets' (``convert_together``), by data start.
    _converted: dict[int, tuple[pd.DataFrame, list[int]]] = field(default_factory=dict, repr=False, compare=False)

    def cell_ref(self, col_pos: int, row_number: int) -> str:
        return f"{column_letter(self.columns[col_pos])}{row_number}"

    def load(self, data_start: int) -> pd.DataFrame:
        """All rows from 0-based sheet row ``data_start`` on; columns are positions.

        The returned frame's index is the 1-based row number (Excel row or CSV line).
        """
        import pandas as pd

        if self.is_csv:
            rows = _csv_rows(self._csv_text or "")[data_start:]
            width = len(self.columns)
            frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
            if frame.shape[1] < width:
                for c in range(frame.shape[1], width):
                    frame[c] = ""
            frame = frame.iloc[:, :width].replace("", None)
        else:
            frame, absolute = self._load_any(data_start)
            frame = self._put_back_hidden(frame, absolute, data_start)
            pos = {a: i for i, a in enumerate(self.columns)}
            # Each kept column at its position among the header's columns, in that order: one
            # selection, none when the reader's columns already are those (most sheets).
            order = sorted((pos[a], k) for k, a in enumerate(absolute) if a in pos)
            if [k for _, k in order] != list(range(frame.shape[1])):
                frame = frame.iloc[:, [k for _, k in order]]
            frame.columns = [p for p, _ in order]
            if len(order) < len(self.columns):
                for c in range(len(self.columns)):
                    if c not in frame.columns:
                        frame[c] = None
                frame = frame[sorted(frame.columns)]
        frame.index = pd.RangeIndex(data_start + 1, data_start + 1 + len(frame))
        return frame

    def _put_back_hidden(self, frame: pd.DataFrame, absolute: list[int], data_start: int) -> pd.DataFrame:
        """Error values and NaN text, blanked by the reader, back as the text they are."""
        if self.hidden is None:
            return frame
        try:
            cells = self.hidden.result()
        except Exception:  # the scan is a safety net; the read itself succeeded
            return frame
        pos = {a: i for i, a in enumerate(absolute)}
        for row, col, text in cells:
            i = row - (data_start + 1)
            if 0 <= i < len(frame) and col in pos:
                j = pos[col]
                if frame.dtypes.iloc[j].kind != "O":
                    frame[frame.columns[j]] = frame.iloc[:, j].astype(object)
                frame.iat[i, j] = text
        return frame

    def _load_any(self, data_start: int) -> tuple[pd.DataFrame, list[int]]:
        """The sheet's cells, from the fastest reader that can read them.

        fastexcel first; python-calamine when fastexcel refuses a mixed column (.ods time
        cells are durations: {Duration, String}); openpyxl for an .xlsx that made the
        Rust readers panic (a panic is a BaseException, so it is caught here by name of
        the boundary, not by ``except Exception``) or whose extent is over the limits.
        """
        if self.oversize is not None:
            return self._load_openpyxl(data_start, self.oversize)
        problems: list[str] = []
        for loader in (self._load_arrow, self._load_objects):
            try:
                with native_stderr.quiet():
                    return loader(data_start)
            except ImportError:
                raise
            except BaseException as exc:
                if fatal(exc):
                    raise
                problems.append(_reason(exc))
        if self._path is not None and self._path.suffix.lower() in {".xlsx", ".xlsm"}:
            try:
                return self._load_openpyxl(data_start, None)
            except BaseException as exc:
                if fatal(exc):
                    raise
                problems.append(_reason(exc))
        raise SheetUnreadable(problems[-1] if problems else "unknown")

    def _load_openpyxl(self, data_start: int, extent: Extent | None) -> tuple[pd.DataFrame, list[int]]:
        import warnings

        import openpyxl
        import pandas as pd

        kwargs: dict[str, Any] = {}
        if extent is not None:
            kwargs = dict(max_col=extent.cols, max_row=max(extent.rows, data_start))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "cell is marked as a date but …": it arrives as an error value
            wb = openpyxl.load_workbook(self._path, read_only=True, data_only=True)
            try:
                ws = wb[self.sheet]
                rows = [list(r) for r in ws.iter_rows(min_row=data_start + 1, values_only=True, **kwargs)]
            finally:
                wb.close()
        width = max((len(r) for r in rows), default=0)
        frame = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
        frame = frame.replace("", None)
        return frame, list(range(width))

    def _load_arrow(self, data_start: int) -> tuple[pd.DataFrame, list[int]]:
        assert self._path is not None, "an Arrow read needs the workbook's path"
        if data_start in self._converted:
            return self._converted.pop(data_start)
        sheet = _take_prefetched(self._path, self.sheet, data_start)
        if sheet is None:
            sheet = arrow_sheet(self._path, self.sheet, data_start)
        table, absolute = sheet
        return table.to_pandas(), absolute

    def _load_objects(self, data_start: int) -> tuple[pd.DataFrame, list[int]]:
        import pandas as pd
        import python_calamine

        wb = python_calamine.CalamineWorkbook.from_path(str(self._path))
        rows = wb.get_sheet_by_name(self.sheet).to_python(skip_empty_area=False)[data_start:]
        width = max((len(r) for r in rows), default=0)
        frame = pd.DataFrame([list(r) + [""] * (width - len(r)) for r in rows], dtype=object)
        frame = frame.replace("", None)
        return frame, list(range(width))


def convert_together(sheets: Sequence[tuple[RawSheet, int]]) -> None:
    """Read these sheets' data (each from its data start) as Arrow, and convert those alike
    to pandas in one call: the sheet then loads its part (``RawSheet.load``).

    pyarrow's ``to_pandas`` costs about 0.8 ms a small table whatever its rows: a sample
    office's 29 sheets paid 23 ms, and a county's offices fill one template.  Tables are
    converted together only when their schemas are equal and each column holds nulls in
    all of them or in none (pandas makes a bool column with nulls objects, an int column
    with nulls floats), so each part is what converting its table alone gives.  A sheet
    the Arrow read refuses, or one read some other way, is left to its own load."""
    import pandas as pd
    import pyarrow as pa

    groups: list[tuple[Any, list[tuple[RawSheet, int, Any, list[int]]]]] = []
    for sheet, start in sheets:
        if sheet.is_csv or sheet.oversize is not None or sheet._path is None:
            continue
        try:
            with native_stderr.quiet():
                got = _take_prefetched(sheet._path, sheet.sheet, start) or arrow_sheet(sheet._path, sheet.sheet, start)
        except BaseException as exc:  # its own load tries again and says what is wrong
            if fatal(exc):
                raise
            continue
        table, absolute = got
        if table.nbytes > _CONVERT_ALONE_BYTES:  # converted now, so its Arrow copy goes at once
            _convert(sheet, start, table, absolute)
            continue
        nulls = tuple(c.null_count > 0 for c in table.columns)
        for (schema, held), members in groups:
            if held == nulls and schema.equals(table.schema):
                members.append((sheet, start, table, absolute))
                break
        else:
            groups.append(((table.schema, nulls), [(sheet, start, table, absolute)]))
    for _, members in groups:
        if len(members) == 1:
            sheet, start, table, absolute = members[0]
            _convert(sheet, start, table, absolute)
            continue
        try:
            with native_stderr.quiet():  # (fastexcel gives record batches, not tables)
                frame = pa.Table.from_batches([t for _, _, t, _ in members]).to_pandas()
        except BaseException as exc:  # each sheet's own load converts it alone
            if fatal(exc):
                raise
            continue
        at = 0
        for sheet, start, table, absolute in members:
            part = frame.iloc[at : at + table.num_rows]
            part.index = pd.RangeIndex(table.num_rows)
            sheet._converted[start] = (part, absolute)
            at += table.num_rows


# A table this large is converted alone, as soon as it is read (its Arrow copy is not
# kept while the others are read): a million-row sheet's conversion is no fixed cost.
_CONVERT_ALONE_BYTES = 4 << 20


def _convert(sheet: RawSheet, start: int, table: Any, absolute: list[int]) -> None:
    try:
        with native_stderr.quiet():
            sheet._converted[start] = (table.to_pandas(), absolute)
    except BaseException as exc:  # its own load tries again and says what is wrong
        if fatal(exc):
            raise


def arrow_sheet(path: Path, sheet_name: str, data_start: int) -> tuple[Any, list[int]]:
    """The sheet's data rows as Arrow columns, typed column by column, and each column's
    0-based position in the sheet.

    The header row (the row above the data) names the columns, which keeps fastexcel's
    type inference off the header text.  Strict coercion makes a later cell that does
    not fit the type guessed from the first 1,000 rows an error instead of a silent
    null; we then read again, looking at every row.  The Arrow table that strict
    conversion built is the one handed on: converting the sheet again costs 0.25 s a
    million rows.
    """
    reader = _excel_reader(path)
    kwargs = dict(header_row=data_start - 1) if data_start > 0 else dict(header_row=None, skip_rows=0)
    try:
        sheet = reader.load_sheet(sheet_name, dtype_coercion="strict", **kwargs)
        table = sheet.to_arrow()  # strict coercion reports here
    except Exception as exc:
        if type(exc).__name__ == "UnsupportedColumnTypeCombinationError":
            raise
        sheet = reader.load_sheet(sheet_name, schema_sample_rows=None, **kwargs)
        table = sheet.to_arrow()
    # selected_columns (all of them: none were deselected) is free; available_columns() costs 0.1 s
    return table, [c.absolute_index for c in sheet.selected_columns]


_readers = threading.local()


def _excel_reader(path: Path) -> Any:
    """fastexcel's reader of ``path``, kept (one per thread) for the next sheet of the same
    unchanged file: opening the workbook again for each of a sample office's 29 sheets
    cost 7 ms.  ``release_readers`` lets it go once the files are read."""
    import fastexcel

    st = Path(path).stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    held = getattr(_readers, "held", None)
    if held is not None and held[0] == key:
        return held[1]
    _readers.held = None
    reader = fastexcel.read_excel(str(path))
    _readers.held = (key, reader)
    return reader


def release_readers() -> None:
    """Close this thread's kept workbook (``_excel_reader``): the input file is not held open."""
    _readers.held = None


# Prefetch: the command line starts parsing the workbooks in a thread before it imports
# pandas and builds the calendar.  calamine's parse releases the GIL, so on a large file
# the start-up work costs nothing (measured: 0.5 s of imports hidden in a 2.7 s parse).
_prefetched: dict[tuple[str, int, int, str, int], object] = {}
# Each prefetched workbook's layout (its sheets' first rows and extents, read with the
# default limits), by file: the intake takes it instead of reading the layout again
# (0.05 s of a sample check's critical path).
_prefetched_layouts: dict[tuple[str, int, int], dict[str, XlsxSheetInfo] | None] = {}
_prefetch_thread: threading.Thread | None = None
_prefetch_files: list[Path] = []


def prefetch(paths: Sequence[str | Path], data_start_of: Callable[[RawSheet], int | None] | None = None) -> None:
    """Start reading the .xlsx/.xlsm sheets of ``paths`` in the background (best effort).

    ``data_start_of(sheet)`` says where a sheet's data begins (the classify stage's answer,
    handed in by the caller: reading never calls back into classifying).
    """
    global _prefetch_thread, _prefetch_files
    files = [Path(p) for p in paths if Path(p).is_file() and Path(p).suffix.lower() in {".xlsx", ".xlsm"}]
    if _prefetch_thread is not None and files == _prefetch_files:
        return  # already started for these files (by the entry point)
    if _prefetch_thread is not None:  # a previous run in this process (tests): start afresh
        _prefetch_thread.join()
        _prefetch_thread = None
    _prefetched.clear()
    _prefetched_layouts.clear()
    _prefetch_files = files
    if not files:
        return

    if data_start_of is None:
        return

    def work() -> None:
        for path in files:
            try:
                if _sniff_spreadsheet(path, path.suffix.lower()):
                    continue
                key = _file_key(path)
                layout = _xlsx_layout(path, DEFAULT_LIMITS)
                _prefetched_layouts[key] = layout
                for sheet_name, info in (layout or {}).items():
                    preview = info.preview
                    width = max((len(r) for r in preview), default=0)
                    if not width or info.oversize is not None:
                        continue
                    raw = RawSheet(
                        str(path),
                        sheet_name,
                        [r + [""] * (width - len(r)) for r in preview],
                        list(range(width)),
                        _path=path,
                    )
                    start = data_start_of(raw)
                    if start is not None:
                        with native_stderr.quiet():
                            _prefetched[_key(path, sheet_name, start)] = arrow_sheet(path, sheet_name, start)
            except BaseException as exc:  # the normal path will read it and report any problem
                if fatal(exc) and not isinstance(exc, GeneratorExit):
                    raise
                continue
        release_readers()

    _prefetch_thread = threading.Thread(target=work, name="gov-audit-prefetch", daemon=True)
    _prefetch_thread.start()


def _key(path: Path, sheet_name: str, data_start: int) -> tuple[str, int, int, str, int]:
    return (*_file_key(path), sheet_name, data_start)


def _file_key(path: Path) -> tuple[str, int, int]:
    st = Path(path).stat()  # the same file, unchanged since it was prefetched
    return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


def _layout_of(path: Path, limits: ReadLimits) -> dict[str, XlsxSheetInfo] | None:
    """``_xlsx_layout(path, limits)``: the prefetch's if it has read it already (with the
    same limits, from the file as it still is), else read now.  Never waits for the
    prefetch: on a large workbook its thread is still parsing the data, and reading the
    layout here meanwhile is what the intake did before."""
    if limits == DEFAULT_LIMITS and _prefetched_layouts:
        try:
            key = _file_key(path)
        except OSError:
            key = None
        if key is not None and key in _prefetched_layouts:
            return _prefetched_layouts.pop(key)
    return _xlsx_layout(path, limits)


def _take_prefetched(path: Path | None, sheet_name: str, data_start: int) -> Any:
    if _prefetch_thread is None or path is None:
        return None
    _prefetch_thread.join()
    try:
        return _prefetched.pop(_key(path, sheet_name, data_start), None)
    except OSError:
        return None


def find_inputs(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files to audit: the paths given, directories searched recursively."""
    files: list[Path] = []
    errors: list[InputError] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(("~$", ".~"))
            )
            if not found:
                errors.append(
                    InputError(
                        str(p), "unreadable", "目录中没有可审计的表格文件 (no .xlsx/.xls/.ods/.csv files in directory)"
                    )
                )
            files += found
        elif not p.exists():
            errors.append(InputError(str(p), "unreadable", "文件不存在 (file not found)"))
        else:
            files.append(p)
    return files, errors


def read_sheets(
    path: Path, display: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> tuple[list[RawSheet], list[InputError]]:
    """Every sheet of one file, or an error saying in plain words why it cannot be read."""
    name = display or str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path, name), []
        if suffix not in SPREADSHEET_SUFFIXES:
            return [], [
                InputError(
                    name,
                    "unreadable",
                    f"不支持的文件类型 {suffix or '(无扩展名)'} (unsupported file type; use .xlsx .xls .ods .csv)",
                )
            ]
        problem = _sniff_spreadsheet(path, suffix)
        if problem:
            return [], [InputError(name, "unreadable", problem)]
        sheets = _read_spreadsheet(path, name, limits)
        refused = [s for s in sheets if s.oversize is not None and not s.preview]
        return [s for s in sheets if s not in refused], [e for s in refused for e in s.load_errors]
    except OSError as exc:
        return [], [InputError(name, "unreadable", f"无法打开文件 (cannot open file): {exc.strerror or exc}")]
    except ImportError:
        raise
    except BaseException as exc:  # calamine reports corrupt files with assorted exceptions, and panics
        if fatal(exc):
            raise
        return [], [
            InputError(
                name, "unreadable", f"文件已损坏或不是有效的表格 (corrupt or not a valid workbook): {_reason(exc)}"
            )
        ]


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff_spreadsheet(path: Path, suffix: str) -> str | None:
    """Plain-words reasons for the common unreadable cases, before calamine tries."""
    size = path.stat().st_size
    if size == 0:
        return "文件为空 (file is empty)"
    with path.open("rb") as fh:
        head = fh.read(8)
    if suffix in {".xlsx", ".xlsm", ".ods"}:
        if head.startswith(_OLE_MAGIC):
            # An OOXML file wrapped in an OLE container is how Excel stores encryption.
            return "文件受密码保护，请先在 Excel 中取消密码 (password-protected; remove the password in Excel first)"
        if not head.startswith(b"PK"):
            return "不是有效的 Excel/ODS 文件 (not an Excel/ODS workbook)"
        try:
            # Opening reads the central directory at the end of the file, so a truncated
            # file fails here; checksumming every member (testzip) would cost a full
            # decompression, and calamine reports a corrupt member itself.
            with zipfile.ZipFile(path):
                pass
        except zipfile.BadZipFile:
            return "文件不完整或已损坏（压缩包无法打开）(truncated or corrupt: the zip container cannot be opened)"
    elif suffix == ".xls" and not head.startswith(_OLE_MAGIC):
        return "不是有效的 .xls 文件 (not a legacy Excel .xls workbook)"
    return None


def _read_spreadsheet(path: Path, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> list[RawSheet]:
    import fastexcel

    with native_stderr.quiet():
        reader = fastexcel.read_excel(str(path))
    quick = _layout_of(path, limits) if path.suffix.lower() in {".xlsx", ".xlsm"} else None
    sheets = []
    for sheet_name in reader.sheet_names:
        if quick is not None and sheet_name in quick:
            info = quick[sheet_name]
            preview = info.preview
            width = max((len(r) for r in preview), default=0)
            if not width:
                sheets.append(RawSheet(name, sheet_name, [], [], _path=path))  # reported as skipped
                continue
            preview = [r + [""] * (width - len(r)) for r in preview]
            raw = RawSheet(name, sheet_name, preview, list(range(width)), _path=path, oversize=info.oversize)
            if info.oversize is None:
                raw.hidden = background("scan").submit(scan_hidden_cells, path, info.part, info.body)
            if info.oversize is not None:
                over = info.oversize
                if over.far_cell:
                    raw.load_errors.append(
                        InputError(
                            name,
                            "bad_value",
                            f"第 {limits.max_columns} 列之后的单元格已忽略 "
                            f"(cells past column {limits.max_columns} ignored; "
                            f"limit [settings] max_columns)",
                            sheet=sheet_name,
                            cell=over.far_cell,
                        )
                    )
                if over.rows * over.cols > limits.max_cells:
                    raw.load_errors.append(
                        InputError(
                            name,
                            "unreadable",
                            f"工作表过大（{over.rows} 行 × {over.cols} 列），未读取 (sheet too large to read: "
                            f"{over.rows} rows × {over.cols} columns; limit [settings] max_cells = {limits.max_cells})",
                            sheet=sheet_name,
                            cell=f"{column_letter(over.cols - 1)}{over.rows}",
                        )
                    )
                    raw.preview, raw.columns = [], []
            sheets.append(raw)
            continue
        try:
            with native_stderr.quiet():
                peek = reader.load_sheet(
                    sheet_name, header_row=None, skip_rows=0, n_rows=HEADER_SCAN_ROWS, dtypes="string"
                )
        except BaseException as exc:  # an empty sheet has no columns to load
            if fatal(exc):
                raise
            sheets.append(RawSheet(name, sheet_name, [], [], _path=path))
            continue
        import pandas as pd

        cols = [c.absolute_index for c in peek.available_columns()]
        df = peek.to_pandas()
        preview = [["" if pd.isna(v) else str(v) for v in row] for row in df.itertuples(index=False)]
        sheets.append(RawSheet(name, sheet_name, preview, cols, _path=path))
    return sheets


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass
class XlsxSheetInfo:
    preview: list[list[str]]
    oversize: Extent | None = None  # set when the used rectangle is over the limits
    part: str = ""  # the sheet's XML part in the package
    body: bytes | None = field(default=None, repr=False)  # the part's XML, when small enough to hold


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')


def cell_refs(body: bytes) -> tuple[Any, Any, Any]:
    """Every cell reference in sheet XML, as ``_CELL_REF.findall`` finds them: each one's
    0-based column, its row, and where its text starts in ``body`` (with its length).

    Found with numpy over the bytes: the regex took 0.26 s and turning its 425,000
    matches into numbers 0.17 s on a year of DingTalk exports (22 MB of XML), read only to
    find a stray cell far away.  In well-formed XML every ``<`` is closed by a ``>`` before
    the next one; a body where that does not hold (CDATA, broken markup) or whose tag
    prefix is unusually long is left to the regex, whose reading this reproduces."""
    import numpy as np

    b = np.frombuffer(body + b"\0" * 24, dtype=np.uint8)
    n = len(body)
    word = _byte_class(np, rb"A-Za-z0-9_")
    space = _byte_class(np, rb" \t\n\r\f\v")
    upper = _byte_class(np, rb"A-Z")
    digit = _byte_class(np, rb"0-9")
    # Every ``<`` and ``>`` in order: in well-formed XML no two ``<`` come without a ``>``
    # between them (``>`` alone may stand in text), or the tags cannot be told apart here.
    brackets = np.flatnonzero((b[:n] == ord("<")) | (b[:n] == ord(">")))
    opens = b[brackets] == ord("<")
    if (opens[1:] & opens[:-1]).any():
        return _cell_refs_by_regex(np, body)
    i = np.flatnonzero((b[1:n] == ord("r")) & (b[2 : n + 1] == ord("=")) & (b[3 : n + 2] == ord('"'))) + 1
    i = i[~word[b[i - 1]]]  # \b: r is a whole attribute name
    # The tag each candidate sits in: the last bracket before it is that tag's ``<``.
    k = np.searchsorted(brackets, i) - 1
    i, k = i[k >= 0], k[k >= 0]
    i, k = i[opens[k]], k[opens[k]]
    p = brackets[k]
    # ``<c`` + space, or ``<prefix:c`` + space (\w+ runs to the colon).
    run = np.zeros(len(p), dtype=np.int64)
    alive = np.ones(len(p), dtype=bool)
    for step in range(1, 17):
        alive &= word[b[p + step]]
        run += alive
    if alive.any():  # a prefix of 16 word characters or more
        return _cell_refs_by_regex(np, body)
    plain = (b[p + 1] == ord("c")) & space[b[p + 2]]
    prefixed = (run > 0) & (b[p + 1 + run] == ord(":")) & (b[p + 2 + run] == ord("c")) & space[b[p + 3 + run]]
    q = np.where(plain, p + 2, p + 3 + run)  # the space after the c
    ok = (plain | prefixed) & (q <= i - 1)
    i, k = i[ok], k[ok]
    # The reference itself: 1–3 capitals, 1–7 digits, the closing quote.
    j = i + 3
    letters = np.zeros(len(j), dtype=np.int64)
    alive = np.ones(len(j), dtype=bool)
    for step in range(4):
        alive &= upper[b[j + step]]
        letters += alive
    digits = np.zeros(len(j), dtype=np.int64)
    alive = np.ones(len(j), dtype=bool)
    for step in range(8):
        alive &= digit[b[j + letters + step]]
        digits += alive
    ok = (letters >= 1) & (letters <= 3) & (digits >= 1) & (digits <= 7) & (b[j + letters + digits] == ord('"'))
    j, k, letters, digits = j[ok], k[ok], letters[ok], digits[ok]
    # One reference per tag, its first: findall goes on after the match, past that tag's ``<``.
    first = np.ones(len(k), dtype=bool)
    first[1:] = k[1:] != k[:-1]
    j, letters, digits = j[first], letters[first], digits[first]
    col = np.zeros(len(j), dtype=np.int64)
    for step in range(3):
        has = step < letters
        col = np.where(has, col * 26 + (b[j + step].astype(np.int64) - 64), col)
    row = np.zeros(len(j), dtype=np.int64)
    for step in range(7):
        has = step < digits
        row = np.where(has, row * 10 + (b[j + letters + step].astype(np.int64) - 48), row)
    return col - 1, row, np.stack([j, letters + digits], axis=1)


_BYTE_CLASSES: dict[bytes, Any] = {}


def _byte_class(np: Any, spec: bytes) -> Any:
    """A 256-entry lookup: which byte values a regex character class (bytes) matches."""
    if spec not in _BYTE_CLASSES:
        table = np.zeros(256, dtype=bool)
        table[[c for c in range(256) if re.fullmatch(b"[" + spec + b"]", bytes([c]))]] = True
        _BYTE_CLASSES[spec] = table
    return _BYTE_CLASSES[spec]


def _cell_refs_by_regex(np: Any, body: bytes) -> tuple[Any, Any, Any]:
    """``cell_refs`` by the regex itself: for bodies numpy cannot read the tags of."""
    cols, rows, spans = [], [], []
    for m in _CELL_REF.finditer(body):
        cols.append(column_index(m.group(1).decode()))
        rows.append(int(m.group(2)))
        spans.append((m.start(1), m.end(2) - m.start(1)))
    return (
        np.asarray(cols, dtype=np.int64),
        np.asarray(rows, dtype=np.int64),
        np.asarray(spans, dtype=np.int64).reshape(-1, 2),
    )


# Cells both calamine readers hand over as blank although they hold something: error
# values (t="e": #VALUE!, #REF!, #N/A, #DIV/0!), and text that Rust parses as a float
# NaN ("NaN") in a typed column.  A blank time is an absence, so these are found in the
# sheet XML and put back as text before typing, where they become located errors.
_ERROR_CELL = b't="e"'
_NAN_WORDS = (b">NaN<", b">nan<", b">NAN<", b">-nan<", b">+nan<")
_CELL_OPEN = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*>')
_V_NODE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</")
_T_NODE = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</")
_F_NODE = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>([^<]*)</")
_NAN_TEXT = re.compile(r"^\s*[+-]?nan\s*$", re.IGNORECASE)


def scan_hidden_cells(path: Path, part: str, body: bytes | None = None) -> list[tuple[int, int, str]]:
    """(1-based row, 0-based column, text) of every cell calamine would silently blank.

    Streams the sheet part in 1 MB chunks with plain byte searches (no XML parse):
    about 0.6 s for a 350 MB part, run beside the Arrow read, and nothing to find in
    an ordinary register.  ``body`` is the part's XML when the layout already holds it
    (a small sheet): the package is then opened only for its shared strings, if the
    sheet uses them.
    """
    needles = (_ERROR_CELL, b"<f>", b"<f ", *_NAN_WORDS)
    out: list[tuple[int, int, str]] = []
    if body is not None:
        shared_nan: set[bytes] = set()
        if b't="s"' in body:
            with zipfile.ZipFile(path) as zf:
                if "xl/sharedStrings.xml" in zf.namelist():
                    shared_nan = _shared_nan_indices(zf)
        if any(n in body for n in needles) or (shared_nan and b't="s"' in body):
            out = _hidden_in(body, shared_nan)
        return _by_cell(out)
    with zipfile.ZipFile(path) as zf:
        shared_nan = set()
        if "xl/sharedStrings.xml" in zf.namelist():
            shared_nan = _shared_nan_indices(zf)
        overlap = 4096
        prev = b""
        with zf.open(part) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                buf = prev + chunk
                hit = any(n in buf for n in needles) or (shared_nan and b't="s"' in buf)
                if hit:
                    out += _hidden_in(buf, shared_nan)  # a cell across the seam is seen whole once
                prev = buf[-overlap:]
    return _by_cell(out)


def _by_cell(out: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    seen: dict[tuple[int, int], str] = {}
    for r, c, text in out:
        seen[(r, c)] = text
    return sorted((r, c, t) for (r, c), t in seen.items())


def _shared_nan_indices(zf: zipfile.ZipFile) -> set[bytes]:
    data = zf.read("xl/sharedStrings.xml")
    if b"nan" not in data.lower():
        return set()
    import xml.etree.ElementTree as ET

    out: set[bytes] = set()
    for i, si in enumerate(ET.fromstring(data).iter(f"{_NS}si")):
        text = "".join(t.text or "" for t in si.iter(f"{_NS}t"))
        if _NAN_TEXT.match(text):
            out.add(str(i).encode())
    return out


def _hidden_in(buf: bytes, shared_nan: set[bytes]) -> list[tuple[int, int, str]]:
    out = []
    for m in _CELL_OPEN.finditer(buf):
        tag = m.group(0)
        if tag.endswith(b"/>"):
            continue
        close = buf.find(b"</c>", m.end())
        if close < 0:
            continue
        body = buf[m.end() : close]
        value = _V_NODE.search(body)
        inline = _T_NODE.search(body)
        text = inline.group(1) if inline else (value.group(1) if value else b"")
        shown = ""
        if _ERROR_CELL in tag:
            shown = (value.group(1).decode("utf-8", "replace") if value else "") or "#ERROR"
        elif b"<f" in body and not (value and value.group(1)):
            # A formula saved without its result (written by a program, never opened in
            # Excel): calamine reads it blank.
            f = _F_NODE.search(body)
            shown = "=" + (f.group(1).decode("utf-8", "replace") if f else "")
        elif (b'"inlineStr"' in tag or b't="str"' in tag) and _NAN_TEXT.match(text.decode("utf-8", "replace")):
            shown = text.decode("utf-8", "replace")
        elif b't="s"' in tag and value and value.group(1).strip() in shared_nan:
            shown = "NaN"
        if shown:
            out.append((int(m.group(2)), column_index(m.group(1).decode()), shown))
    return out


def _xlsx_extent(zf: zipfile.ZipFile, part: str, limits: ReadLimits) -> Extent | None:
    """The rectangle calamine would allocate for a sheet part, when it is over the limits.

    The ``<dimension>`` Excel writes at the top is read first (free).  A small part
    (≤ 8 MB of XML: tens of thousands of rows), or one whose declared dimension is over
    the limits, is scanned for the cells really there: a stray cell far away is what
    blows the rectangle up.  A large part with a modest or no dimension is a real
    export and is trusted (scanning 350 MB of XML would cost 0.7 s on every large read).
    """
    info = zf.getinfo(part)
    with zf.open(part) as fh:
        head = fh.read(4096)
    m = _DIMENSION.search(head)
    if info.file_size > _SCAN_BYTES:
        if not m:
            return None
        last_col, last_row = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
        if (
            column_index(last_col.decode()) + 1 <= limits.max_columns
            and int(last_row) * (column_index(last_col.decode()) + 1) <= limits.max_cells
        ):
            return None
    import numpy as np

    cols_seen: list[np.ndarray] = []
    rows_seen: list[np.ndarray] = []
    first_far = ""
    with zf.open(part) as fh:
        prev = b""
        while True:
            chunk = fh.read(8 << 20)
            if not chunk:
                break
            buf = prev + chunk
            cut = buf.rfind(b"<c ")  # a cell cut at the seam is read with the next chunk
            body, prev = (buf[:cut], buf[cut:]) if cut > 0 and len(chunk) == 8 << 20 else (buf, b"")
            c, r, spans = cell_refs(body)
            if not len(c):
                continue
            far = np.flatnonzero(c >= limits.max_columns)
            if far.size and not first_far:
                at, length = spans[int(far[0])]
                first_far = body[at : at + length].decode()
            cols_seen.append(c)
            rows_seen.append(r)
    if not cols_seen:
        return None
    return _extent_over(np.concatenate(cols_seen), np.concatenate(rows_seen), first_far, limits)


def _extent_over(col_idx: Any, row_idx: Any, first_far: str, limits: ReadLimits) -> Extent | None:
    """The extent of a sheet's cells (0-based columns, 1-based rows), when over the limits."""
    cols, rows = int(col_idx.max()) + 1, int(row_idx.max())
    if cols <= limits.max_columns and rows * cols <= limits.max_cells:
        return None
    near = col_idx < limits.max_columns
    if not near.any():
        return Extent(0, 0, first_far)
    return Extent(int(row_idx[near].max()), int(col_idx[near].max()) + 1, first_far)


def _extents_of_bodies(bodies: list[bytes], limits: ReadLimits) -> list[Extent | None]:
    """``_xlsx_extent`` of several small parts held whole, with one ``cell_refs`` pass.

    A workbook of 29 small sheets paid ``cell_refs``'s fixed cost (about 0.5 ms of numpy
    calls) 29 times: more than the scanning.  The parts are laid end to end with a ``>``
    between them, so no tag runs from one part into the next and each reference is read
    as it is in its own part."""
    import numpy as np

    joined = b">".join(bodies)
    starts = np.cumsum([0] + [len(b) + 1 for b in bodies[:-1]])
    c, r, spans = cell_refs(joined)
    bounds = np.searchsorted(spans[:, 0], np.append(starts, len(joined) + 1))
    out: list[Extent | None] = []
    for i in range(len(bodies)):
        lo, hi = int(bounds[i]), int(bounds[i + 1])
        if lo == hi:
            out.append(None)
            continue
        cols, rows = c[lo:hi], r[lo:hi]
        first_far = ""
        far = np.flatnonzero(cols >= limits.max_columns)
        if far.size:
            at, length = spans[lo + int(far[0])]
            first_far = joined[at : at + length].decode()
        out.append(_extent_over(cols, rows, first_far, limits))
    return out


# A sheet part this small is read whole once: its extent, its first rows and the
# hidden-cell scan all come from the one copy (a sample office's 29 parts are 760 KB).
_BODY_BYTES = 1 << 20
_ROW_START = re.compile(rb"<(?:\w+:)?row[\s/>]")
_LEADING_LETTERS = re.compile(r"[A-Z]+")


def _ref_column(ref: str, k: int) -> int:
    """The 0-based column of a cell reference ("AB12"), or ``k`` (its place in the row)
    when it has none."""
    m = _LEADING_LETTERS.match(ref)
    return column_index(m.group(0)) if m else k


_Cells = list[list[tuple[int, str, str]]]  # a preview's rows: each cell's (column, type, text)


def _first_rows(events: Iterable[Any], limits: ReadLimits) -> tuple[_Cells, int, bool]:
    """The cells of a sheet's first ``HEADER_SCAN_ROWS`` rows from its parse events: each
    row's (column, type, text) cells, the highest shared-string index they use, and
    whether a row past them was reached."""
    rows: list[list[tuple[int, str, str]]] = []
    need = -1
    for _, el in events:
        if el.tag != f"{_NS}row":
            continue
        r = int(el.get("r") or len(rows) + 1)
        if r > HEADER_SCAN_ROWS:
            return rows, need, True
        while len(rows) < r - 1:
            rows.append([])
        cells = []
        for k, c in enumerate(el.findall(f"{_NS}c")):
            col = _ref_column(c.get("r") or "", k)
            if col >= limits.max_columns:
                continue
            kind = c.get("t") or "n"
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in c.iter(f"{_NS}t"))
            else:
                v = c.find(f"{_NS}v")
                text = "" if v is None or v.text is None else v.text
            if kind == "s" and text:
                need = max(need, int(text))
            cells.append((col, kind, text))
        rows.append(cells)
        el.clear()
    return rows, need, False


def _first_rows_of_body(body: bytes, limits: ReadLimits) -> tuple[_Cells, int]:
    """``_first_rows`` of a part held whole, parsing only up to the row after them.

    Rows are numbered upwards, so the first ``HEADER_SCAN_ROWS`` + 1 row elements hold
    every row the preview keeps and the one that ends it.  Should they not end it (rows
    numbered out of order, a ``<row`` inside a comment), the whole part is parsed as the
    stream would be."""
    import xml.etree.ElementTree as ET

    cut, prefix = len(body), b""
    for k, m in enumerate(_ROW_START.finditer(body)):
        if k == HEADER_SCAN_ROWS + 1:
            cut, prefix = m.start(), m.group(0)[1:-4]  # (the row tag's "x:", if any)
            break
    # The part up to the cut, its rows closed by the sheet's own end tags, parsed as a
    # tree: expat builds it in C, where a parse yielding an event per element (three per
    # cell) cost about as much as reading the rows.  Any other shape, such as a cut
    # inside a comment, fails to parse and is streamed.
    whole = cut == len(body)
    try:
        root = ET.fromstring(body if whole else body[:cut] + b"</" + prefix + b"sheetData></" + prefix + b"worksheet>")
    except ET.ParseError:
        root = None
    if root is not None:
        found = list(root.iter(f"{_NS}row"))
        # Every row a child of sheetData, as in any sheet Excel writes.  (A row inside a
        # row ends before it: the stream's order, not the tree's, so such a part streams.)
        data = root.find(f"{_NS}sheetData")
        if data is not None and len(data.findall(f"{_NS}row")) == len(found):
            rows, need, ended = _first_rows((("end", el) for el in found), limits)
            if ended or whole:
                return rows, need
    rows, need, _ = _first_rows(ET.iterparse(io.BytesIO(body)), limits)
    return rows, need


def _xlsx_layout(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> dict[str, XlsxSheetInfo] | None:
    """The first rows of every sheet of an .xlsx, as text, without parsing whole sheets.

    calamine (and so fastexcel) parses a whole worksheet even for ``n_rows=40``: on a
    1,000,000-row sheet finding the header that way costs as much as reading the data.
    Streaming the sheet XML and stopping after the first rows costs milliseconds.  Each
    sheet's extent is checked against ``limits`` on the way (see ReadLimits).
    Returns None when the package layout is unusual; the caller then asks fastexcel.
    """
    import posixpath
    import xml.etree.ElementTree as ET

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            wb = ET.fromstring(zf.read("xl/workbook.xml"))
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target") for r in rels}
            sheets: dict[str, str] = {}
            for sh in wb.iter(f"{_NS}sheet"):
                target = targets.get(sh.get(f"{_REL_NS}id"), "") or ""
                part = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
                )
                if part not in names:
                    return None
                sheets[sh.get("name") or ""] = part
            raw: dict[str, _Cells] = {}
            extents: dict[str, Extent | None] = {}
            bodies: dict[str, bytes] = {}
            need = -1
            for sheet_name, part in sheets.items():
                if zf.getinfo(part).file_size <= _BODY_BYTES:
                    bodies[sheet_name] = body = zf.read(part)
                    rows, needed = _first_rows_of_body(body, limits)
                else:
                    extents[sheet_name] = _xlsx_extent(zf, part, limits)
                    with zf.open(part) as fh:
                        rows, needed, _ = _first_rows(ET.iterparse(fh), limits)
                need = max(need, needed)
                raw[sheet_name] = rows
            if bodies:
                extents.update(zip(bodies, _extents_of_bodies(list(bodies.values()), limits), strict=True))
            shared: list[str] = []
            if need >= 0 and "xl/sharedStrings.xml" in names:
                with zf.open("xl/sharedStrings.xml") as fh:
                    for _, el in ET.iterparse(fh):
                        if el.tag == f"{_NS}si":
                            shared.append("".join(t.text or "" for t in el.iter(f"{_NS}t")))
                            el.clear()
                            if len(shared) > need:
                                break
    except (KeyError, ET.ParseError, ValueError, zipfile.BadZipFile):
        return None
    out: dict[str, XlsxSheetInfo] = {}
    for sheet_name, rows in raw.items():
        grid = []
        for cells in rows:
            width = max((c for c, _, _ in cells), default=-1) + 1
            line = [""] * width
            for col, kind, text in cells:
                line[col] = shared[int(text)] if kind == "s" and text and int(text) < len(shared) else text
            grid.append(line)
        while grid and not any(grid[-1]):
            grid.pop()
        out[sheet_name] = XlsxSheetInfo(grid, extents[sheet_name], sheets[sheet_name], bodies.get(sheet_name))
    return out


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), else GB18030 — the superset of the GBK that Excel exports."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _csv_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def _read_csv(path: Path, name: str) -> list[RawSheet]:
    data = path.read_bytes()
    if not data.strip():
        raise OSError(0, "文件为空 (file is empty)")
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        raise OSError(0, f"无法识别编码（非 UTF-8/GBK）(not UTF-8 or GBK text): {exc.reason}") from exc
    return [sheet_from_text(name, path.stem, text, path)]


def sheet_from_text(file: str, sheet: str, text: str, path: Path | None = None) -> RawSheet:
    """A sheet from CSV text: a .csv file, or rows built in memory."""
    rows = _csv_rows(text)
    width = max((len(r) for r in rows), default=0)
    preview = [r + [""] * (width - len(r)) for r in rows[:HEADER_SCAN_ROWS]]
    return RawSheet(file, sheet, preview, list(range(width)), is_csv=True, _path=path, _csv_text=text)
