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
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, column_letter

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
        import fastexcel

        reader = fastexcel.read_excel(str(self._path))
        sheet = reader.load_sheet(self.sheet, header_row=None, skip_rows=data_start, schema_sample_rows=None)
        frame = sheet.to_pandas()
        return frame, [c.absolute_index for c in sheet.available_columns()]

    def _load_objects(self, data_start: int) -> tuple[pd.DataFrame, list[int]]:
        import python_calamine

        wb = python_calamine.CalamineWorkbook.from_path(str(self._path))
        rows = wb.get_sheet_by_name(self.sheet).to_python(skip_empty_area=False)[data_start:]
        width = max((len(r) for r in rows), default=0)
        frame = pd.DataFrame([list(r) + [""] * (width - len(r)) for r in rows], dtype=object)
        frame = frame.replace("", None)
        return frame, list(range(width))


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
            with zipfile.ZipFile(path) as zf:
                bad = zf.testzip()
        except zipfile.BadZipFile:
            return "文件不完整或已损坏（压缩包无法打开）(truncated or corrupt: the zip container cannot be opened)"
        if bad:
            return f"文件已损坏（{bad} 校验失败）(corrupt: {bad} fails its checksum)"
    elif suffix == ".xls" and not head.startswith(_OLE_MAGIC):
        return "不是有效的 .xls 文件 (not a legacy Excel .xls workbook)"
    return None


def _read_spreadsheet(path: Path, name: str) -> list[RawSheet]:
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    sheets = []
    for sheet_name in reader.sheet_names:
        try:
            peek = reader.load_sheet(
                sheet_name, header_row=None, skip_rows=0, n_rows=HEADER_SCAN_ROWS, dtypes="string"
            )
        except Exception:  # an empty sheet has no columns to load
            continue
        cols = [c.absolute_index for c in peek.available_columns()]
        df = peek.to_pandas()
        preview = [["" if pd.isna(v) else str(v) for v in row] for row in df.itertuples(index=False)]
        sheets.append(RawSheet(name, sheet_name, preview, cols, _path=path))
    return sheets


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
