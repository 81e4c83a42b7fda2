"""Reading + normalizing a 1,000,000-row attendance workbook vs the fastest plain read.

    python benchmarks/bench_read.py [FILE]      (default: benchmarks/data/attendance_1m.xlsx, generated if missing)

Both sides run in fresh processes, one after the other, on the same file:

* plain: ``fastexcel.read_excel(f).load_sheet(0, header_row=1).to_pandas()`` — the
  fastest way to get the sheet into pandas, with no typing or checking;
* gov-audit: ``load_registers([f])`` — header detection, classification, typing every
  column (dates, times), cell-located error checks, provenance.

Also measured for the record: python-calamine's ``to_python`` (the fallback reader).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure  # noqa: E402

DEFAULT = Path(__file__).parent / "data" / "attendance_1m.xlsx"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        from make_attendance import build

        build(path, 4000, 250)
    f = str(path)
    plain = measure(f"import fastexcel\ndf = fastexcel.read_excel({f!r}).load_sheet(0, header_row=1).to_pandas()")
    calamine = measure(
        f"import python_calamine\nrows = python_calamine.CalamineWorkbook.from_path({f!r})"
        ".get_sheet_by_index(0).to_python()"
    )
    ours = measure(
        f"from gov_audit.intake import load_registers\nit = load_registers([{f!r}])\n"
        "assert not it.errors, it.errors[:3]\nassert len(it.registers['attendance'].frame) > 0"
    )
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"fastexcel plain read     {plain['seconds']:6.2f} s  peak {plain['peak_mb']:6.0f} MB")
    print(f"python-calamine objects  {calamine['seconds']:6.2f} s  peak {calamine['peak_mb']:6.0f} MB")
    print(f"gov-audit read+normalize {ours['seconds']:6.2f} s  peak {ours['peak_mb']:6.0f} MB")
    print(f"ratio gov-audit / plain: {ours['seconds'] / plain['seconds']:.2f}x")


if __name__ == "__main__":
    main()
