"""The console entry point: starts reading the workbooks of a ``check`` before anything
else is imported, then hands over to the command line (see read.prefetch)."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["check"]:
        from .read import prefetch

        # Every check option takes a value: skip those, keep the paths.
        paths = [
            a for i, a in enumerate(args[1:], start=1) if not a.startswith("-") and not args[i - 1].startswith("-")
        ]
        from .classify import data_start_of

        prefetch(paths, data_start_of)
    from .cli import main as cli_main

    cli_main()
