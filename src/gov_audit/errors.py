"""Input errors: typed objects carrying where the problem is, rendered by one template.

Errors are collected, never raised through the pipeline: a bad cell keeps its row out
of the rules that need that value, the rest of the data is still audited, and the CLI
exits 2 so a scheduled run is noticed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass


def column_letter(index: int) -> str:
    """0-based column index → Excel column letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel column letters → 0-based index (A → 0, AB → 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


_CELL = re.compile(r"([A-Z]+)(\d+)")


def cell_position(cell: str | None) -> tuple[int, int, str]:
    """Sort key for a cell reference in reading order: row, then column (C12 → (12, 2, ""))."""
    m = _CELL.fullmatch(cell or "")
    if not m:
        return (0, -1, cell or "")
    return (int(m.group(2)), column_index(m.group(1)), "")


@dataclass(frozen=True, order=True)
class InputError:
    """One thing wrong with the input, located as precisely as the input allows."""

    file: str
    kind: str  # usage | unreadable | rulebook | calendar | missing_column | bad_value | duplicate
    message: str
    sheet: str | None = None
    cell: str | None = None  # "C12" (or "L12" for a CSV line)
    column: str | None = None  # canonical column name
    value: str | None = None
    expected: str | None = None

    def render(self) -> str:
        """The one template every error is printed with (one line, no traceback)."""
        where = self.file
        if self.sheet:
            where += f": {self.sheet}"
            if self.cell:
                where += f"!{self.cell}"
        elif self.cell:
            where += f": {self.cell}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (值 value: {self.value!r}"
            text += f"; 应为 expected: {self.expected})" if self.expected else ")"
        return text.replace("\n", " ")

    @classmethod
    def from_json(cls, d: dict) -> InputError:
        """Back from a report's ``errors`` entry (batch workers hand errors over as JSON)."""
        return cls(
            d.get("file") or "",
            d.get("kind") or "",
            d.get("message") or "",
            d.get("sheet"),
            d.get("cell"),
            d.get("column"),
            d.get("value"),
            d.get("expected"),
        )

    def to_json(self) -> dict:
        d = {k: (v if v is None or isinstance(v, str) else str(v)) for k, v in asdict(self).items()}
        return {k: d[k] for k in ("file", "sheet", "cell", "column", "value", "expected", "kind", "message")}


class InputFailure(Exception):
    """Raised only where nothing else can go on (e.g. an invalid rulebook)."""

    def __init__(self, errors: list[InputError]):
        super().__init__("; ".join(e.render() for e in errors))
        self.errors = errors
