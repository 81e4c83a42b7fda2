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

import csv
import io
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, column_index, column_letter

if TYPE_CHECKING:
    import pandas as pd

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}
HEADER_SCAN_ROWS = 40


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
            try:
                frame, absolute = self._load_arrow(data_start)
            except ImportError:
                raise
            except Exception:
                # fastexcel refuses some mixed columns outright (.ods time cells are
                # durations: {Duration, String}); python-calamine hands over Python
                # objects cell by cell, slower but complete.
                frame, absolute = self._load_objects(data_start)
            pos = {a: i for i, a in enumerate(self.columns)}
            frame.columns = [pos.get(a, -1 - k) for k, a in enumerate(absolute)]
            frame = frame[[c for c in frame.columns if c >= 0]]
            for c in range(len(self.columns)):
                if c not in frame.columns:
                    frame[c] = None
            frame = frame[sorted(frame.columns)]
        frame.index = pd.RangeIndex(data_start + 1, data_start + 1 + len(frame))
        return frame


    def _load_arrow(self, data_start: int) -> tuple[pd.DataFrame, list[int]]:
        sheet = _take_prefetched(self._path, self.sheet, data_start)
        if sheet is None:
            sheet = arrow_sheet(self._path, self.sheet, data_start)
        frame = sheet.to_pandas()
        # selected_columns (all of them: none were deselected) is free; available_columns() costs 0.1 s
        return frame, [c.absolute_index for c in sheet.selected_columns]

    def _load_objects(self, data_start: int) -> tuple[pd.DataFrame, list[int]]:
        import pandas as pd
        import python_calamine

        wb = python_calamine.CalamineWorkbook.from_path(str(self._path))
        rows = wb.get_sheet_by_name(self.sheet).to_python(skip_empty_area=False)[data_start:]
        width = max((len(r) for r in rows), default=0)
        frame = pd.DataFrame([list(r) + [""] * (width - len(r)) for r in rows], dtype=object)
        frame = frame.replace("", None)
        return frame, list(range(width))


def arrow_sheet(path: Path, sheet_name: str, data_start: int):
    """The sheet's data rows as a fastexcel sheet (Arrow columns), typed column by column.

    The header row (the row above the data) names the columns, which keeps fastexcel's
    type inference off the header text.  Strict coercion makes a later cell that does
    not fit the type guessed from the first 1,000 rows an error instead of a silent
    null; we then read again, looking at every row.
    """
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    kwargs = dict(header_row=data_start - 1) if data_start > 0 else dict(header_row=None, skip_rows=0)
    try:
        sheet = reader.load_sheet(sheet_name, dtype_coercion="strict", **kwargs)
        sheet.to_arrow()  # strict coercion reports here
        return sheet
    except Exception as exc:
        if type(exc).__name__ == "UnsupportedColumnTypeCombinationError":
            raise
        return reader.load_sheet(sheet_name, schema_sample_rows=None, **kwargs)


# Prefetch: the command line starts parsing the workbooks in a thread before it imports
# pandas and builds the calendar.  calamine's parse releases the GIL, so on a large file
# the start-up work costs nothing (measured: 0.5 s of imports hidden in a 2.7 s parse).
_prefetched: dict[tuple[str, str, int], object] = {}
_prefetch_thread: threading.Thread | None = None
_prefetch_files: list[Path] = []


def prefetch(paths: list) -> None:
    """Start reading the .xlsx/.xlsm sheets of ``paths`` in the background (best effort)."""
    global _prefetch_thread, _prefetch_files
    files = [Path(p) for p in paths if Path(p).is_file() and Path(p).suffix.lower() in {".xlsx", ".xlsm"}]
    if _prefetch_thread is not None and files == _prefetch_files:
        return  # already started for these files (by the entry point)
    if _prefetch_thread is not None:  # a previous run in this process (tests): start afresh
        _prefetch_thread.join()
        _prefetch_thread = None
    _prefetched.clear()
    _prefetch_files = files
    if not files:
        return

    def work() -> None:
        from .classify import Classified, classify

        for path in files:
            try:
                if _sniff_spreadsheet(path, path.suffix.lower()):
                    continue
                previews = _xlsx_previews(path) or {}
                for sheet_name, preview in previews.items():
                    width = max((len(r) for r in preview), default=0)
                    if not width:
                        continue
                    raw = RawSheet(str(path), sheet_name, [r + [""] * (width - len(r)) for r in preview],
                                   list(range(width)), _path=path)
                    result, _ = classify(raw)
                    if isinstance(result, Classified):
                        _prefetched[_key(path, sheet_name, result.data_start)] = arrow_sheet(
                            path, sheet_name, result.data_start)
            except Exception:  # the normal path will read it and report any problem
                continue

    _prefetch_thread = threading.Thread(target=work, name="gov-audit-prefetch", daemon=True)
    _prefetch_thread.start()


