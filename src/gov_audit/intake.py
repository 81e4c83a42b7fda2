"""The front of the pipeline in one call: read → classify → normalize, for every input."""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from .classify import Classified, Skipped, classify
from .errors import InputError
from .normalize import NormalizeOptions, RegisterData, combine, normalize_sheets
from .read import (
    DEFAULT_LIMITS,
    RawSheet,
    ReadLimits,
    SheetUnreadable,
    background,
    fatal,
    find_inputs,
    read_sheets,
    release_readers,
)


@dataclass
class InputFile:
    path: str
    sha256: str
    sheets: dict[str, str] = field(default_factory=dict)  # sheet → register key (or "skipped")


@dataclass
class Intake:
    registers: dict[str, RegisterData]
    inputs: list[InputFile]
    skipped: list[Skipped]
    errors: list[InputError]
    titles: list[str] = field(default_factory=list)  # the title rows above the registers' headers
    # How the registers' text is held (see text_storage): the rules and the report work
    # under the same, so that no operation meets the two kinds of text together.
    text_storage: str = "pyarrow"

    def text_held(self) -> contextlib.AbstractContextManager:
        """pandas making new text as these registers hold theirs, for the work done on them."""
        return _text_held(self.text_storage)

    @property
    def office(self) -> str:
        """The office these registers belong to: from their title rows, else the input's name
        (a folder of CSV exports is named by its folder, a workbook by its file)."""
        named = office_from_titles(self.titles)
        if named:
            return named
        if not self.inputs:
            return "本单位"
        first = Path(self.inputs[0].path)
        return (first.parent.name or first.stem) if first.suffix.lower() == ".csv" else first.stem


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# An office's input up to this size (on disk, all files) holds its text as Python strings.
SMALL_INPUT_BYTES = 256 * 1024


def text_storage(files: Sequence[Path]) -> str:
    """How pandas holds the text of these files' registers: ``"python"`` for a small office,
    ``"pyarrow"`` otherwise.

    The report is the same either way (a property in tests/test_properties.py audits odd
    text both ways and compares the JSON bytes); only the cost differs.  On a register of
    a few hundred rows every text operation pays pyarrow's fixed cost per call (a filter,
    a take, a conversion), and an office of 29 small sheets spends 15–20 % of its CPU
    there; on a large register Arrow's kernels win (the million-row check took 4.1 s with
    Arrow text, 5.5 s with Python strings, and 110 MB more).  Measured on the DingTalk and
    grid exports at 30, 100 and 300 staff (57 KB to 420 KB): within the noise of each
    other from about 150 KB, hence the bound."""
    size = 0
    for f in files:
        with contextlib.suppress(OSError):  # reported by the reader, which tries to open it
            size += f.stat().st_size
    return "python" if size <= SMALL_INPUT_BYTES else "pyarrow"


def _text_held(storage: str) -> contextlib.AbstractContextManager:
    import pandas as pd

    return pd.option_context("mode.string_storage", storage)


