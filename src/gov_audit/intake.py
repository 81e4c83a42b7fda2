"""The front of the pipeline in one call: read → classify → normalize, for every input."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .classify import Classified, Skipped, classify
from .errors import InputError
from .normalize import NormalizeOptions, RegisterData, combine, normalize
from .read import find_inputs, read_sheets


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
                   display_root: Path | None = None) -> Intake:
    files, errors = find_inputs(paths)
    parts: dict[str, list[RegisterData]] = {}
    inputs: list[InputFile] = []
    skipped: list[Skipped] = []
    for path in files:
        display = _display(path, display_root)
        sheets, errs = read_sheets(path, display)
        errors += errs
        info = InputFile(display, sha256_of(path) if path.exists() else "")
        inputs.append(info)
        for sheet in sheets:
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
    registers = {k: combine(v) for k, v in sorted(parts.items())}
    return Intake(registers, inputs, skipped, errors)


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)
