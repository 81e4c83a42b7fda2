"""Folding of header and sheet names (no pandas: the reader's prefetch thread uses it)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


def fold(text: str) -> str:
    """Fold a header or sheet name: drop all whitespace, full-width → half-width, lower-case.

    Cached: classifying a sheet folds each header cell against every register, and a
    county batch sees the same headers in every office."""
    return _fold(str(text))