def load_registers(
    paths: Sequence[str | Path],
    options: NormalizeOptions | None = None,
    display_root: Path | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Intake:
    return load_offices([paths], options, display_root, limits)[0]


def load_offices(
    offices: Sequence[Sequence[str | Path]],
    options: NormalizeOptions | None = None,
    display_root: Path | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> list[Intake]:
    """Each office's registers, as ``load_registers`` reads them one office at a time.

    Every office's files are read and classified on their own; the sheets of offices
    whose text is held alike are then typed together (``normalize.normalize_sheets``:
    a county's offices fill one template, and typing a small sheet is nearly all fixed
    cost), and each office gets back its own sheets' rows and errors, in its own order."""
    found = [find_inputs(paths) for paths in offices]
    storages = [text_storage(files) for files, _ in found]
    intakes: dict[int, Intake] = {}
    for storage in sorted(set(storages)):
        members = [i for i, s in enumerate(storages) if s == storage]
        with _text_held(storage):
            read = {i: [_read_file(path, display_root, limits) for path in found[i][0]] for i in members}
            try:
                _type_sheets([s for i in members for f in read[i] for s in f.sheets], options)
            finally:
                release_readers()
        for i in members:
            intakes[i] = _assemble(read[i], found[i][1])
            intakes[i].text_storage = storage
    return [intakes[i] for i in range(len(offices))]


@dataclass
class _Sheet:
    """One sheet on its way in: what classify made of it, then its register rows."""

    sheet: RawSheet
    display: str
    errors: list[InputError] = field(default_factory=list)
    outcome: str = "error"  # the register key, "skipped" or "error" (InputFile.sheets)
    classified: Classified | None = None
    skipped: Skipped | None = None
    titles: list[str] = field(default_factory=list)
    data: RegisterData | None = None


@dataclass
class _File:
    info: InputFile
    errors: list[InputError]  # the reader's
    sheets: list[_Sheet]
    digest: Future[str] | None = None  # the file's sha256, hashed while its sheets are typed


def _read_file(path: Path, display_root: Path | None, limits: ReadLimits) -> _File:
    display = _display(path, display_root)
    # hashlib lets go of the GIL on large buffers: the workbook is hashed while it is parsed.
    digest = background("hash").submit(sha256_of, path) if path.exists() else None
    sheets, errors = read_sheets(path, display, limits)
    info = InputFile(display, "")
    return _File(info, errors, [_classify_sheet(sheet, display) for sheet in sheets], digest)


def _assemble(files: list[_File], errors: list[InputError]) -> Intake:
    """An office's intake from its files' sheets, in the order they were read."""
    parts: dict[str, list[RegisterData]] = {}
    inputs: list[InputFile] = []
    skipped: list[Skipped] = []
    titles: list[str] = []
    for f in files:
        errors += f.errors
        inputs.append(f.info)
        errors_before = len(errors)
        skipped_before = len(skipped)
        _take_sheets(f, parts, skipped, titles, errors)
        if (
            f.sheets
            and len(errors) == errors_before
            and not any(v not in ("skipped", "error") for v in f.info.sheets.values())
        ):
            # A file in which nothing could be audited is never "no findings".
            errors += _nothing_recognised(f.info.path, skipped[skipped_before:])
        f.info.sha256 = f.digest.result() if f.digest is not None else ""
    registers = {k: combine(v) for k, v in sorted(parts.items())}
    return Intake(registers, inputs, skipped, errors, titles)


def _take_sheets(
    f: _File,
    parts: dict[str, list[RegisterData]],
    skipped: list[Skipped],
    titles: list[str],
    errors: list[InputError],
) -> None:
    for s in f.sheets:
        errors += s.errors
        titles += s.titles
        if s.skipped is not None:
            skipped.append(s.skipped)
        if s.data is not None:
            parts.setdefault(s.data.key, []).append(s.data)
        f.info.sheets[s.sheet.sheet] = s.outcome


# A register's title names the office, then the year and the register: "清河县人口和计划生育局
# 2026年信访登记台账", "…局机关2026年9—10月考勤登记表", "…局局领导接访登记".
_TITLE_CUT = re.compile(
    r"(?:\d{4}\s*年|20\d\d|机关|局领导|领导|信访|考勤|请销假|请假|政务|信息|依申请|群众|舆情|突发|"
    r"门户|网站|会议|效能|财务|人员|花名册|台账|登记|记录|统计|汇总)"
)
_ORG_END = re.compile(r"(?:局|委员会|委|办公室|办|中心|政府|院|所|站|队|厅|部|处|科|室|会|街道|镇|乡)$")


def _title_rows(result: Classified) -> list[str]:
    rows = result.sheet.preview[: result.header_rows[0]]
    return [next(c.strip() for c in row if c and c.strip()) for row in rows if any(c and c.strip() for c in row)][:1]


def office_from_titles(titles: list[str]) -> str:
    """The office most titles name (the text before the year or the register's name)."""
    names = []
    for t in titles:
        m = _TITLE_CUT.search(t)
        name = t[: m.start()].strip(" ：:·-—") if m else ""
        if 2 <= len(name) <= 40 and _ORG_END.search(name):
            names.append(name)
    if not names:
        return ""
    counts = Counter(names)
    return max(sorted(counts), key=lambda n: counts[n])


def _nothing_recognised(display: str, skipped: list[Skipped]) -> list[InputError]:
    """One error per sheet of a file with no register in it: what each sheet resembles."""
    out = []
    for sk in skipped:
        if sk.known:
            continue
        where = None if sk.sheet.is_csv else sk.sheet.sheet
        if sk.resembles is None:
            why = "空工作表 (empty)" if "empty" in sk.reason else "表头不符合任何台账 (no register's headers)"
            out.append(
                InputError(display, "missing_column", f"未识别出任何台账：{why} (no register recognised)", sheet=where)
            )
        else:
            reg = sk.resembles
            lacks = "、".join(sk.lacks) or "—"
            out.append(
                InputError(
                    display,
                    "missing_column",
                    f"未识别出任何台账：最接近“{reg.title}”({reg.key})，缺少 {lacks} "
                    f"(no register recognised; closest is {reg.key}, lacking {lacks})",
                    sheet=where,
                )
            )
    if not out:
        out.append(InputError(display, "missing_column", "文件中没有可审计的台账 (no register in this file)"))
    return out


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0][:200]


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)


