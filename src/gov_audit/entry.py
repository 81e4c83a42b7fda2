"""The console entry point: starts reading the workbooks of a ``check`` before anything
else is imported, then hands over to the command line (see read.prefetch)."""

from __future__ import annotations

import sys
from typing import Any, NoReturn


def collect_less_often() -> None:
    """Run the cyclic garbage collector far less often than Python's default.

    A run allocates a great many objects that live until it ends (modules, rule classes,
    frames' metadata, report dicts); with the default thresholds (700, 10, 10) the
    collector ran 417 times in one sample check, 0.11–0.16 s of about 1.6 s, finding
    almost nothing to free (measured: 0.03 s in 21 runs with these).  Cycles are still
    collected: the young generation after 10,000 allocations, the older ones rarely."""
    import gc

    gc.set_threshold(10_000, 100, 100)


def rich_help_without_markdown() -> None:
    """Import typer's help renderer without importing ``rich.markdown``.

    ``typer.rich_utils`` imports ``rich.markdown`` at its top (markdown-it and pygments:
    0.06 s of a 0.2 s ``--help``) for help written in Markdown.  Ours is rich markup
    (``rich_markup_mode="rich"``), so it never makes one.  While the renderer is imported,
    ``rich.markdown`` is a stand-in whose ``Markdown`` makes the real one should anything
    ever call it; afterwards the name is free, and any other import of it gets the real
    module."""
    import types

    if "typer.rich_utils" in sys.modules or "rich.markdown" in sys.modules:
        return
    stand_in = types.ModuleType("rich.markdown")

    class Markdown:
        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            from rich.markdown import Markdown as real  # (the stand-in is gone by now)

            return real(*args, **kwargs)

    stand_in.Markdown = Markdown  # type: ignore[attr-defined]
    sys.modules["rich.markdown"] = stand_in
    try:
        import typer.rich_utils  # noqa: F401
    finally:
        if sys.modules.get("rich.markdown") is stand_in:
            del sys.modules["rich.markdown"]


def main() -> None:
    collect_less_often()
    args = sys.argv[1:]
    if not args or "--help" in args:
        rich_help_without_markdown()
    if args[:1] == ["check"]:
        from .read import prefetch

        # Every check option takes a value: skip those, keep the paths.
        paths = [
            a for i, a in enumerate(args[1:], start=1) if not a.startswith("-") and not args[i - 1].startswith("-")
        ]
        from .classify import data_start_of

        prefetch(paths, data_start_of)
    from .cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        exit_now(exc.code)
    exit_now(0)


def exit_now(code: object) -> NoReturn:
    """End the process at once, with ``code`` as ``sys.exit`` would read it.

    By now every report is written and closed (renamed into place atomically, a batch's
    spool closed); what a normal exit would do next is free the audit's objects one by one
    and tear the modules down: 0.15–0.2 s after a million-row check, for a process that is
    ending anyway.  Only the console entry point does this, never the library or the tests'
    in-process runs."""
    import contextlib
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away (| head), a closed stream
            stream.flush()
    os._exit(status)
