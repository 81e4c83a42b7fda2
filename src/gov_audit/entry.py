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


# What typer's help renderer imports at its top and our help never uses: Markdown for help
# written in Markdown (ours is rich markup, ``rich_markup_mode="rich"``), and rich's
# traceback for typer's own exception display (off: ``pretty_exceptions_enable=False``).
# With markdown-it, pygments and rich's syntax highlighting under them: 0.06–0.08 s of a
# 0.2 s ``--help``.
_UNUSED_BY_HELP = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


def rich_help_without_unused_imports() -> None:
    """Import typer's help renderer without the modules it never uses for our help
    (``_UNUSED_BY_HELP``).

    While the renderer is imported, each of them is a stand-in module whose class is the
    real one as soon as it is used (made, or asked for an attribute such as
    ``Traceback.from_exception``); afterwards the names are free, and any other import of
    them gets the real modules."""
    if "typer.rich_utils" in sys.modules or any(m in sys.modules for m in _UNUSED_BY_HELP):
        return
    stand_ins = {module: _stand_in(module, name) for module, name in _UNUSED_BY_HELP.items()}
    sys.modules.update(stand_ins)
    try:
        import typer.rich_utils  # noqa: F401
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


def _stand_in(module: str, name: str) -> Any:
    """A module holding a class ``name`` that hands everything to the real ``module.name``,
    imported when first used (by then the stand-in is out of ``sys.modules``)."""
    import importlib
    import types

    def real() -> Any:
        return getattr(importlib.import_module(module), name)

    class Deferred(type):
        def __getattr__(cls, attr: str) -> Any:
            return getattr(real(), attr)

    class StandIn(metaclass=Deferred):
        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            return real()(*args, **kwargs)

    StandIn.__name__ = StandIn.__qualname__ = name
    stand_in = types.ModuleType(module)
    setattr(stand_in, name, StandIn)
    return stand_in


def main() -> None:
    collect_less_often()
    args = sys.argv[1:]
    if not args or "--help" in args:
        rich_help_without_unused_imports()
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