def _key(path: Path, sheet_name: str, data_start: int) -> tuple:
    st = Path(path).stat()  # the same file, unchanged since it was prefetched
    return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size, sheet_name, data_start)


def _take_prefetched(path: Path | None, sheet_name: str, data_start: int):
    if _prefetch_thread is None or path is None:
        return None
    _prefetch_thread.join()
    try:
        return _prefetched.pop(_key(path, sheet_name, data_start), None)
    except OSError:
        return None


def find_inputs(paths: list[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files to audit: the paths given, directories searched recursively."""
    files: list[Path] = []
    errors: list[InputError] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(("~$", ".~"))
            )
            if not found:
                errors.append(InputError(str(p), "unreadable", "目录中没有可审计的表格文件 (no .xlsx/.xls/.ods/.csv files in directory)"))
            files += found
        elif not p.exists():
            errors.append(InputError(str(p), "unreadable", "文件不存在 (file not found)"))
        else:
            files.append(p)
    return files, errors


def read_sheets(path: Path, display: str | None = None) -> tuple[list[RawSheet], list[InputError]]:
    """Every sheet of one file, or an error saying in plain words why it cannot be read."""
    name = display or str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path, name), []
        if suffix not in SPREADSHEET_SUFFIXES:
            return [], [InputError(name, "unreadable", f"不支持的文件类型 {suffix or '(无扩展名)'} (unsupported file type; use .xlsx .xls .ods .csv)")]
        problem = _sniff_spreadsheet(path, suffix)
        if problem:
            return [], [InputError(name, "unreadable", problem)]
        return _read_spreadsheet(path, name), []
    except OSError as exc:
        return [], [InputError(name, "unreadable", f"无法打开文件 (cannot open file): {exc.strerror or exc}")]
    except ImportError:
        raise
    except Exception as exc:  # calamine reports corrupt files with assorted exception types
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [], [InputError(name, "unreadable", f"文件已损坏或不是有效的表格 (corrupt or not a valid workbook): {msg[:200]}")]


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


def _read_spreadsheet(path: Path, name: str) -> list[RawSheet]:
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    quick = _xlsx_previews(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else None
    sheets = []
    for sheet_name in reader.sheet_names:
        if quick is not None and sheet_name in quick:
            preview = quick[sheet_name]
            width = max((len(r) for r in preview), default=0)
            if not width:
                sheets.append(RawSheet(name, sheet_name, [], [], _path=path))  # reported as skipped
                continue
            preview = [r + [""] * (width - len(r)) for r in preview]
            sheets.append(RawSheet(name, sheet_name, preview, list(range(width)), _path=path))
            continue
        try:
            peek = reader.load_sheet(
                sheet_name, header_row=None, skip_rows=0, n_rows=HEADER_SCAN_ROWS, dtypes="string"
            )
        except Exception:  # an empty sheet has no columns to load
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


def _xlsx_previews(path: Path) -> dict[str, list[list[str]]] | None:
    """The first rows of every sheet of an .xlsx, as text, without parsing whole sheets.

    calamine (and so fastexcel) parses a whole worksheet even for ``n_rows=40``: on a
    1,000,000-row sheet finding the header that way costs as much as reading the data.
    Streaming the sheet XML and stopping after the first rows costs milliseconds.
    Returns None when the package layout is unusual; the caller then asks fastexcel.
    """
    import posixpath
    import re
    import xml.etree.ElementTree as ET

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            wb = ET.fromstring(zf.read("xl/workbook.xml"))
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target") for r in rels}
            sheets: dict[str, str] = {}
            for sh in wb.iter(f"{_NS}sheet"):
                target = targets.get(sh.get(f"{_REL_NS}id"), "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
                if part not in names:
                    return None
                sheets[sh.get("name")] = part
            raw: dict[str, list[list[tuple[int, str, str]]]] = {}
            need = -1
            for sheet_name, part in sheets.items():
                rows: list[list[tuple[int, str, str]]] = []
                with zf.open(part) as fh:
                    for _, el in ET.iterparse(fh):
                        if el.tag != f"{_NS}row":
                            continue
                        r = int(el.get("r") or len(rows) + 1)
                        if r > HEADER_SCAN_ROWS:
                            break
                        while len(rows) < r - 1:
                            rows.append([])
                        cells = []
                        for k, c in enumerate(el.findall(f"{_NS}c")):
                            ref = c.get("r") or ""
                            m = re.match(r"[A-Z]+", ref)
                            col = column_index(m.group(0)) if m else k
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
                raw[sheet_name] = rows
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
    out: dict[str, list[list[str]]] = {}
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
        out[sheet_name] = grid
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
    rows = _csv_rows(text)
    width = max((len(r) for r in rows), default=0)
    preview = [r + [""] * (width - len(r)) for r in rows[:HEADER_SCAN_ROWS]]
    return [RawSheet(name, path.stem, preview, list(range(width)), is_csv=True, _path=path, _csv_text=text)]
