"""The front of the pipeline in one call: read → classify → normalize, for every input."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .classify import Classified, Skipped, classify
from .errors import InputError
from .normalize import NormalizeOptions, RegisterData, combine, normalize
from .read import DEFAULT_LIMITS, ReadLimits, SheetUnreadable, fatal, find_inputs, read_sheets


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


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_registers(paths: list[str | Path], options: NormalizeOptions | None = None,
                   display_root: Path | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> Intake:
    files, errors = find_inputs(paths)
    parts: dict[str, list[RegisterData]] = {}
    inputs: list[InputFile] = []
    skipped: list[Skipped] = []
    for path in files:
        display = _display(path, display_root)
        sheets, errs = read_sheets(path, display, limits)
        errors += errs
        info = InputFile(display, sha256_of(path) if path.exists() else "")
        inputs.append(info)
        errors_before = len(errors)
        skipped_before = len(skipped)
        for sheet in sheets:
            try:
                result, errs = classify(sheet)
                errors += errs
                if isinstance(result, Skipped):
                    skipped.append(result)
                    info.sheets[sheet.sheet] = "skipped"
                elif isinstance(result, Classified):
                    data, errs = normalize(result, options)
                    errors += errs
                    parts.setdefault(data.key, []).append(data)
                    info.sheets[sheet.sheet] = data.key
                else:
                    info.sheets[sheet.sheet] = "error"
            except BaseException as exc:  # the reading boundary: one sheet's failure is that sheet's error
                if fatal(exc):
                    raise
                info.sheets[sheet.sheet] = "error"
                where = None if sheet.is_csv else sheet.sheet
                if isinstance(exc, SheetUnreadable):
                    errors.append(InputError(display, "unreadable", f"工作表无法读取 (sheet cannot be read): {exc}",
                                             sheet=where))
                else:
                    errors.append(InputError(display, "internal",
                                             f"读取工作表时内部错误，请报告此问题 (internal error reading the sheet; "
                                             f"please report): {type(exc).__name__}: {_first_line(exc)}", sheet=where))
        if sheets and len(errors) == errors_before and not any(
                v not in ("skipped", "error") for v in info.sheets.values()):
            # A file in which nothing could be audited is never "no findings".
            errors += _nothing_recognised(display, skipped[skipped_before:])
    registers = {k: combine(v) for k, v in sorted(parts.items())}
    return Intake(registers, inputs, skipped, errors)


def _nothing_recognised(display: str, skipped: list[Skipped]) -> list[InputError]:
    """One error per sheet of a file with no register in it: what each sheet resembles."""
    out = []
    for sk in skipped:
        if sk.known:
            continue
        where = None if sk.sheet.is_csv else sk.sheet.sheet
        if sk.resembles is None:
            why = "空工作表 (empty)" if "empty" in sk.reason else "表头不符合任何台账 (no register's headers)"
            out.append(InputError(display, "missing_column", f"未识别出任何台账：{why} (no register recognised)",
                                  sheet=where))
        else:
            reg = sk.resembles
            lacks = "、".join(sk.lacks) or "—"
            out.append(InputError(
                display, "missing_column",
                f"未识别出任何台账：最接近“{reg.title}”({reg.key})，缺少 {lacks} "
                f"(no register recognised; closest is {reg.key}, lacking {lacks})", sheet=where))
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