def _classify_sheet(sheet: RawSheet, display: str) -> _Sheet:
    """What one sheet is: a register to type, a sheet to skip, or an error."""
    taken = _Sheet(sheet, display)
    try:
        result, errs = classify(sheet)
        taken.errors += errs
        if isinstance(result, Skipped):
            taken.skipped = result
            taken.outcome = "skipped"
        elif isinstance(result, Classified):
            taken.titles = _title_rows(result)
            taken.classified = result
    except BaseException as exc:  # the reading boundary: one sheet's failure is that sheet's error
        if fatal(exc):
            raise
        taken.errors.append(_sheet_failed(sheet, display, exc))
    return taken


def _type_sheets(sheets: list[_Sheet], options: NormalizeOptions | None) -> None:
    """The classified sheets' rows, typed (together where they can be: normalize_sheets)."""
    todo = [s for s in sheets if s.classified is not None]
    results = normalize_sheets([s.classified for s in todo if s.classified is not None], options)
    for s, result in zip(todo, results, strict=True):
        if isinstance(result, BaseException):
            s.errors.append(_sheet_failed(s.sheet, s.display, result))
            continue
        data, errs = result
        s.errors += errs
        if data is not None:  # (None: e.g. a grid whose month nobody states: its errors say why)
            s.data = data
            s.outcome = data.key


def _sheet_failed(sheet: RawSheet, display: str, exc: BaseException) -> InputError:
    where = None if sheet.is_csv else sheet.sheet
    if isinstance(exc, SheetUnreadable):
        return InputError(display, "unreadable", f"工作表无法读取 (sheet cannot be read): {exc}", sheet=where)
    return InputError(
        display,
        "internal",
        f"读取工作表时内部错误，请报告此问题 (internal error reading the sheet; "
        f"please report): {type(exc).__name__}: {_first_line(exc)}",
        sheet=where,
    )


def intake_of(sheets: Sequence[RawSheet], options: NormalizeOptions | None = None, name: str = "内存") -> Intake:
    """Registers from sheets already in memory (the tests' family harness, other front ends)."""
    f = _File(InputFile(name, ""), [], [_classify_sheet(sheet, name) for sheet in sheets])
    _type_sheets(f.sheets, options)
    parts: dict[str, list[RegisterData]] = {}
    skipped: list[Skipped] = []
    titles: list[str] = []
    errors: list[InputError] = []
    _take_sheets(f, parts, skipped, titles, errors)
    registers = {k: combine(v) for k, v in sorted(parts.items())}
    return Intake(registers, [f.info], skipped, errors, titles)
